package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.ReportFiles;
import io.arbiter.app.VersionProvider;
import io.arbiter.app.loadgen.DurationConverter;
import io.arbiter.fix.FixAcceptor;
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

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code arbiter bench fix}: FIX 4.4 order entry beside the binary protocol at the same offered rates, against a node
 * (with its FIX acceptor) started in this process: for each rate one binary load step and one FIX step (QuickFIX/J
 * initiators, pipelined, {@code arbiter loadgen --protocol fix}), the same sessions and order mix, and for the FIX step
 * the bytes the node's threads allocated per request and per FIX message. The node runs in its own thread group, so
 * its threads (the acceptor's MINA processors and QuickFIX/J message processor among them) are told apart from the load
 * generator's. Control plane; used by one thread, once; produces garbage.
 */
@Command(
    name = "fix",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "FIX 4.4 versus the binary protocol at the same offered rates, against a node started in-process (embedded " +
            "defaults, free loopback ports, temp data dir): latency percentiles of both, and the node's allocation " +
            "per FIX request and message by thread (ThreadMXBean), the matching thread included.",
        ""
    })
public final class BenchFixCommand implements Callable<Integer>
{
    private static final String NODE_GROUP = "arbiter-node";

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
        startInGroup(node, group);
        final List<Map<String, Object>> steps = new ArrayList<>();
        boolean clean = true;
        try
        {
            System.err.printf("arbiter bench fix: node in-process, binary on %d, FIX on %d, data in %s%n",
                node.port(), fix.port(), dataDir);
            for (final long rate : offered)
            {
                final String metrics = "http://127.0.0.1:" + node.adminPort() + "/metrics";
                final LoadResult binary = new LoadGenerator(config(rate, false, node.port(), metrics, null),
                    System.err).run();
                steps.add(step("binary", rate, binary, null));
                final AtomicReference<Map<String, Long>> before = new AtomicReference<>();
                final LoadResult fixResult = new LoadGenerator(
                    config(rate, true, fix.port(), metrics, () -> before.set(allocatedByThread(group))),
                    System.err).run();
                final Map<String, Long> after = allocatedByThread(group);
                steps.add(step("fix", rate, fixResult, allocationPerRequest(before.get(), after, rate, fixResult)));
                clean &= binary.errors() == 0 && fixResult.errors() == 0;
            }
        }
        finally
        {
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

    /**
     * Start the node from a thread of {@code group}: every thread it starts, and every thread those start, belongs to
     * the group.
     */
    private static void startInGroup(final ArbiterNode node, final ThreadGroup group) throws Exception
    {
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final Thread starter = new Thread(group, () ->
        {
            try
            {
                node.start();
            }
            catch (final Exception ex)
            {
                failure.set(ex);
            }
        }, "arbiter-node-start");
        starter.start();
        starter.join();
        if (failure.get() != null)
        {
            node.close();
            throw failure.get();
        }
    }

    private LoadGeneratorConfig config(
        final long rate, final boolean fix, final int port, final String metricsUrl, final Runnable onMeasure)
    {
        final LoadGeneratorConfig config = new LoadGeneratorConfig()
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
        if (onMeasure != null)
        {
            config.measureStartListener(onMeasure);
        }
        return config;
    }

    /**
     * Bytes each thread of the group has allocated so far, summed by name with digits left out (NioProcessor-3 and
     * NioProcessor-4 are one row).
     */
    private static Map<String, Long> allocatedByThread(final ThreadGroup group)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Thread[] all = new Thread[group.activeCount() * 2 + 16];
        final int n = group.enumerate(all, true);
        final Map<String, Long> bytes = new TreeMap<>();
        for (int i = 0; i < n; i++)
        {
            final long allocated = threads.getThreadAllocatedBytes(all[i].getId());
            if (allocated >= 0)
            {
                bytes.merge(all[i].getName().replaceAll("[0-9]+", "N"), allocated, Long::sum);
            }
        }
        return bytes;
    }

    private Map<String, Object> allocationPerRequest(
        final Map<String, Long> before, final Map<String, Long> after, final long rate, final LoadResult result)
    {
        final Map<String, Object> perThread = new LinkedHashMap<>();
        if (before == null)
        {
            return perThread;
        }
        final long sent = Math.max(1, result.sentRequests());
        final long requests = Math.max(1, sent - warmupNs * rate / 1_000_000_000L);
        final long reports = result.count("accepted") + result.count("fills") + result.count("canceled") +
            result.count("replaced") + result.count("rejected");
        final double messages = requests + reports * (requests / (double)sent);
        for (final Map.Entry<String, Long> entry : after.entrySet())
        {
            final long delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("bytes", delta);
            row.put("bytes_per_request", delta / (double)requests);
            row.put("bytes_per_message", delta / messages);
            perThread.put(entry.getKey(), row);
        }
        return perThread;
    }

    private static Map<String, Object> step(
        final String protocol, final long rate, final LoadResult result, final Map<String, Object> allocation)
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
        step.put("last_error", result.lastError);
        step.put("result", result.describe());
        if (allocation != null)
        {
            step.put("node_allocation", allocation);
        }
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
            final Map<String, Object> allocation = (Map<String, Object>)step.get("node_allocation");
            if (allocation == null || allocation.isEmpty())
            {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%nnode allocation during the FIX step at %d/s (measured part)%n",
                (Long)step.get("offered_per_s")));
            out.append(String.format(Locale.ROOT, "  %-44s %14s %16s%n", "thread", "B/request", "B/FIX message"));
            for (final Map.Entry<String, Object> entry : allocation.entrySet())
            {
                final Map<String, Object> row = (Map<String, Object>)entry.getValue();
                if ((Long)row.get("bytes") == 0 && !entry.getKey().contains("matching"))
                {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "  %-44s %14.1f %16.1f%n", entry.getKey(),
                    (Double)row.get("bytes_per_request"), (Double)row.get("bytes_per_message")));
            }
        }
        return out.toString();
    }
}
