package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.ReportFiles;
import io.arbiter.app.VersionProvider;
import io.arbiter.app.loadgen.DurationConverter;
import io.arbiter.loadgen.EchoBenchmark;
import io.arbiter.loadgen.Json;
import io.arbiter.loadgen.LatencySummary;
import io.arbiter.loadgen.LoadGenerator;
import io.arbiter.loadgen.LoadGeneratorConfig;
import io.arbiter.loadgen.LoadResult;
import io.arbiter.loadgen.SweepStep;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ConfigException;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.egress.EgressBufferPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
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

/**
 * {@code arbiter bench idle-sessions}: what idle logged-on sessions cost a node. Starts a node in this process with
 * its connection limits raised, measures the p50 of a few active batching connections, opens the idle sessions from
 * child processes ({@code arbiter bench idle-clients}, so this process holds one end of each connection), reports the
 * node process's heap (after a full collection), direct memory and resident set per idle session, measures the
 * active connections again beside the idle ones, closes the idle sessions and measures once more. Control plane;
 * main thread only; produces garbage.
 */
@Command(
    name = "idle-sessions",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Memory per idle logged-on session and its effect on active connections: a node in-process with raised " +
            "connection limits, N idle sessions held by child processes (heartbeats only), heap after GC, direct " +
            "memory and RSS per idle session, and the ack p50/p99 of a few active batching connections without, " +
            "with and again without the idle sessions.",
        ""
    })
public final class BenchIdleSessionsCommand implements Callable<Integer>
{
    /** Most sessions one child process holds (each holds one descriptor per session). */
    static final int SESSIONS_PER_CHILD = 5_000;

    @Option(names = "--sessions", paramLabel = "N", description = "Idle sessions (default: ${DEFAULT-VALUE}).")
    private int sessions = 10_000;

    @Option(names = { "-c", "--connections" }, paramLabel = "N",
        description = "Active connections (default: ${DEFAULT-VALUE}).")
    private int connections = 4;

    @Option(names = "--rate", paramLabel = "REQUESTS_PER_S",
        description = "Total rate of the active connections, k and m suffixes allowed (default: 20k, which four " +
            "connections keep up with on a two-core machine; the comparison means nothing for a step that falls " +
            "behind).")
    private String rate = "20k";

    @Option(names = "--batch", paramLabel = "N",
        description = "Most requests per socket write of the active connections (default: ${DEFAULT-VALUE}).")
    private int batch = 8;

    @Option(names = "--step-duration", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Measured length of each active step (default: 5s).")
    private long stepNs = TimeUnit.SECONDS.toNanos(5);

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Warm-up of each active step (default: 2s).")
    private long warmupNs = TimeUnit.SECONDS.toNanos(2);

    @Option(names = "--heartbeat-ms", paramLabel = "MS",
        description = "Heartbeat interval of the node and the idle sessions (default: ${DEFAULT-VALUE}); the node " +
            "closes a session silent for three of them.")
    private int heartbeatMs = 10_000;

    @Option(names = "--node-setting", paramLabel = "KEY=VALUE",
        description = "A setting of the in-process node (docs/configuration.md), e.g. journal.durability=none; " +
            "repeatable. The connection limits, heartbeat and idle timeout of the measurement still win.")
    private Map<String, String> nodeSettings = new LinkedHashMap<>();

    @Option(names = "--floor",
        description = "Measure the machine's floor instead of the node: the active connections and the idle ones " +
            "(one heartbeat frame each per interval, no logon) against a plain echo server in this process, so the " +
            "p50 ratio is what the idle traffic costs the machine with no node at all.")
    private boolean floor;

    @Option(names = "--durable-floor",
        description = "With --floor: the active connections' echo forces what it read to a file before echoing " +
            "(as bench echo --durable), the floor of the node's durable default; the idle connections get a plain " +
            "echo server of their own (a node journals no heartbeat).")
    private boolean durableFloor;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write all figures as JSON to this file.")
    private Path json;

    /**
     * Runs the measurement; picocli calls it after parsing the options.
     *
     * @return 0 when it ran, 1 if the idle sessions could not be opened or held, 2 for invalid options.
     * @throws Exception if the node cannot start or the run is interrupted.
     */
    @Override
    public Integer call() throws Exception
    {
        final long offered;
        try
        {
            offered = BenchE2eCommand.parseRate(rate, false);
            if (sessions < 1 || connections < 1 || batch < 1 || stepNs <= 0 || warmupNs < 0 || heartbeatMs < 10)
            {
                throw new IllegalArgumentException("--sessions, --connections, --batch, --step-duration must be " +
                    "positive, --heartbeat-ms at least 10");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("invalid options: " + ex.getMessage());
            return ArbiterMain.EXIT_USAGE;
        }
        if (durableFloor && !floor)
        {
            System.err.println("invalid options: --durable-floor needs --floor");
            return ArbiterMain.EXIT_USAGE;
        }
        if (floor)
        {
            return floorRun(offered);
        }
        final Properties settings = new Properties();
        settings.putAll(nodeSettings);
        final ServerConfigLoader loader = new ServerConfigLoader();
        final ServerContext defaults;
        try
        {
            defaults = loader.apply(loader.loadDefaults(), settings, "--node-setting");
        }
        catch (final ConfigException ex)
        {
            System.err.println("invalid options: " + ex.getMessage());
            return ArbiterMain.EXIT_USAGE;
        }
        final Path dataDir = Files.createTempDirectory("arbiter-bench-idle-");
        final ServerContext context = defaults
            .port(0)
            .marketDataPort(0)
            .adminPort(0)
            .bindAddress("127.0.0.1")
            .dataDir(dataDir.toString())
            .overloadEnabled(false)
            .heartbeatIntervalMs(heartbeatMs)
            .idleTimeoutMs(heartbeatMs * 3)
            .logonTimeoutMs(60_000);
        BenchE2eCommand.raiseConnectionLimits(context, sessions + connections);
        ServerConfigLoader.validate(context);
        final Map<String, Object> all = new LinkedHashMap<>();
        try (ArbiterNode node = new ArbiterNode(context).start())
        {
            System.err.printf("arbiter bench idle-sessions: node in-process on 127.0.0.1:%d (%s)%n", node.port(),
                node.transport());
            // An unreported first step warms the JIT, so that "without" is not the cold JVM's figure.
            all.put("active_jit_warm_up", active(node, offered, "to warm up (not compared)"));
            all.put("active_without_idle", active(node, offered, "without idle sessions"));
            final Map<String, Long> before = memory();
            final List<Process> children = new ArrayList<>();
            try
            {
                final long openStartNs = System.nanoTime();
                if (!openIdle(node.port(), children, false))
                {
                    return ArbiterMain.EXIT_FAILURE;
                }
                final double openSeconds = (System.nanoTime() - openStartNs) / 1e9;
                final Map<String, Long> with = memory();
                final EgressBufferPool pool = node.gatewayState().egressBuffers();
                all.put("idle_sessions", sessions);
                all.put("open_seconds", openSeconds);
                all.put("memory_before", before);
                all.put("memory_with_idle", with);
                final Map<String, Object> perSession = new LinkedHashMap<>();
                for (final String key : before.keySet())
                {
                    perSession.put(key, (with.get(key) - before.get(key)) / (double)sessions);
                }
                all.put("bytes_per_idle_session", perSession);
                all.put("egress_chunks_lent", pool.chunksLent());
                all.put("active_with_idle", active(node, offered, "beside " + sessions + " idle sessions"));
            }
            finally
            {
                closeChildren(children);
            }
            Thread.sleep(500);
            all.put("active_after_idle", active(node, offered, "after the idle sessions closed"));
            compare(all, offered);
        }
        finally
        {
            ReportFiles.deleteTree(dataDir);
        }
        return finish(all);
    }

    /**
     * {@code --floor}: the same three compared steps with a plain echo server in place of the node, the idle
     * connections sending one heartbeat frame each per interval from the child processes.
     */
    private Integer floorRun(final long offered) throws Exception
    {
        final Map<String, Object> all = new LinkedHashMap<>();
        all.put("floor", true);
        all.put("durable_floor", durableFloor);
        try (EchoBenchmark.Server server = new EchoBenchmark.Server(1,
                durableFloor ? Path.of(System.getProperty("java.io.tmpdir")) : null);
            EchoBenchmark.Server idleServer = durableFloor ? new EchoBenchmark.Server(1) : null)
        {
            System.err.printf("arbiter bench idle-sessions --floor: %secho server in-process on 127.0.0.1:%d%n",
                durableFloor ? "durable " : "", server.port());
            all.put("active_jit_warm_up", echoActive(server.port(), offered, "to warm up (not compared)"));
            all.put("active_without_idle", echoActive(server.port(), offered, "without idle connections"));
            final List<Process> children = new ArrayList<>();
            try
            {
                final long openStartNs = System.nanoTime();
                if (!openIdle(idleServer != null ? idleServer.port() : server.port(), children, true))
                {
                    return ArbiterMain.EXIT_FAILURE;
                }
                all.put("idle_sessions", sessions);
                all.put("open_seconds", (System.nanoTime() - openStartNs) / 1e9);
                all.put("active_with_idle", echoActive(server.port(), offered,
                    "beside " + sessions + " idle echo connections"));
            }
            finally
            {
                closeChildren(children);
            }
            Thread.sleep(500);
            all.put("active_after_idle", echoActive(server.port(), offered, "after the idle connections closed"));
            compare(all, offered);
        }
        return finish(all);
    }

    /** Print the figures, write the JSON if asked for. */
    private Integer finish(final Map<String, Object> all) throws IOException
    {
        print(all);
        if (json != null)
        {
            ReportFiles.write(json, Json.write(all));
            System.out.printf("json: %s%n", json.toAbsolutePath());
        }
        return ArbiterMain.EXIT_OK;
    }

    private Map<String, Object> echoActive(final int port, final long offered, final String what) throws Exception
    {
        System.err.printf("arbiter bench idle-sessions --floor: %d active echo connections at %d/s %s%n",
            connections, offered, what);
        final EchoBenchmark.Result result = new EchoBenchmark().server(port).rate(offered).connections(connections)
            .durationNs(stepNs).warmupNs(warmupNs).run();
        final LatencySummary roundTrip = LatencySummary.of(result.histogram());
        final double achieved = ((Number)result.figures().get("window_received_per_s")).doubleValue();
        final Map<String, Object> step = new LinkedHashMap<>();
        step.put("ack_p50_ns", roundTrip.p50());
        step.put("ack_p99_ns", roundTrip.p99());
        step.put("achieved_per_s", achieved);
        step.put("kept_up", achieved >= BenchE2eCommand.KEEP_UP_FRACTION * offered);
        step.put("errors", 0L);
        step.put("last_error", null);
        return step;
    }

    private static void closeChildren(final List<Process> children) throws IOException, InterruptedException
    {
        for (final Process child : children)
        {
            child.getOutputStream().close();
        }
        for (final Process child : children)
        {
            if (!child.waitFor(30, TimeUnit.SECONDS))
            {
                child.destroy();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void print(final Map<String, Object> all)
    {
        final Map<String, Object> perSession = (Map<String, Object>)all.get("bytes_per_idle_session");
        if (perSession == null)
        {
            System.out.printf("idle echo connections (the floor, no node): %d (opened in %.1f s), one heartbeat " +
                "frame each per %d ms%n", sessions, (Double)all.get("open_seconds"), heartbeatMs);
            System.out.printf("%nactive: %d %secho connections, %s frames/s (round trip in the ack columns)%n",
                connections, durableFloor ? "durable " : "", rate);
        }
        else
        {
            System.out.printf("idle sessions: %d (opened in %.1f s)%n", sessions, (Double)all.get("open_seconds"));
            for (final Map.Entry<String, Object> entry : perSession.entrySet())
            {
                System.out.printf("  %-22s %10.0f bytes per idle session%n", entry.getKey(),
                    (Double)entry.getValue());
            }
            System.out.printf("  egress chunks lent with every session idle: %s%n", all.get("egress_chunks_lent"));
            System.out.printf("%nactive: %d connections, %s requests/s, batch %d%n", connections, rate, batch);
        }
        System.out.printf("  %-32s %10s %10s %12s %8s %8s%n", "", "ack p50 us", "ack p99 us", "answered/s",
            "errors", "kept up");
        for (final String key : new String[]{
            "active_jit_warm_up", "active_without_idle", "active_with_idle", "active_after_idle" })
        {
            final Map<String, Object> step = (Map<String, Object>)all.get(key);
            System.out.printf("  %-32s %10.1f %10.1f %12.0f %8d %8s%s%n", key, (Long)step.get("ack_p50_ns") / 1e3,
                (Long)step.get("ack_p99_ns") / 1e3, (Double)step.get("achieved_per_s"), (Long)step.get("errors"),
                (Boolean)step.get("kept_up") ? "yes" : "NO",
                step.get("last_error") == null ? "" : "  last error: " + step.get("last_error"));
        }
        System.out.printf("  p50 with idle / without (the mean of the steps before and after): %s%n",
            all.get("p50_with_idle_over_without"));
    }

    /**
     * The verdict of the three compared steps: the p50 beside the idle sessions over the mean of the p50s without
     * them (before they opened and after they closed), or why there is none.
     *
     * @param all the figures so far; the ratio is added under {@code p50_with_idle_over_without}.
     * @param offered the active connections' total rate.
     */
    @SuppressWarnings("unchecked")
    static void compare(final Map<String, Object> all, final long offered)
    {
        final String[] keys = { "active_without_idle", "active_with_idle", "active_after_idle" };
        final long[] p50 = new long[keys.length];
        for (int i = 0; i < keys.length; i++)
        {
            final Map<String, Object> step = (Map<String, Object>)all.get(keys[i]);
            if (!(Boolean)step.get("kept_up"))
            {
                all.put("p50_with_idle_over_without", "none: " + keys[i] + " did not keep up (answered " +
                    String.format(Locale.ROOT, "%.0f", (Double)step.get("achieved_per_s")) + " of " + offered +
                    " requests/s, or errors); run again with a lower --rate");
                return;
            }
            p50[i] = (Long)step.get("ack_p50_ns");
        }
        final double without = (p50[0] + p50[2]) / 2.0;
        all.put("p50_with_idle_over_without",
            String.format(Locale.ROOT, "%.2f", without == 0 ? 0.0 : p50[1] / without));
    }

    private Map<String, Object> active(final ArbiterNode node, final long offered, final String what)
        throws Exception
    {
        System.err.printf("arbiter bench idle-sessions: %d active connections at %d/s %s%n", connections, offered,
            what);
        final LoadGeneratorConfig config = new LoadGeneratorConfig()
            .host("127.0.0.1")
            .port(node.port())
            .connections(connections)
            .rate(offered)
            .durationNs(stepNs)
            .warmupNs(warmupNs)
            .batch(batch)
            .metricsUrl("http://127.0.0.1:" + node.adminPort() + "/metrics")
            .serverPid(ProcessHandle.current().pid())
            .progress(false);
        config.validate();
        final LoadResult result = new LoadGenerator(config, System.err).run();
        final LatencySummary ack = LatencySummary.of(result.ackLatency);
        final Map<String, Object> step = new LinkedHashMap<>();
        step.put("ack_p50_ns", ack.p50());
        step.put("ack_p99_ns", ack.p99());
        step.put("acked_per_s", result.ackedRatePerS);
        final SweepStep summary = SweepStep.of(result, BenchE2eCommand.KEEP_UP_FRACTION);
        step.put("achieved_per_s", summary.achievedPerS());
        step.put("kept_up", summary.keptUp());
        step.put("errors", result.errors());
        step.put("last_error", result.lastError);
        return step;
    }

    private boolean openIdle(final int port, final List<Process> children, final boolean echo)
        throws IOException, InterruptedException
    {
        final String java = ProcessHandle.current().info().command().orElse("java");
        int left = sessions;
        while (left > 0)
        {
            final int share = Math.min(left, SESSIONS_PER_CHILD);
            left -= share;
            final List<String> command = new ArrayList<>(List.of(java));
            // the jar's manifest grants Agrona this export only to java -jar
            command.addAll(List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                ArbiterMain.class.getName(), "bench", "idle-clients", "--port", Integer.toString(port),
                "--sessions", Integer.toString(share), "--heartbeat-ms", Integer.toString(heartbeatMs)));
            if (echo)
            {
                command.add("--echo");
            }
            children.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        for (final Process child : children)
        {
            final BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            final String line = out.readLine();
            if (line == null || !line.startsWith("ready "))
            {
                System.err.println("arbiter bench idle-sessions: a client process failed: " + line);
                return false;
            }
        }
        System.err.printf("arbiter bench idle-sessions: %d idle %s%n", sessions,
            echo ? "echo connections open" : "sessions logged on");
        Thread.sleep(1_000);
        return true;
    }

    /**
     * Produces garbage. Collects twice, then reads heap used, direct buffers and the resident set of this process.
     */
    private static Map<String, Long> memory() throws InterruptedException
    {
        for (int i = 0; i < 2; i++)
        {
            System.gc();
            Thread.sleep(200);
        }
        final Map<String, Long> memory = new LinkedHashMap<>();
        memory.put("heap_used", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long direct = 0;
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                direct = pool.getMemoryUsed();
            }
        }
        memory.put("direct_buffers", direct);
        memory.put("resident_set", residentSetBytes());
        return memory;
    }

    private static long residentSetBytes()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            return 0;
        }
        return 0;
    }
}
