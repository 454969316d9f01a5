package io.arbiter.app.demo;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.ReportFiles;
import io.arbiter.app.VersionProvider;
import io.arbiter.app.loadgen.DurationConverter;
import io.arbiter.engine.Prices;
import io.arbiter.loadgen.AdminClient;
import io.arbiter.loadgen.BookDepth;
import io.arbiter.loadgen.HtmlReport;
import io.arbiter.loadgen.Json;
import io.arbiter.loadgen.LoadGenerator;
import io.arbiter.loadgen.LoadGeneratorConfig;
import io.arbiter.loadgen.LoadResult;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.overload.NodeOverload;
import io.arbiter.server.overload.OverloadEvents;
import io.arbiter.server.overload.OverloadTransition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code arbiter demo}: starts a node in this process on its embedded defaults plus an instrument with assets and fees
 * (on free loopback ports and a fresh data directory, so it never collides with a running node), funds the load's
 * accounts through the journaled admin API, drives a short seeded open-loop order flow through the Java client, prints
 * the summary, the fees collected and the accounts' balances, and writes an HTML and a JSON report. Control plane;
 * produces garbage.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Start a node in-process on its embedded defaults plus " + DemoCommand.SYMBOL + " (spot risk: holds, fees),",
        "fund the load's accounts through the admin API, run a short seeded load through the Java client and print",
        "orders, trades, throughput, latency percentiles, fees collected and balances; write HTML and JSON reports.",
        ""
    })
public final class DemoCommand implements Callable<Integer>
{
    /** The demo's instrument: spot risk, so orders take holds on the funded accounts and fills pay fees. */
    static final String SYMBOL = "BTC-USDT";
    private static final String BASE = "BTC";
    private static final String QUOTE = "USDT";
    private static final long TICK_UNITS = Prices.UNIT / 100;
    private static final long MID_UNITS = 100 * Prices.UNIT;
    private static final int MAKER_BPS = 1;
    private static final int TAKER_BPS = 5;
    /** Quote deposited per account (and its value in base): far more than the open-order budget can hold. */
    private static final long FUND_UNITS = 10_000_000 * Prices.UNIT;

    @Option(names = { "-d", "--duration" }, paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Measured load duration, e.g. 5s (default: 5s).")
    private long durationNs = TimeUnit.SECONDS.toNanos(5);

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Warm-up before measuring, excluded from the figures; the rate rises linearly from 0 over " +
            "its first half while the JIT compiles the node's and the client's code (default: 15s; with 2s the " +
            "compilers were still busy ~90%% of the measured period on two cores).")
    private long warmupNs = TimeUnit.SECONDS.toNanos(15);

    @Option(names = { "-r", "--rate" }, paramLabel = "REQUESTS_PER_S",
        description = "Offered rate of requests (orders, cancels, replaces) per second (default: ${DEFAULT-VALUE}).")
    private long rate = 10_000;

    @Option(names = { "-c", "--connections" }, paramLabel = "N",
        description = "Client connections (default: ${DEFAULT-VALUE}).")
    private int connections = 32;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the order flow (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--md-subscribers", paramLabel = "N",
        description = "Market-data feed subscribers to open: trade to subscriber latency and the final book " +
            "(default: ${DEFAULT-VALUE}).")
    private int mdSubscribers = 4;

    @Option(names = "--report", paramLabel = "FILE.html",
        description = "HTML report to write (default: ${DEFAULT-VALUE}).")
    private Path report = Path.of("reports", "demo.html");

    @Option(names = "--json", paramLabel = "FILE", description = "JSON figures to write (default: ${DEFAULT-VALUE}).")
    private Path json = Path.of("reports", "demo.json");

    /**
     * Run the demo; picocli calls it after parsing the options.
     *
     * @return 0 when the run counted no error, 1 otherwise.
     * @throws Exception if the node cannot start or a report cannot be written.
     */
    @Override
    public Integer call() throws Exception
    {
        final Path dataDir = Files.createTempDirectory("arbiter-demo-");
        final String adminToken = UUID.randomUUID().toString();
        final ServerContext context = new ServerConfigLoader().loadDefaults()
            .port(0).marketDataPort(0)
            .adminPort(0)
            .adminToken(adminToken)
            .bindAddress("127.0.0.1")
            .dataDir(dataDir.toString())
            .addInstrument(new InstrumentConfig(SYMBOL, TICK_UNITS, 1, BASE, QUOTE, MAKER_BPS, TAKER_BPS, true));
        ServerConfigLoader.validate(context);

        final LoadResult result;
        final String balances;
        final Map<String, Object> overload;
        try (ArbiterNode node = new ArbiterNode(context).start())
        {
            System.err.printf("arbiter demo: node on 127.0.0.1:%d (%s), admin port %d, data in %s%n",
                node.port(), node.transport(), node.adminPort(), dataDir);
            final String adminUrl = "http://127.0.0.1:" + node.adminPort();
            final LoadGeneratorConfig config = new LoadGeneratorConfig()
                .host("127.0.0.1")
                .port(node.port())
                .instrument(SYMBOL, TICK_UNITS, 1, MID_UNITS)
                .fund(FUND_UNITS, BASE, QUOTE)
                .admin(adminUrl, adminToken)
                .connections(connections)
                .rate(rate)
                .durationNs(durationNs)
                .warmupNs(warmupNs)
                .rampNs(warmupNs / 2)
                .seed(seed)
                .marketDataSubscribers(mdSubscribers)
                .marketDataPort(node.marketDataPort())
                .metricsUrl("http://127.0.0.1:" + node.adminPort() + "/metrics")
                .serverPid(ProcessHandle.current().pid());
            config.validate();
            result = new LoadGenerator(config, System.err).run();
            final List<String> accounts = new ArrayList<>();
            config.effectiveAccounts().forEach(account -> accounts.add(account[0]));
            balances = BalanceSummary.describe(new AdminClient(adminUrl, adminToken), accounts);
            overload = overloadModes(node.overload());
        }
        finally
        {
            ReportFiles.deleteTree(dataDir);
        }

        System.out.print(result.summaryTable());
        System.out.println(topOfBook(result.finalBook));
        System.out.print(balances);
        if (result.jvm != null)
        {
            System.out.printf("%nJVM in the measured period (node and load generator share it): %s%n",
                result.jvm.line());
        }
        System.out.printf("%noverload protection over the whole run (warm-up included): LEAKY_ONLY entered %d " +
            "times, circuit breaker opened %d times%n", overload.get("leaky_only_entered"),
            overload.get("breaker_opened"));
        ReportFiles.write(report, HtmlReport.render(result, "arbiter demo (node in-process, embedded defaults)"));
        final Map<String, Object> figures = result.describe();
        figures.put("overload", overload);
        ReportFiles.write(json, Json.write(figures));
        System.out.printf("%nreport: %s%njson:   %s%n", report.toAbsolutePath(), json.toAbsolutePath());
        return result.errors() == 0 ? ArbiterMain.EXIT_OK : ArbiterMain.EXIT_FAILURE;
    }

    /**
     * How often the node's overload protection left its normal mode during the run.
     *
     * @param overload the node's overload protection (the demo's defaults turn it on).
     * @return {@code leaky_only_entered} and {@code breaker_opened} (every kind of opening).
     */
    static Map<String, Object> overloadModes(final NodeOverload overload)
    {
        if (overload == null)
        {
            throw new IllegalStateException("the demo runs the node with overload protection on");
        }
        final OverloadEvents events = overload.events();
        final Map<String, Object> modes = new LinkedHashMap<>();
        modes.put("leaky_only_entered", events.count(OverloadTransition.LEAKY_ONLY_ENTERED));
        modes.put("breaker_opened", events.count(OverloadTransition.BREAKER_OPENED_EXHAUSTION) +
            events.count(OverloadTransition.BREAKER_OPENED_RING) +
            events.count(OverloadTransition.BREAKER_OPENED_DELAY));
        return modes;
    }

    /**
     * The best bid and ask at the end of the run as a feed subscriber saw them.
     *
     * @param book the final book, or null without subscribers.
     * @return one line of text.
     */
    static String topOfBook(final BookDepth book)
    {
        if (book == null)
        {
            return "\ntop of book: n/a (no market-data subscriber)";
        }
        return String.format("%ntop of book %s: bid %s, ask %s", book.symbol,
            book.bidPrices.length == 0 ? "none" : Prices.format(book.bidPrices[0]) + " x " + book.bidQuantities[0],
            book.askPrices.length == 0 ? "none" : Prices.format(book.askPrices[0]) + " x " + book.askQuantities[0]);
    }


}
