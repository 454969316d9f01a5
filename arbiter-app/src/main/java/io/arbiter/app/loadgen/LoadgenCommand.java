package io.arbiter.app.loadgen;

import io.arbiter.app.ArbiterMain;
import io.arbiter.engine.Prices;
import io.arbiter.loadgen.HeadlinePreset;
import io.arbiter.loadgen.HtmlReport;
import io.arbiter.loadgen.Json;
import io.arbiter.loadgen.LoadGenerator;
import io.arbiter.loadgen.LoadGeneratorConfig;
import io.arbiter.loadgen.LoadResult;
import io.arbiter.loadgen.OrderMix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code arbiter loadgen}: runs {@link LoadGenerator} against a server and prints the summary, optionally writing
 * JSON, an HdrHistogram log and an HTML report. Used by one thread, once.
 */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    description = {
        "Open-loop load generator: sends orders on a fixed schedule (the rate spread over all connections), " +
            "not when replies arrive, and measures latency from each order's intended send time, so stalls are " +
            "not hidden (coordinated omission corrected).",
        "Progress goes to stderr (one line updated in place), the summary table to stdout."})
public final class LoadgenCommand implements Callable<Integer>
{
    /** The node's default fix.port. */
    static final int FIX_PORT = 9878;

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME",
        description = "headline = 2000 connections at 1.5m requests/s, 50/50 buy/sell; options given explicitly " +
            "still win.")
    String preset;

    @Option(names = "--protocol", paramLabel = "binary|fix",
        description = "binary = the node's protobuf protocol; fix = FIX 4.4 through QuickFIX/J initiators, one " +
            "session per account (at most as many sessions as accounts), pipelined, same schedule, latency " +
            "definitions and report; --port then defaults to 9878 (default: ${DEFAULT-VALUE}).")
    String protocol = "binary";

    @Option(names = "--fix-comp-id", paramLabel = "COMPID",
        description = "The venue's CompID (the node's fix.compId), TargetCompID of the FIX sessions " +
            "(default: ${DEFAULT-VALUE}).")
    String fixCompId = "ARBITER";

    @Option(names = "--host", paramLabel = "HOST", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT",
        description = "Server order gateway port (default: ${DEFAULT-VALUE}).")
    int port = 7001;

    @Option(names = {"-c", "--connections"}, paramLabel = "N",
        description = "Connections (sessions), served by a few event loop threads (default: ${DEFAULT-VALUE}).")
    int connections = 100;

    @Option(names = {"-r", "--rate"}, paramLabel = "ORDERS_PER_S",
        description = "Aggregate offered rate of requests (new orders, cancels, replaces) per second " +
            "(default: ${DEFAULT-VALUE}).")
    long rate = 10_000;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Measured duration after the warm-up, e.g. 500ms, 30s, 2m (default: 30s).")
    long durationNs = 30_000_000_000L;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Warm-up at the same rate, excluded from the figures (default: 5s).")
    long warmupNs = 5_000_000_000L;

    @Option(names = "--ramp", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Raise the rate linearly from 0 to --rate over this first part of the warm-up, so that a " +
            "cold server is not hit by the full rate at once; at most the warm-up (default: 0, the full rate from " +
            "the start).")
    long rampNs;

    @Option(names = "--orders", paramLabel = "N",
        description = "Stop after this many requests in total, warm-up included, if that comes before the " +
            "duration ends (default: no limit).")
    long orders;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the order flow (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--batch", paramLabel = "N",
        description = "Most requests per socket write; each scheduler tick also writes what is due " +
            "(default: ${DEFAULT-VALUE}).")
    int batch = 1;

    @Option(names = "--io-threads", paramLabel = "N",
        description = "Netty event loop threads for all connections (default: half the cores, 1 to 4).")
    int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    @Option(names = "--tick", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Scheduler tick of each event loop; latency includes up to one tick (default: 100us).")
    long tickNs = 100_000L;

    @Option(names = "--accounts", paramLabel = "NAME:SECRET[,...]",
        description = "Accounts to log on with, connection i using account i modulo their number " +
            "(default: the server's embedded load generator accounts, " + LoadGeneratorConfig.DEFAULT_ACCOUNTS +
            ").")
    String accounts;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Instrument (default: ${DEFAULT-VALUE}).")
    String symbol = "BTC-USD";

    @Option(names = "--tick-size", paramLabel = "PRICE",
        description = "The instrument's price increment (default: ${DEFAULT-VALUE}).")
    String tickSize = "0.01";

    @Option(names = "--lot-size", paramLabel = "N",
        description = "The instrument's lot size (default: ${DEFAULT-VALUE}).")
    long lotSize = 1;

    @Option(names = "--mid", paramLabel = "PRICE", description = "Starting mid price (default: ${DEFAULT-VALUE}).")
    String mid = "100";

    @Option(names = "--mix", paramLabel = "P,C,I,M,X,R",
        description = "Percent of passive GTC, crossing GTC, IOC limit, market IOC, cancel and replace requests, " +
            "adding up to 100 (default: ${DEFAULT-VALUE}).")
    String mix = "50,12,7,3,16,12";

    @Option(names = "--order-types", paramLabel = "NAME",
        description = "Order types of new orders: plain, or stops-icebergs (10 %% STOP_MARKET IOC orders 1-3 ticks " +
            "beyond the mid, 10 %% GTC icebergs showing half their quantity, 10 %% GTD limits expiring 2 s after " +
            "they are sent; the rest as --mix says) (default: ${DEFAULT-VALUE}).")
    String orderTypes = "plain";

    @Option(names = "--buy-percent", paramLabel = "PERCENT", description = "Share of buys (default: ${DEFAULT-VALUE}).")
    int buyPercent = 50;

    @Option(names = "--max-open", paramLabel = "N",
        description = "Most resting orders per connection before the oldest is cancelled (default: 20000 spread " +
            "over the connections, 2 to 50 each).")
    int maxOpen;

    @Option(names = "--json", paramLabel = "FILE", description = "Write all figures as JSON to this file.")
    File json;

    @Option(names = "--hdr", paramLabel = "FILE",
        description = "Write the interval histograms as an HdrHistogram log (values in ns) to this file.")
    File hdr;

    @Option(names = "--report", paramLabel = "FILE.html",
        description = "Write a self-contained HTML report with charts to this file.")
    File report;

    @Option(names = "--metrics-url", paramLabel = "URL",
        description = "Prometheus text endpoint of the server for CPU, RSS and GC figures " +
            "(default: http://HOST:ADMIN_PORT/metrics; figures are n/a if it does not answer).")
    String metricsUrl;

    @Option(names = "--admin-port", paramLabel = "PORT",
        description = "Server admin HTTP port, for the default metrics URL and --fund (default: ${DEFAULT-VALUE}).")
    int adminPort = 7002;

    @Option(names = "--fund", paramLabel = "AMOUNT",
        description = "Before the run deposit AMOUNT of the quote asset, and its value at --mid of the base asset, " +
            "into each account through the admin API (--admin-port, --admin-token), for an instrument with assets.")
    String fund;

    @Option(names = "--assets", paramLabel = "BASE,QUOTE",
        description = "The instrument's assets for --fund (default: --symbol split at its '-', e.g. BTC-USDT).")
    String assets;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
        description = "The node's admin.token for --fund (default: the ARBITER_ADMIN_TOKEN environment variable).")
    String adminToken;

    @Option(names = "--server-pid", paramLabel = "PID",
        description = "Local server process to read CPU and RSS from /proc when there is no metrics URL.")
    long serverPid;

    @Option(names = "--tls-trust", paramLabel = "CA.pem",
        description = "Connect with TLS, trusting the CA certificates in this PEM file (the server must run with " +
            "tls.enabled; its certificate must name --host).")
    Path tlsTrust;

    @Option(names = "--md-subscribers", paramLabel = "N",
        description = "Also open N market-data feed subscribers to --symbol and measure, for every trade of a taker " +
            "order of this run, the time from the order's intended send time to the public trade's arrival at " +
            "each subscriber (default: ${DEFAULT-VALUE}).")
    int mdSubscribers;

    @Option(names = "--md-port", paramLabel = "PORT",
        description = "The node's market-data port (marketdata.port) for --md-subscribers (default: ${DEFAULT-VALUE}).")
    int mdPort = 7003;

    @Option(names = "--no-progress", description = "Do not print the progress line.")
    boolean noProgress;

    /**
     * Runs the load.
     *
     * @return 0 on success, 1 if any error was counted, 2 for invalid options.
     * @throws Exception if an output file cannot be written.
     */
    @Override
    public Integer call() throws Exception
    {
        final LoadGeneratorConfig config;
        try
        {
            config = config();
            config.validate();
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("invalid options: " + ex.getMessage());
            return ArbiterMain.EXIT_USAGE;
        }
        final LoadResult result = new LoadGenerator(config, System.err).hdrLog(hdr).run();
        System.out.print(result.summaryTable());
        if (json != null)
        {
            Files.writeString(json.toPath(), Json.write(result.describe()), StandardCharsets.UTF_8);
        }
        if (report != null)
        {
            Files.writeString(report.toPath(),
                HtmlReport.render(result, "arbiter loadgen " + host + ":" + result.config.get("port")),
                StandardCharsets.UTF_8);
        }
        return result.errors() == 0 ? ArbiterMain.EXIT_OK : ArbiterMain.EXIT_FAILURE;
    }

    LoadGeneratorConfig config()
    {
        applyPreset();
        final String[] shares = mix.split(",");
        if (shares.length != 6)
        {
            throw new IllegalArgumentException("--mix needs six percentages, got " + mix);
        }
        final long tickUnits = Prices.parse(tickSize);
        final long midUnits = Prices.parse(mid);
        if (tickUnits <= 0 || midUnits <= 0)
        {
            throw new IllegalArgumentException("--tick-size and --mid must be positive decimal prices");
        }
        final boolean fix = "fix".equalsIgnoreCase(protocol);
        if (!fix && !"binary".equalsIgnoreCase(protocol))
        {
            throw new IllegalArgumentException("--protocol must be binary or fix, got " + protocol);
        }
        final LoadGeneratorConfig config = new LoadGeneratorConfig()
            .host(host)
            .port(fix && !matched("--port") ? FIX_PORT : port)
            .fix(fix, fixCompId)
            .connections(connections)
            .rate(rate)
            .durationNs(durationNs)
            .warmupNs(warmupNs)
            .rampNs(rampNs)
            .maxOrders(orders)
            .seed(seed)
            .batch(batch)
            .ioThreads(ioThreads)
            .tickIntervalNs(tickNs)
            .instrument(symbol, tickUnits, lotSize, midUnits / tickUnits * tickUnits)
            .mix(new OrderMix().shares(share(shares[0]), share(shares[1]), share(shares[2]), share(shares[3]),
                share(shares[4]), share(shares[5])).buyPercent(buyPercent).orderTypes(orderTypes))
            .maxOpenOrdersPerConnection(maxOpen)
            .metricsUrl(metricsUrl != null ? metricsUrl : "http://" + host + ":" + adminPort + "/metrics")
            .serverPid(serverPid)
            .tlsTrustFile(tlsTrust)
            .marketDataSubscribers(mdSubscribers)
            .marketDataPort(mdPort)
            .progress(!noProgress);
        if (accounts != null)
        {
            config.accounts(accounts);
        }
        if (fund != null)
        {
            final long fundUnits = Prices.parse(fund);
            if (fundUnits <= 0 || fundUnits == Prices.UNREPRESENTABLE)
            {
                throw new IllegalArgumentException("--fund must be a positive amount with at most 8 decimals");
            }
            final String[] pair = (assets != null ? assets : symbol).split(assets != null ? "," : "-");
            if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank())
            {
                throw new IllegalArgumentException("--fund needs --assets BASE,QUOTE (the symbol " + symbol +
                    " does not name them)");
            }
            config.fund(fundUnits, pair[0].trim(), pair[1].trim()).admin("http://" + host + ":" + adminPort,
                adminToken != null ? adminToken : System.getenv("ARBITER_ADMIN_TOKEN"));
        }
        return config;
    }

    private void applyPreset()
    {
        if (!HeadlinePreset.isSelected(preset))
        {
            return;
        }
        if (!matched("--connections"))
        {
            connections = HeadlinePreset.CONNECTIONS;
        }
        if (!matched("--rate"))
        {
            rate = HeadlinePreset.RATE;
        }
        if (!matched("--buy-percent"))
        {
            buyPercent = HeadlinePreset.BUY_PERCENT;
        }
    }

    private boolean matched(final String option)
    {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private static int share(final String text)
    {
        return Integer.parseInt(text.trim());
    }
}
