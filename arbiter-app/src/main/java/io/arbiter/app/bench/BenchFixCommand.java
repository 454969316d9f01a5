package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.ReportFiles;
import io.arbiter.app.VersionProvider;
import io.arbiter.app.loadgen.DurationConverter;
import io.arbiter.fix.FixAcceptor;
import io.arbiter.fix.FixFloorAcceptor;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.loadgen.Json;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code arbiter bench fix}: FIX 4.4 order entry beside the binary protocol at the same offered rates, against a node
 * (with its FIX acceptor) started in this process: for each rate one binary load step and one FIX step (QuickFIX/J
 * initiators, pipelined, {@code arbiter loadgen --protocol fix}), the same sessions and order mix, and for each step
 * the CPU time and bytes every thread spent per request and per message during the measured part ({@link ThreadCosts}),
 * summed for the node's FIX threads, its matching thread, its other threads and the load generator. The node runs in
 * its own thread group, so its threads (the acceptor's MINA processors and QuickFIX/J session threads among them) are
 * told apart from the load generator's. Control plane; used by one thread, once; produces garbage.
 */
@Command(
    name = "fix",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "FIX 4.4 versus the binary protocol at the same offered rates, against a node started in-process (embedded " +
            "defaults, free loopback ports, temp data dir): latency percentiles of both, and the CPU time and bytes " +
            "allocated per request and per message by thread and by group (node FIX threads, matching thread, " +
            "other node threads, load generator; ThreadMXBean) in the measured part of each step.",
        ""
    })
public final class BenchFixCommand implements Callable<Integer>
{
    private static final String NODE_GROUP = "arbiter-node";
    private static final String FLOOR_COMP_ID = "FLOOR";

    @Option(names = "--rates", paramLabel = "R[,R...]",
        description = "Offered rates in requests per second, k suffix allowed (default: ${DEFAULT-VALUE}).")
    private String rates = "10k,30k";

    @Option(names = "--step-duration", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Measured length of each step (default: 10s).")
    private long stepNs = TimeUnit.SECONDS.toNanos(10);

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Warm-up of each step at its rate, excluded from the figures (default: 5s).")
    private long warmupNs = TimeUnit.SECONDS.toNanos(5);

    @Option(names = { "-c", "--sessions" }, paramLabel = "N",
        description = "Sessions of each protocol, one per load generator account (default: ${DEFAULT-VALUE}).")
    private int sessions = 4;

    @Option(names = "--no-overload",
        description = "Start the node with overload protection off, to measure the path's capacity rather than " +
            "the limiters (default: protection on).")
    private boolean noOverload;

    @Option(names = "--durability", paramLabel = "POLICY",
        description = "Journal durability of the node: NONE, BATCH or INTERVAL (default: the embedded BATCH).")
    private DurabilityPolicy durability;

    @Option(names = "--node-setting", paramLabel = "KEY=VALUE",
        description = "A setting of the node (docs/configuration.md); repeatable.")
    private Map<String, String> nodeSettings = new LinkedHashMap<>();

    @Option(names = "--floor",
        description = "Also run, at each rate, a step against bare QuickFIX/J (the node's acceptor settings, an " +
            "application that answers each request with one ExecutionReport and does nothing else): what " +
            "QuickFIX/J itself costs on this machine, beside the node.")
    private boolean floor;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the order flow (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure as JSON to this file.")
    private Path json;

    /**
     * Runs the steps and prints the table.
     *
     * @return 0 when every step ran without errors, 1 otherwise, 2 for invalid options.
     * @throws Exception if the node cannot start or a file cannot be written.
     */
    @Override
    public Integer call() throws Exception
    {
        final long[] offered;
        try
        {
            offered = BenchE2eCommand.parseRates(rates);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("invalid options: " + ex.getMessage());
            return ArbiterMain.EXIT_USAGE;
        }
        final Path dataDir = Files.createTempDirectory("arbiter-bench-fix-");
        final ServerContext context = context(dataDir);
        final FixAcceptor fix = new FixAcceptor();
        final ArbiterNode node = new ArbiterNode(context).extension(fix);
        final ThreadGroup group = new ThreadGroup(NODE_GROUP);
        try
        {
            startInGroup(group, "arbiter-node-start", node::start);
        }
        catch (final Exception ex)
        {
            node.close();
            throw ex;
        }
        final FixFloorAcceptor floorAcceptor = floor ? startFloor(group, dataDir) : null;
        final List<Map<String, Object>> steps = new ArrayList<>();
        boolean clean = true;
        try
        {
            System.err.printf("arbiter bench fix: node in-process, binary on %d, FIX on %d%s, data in %s%n",
                node.port(), fix.port(), floorAcceptor == null ? "" : ", floor on " + floorAcceptor.port(), dataDir);
            for (final long rate : offered)
            {
                final String metrics = "http://127.0.0.1:" + node.adminPort() + "/metrics";
                final ThreadCosts[] binary = new ThreadCosts[2];
                final LoadResult binaryResult = new LoadGenerator(config(rate, false, node.port(), metrics)
                    .measureStartListener(() -> binary[0] = ThreadCosts.now(group))
                    .drainedListener(() -> binary[1] = ThreadCosts.now(group)), System.err).run();
                steps.add(step("binary", rate, binaryResult, costs(binary, rate, binaryResult)));
                final ThreadCosts[] fixCosts = new ThreadCosts[2];
                final LoadResult fixResult = new LoadGenerator(config(rate, true, fix.port(), metrics)
                    .measureStartListener(() -> fixCosts[0] = ThreadCosts.now(group))
                    .drainedListener(() -> fixCosts[1] = ThreadCosts.now(group)), System.err).run();
                steps.add(step("fix", rate, fixResult, costs(fixCosts, rate, fixResult)));
                clean &= binaryResult.errors() == 0 && fixResult.errors() == 0;
                if (floorAcceptor != null)
                {
                    final ThreadCosts[] floorCosts = new ThreadCosts[2];
                    final LoadResult floorResult = new LoadGenerator(config(rate, true, floorAcceptor.port(), null)
                        .fix(true, FLOOR_COMP_ID)
                        .measureStartListener(() -> floorCosts[0] = ThreadCosts.now(group))
                        .drainedListener(() -> floorCosts[1] = ThreadCosts.now(group)), System.err).run();
                    steps.add(step("floor", rate, floorResult, costs(floorCosts, rate, floorResult)));
                    clean &= floorResult.errors() == 0;
                }
            }
        }
        finally
        {
            if (floorAcceptor != null)
            {
                floorAcceptor.close();
            }
            node.close();
            ReportFiles.deleteTree(dataDir);
        }
        System.out.print(table(steps));
        if (json != null)
        {
            final Map<String, Object> all = new LinkedHashMap<>();
            all.put("machine", MachineInfo.describe());
            all.put("steps", steps);
            ReportFiles.write(json, Json.write(all));
        }
        return clean ? ArbiterMain.EXIT_OK : ArbiterMain.EXIT_FAILURE;
    }

    private ServerContext context(final Path dataDir)
    {
        final Properties settings = new Properties();
        settings.putAll(nodeSettings);
        final ServerConfigLoader loader = new ServerConfigLoader();
        final ServerContext context = loader.apply(loader.loadDefaults(), settings, "--node-setting")
            .port(0).marketDataPort(0).adminPort(0).fixPort(0)
            .bindAddress("127.0.0.1")
            .dataDir(dataDir.toString());
        if (noOverload)
        {
            context.overloadEnabled(false);
        }
        if (durability != null)
        {
            context.journalDurability(durability);
        }
        ServerConfigLoader.validate(context);
        return context;
    }

    /** Something to start from a thread of a given group. */
    private interface Starter
    {
        void start() throws Exception;
    }

    /**
     * Run {@code starter} on a thread of {@code group} and wait for it: every thread it starts, and every thread those
     * start, belongs to the group.
     */
    private static void startInGroup(final ThreadGroup group, final String name, final Starter starter) throws Exception
    {
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final Thread thread = new Thread(group, () ->
        {
            try
            {
                starter.start();
            }
            catch (final Exception ex)
            {
                failure.set(ex);
            }
        }, name);
        thread.start();
        thread.join();
        if (failure.get() != null)
        {
            throw failure.get();
        }
    }

    /**
     * Start the floor acceptor from a thread of a group inside the node's, so that its threads count as the node's
     * FIX threads (by name: MINA's and QuickFIX/J's) and every other thread as the load generator's.
     */
    private static FixFloorAcceptor startFloor(final ThreadGroup nodeGroup, final Path dataDir) throws Exception
    {
        final FixFloorAcceptor acceptor = new FixFloorAcceptor();
        try
        {
            startInGroup(new ThreadGroup(nodeGroup, "arbiter-fix-floor"), "arbiter-fix-floor-start",
                () -> acceptor.start("127.0.0.1", 0, FLOOR_COMP_ID, dataDir.resolve("fix-floor")));
        }
        catch (final Exception ex)
        {
            acceptor.close();
            throw ex;
        }
        return acceptor;
    }

    private LoadGeneratorConfig config(final long rate, final boolean fix, final int port, final String metricsUrl)
    {
        return new LoadGeneratorConfig()
            .host("127.0.0.1")
            .port(port)
            .fix(fix, "ARBITER")
            .connections(sessions)
            .rate(rate)
            .durationNs(stepNs)
            .warmupNs(warmupNs)
            .seed(seed)
            .metricsUrl(metricsUrl)
            .progress(false);
    }

    /**
     * CPU and allocation per request of every thread from the start of a step's measured part until its answers came
     * (the requests sent after the warm-up) and per protocol message (a request, or a report to the load generator,
     * counted in the same share).
     */
    private Map<String, Map<String, Object>> costs(final ThreadCosts[] clocks, final long rate, final LoadResult result)
    {
        if (clocks[0] == null || clocks[1] == null)
        {
            return new LinkedHashMap<>();
        }
        final long sent = Math.max(1, result.sentRequests());
        final long requests = Math.max(1, sent - warmupNs * rate / 1_000_000_000L);
        final long reports = result.count("accepted") + result.count("fills") + result.count("canceled") +
            result.count("replaced") + result.count("rejected");
        final double messages = requests + reports * (requests / (double)sent);
        return clocks[1].since(clocks[0], requests, messages);
    }

    private static Map<String, Object> step(
        final String protocol, final long rate, final LoadResult result, final Map<String, Map<String, Object>> costs)
    {
        final Map<String, Object> step = new LinkedHashMap<>();
        step.put("protocol", protocol);
        step.put("offered_per_s", rate);
        step.put("sent_per_s", result.sentRatePerS);
        step.put("acked_per_s", result.ackedRatePerS);
        final boolean any = result.ackLatency.getTotalCount() > 0;
        step.put("p50_us", any ? result.ackLatency.getValueAtPercentile(50) / 1000.0 : 0);
        step.put("p99_us", any ? result.ackLatency.getValueAtPercentile(99) / 1000.0 : 0);
        step.put("p999_us", any ? result.ackLatency.getValueAtPercentile(99.9) / 1000.0 : 0);
        step.put("max_us", result.ackLatency.getMaxValue() / 1000.0);
        step.put("errors", result.errors());
        step.put("errors_by_kind", result.errorsByKind());
        step.put("last_error", result.lastError);
        step.put("result", result.describe());
        step.put("thread_costs", costs);
        return step;
    }

    @SuppressWarnings("unchecked")
    private static String table(final List<Map<String, Object>> steps)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-8s %10s %10s %10s %10s %10s %10s %10s %7s%n", "protocol",
            "offered/s", "sent/s", "acked/s", "p50 us", "p99 us", "p99.9 us", "max us", "errors"));
        for (final Map<String, Object> step : steps)
        {
            out.append(String.format(Locale.ROOT, "%-8s %10d %10.0f %10.0f %10.1f %10.1f %10.1f %10.1f %7d%n",
                step.get("protocol"), (Long)step.get("offered_per_s"), (Double)step.get("sent_per_s"),
                (Double)step.get("acked_per_s"), ((Number)step.get("p50_us")).doubleValue(),
                ((Number)step.get("p99_us")).doubleValue(), ((Number)step.get("p999_us")).doubleValue(),
                (Double)step.get("max_us"), (Long)step.get("errors")));
        }
        for (final Map<String, Object> step : steps)
        {
            final Map<String, Long> kinds = (Map<String, Long>)step.get("errors_by_kind");
            if (!kinds.isEmpty())
            {
                final StringBuilder list = new StringBuilder();
                kinds.forEach((kind, count) -> list.append(list.length() == 0 ? "" : ", ")
                    .append(kind.replace('_', ' ')).append(' ').append(count));
                out.append(String.format(Locale.ROOT, "errors of %s at %d/s: %s; last error: %s%n",
                    step.get("protocol"), (Long)step.get("offered_per_s"), list, step.get("last_error")));
            }
        }
        for (final Map<String, Object> step : steps)
        {
            final Map<String, Map<String, Object>> costs = (Map<String, Map<String, Object>>)step.get("thread_costs");
            if (costs == null || costs.isEmpty())
            {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%n%s step at %d/s, measured part: CPU and allocation per request " +
                "and per message (a request or a report)%n", step.get("protocol"), (Long)step.get("offered_per_s")));
            out.append(String.format(Locale.ROOT, "  %-15s %-50s %10s %11s %11s%n", "group", "thread", "CPU us/req",
                "B/request", "B/message"));
            final List<Map.Entry<String, Map<String, Object>>> rows = new ArrayList<>(costs.entrySet());
            // group totals first, then the threads
            rows.sort((a, b) -> Boolean.compare(!a.getKey().endsWith("\ttotal"), !b.getKey().endsWith("\ttotal")));
            for (final Map.Entry<String, Map<String, Object>> entry : rows)
            {
                final String[] key = entry.getKey().split("\t", 2);
                final Map<String, Object> row = entry.getValue();
                out.append(String.format(Locale.ROOT, "  %-15s %-50s %10.2f %11.1f %11.1f%n", key[0],
                    key[1].length() > 50 ? key[1].substring(0, 50) : key[1], (Double)row.get("cpu_us_per_request"),
                    (Double)row.get("bytes_per_request"), (Double)row.getOrDefault("bytes_per_message", 0.0)));
            }
        }
        return out.toString();
    }
}
