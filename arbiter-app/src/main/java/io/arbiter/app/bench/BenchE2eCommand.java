package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.ReportFiles;
import io.arbiter.app.VersionProvider;
import io.arbiter.app.loadgen.DurationConverter;
import io.arbiter.loadgen.EchoBenchmark;
import io.arbiter.loadgen.HeadlinePreset;
import io.arbiter.loadgen.HtmlReport;
import io.arbiter.loadgen.Json;
import io.arbiter.loadgen.LatencySummary;
import io.arbiter.loadgen.LoadGenerator;
import io.arbiter.loadgen.LoadGeneratorConfig;
import io.arbiter.loadgen.LoadResult;
import io.arbiter.loadgen.MachineInfo;
import io.arbiter.loadgen.SweepStep;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code arbiter bench e2e}: sweeps offered rates through the whole path (client, gateway, sequencer, matching,
 * execution reports) against a node started in this process or a running one, stops at the first step that cannot
 * keep up, measures the TCP echo baseline, and prints a latency-versus-throughput table with JSON and HTML reports.
 * Control plane; used by one thread, once; produces garbage.
 */
@Command(
    name = "e2e",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "End-to-end latency versus throughput: one short open-loop load step per offered rate, in order, against a " +
            "node started in-process (embedded defaults, free loopback ports, temp data dir) or --host/--port.",
        "Stops early when a step cannot keep up (achieved < 90%% of offered, or any error). Also measures the " +
            "loopback TCP echo round trip (arbiter bench echo) as the physical baseline.",
        "Each step also reports the CPU it used: cores busy, and CPU per request of the in-process node's threads, " +
            "the load generator's event loops and the whole process (GC and JIT included).",
        ""
    })
public final class BenchE2eCommand implements Callable<Integer>
{
    /** Least achieved / offered ratio for a step to count as keeping up. */
    static final double KEEP_UP_FRACTION = 0.9;
    /** A step whose p99 exceeds this multiple of the first step's p99 is where latency breaks. */
    static final long BREAK_P99_FACTOR = 10;

    private static final String DEFAULT_RATES = "100k,250k,500k,1m,1.5m,2m";

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME",
        description = "headline = 2000 connections, one step at 1.5m requests/s (50/50 buy/sell), plus the echo " +
            "baseline; options given explicitly still win.")
    private String preset;

    @Option(names = "--host", paramLabel = "HOST",
        description = "Target a running server instead of starting one in-process (default: 127.0.0.1).")
    private String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT",
        description = "Order gateway port of a running server; without it a node is started in-process.")
    private Integer port;

    @Option(names = "--admin-port", paramLabel = "PORT",
        description = "Admin HTTP port of the running server, for its /metrics (default: ${DEFAULT-VALUE}).")
    private int adminPort = 7002;

    @Option(names = "--cluster",
        description = "Start the in-process node in cluster mode in front of three cluster members in this JVM " +
            "(docs/cluster.md): each order is acknowledged once a majority holds it.")
    private boolean cluster;

    @Option(names = "--no-overload",
        description = "Start the in-process node with overload protection off (overload.enabled=false), to measure " +
            "the path's capacity rather than the per-session order-rate limiter (default: the node's embedded " +
            "defaults, protection on).")
    private boolean noOverload;

    @Option(names = "--no-metrics",
        description = "Start the in-process node with metrics off (metrics.enabled=false): no counters or per-stage " +
            "histograms on the hot path and no /metrics (the server probe then reads /proc), to measure what " +
            "metrics cost end to end (default: metrics on).")
    private boolean noMetrics;

    @Option(names = "--node-setting", paramLabel = "KEY=VALUE",
        description = "A setting of the in-process node (docs/configuration.md), e.g. sequencer.waitStrategy=" +
            "backoff; repeatable. --durability, --no-overload and --no-metrics still win.")
    private Map<String, String> nodeSettings = new LinkedHashMap<>();

    @Option(names = "--durability", paramLabel = "POLICY",
        description = "Journal durability of the in-process node: NONE, BATCH or INTERVAL (default: the node's " +
            "embedded default, BATCH: an fsync before every batch of replies).")
    private DurabilityPolicy durability;

    @Option(names = "--trace-every", paramLabel = "N",
        description = "Trace 1 order in N in the in-process node (1 = every order; spans go to the log unless an " +
            "OTLP endpoint is configured); 0 = tracing off, the node's default (default: ${DEFAULT-VALUE}).")
    private long traceEvery;

    @Option(names = "--rates", paramLabel = "R[,R...]",
        description = "Offered rates in requests per second, k and m suffixes allowed, run in order " +
            "(default: " + DEFAULT_RATES + ").")
    private String rates = DEFAULT_RATES;

    @Option(names = "--step-duration", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Measured length of each step (default: 5s).")
    private long stepNs = TimeUnit.SECONDS.toNanos(5);

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Warm-up of each step at its rate, excluded from the figures (default: 2s; 15s with " +
            "--connections-sweep or --preset headline, where thousands of connections keep the JIT compiling " +
            "longer: each step's JVM line says whether the compilers were done).")
    private long warmupNs = TimeUnit.SECONDS.toNanos(2);

    /** Default warm-up of the many-connection runs (docs/benchmarks.md, "2026-12-06 20:59–21:35"). */
    static final long MANY_CONNECTIONS_WARMUP_NS = TimeUnit.SECONDS.toNanos(15);

    @Option(names = { "-c", "--connections" }, paramLabel = "N",
        description = "Client connections (default: ${DEFAULT-VALUE}).")
    private int connections = 100;

    @Option(names = "--connections-sweep", paramLabel = "N[,N...]", split = ",",
        description = "Instead of the rate sweep: one total rate (the single --rates value) over each number of " +
            "connections in turn, each on a fresh in-process node, beside the TCP echo over the same connections and " +
            "rate (skipped with --echo-rate 0), e.g. 10,100,1000,2000,5000.")
    private int[] connectionsSweep;

    @Option(names = "--batch", paramLabel = "N",
        description = "Most requests per socket write (default: ${DEFAULT-VALUE}).")
    private int batch = 8;

    @Option(names = "--tick", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Scheduler tick of the load generator's event loops: each connection writes what came due " +
            "since the last one (at most --batch); latency includes up to one tick (default: 100us).")
    private long tickNs = 100_000L;

    @Option(names = "--io-threads", paramLabel = "N",
        description = "Load generator event loop threads (default: half the cores, 1 to 4).")
    private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    @Option(names = "--buy-percent", paramLabel = "PERCENT", description = "Share of buys (default: ${DEFAULT-VALUE}).")
    private int buyPercent = 50;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the order flow (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--echo-rate", paramLabel = "FRAMES_PER_S",
        description = "Rate of the echo baseline, k and m suffixes allowed; 0 skips it (default: 50k).")
    private String echoRate = "50k";

    @Option(names = "--echo-durable",
        description = "Also run the echo durable (as bench echo --durable: frames forced to a file before they are " +
            "echoed), the floor of a node whose replies wait for the disk, and print the node beside it.")
    private boolean echoDurable;

    @Option(names = "--echo-duration", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Measured length of the echo baseline (default: the step duration).")
    private Long echoNs;

    @Option(names = "--report", paramLabel = "FILE.html",
        description = "HTML report to write (default: ${DEFAULT-VALUE}).")
    private Path report = Path.of("reports", "bench-e2e.html");

    @Option(names = "--json", paramLabel = "FILE", description = "Also write all figures as JSON to this file.")
    private Path json;

    /**
     * Runs the sweep; picocli calls it after parsing the options.
     *
     * @return 0 when the sweep ran (whether or not a step kept up), 2 for invalid options.
     * @throws Exception if the node cannot start, the run is interrupted or a report cannot be written.
     */
    @Override
    public Integer call() throws Exception
    {
        final long[] offered;
        final long echo;
        try
        {
            applyPreset();
            offered = parseRates(rates);
            echo = parseRate(echoRate, true);
            if (stepNs <= 0 || warmupNs < 0 || connections < 1 || batch < 1 || ioThreads < 1 ||
                (echoNs != null && echoNs <= 0))
            {
                throw new IllegalArgumentException("--step-duration, --connections, --batch and --io-threads must " +
                    "be positive, --warmup not negative");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("invalid options: " + ex.getMessage());
            return ArbiterMain.EXIT_USAGE;
        }

        if (connectionsSweep != null)
        {
            return connectionSweep(offered, echo);
        }
        final String startedAt = Instant.now().toString();
        final String loadBefore = MachineInfo.loadAverage();
        EchoBenchmark.Result echoResult = null;
        if (echo > 0)
        {
            System.err.printf("arbiter bench e2e: echo baseline at %d/s over %d connections for %s%n", echo,
                connections,
                io.arbiter.loadgen.Durations.format(echoNs != null ? echoNs : stepNs));
            echoResult = new EchoBenchmark().rate(echo).durationNs(echoNs != null ? echoNs : stepNs)
                .warmupNs(warmupNs).connections(connections).ioThreads(ioThreads).run();
        }
        final EchoBenchmark.Result floorResult = durableEcho(echo, connections);

        final E2eSweep sweep = port != null ? sweep(host, port, "http://" + host + ":" + adminPort + "/metrics", 0,
            offered) : sweepInProcess(offered);
        final String loadAfter = MachineInfo.loadAverage();

        final String table = sweep.table(port == null, echoResult, floorResult);
        System.out.print(table);
        final String verdict = sweep.verdict(offered);
        System.out.println(verdict);

        final Map<String, Object> config = configuration(offered, echo);
        final Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu_model", MachineInfo.cpuModel());
        machine.putAll(MachineInfo.describe());
        machine.put("load_average_before", loadBefore);
        machine.put("load_average_after", loadAfter);

        final Map<String, Object> all = new LinkedHashMap<>();
        all.put("started_at", startedAt);
        all.put("config", config);
        all.put("machine", machine);
        all.put("echo", echoResult == null ? null : echoResult.figures());
        all.put("echo_durable", floorResult == null ? null : floorResult.figures());
        final List<Object> steps = new ArrayList<>();
        for (int i = 0; i < sweep.steps.size(); i++)
        {
            final Map<String, Object> step = sweep.steps.get(i).describe();
            step.put("cpu", sweep.cpu.get(i) == null ? null : sweep.cpu.get(i).describe(sweep.requests.get(i)));
            step.put("requests_per_write", sweep.requestsPerWrite(i));
            final NodeStageProbe.Figures stages = i < sweep.stages.size() ? sweep.stages.get(i) : null;
            step.put("journal_force_p50_ns", stages == null ? null : stages.forceNs());
            step.put("node_stages", stages == null ? null : stages.describe());
            step.put("jvm", i < sweep.jvm.size() && sweep.jvm.get(i) != null ? sweep.jvm.get(i).describe() : null);
            steps.add(step);
        }
        all.put("steps", steps);
        all.put("stopped_early", sweep.stopReason != null);
        all.put("stop_reason", sweep.stopReason);
        all.put("break_step", sweep.breakIndex < 0 ? null : sweep.breakIndex + 1);
        all.put("break_reason", sweep.breakReason);
        all.put("e2e_over_echo_p50_lowest_rate", E2eSweep.ratio(sweep.steps.isEmpty() ? null : sweep.steps.get(0),
            echoResult));
        all.put("e2e_over_echo_p50_at_echo_rate", E2eSweep.ratio(E2eSweep.stepAt(sweep.steps, echo), echoResult));
        all.put("verdict", verdict);
        if (json != null)
        {
            ReportFiles.write(json, Json.write(all));
        }

        final Map<String, Map<String, ?>> tables = new LinkedHashMap<>();
        tables.put("Configuration", config);
        tables.put("Machine", machine);
        if (echoResult != null)
        {
            tables.put("Echo baseline (arbiter bench echo)", echoResult.figures());
        }
        if (floorResult != null)
        {
            tables.put("Durable echo baseline (arbiter bench echo --durable)", floorResult.figures());
        }
        final String intro = "Started " + startedAt + ". Each step offers a fixed rate open loop; latency is the " +
            "new-order ack latency measured from each order's intended send time (coordinated omission " +
            "corrected), warm-up excluded. Achieved = requests answered per second (Accepted reports scaled by " +
            "sent requests over sent new orders). " + verdict;
        ReportFiles.write(report, HtmlReport.renderSweep("arbiter bench e2e", intro, sweep.steps, sweep.breakIndex,
            sweep.breakReason, echoResult == null ? 0 : LatencySummary.of(echoResult.histogram()).p50() / 1e3,
            table, tables));
        System.out.printf("%nreport: %s%n", report.toAbsolutePath());
        if (json != null)
        {
            System.out.printf("json:   %s%n", json.toAbsolutePath());
        }
        return ArbiterMain.EXIT_OK;
    }

    /**
     * Parses a comma-separated list of rates.
     *
     * @param text for example {@code 100k,1.5m}.
     * @return the rates, at least one, each at least 1.
     * @throws IllegalArgumentException if a rate is malformed or below 1.
     */
    static long[] parseRates(final String text)
    {
        final String[] parts = text.split(",");
        final long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            values[i] = parseRate(parts[i], false);
        }
        return values;
    }

    /**
     * Parses a rate such as {@code 2000}, {@code 250k} or {@code 1.5m}.
     *
     * @param text      the rate.
     * @param zeroAllowed whether 0 is accepted.
     * @return requests per second.
     * @throws IllegalArgumentException if malformed, fractional after scaling, or below the minimum.
     */
    static long parseRate(final String text, final boolean zeroAllowed)
    {
        final String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty())
        {
            throw new IllegalArgumentException("empty rate");
        }
        final char last = trimmed.charAt(trimmed.length() - 1);
        final long scale = last == 'k' ? 1_000L : last == 'm' ? 1_000_000L : 1L;
        final String number = scale == 1 ? trimmed : trimmed.substring(0, trimmed.length() - 1);
        final long value;
        try
        {
            value = new BigDecimal(number).multiply(BigDecimal.valueOf(scale)).longValueExact();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("not a rate (e.g. 2000, 250k, 1.5m): " + text, ex);
        }
        if (value < (zeroAllowed ? 0 : 1))
        {
            throw new IllegalArgumentException("rate must be " + (zeroAllowed ? ">= 0" : ">= 1") + ": " + text);
        }
        return value;
    }

    /**
     * Apply the preset's values and the many-connection warm-up to the options the command line left out.
     */
    void applyPreset()
    {
        final boolean headline = HeadlinePreset.isSelected(preset);
        if ((headline || connectionsSweep != null) && !matched("--warmup"))
        {
            warmupNs = MANY_CONNECTIONS_WARMUP_NS;
        }
        if (!headline)
        {
            return;
        }
        if (!matched("--connections"))
        {
            connections = HeadlinePreset.CONNECTIONS;
        }
        if (!matched("--rates"))
        {
            rates = Long.toString(HeadlinePreset.RATE);
        }
        if (!matched("--buy-percent"))
        {
            buyPercent = HeadlinePreset.BUY_PERCENT;
        }
    }

    /**
     * @return the warm-up of each step, ns (after {@link #applyPreset()}).
     */
    long warmupNs()
    {
        return warmupNs;
    }

    private boolean matched(final String option)
    {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private Integer connectionSweep(final long[] offered, final long echo) throws Exception
    {
        if (offered.length != 1)
        {
            System.err.println("invalid options: --connections-sweep takes a single rate in --rates");
            return ArbiterMain.EXIT_USAGE;
        }
        final long rate = offered[0];
        final E2eConnectionSweep result = new E2eConnectionSweep(rate);
        for (final int count : connectionsSweep)
        {
            if (count < 1)
            {
                System.err.println("invalid options: --connections-sweep counts must be positive");
                return ArbiterMain.EXIT_USAGE;
            }
            connections = count;
            EchoBenchmark.Result echoResult = null;
            if (echo > 0)
            {
                System.err.printf("arbiter bench e2e: echo at %d/s over %d connections%n", rate, count);
                echoResult = new EchoBenchmark().rate(rate).durationNs(echoNs != null ? echoNs : stepNs)
                    .warmupNs(warmupNs).connections(count).ioThreads(ioThreads).run();
            }
            final EchoBenchmark.Result floorResult = durableEcho(rate, count);
            final E2eSweep sweep = port != null ?
                sweep(host, port, "http://" + host + ":" + adminPort + "/metrics", 0, offered) :
                sweepInProcess(offered);
            result.add(count, sweep, echoResult, floorResult);
        }
        System.out.print(result.table());
        if (json != null)
        {
            final Map<String, Object> all = new LinkedHashMap<>();
            all.put("config", configuration(offered, echo));
            all.put("connections_sweep", result.points());
            ReportFiles.write(json, Json.write(all));
            System.out.printf("json: %s%n", json.toAbsolutePath());
        }
        return ArbiterMain.EXIT_OK;
    }

    /**
     * The durable echo at {@code rate} over {@code count} connections when {@code --echo-durable} asks for it, with
     * its files in the system's temporary directory (where the in-process node keeps its journal).
     *
     * @return its result, or null when not asked for or the rate is 0.
     */
    private EchoBenchmark.Result durableEcho(final long rate, final int count) throws InterruptedException
    {
        if (!echoDurable || rate <= 0)
        {
            return null;
        }
        System.err.printf("arbiter bench e2e: durable echo at %d/s over %d connections%n", rate, count);
        return new EchoBenchmark().rate(rate).durationNs(echoNs != null ? echoNs : stepNs).warmupNs(warmupNs)
            .connections(count).ioThreads(ioThreads).durable(Path.of(System.getProperty("java.io.tmpdir"))).run();
    }

    private E2eSweep sweepInProcess(final long[] offered) throws Exception
    {
        final Path dataDir = Files.createTempDirectory("arbiter-bench-e2e-");
        final Properties settings = new Properties();
        settings.putAll(nodeSettings);
        final ServerConfigLoader loader = new ServerConfigLoader();
        final ServerContext context = loader.apply(loader.loadDefaults(), settings, "--node-setting")
            .port(0).marketDataPort(0)
            .adminPort(0)
            .bindAddress("127.0.0.1")
            .dataDir(dataDir.toString());
        if (noOverload)
        {
            context.overloadEnabled(false);
        }
        if (noMetrics)
        {
            context.metricsEnabled(false);
        }
        raiseConnectionLimits(context, connections);
        if (durability != null)
        {
            context.journalDurability(durability);
        }
        if (traceEvery > 0)
        {
            context.tracing().tracingEnabled(true).sampleEvery(traceEvery);
        }
        ServerConfigLoader.validate(context);
        try (E2eCluster members = cluster ? E2eCluster.start(context) : null;
            ArbiterNode node = (members == null ? new ArbiterNode(context) : members.node(context)).start())
        {
            System.err.printf("arbiter bench e2e: node in-process on 127.0.0.1:%d (%s), data in %s%s; " +
                "session.egressBufferBytes %d%n", node.port(), node.transport(), dataDir,
                cluster ? ", in cluster mode before " + E2eCluster.MEMBERS + " members in this JVM" : "",
                context.egressBufferBytes());
            return sweep("127.0.0.1", node.port(), "http://127.0.0.1:" + node.adminPort() + "/metrics",
                ProcessHandle.current().pid(), offered,
                node.metrics() == null ? null :
                    new NodeStageProbe(node.metrics(), node.gatewayState()::slowConsumerCloses));
        }
        finally
        {
            ReportFiles.deleteTree(dataDir);
        }
    }

    /**
     * Room for every connection of the run, all logging on at once, from one address.
     *
     * @param context     of the in-process node; its limits are only raised.
     * @param connections of the run.
     */
    static void raiseConnectionLimits(final ServerContext context, final int connections)
    {
        final int needed = connections + 64;
        if (context.maxConnections() < needed)
        {
            context.maxConnections(needed);
        }
        if (context.maxConnectionsPerAddress() < needed)
        {
            context.maxConnectionsPerAddress(needed);
        }
        if (context.maxPendingLogons() < needed)
        {
            context.maxPendingLogons(needed);
        }
        if (context.maxPendingLogonsPerAddress() < needed)
        {
            context.maxPendingLogonsPerAddress(needed);
        }
    }

    private E2eSweep sweep(final String targetHost, final int targetPort, final String metricsUrl, final long serverPid,
        final long[] offered) throws Exception
    {
        return sweep(targetHost, targetPort, metricsUrl, serverPid, offered, null);
    }

    /**
     * @param stages the in-process node's stage histograms; null for a remote node (or metrics off).
     */
    private E2eSweep sweep(final String targetHost, final int targetPort, final String metricsUrl, final long serverPid,
        final long[] offered, final NodeStageProbe stages) throws Exception
    {
        final E2eSweep sweep = new E2eSweep();
        long firstP99 = 0;
        for (int i = 0; i < offered.length; i++)
        {
            System.err.printf("arbiter bench e2e: step %d/%d, %d requests/s, %d connections, warm-up %s, measured %s%n",
                i + 1, offered.length, offered[i], connections, io.arbiter.loadgen.Durations.format(warmupNs),
                io.arbiter.loadgen.Durations.format(stepNs));
            final LoadGeneratorConfig config = new LoadGeneratorConfig()
                .host(targetHost)
                .port(targetPort)
                .connections(connections)
                .rate(offered[i])
                .durationNs(stepNs)
                .warmupNs(warmupNs)
                .seed(seed + i)
                .batch(batch)
                .tickIntervalNs(tickNs)
                .ioThreads(ioThreads)
                .mix(new io.arbiter.loadgen.OrderMix().buyPercent(buyPercent))
                .metricsUrl(metricsUrl)
                .serverPid(serverPid)
                .progress(false);
            config.validate();
            if (stages != null)
            {
                stages.beforeStep();
                // taken again when the warm-up is over, so the node's figures cover the measured period only
                config.measureStartListener(stages::beforeStep);
            }
            final LoadResult result = new LoadGenerator(config, System.err).run();
            sweep.jvm.add(result.jvm);
            sweep.stages.add(stages == null ? null : stages.afterStep());
            sweep.cpu.add(result.cpu);
            sweep.requests.add(result.sentRequests());
            sweep.writes.add(result.counts.getOrDefault("socket_writes", 0L));
            final SweepStep step = SweepStep.of(result, KEEP_UP_FRACTION);
            sweep.steps.add(step);
            if (i == 0)
            {
                firstP99 = step.ack().p99();
            }
            if (!step.keptUp())
            {
                final String why = String.format(Locale.ROOT,
                    "offered %d/s, achieved %.0f/s (%.0f%%), %d errors%s", step.offeredPerS(), step.achievedPerS(),
                    100.0 * step.achievedPerS() / step.offeredPerS(), step.errors(),
                    result.lastError == null ? "" : ", last error: " + result.lastError);
                if (sweep.breakIndex < 0)
                {
                    sweep.breakIndex = i;
                    sweep.breakReason = "could not keep up: " + why;
                }
                if (i + 1 < offered.length)
                {
                    sweep.stopReason = "stopped after step " + (i + 1) + " of " + offered.length + ", which could " +
                        "not keep up (" + why + ")";
                    System.err.println("arbiter bench e2e: " + sweep.stopReason);
                }
                break;
            }
            if (sweep.breakIndex < 0 && i > 0 && firstP99 > 0 && step.ack().p99() > BREAK_P99_FACTOR * firstP99)
            {
                sweep.breakIndex = i;
                sweep.breakReason = String.format(Locale.ROOT, "p99 %.1f us is more than %dx the first step's %.1f us",
                    step.ack().p99() / 1e3, BREAK_P99_FACTOR, firstP99 / 1e3);
            }
        }
        return sweep;
    }

    private Map<String, Object> configuration(final long[] offered, final long echo)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("preset", preset == null ? "none" : preset);
        map.put("target", port == null ? "node in-process (embedded defaults, loopback)" +
            (cluster ? " in cluster mode, " + E2eCluster.MEMBERS + " members in this JVM" : "") : host + ":" + port);
        map.put("node_overload_protection", port != null ? "as configured on the target" :
            noOverload ? "off (--no-overload)" : "on (embedded defaults)");
        map.put("node_metrics", port != null ? "as configured on the target" :
            noMetrics ? "off (--no-metrics)" : "on");
        map.put("node_tracing", port != null ? "as configured on the target" :
            traceEvery > 0 ? "1 in " + traceEvery + " orders (--trace-every)" : "off");
        map.put("rates_per_s", offered);
        map.put("step_duration_ms", TimeUnit.NANOSECONDS.toMillis(stepNs));
        map.put("warmup_ms", TimeUnit.NANOSECONDS.toMillis(warmupNs));
        map.put("connections", connections);
        map.put("batch", batch);
        map.put("tick_us", TimeUnit.NANOSECONDS.toMicros(tickNs));
        map.put("io_threads", ioThreads);
        map.put("buy_percent", buyPercent);
        map.put("mix", new io.arbiter.loadgen.OrderMix().buyPercent(buyPercent).toString());
        map.put("seed", seed);
        map.put("echo_rate_per_s", echo);
        map.put("echo_durable", echoDurable);
        map.put("keep_up", "achieved >= " + KEEP_UP_FRACTION + " x offered and no error");
        map.put("break", "first step that cannot keep up or whose p99 exceeds " + BREAK_P99_FACTOR +
            "x the first step's");
        return map;
    }
}
