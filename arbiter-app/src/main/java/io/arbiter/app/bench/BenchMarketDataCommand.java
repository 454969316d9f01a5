package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.ReportFiles;
import io.arbiter.app.VersionProvider;
import io.arbiter.app.loadgen.DurationConverter;
import io.arbiter.loadgen.Durations;
import io.arbiter.loadgen.Json;
import io.arbiter.loadgen.LatencySummary;
import io.arbiter.loadgen.LoadGenerator;
import io.arbiter.loadgen.LoadGeneratorConfig;
import io.arbiter.loadgen.LoadResult;
import io.arbiter.loadgen.MachineInfo;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code arbiter bench marketdata}: the cost of the market-data feed to order entry. Against one node started in this
 * process, runs the same open-loop load at one rate without feed subscribers and with N, alternating for some rounds,
 * and prints the ack latency of both with the trade to subscriber latency. Control plane; used by one thread, once;
 * produces garbage.
 */
@Command(
    name = "marketdata",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Order entry with and without market-data subscribers: the same open-loop load at one rate against a node " +
            "started in-process (embedded defaults, free loopback ports, temp data dir), without feed subscribers " +
            "and with --md-subscribers, alternating for --rounds.",
        "Prints ack p50/p99 of both, the ratio of the ack p50s (target: within 10%%), the trade to subscriber " +
            "latency (from each taker order's intended send time to the public trade's arrival at each subscriber), " +
            "the subscribers that subscribed in time, were disconnected or closed as slow consumers, and the CPU of " +
            "each thread role per 1,000 requests.",
        "Each run has a deadline (--step-deadline); a run that overruns it ends the command with exit code 1.",
        ""
    })
public final class BenchMarketDataCommand implements Callable<Integer>
{
    @Option(names = { "-r", "--rate" }, paramLabel = "REQUESTS_PER_S",
        description = "Offered rate of both runs, e.g. 100k (default: ${DEFAULT-VALUE}).")
    private String rate = "100k";

    @Option(names = "--md-subscribers", paramLabel = "N",
        description = "Feed subscribers of the runs with subscribers (default: ${DEFAULT-VALUE}).")
    private int subscribers = 1000;

    @Option(names = "--rounds", paramLabel = "N",
        description = "Pairs of runs (without, with), alternating (default: ${DEFAULT-VALUE}).")
    private int rounds = 1;

    @Option(names = "--step-duration", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Measured length of each run (default: 10s).")
    private long stepNs = TimeUnit.SECONDS.toNanos(10);

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Warm-up of each run at its rate, excluded from the figures (default: 3s).")
    private long warmupNs = TimeUnit.SECONDS.toNanos(3);

    @Option(names = { "-c", "--connections" }, paramLabel = "N",
        description = "Order entry connections (default: ${DEFAULT-VALUE}).")
    private int connections = 100;

    @Option(names = "--batch", paramLabel = "N",
        description = "Most requests per socket write (default: ${DEFAULT-VALUE}).")
    private int batch = 8;

    @Option(names = "--io-threads", paramLabel = "N",
        description = "Load generator event loop threads, for order entry and again for the subscribers " +
            "(default: half the cores, 1 to 4).")
    private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    @Option(names = "--step-deadline", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Longest a run may take from connecting to closing, beyond its warm-up and measured time " +
            "(default: 3m).")
    private long deadlineNs = TimeUnit.MINUTES.toNanos(3);

    @Option(names = "--node-setting", paramLabel = "KEY=VALUE",
        description = "A setting of the in-process node (docs/configuration.md), e.g. " +
            "marketdata.fanOutNanosPerSubscriber=2000; repeatable.")
    private Map<String, String> nodeSettings = new LinkedHashMap<>();

    @Option(names = "--no-overload",
        description = "Start the in-process node with overload protection off (overload.enabled=false), so that a " +
            "busy machine measures the feed's cost rather than the protection's rejects (default: on).")
    private boolean noOverload;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the order flow (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write all figures as JSON to this file.")
    private Path json;

    /**
     * Runs the pairs; picocli calls it after parsing the options.
     *
     * @return 0 when every run counted no error, 1 otherwise, 2 for invalid options.
     * @throws Exception if the node cannot start, the run is interrupted or the JSON cannot be written.
     */
    @Override
    public Integer call() throws Exception
    {
        final long offered;
        try
        {
            offered = BenchE2eCommand.parseRate(rate, false);
            if (subscribers < 1 || rounds < 1 || stepNs <= 0 || warmupNs < 0 || connections < 1 || batch < 1 ||
                ioThreads < 1 || deadlineNs <= 0)
            {
                throw new IllegalArgumentException("--md-subscribers, --rounds, --step-duration, --connections, " +
                    "--batch, --io-threads and --step-deadline must be positive, --warmup not negative");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("invalid options: " + ex.getMessage());
            return ArbiterMain.EXIT_USAGE;
        }
        final Path dataDir = Files.createTempDirectory("arbiter-bench-marketdata-");
        final Properties settings = new Properties();
        settings.putAll(nodeSettings);
        final ServerConfigLoader loader = new ServerConfigLoader();
        final ServerContext context = loader.apply(loader.loadDefaults(), settings, "--node-setting")
            .port(0).marketDataPort(0).adminPort(0).bindAddress("127.0.0.1").dataDir(dataDir.toString());
        if (noOverload)
        {
            context.overloadEnabled(false);
        }
        BenchE2eCommand.raiseConnectionLimits(context, connections);
        ServerConfigLoader.validate(context);
        final List<LoadResult> without = new ArrayList<>();
        final List<LoadResult> with = new ArrayList<>();
        final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread thread = new Thread(r, "arbiter-bench-deadline");
            thread.setDaemon(true);
            return thread;
        });
        try (ArbiterNode node = new ArbiterNode(context).start())
        {
            System.err.printf("arbiter bench marketdata: node in-process on 127.0.0.1:%d, feed on %d (%s)%n",
                node.port(), node.marketDataPort(), node.transport());
            for (int round = 0; round < rounds; round++)
            {
                without.add(runWithDeadline(watchdog, node, offered, 0, round, without, with));
                with.add(runWithDeadline(watchdog, node, offered, subscribers, round, without, with));
            }
        }
        finally
        {
            watchdog.shutdownNow();
            ReportFiles.deleteTree(dataDir);
        }
        final String table = table(offered, without, with);
        System.out.print(table);
        if (json != null)
        {
            ReportFiles.write(json, Json.write(describe(offered, without, with)));
        }
        final boolean clean = without.stream().allMatch(r -> r.errors() == 0) &&
            with.stream().allMatch(r -> r.errors() == 0);
        return clean ? ArbiterMain.EXIT_OK : ArbiterMain.EXIT_FAILURE;
    }

    /**
     * One run, under a deadline: a run that overruns it (a wait that never ends) prints the figures so far and ends
     * the process, so that the command always finishes in bounded time.
     */
    private LoadResult runWithDeadline(
        final ScheduledExecutorService watchdog, final ArbiterNode node, final long offered, final int feedSubscribers,
        final int round, final List<LoadResult> without, final List<LoadResult> with) throws Exception
    {
        final long limitNs = warmupNs + stepNs + deadlineNs;
        final ScheduledFuture<?> alarm = watchdog.schedule(() ->
        {
            System.err.printf("arbiter bench marketdata: round %d with %d feed subscribers did not finish within " +
                "%s (--step-deadline %s beyond warm-up and measured time): giving up%n", round + 1, feedSubscribers,
                Durations.format(limitNs), Durations.format(deadlineNs));
            if (!without.isEmpty())
            {
                System.out.print(table(offered, without, with));
            }
            System.out.flush();
            Runtime.getRuntime().halt(ArbiterMain.EXIT_FAILURE);
        }, limitNs, TimeUnit.NANOSECONDS);
        try
        {
            final long slowBefore = node.marketData().agent().slowConsumersClosed();
            final long messagesBefore = node.marketData().agent().messagesSent();
            final LoadResult result = run(node, offered, feedSubscribers, round);
            result.counts.put("md_slow_consumers_closed", node.marketData().agent().slowConsumersClosed() - slowBefore);
            result.counts.put("md_messages_sent", node.marketData().agent().messagesSent() - messagesBefore);
            return result;
        }
        finally
        {
            alarm.cancel(false);
        }
    }

    private LoadResult run(final ArbiterNode node, final long offered, final int feedSubscribers, final int round)
        throws Exception
    {
        System.err.printf("arbiter bench marketdata: round %d/%d, %d requests/s, %d feed subscribers, warm-up %s, " +
            "measured %s%n", round + 1, rounds, offered, feedSubscribers, Durations.format(warmupNs),
            Durations.format(stepNs));
        final LoadGeneratorConfig config = new LoadGeneratorConfig()
            .host("127.0.0.1")
            .port(node.port())
            .connections(connections)
            .rate(offered)
            .durationNs(stepNs)
            .warmupNs(warmupNs)
            .seed(seed + round)
            .batch(batch)
            .ioThreads(ioThreads)
            .marketDataSubscribers(feedSubscribers)
            .marketDataPort(node.marketDataPort())
            .metricsUrl("http://127.0.0.1:" + node.adminPort() + "/metrics")
            .serverPid(ProcessHandle.current().pid())
            .progress(false);
        config.validate();
        return new LoadGenerator(config, System.err).run();
    }

    private String table(final long offered, final List<LoadResult> without, final List<LoadResult> with)
    {
        final StringBuilder out = new StringBuilder(2048);
        out.append(String.format(Locale.ROOT, "%-6s %11s %10s %10s %11s %11s %11s %11s %10s %7s %10s %8s %7s " +
            "%9s%n", "round", "subscribers", "offered/s", "acked/s", "ack p50 us", "ack p99 us", "md p50 us",
            "md p99 us", "md trades", "errors", "subscribed", "dropped", "slow", "snapshots"));
        for (int i = 0; i < without.size(); i++)
        {
            row(out, i + 1, without.get(i));
            if (i < with.size())
            {
                row(out, i + 1, with.get(i));
            }
        }
        cpuTable(out, without, with);
        final double p50Without = medianP50(without);
        final double p50With = medianP50(with);
        out.append(String.format(Locale.ROOT, "%nack p50 with %d subscribers: %.1f us, without: %.1f us, ratio " +
            "%.3f (median of %d round%s; target: at most 1.10) at %d requests/s offered%n", subscribers,
            p50With / 1e3, p50Without / 1e3, p50Without == 0 ? 0 : p50With / p50Without, with.size(),
            with.size() == 1 ? "" : "s", offered));
        return out.toString();
    }

    private static void row(final StringBuilder out, final int round, final LoadResult result)
    {
        final LatencySummary ack = LatencySummary.of(result.ackLatency);
        final LatencySummary md = LatencySummary.of(result.marketDataLatency);
        out.append(String.format(Locale.ROOT, "%-6d %11d %10.0f %10.0f %11.1f %11.1f %11s %11s %10d %7d %10d %8d " +
            "%7d %9d%n", round,
            result.count("md_subscribers"), result.offeredRatePerS, result.ackedRatePerS, ack.p50() / 1e3,
            ack.p99() / 1e3, md.count() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", md.p50() / 1e3),
            md.count() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", md.p99() / 1e3), md.count(),
            result.errors(), result.count("md_subscribed"), result.count("md_disconnects") +
                result.count("md_connect_failures"), result.count("md_slow_consumers_closed"),
            result.count("md_snapshots")));
    }

    /** CPU of each thread role per 1,000 requests sent (ms), per run. */
    private static void cpuTable(final StringBuilder out, final List<LoadResult> without, final List<LoadResult> with)
    {
        final List<String> roles = new ArrayList<>();
        for (final LoadResult result : without)
        {
            if (result.cpu != null)
            {
                roles.addAll(result.cpu.roleMicrosPerRequest(1).keySet());
                break;
            }
        }
        if (roles.isEmpty())
        {
            return;
        }
        out.append(String.format(Locale.ROOT, "%nCPU ms per 1,000 requests sent, by thread%n%-6s %11s", "round",
            "subscribers"));
        for (final String role : roles)
        {
            out.append(' ').append(pad(role, Math.max(8, role.length())));
        }
        out.append(String.format(Locale.ROOT, " %8s%n", "cores"));
        for (int i = 0; i < without.size(); i++)
        {
            cpuRow(out, i + 1, without.get(i), roles);
            if (i < with.size())
            {
                cpuRow(out, i + 1, with.get(i), roles);
            }
        }
    }

    private static void cpuRow(final StringBuilder out, final int round, final LoadResult result,
        final List<String> roles)
    {
        if (result.cpu == null)
        {
            return;
        }
        final long requests = result.count("sent_new_orders") + result.count("sent_cancels") +
            result.count("sent_replaces");
        final Map<String, Double> perRequest = result.cpu.roleMicrosPerRequest(requests);
        out.append(String.format(Locale.ROOT, "%-6d %11d", round, result.count("md_subscribers")));
        for (final String role : roles)
        {
            final Double value = perRequest.get(role);
            out.append(' ').append(pad(value == null ? "-" : String.format(Locale.ROOT, "%.3f", value),
                Math.max(8, role.length())));
        }
        out.append(String.format(Locale.ROOT, " %8.2f%n", result.cpu.cores()));
    }

    private static String pad(final String text, final int width)
    {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    private static double medianP50(final List<LoadResult> results)
    {
        if (results.isEmpty())
        {
            return 0;
        }
        final double[] values = results.stream().mapToDouble(r -> LatencySummary.of(r.ackLatency).p50()).sorted()
            .toArray();
        final int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private Map<String, Object> describe(final long offered, final List<LoadResult> without,
        final List<LoadResult> with)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("offered_per_s", offered);
        map.put("md_subscribers", subscribers);
        map.put("rounds", rounds);
        map.put("machine", MachineInfo.describe());
        map.put("ack_p50_ns_without", medianP50(without));
        map.put("ack_p50_ns_with", medianP50(with));
        map.put("without", without.stream().map(LoadResult::describe).toList());
        map.put("with", with.stream().map(LoadResult::describe).toList());
        return map;
    }
}
