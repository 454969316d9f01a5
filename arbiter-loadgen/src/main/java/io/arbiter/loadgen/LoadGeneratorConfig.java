package io.arbiter.loadgen;

import io.arbiter.engine.Prices;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Settings of one {@link LoadGenerator} run, with defaults for everything. Mutable while being set up, then read by
 * the run; not thread-safe.
 */
public final class LoadGeneratorConfig
{
    /**
     * Default accounts: the load generator accounts of the server's embedded configuration
     * ({@code arbiter-server/src/main/resources/arbiter-default.properties}).
     */
    public static final String DEFAULT_ACCOUNTS =
        "loadgen1:loadgen-secret,loadgen2:loadgen-secret,loadgen3:loadgen-secret,loadgen4:loadgen-secret";
    /** Budget of open orders over all connections when no per-connection limit is set (server pools are finite). */
    public static final int DEFAULT_OPEN_ORDER_BUDGET = 20_000;

    String host = "127.0.0.1";
    int port = 7001;
    int connections = 100;
    long ratePerSecond = 10_000;
    long durationNs = TimeUnit.SECONDS.toNanos(30);
    long warmupNs = TimeUnit.SECONDS.toNanos(5);
    long rampNs;
    long maxOrders;
    long seed = 42;
    int batch = 1;
    int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    long tickIntervalNs = TimeUnit.MICROSECONDS.toNanos(100);
    long drainTimeoutNs = TimeUnit.SECONDS.toNanos(5);
    long connectTimeoutNs = TimeUnit.SECONDS.toNanos(30);
    List<String[]> accounts = new ArrayList<>();
    String symbol = "BTC-USD";
    long tickSize = 1_000_000L;
    long lotSize = 1;
    long midPrice = 10_000_000_000L;
    int maxOpenOrdersPerConnection;
    OrderMix mix = new OrderMix();
    boolean progress = true;
    String metricsUrl;
    Runnable measureStartListener;
    Runnable drainedListener;
    long serverPid;
    Path tlsTrustFile;
    int marketDataSubscribers;
    int marketDataPort = 7003;
    boolean fix;
    String fixCompId = "ARBITER";
    long fundQuoteUnits;
    String baseAsset;
    String quoteAsset;
    String adminUrl = "http://127.0.0.1:7002";
    String adminToken;

    /**
     * Server host.
     *
     * @param host host name or address.
     * @return this.
     */
    public LoadGeneratorConfig host(final String host)
    {
        this.host = host;
        return this;
    }

    /**
     * Server port.
     *
     * @param port the port.
     * @return this.
     */
    public LoadGeneratorConfig port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * Speak FIX 4.4 (QuickFIX/J initiators, one session per account) instead of the binary protocol; {@link #port}
     * is then the node's {@code fix.port}.
     *
     * @param fix true for FIX.
     * @param compId the venue's CompID (the node's {@code fix.compId}), the sessions' TargetCompID.
     * @return this.
     */
    public LoadGeneratorConfig fix(final boolean fix, final String compId)
    {
        this.fix = fix;
        this.fixCompId = compId;
        return this;
    }

    /**
     * Number of connections (sessions).
     *
     * @param connections at least 1.
     * @return this.
     */
    public LoadGeneratorConfig connections(final int connections)
    {
        this.connections = connections;
        return this;
    }

    /**
     * Aggregate offered rate of requests (new orders, cancels, replaces) per second, spread over the connections.
     *
     * @param ratePerSecond at least 1.
     * @return this.
     */
    public LoadGeneratorConfig rate(final long ratePerSecond)
    {
        this.ratePerSecond = ratePerSecond;
        return this;
    }

    /**
     * Measured duration, after the warm-up.
     *
     * @param durationNs nanoseconds.
     * @return this.
     */
    public LoadGeneratorConfig durationNs(final long durationNs)
    {
        this.durationNs = durationNs;
        return this;
    }

    /**
     * Warm-up at the same rate, excluded from the figures.
     *
     * @param warmupNs nanoseconds.
     * @return this.
     */
    public LoadGeneratorConfig warmupNs(final long warmupNs)
    {
        this.warmupNs = warmupNs;
        return this;
    }

    /**
     * Raise the rate linearly from 0 to the full rate over the first part of the warm-up (the schedule stays open
     * loop: request i is due when the area under the ramp reaches i), so that a cold server (JIT, caches) is not hit
     * by the full rate at once; 0 = the full rate from the start.
     *
     * @param rampNs nanoseconds, at most the warm-up.
     * @return this.
     */
    public LoadGeneratorConfig rampNs(final long rampNs)
    {
        this.rampNs = rampNs;
        return this;
    }

    /**
     * Stop after this many requests in total (warm-up included) even if the duration has not passed; 0 = no limit.
     *
     * @param maxOrders the limit.
     * @return this.
     */
    public LoadGeneratorConfig maxOrders(final long maxOrders)
    {
        this.maxOrders = maxOrders;
        return this;
    }

    /**
     * Seed of the order flow.
     *
     * @param seed the seed.
     * @return this.
     */
    public LoadGeneratorConfig seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    /**
     * Largest number of requests written per socket write (each scheduler tick flushes what is due anyway).
     *
     * @param batch at least 1.
     * @return this.
     */
    public LoadGeneratorConfig batch(final int batch)
    {
        this.batch = batch;
        return this;
    }

    /**
     * Connect with TLS, trusting the CA certificates of a PEM file (see {@code ClientContext.Builder.tlsTrustFile}).
     *
     * @param tlsTrustFile the PEM file, or null for plain TCP (the default).
     * @return this.
     */
    public LoadGeneratorConfig tlsTrustFile(final Path tlsTrustFile)
    {
        this.tlsTrustFile = tlsTrustFile;
        return this;
    }

    /**
     * Netty event loop threads serving all connections.
     *
     * @param ioThreads at least 1.
     * @return this.
     */
    public LoadGeneratorConfig ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    /**
     * Period of each event loop's scheduler tick.
     *
     * @param tickIntervalNs nanoseconds.
     * @return this.
     */
    public LoadGeneratorConfig tickIntervalNs(final long tickIntervalNs)
    {
        this.tickIntervalNs = tickIntervalNs;
        return this;
    }

    /**
     * How long to wait after the last send for outstanding answers.
     *
     * @param drainTimeoutNs nanoseconds.
     * @return this.
     */
    public LoadGeneratorConfig drainTimeoutNs(final long drainTimeoutNs)
    {
        this.drainTimeoutNs = drainTimeoutNs;
        return this;
    }

    /**
     * Adds an account; connection i logs on as account i modulo the number of accounts.
     *
     * @param account account name.
     * @param secret  its secret.
     * @return this.
     */
    public LoadGeneratorConfig account(final String account, final String secret)
    {
        accounts.add(new String[]{account, secret});
        return this;
    }

    /**
     * Instrument and price grid of the order flow.
     *
     * @param symbol   instrument symbol.
     * @param tickSize price increment in 1e-8 units.
     * @param lotSize  quantity increment.
     * @param midPrice starting mid price in 1e-8 units (a multiple of the tick size).
     * @return this.
     */
    public LoadGeneratorConfig instrument(final String symbol, final long tickSize, final long lotSize,
        final long midPrice)
    {
        this.symbol = symbol;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
        this.midPrice = midPrice;
        return this;
    }

    /**
     * Fund every account before the run: deposit {@code quoteUnits} of the quote asset and the same value at the mid
     * price of the base asset (rounded down to 1e-8) into each account through the node's admin API (see
     * {@link #admin}), so that an instrument with assets does not reject the flow for insufficient funds.
     *
     * @param quoteUnits quote amount per account in 1e-8 units; 0 = no funding.
     * @param base       the instrument's base asset.
     * @param quote      the instrument's quote asset.
     * @return this.
     */
    public LoadGeneratorConfig fund(final long quoteUnits, final String base, final String quote)
    {
        this.fundQuoteUnits = quoteUnits;
        this.baseAsset = base;
        this.quoteAsset = quote;
        return this;
    }

    /**
     * The node's admin API, for {@link #fund}.
     *
     * @param url   base URL such as {@code http://127.0.0.1:7002}.
     * @param token the node's {@code admin.token}, or null to send none.
     * @return this.
     */
    public LoadGeneratorConfig admin(final String url, final String token)
    {
        this.adminUrl = url;
        this.adminToken = token;
        return this;
    }

    /**
     * Shares of the request kinds.
     *
     * @param mix the mix.
     * @return this.
     */
    public LoadGeneratorConfig mix(final OrderMix mix)
    {
        this.mix = mix;
        return this;
    }

    /**
     * Whether to print the progress line on stderr.
     *
     * @param progress true to print.
     * @return this.
     */
    public LoadGeneratorConfig progress(final boolean progress)
    {
        this.progress = progress;
        return this;
    }

    /**
     * Called once, on the thread that runs the load generator, when the measured period starts (the warm-up is over),
     * e.g. to take a node's histograms at the same moment; null for none.
     *
     * @param listener what to call.
     * @return this.
     */
    public LoadGeneratorConfig measureStartListener(final Runnable listener)
    {
        this.measureStartListener = listener;
        return this;
    }

    /**
     * Called once, on the thread that runs the load generator, when the run has sent everything and the answers have
     * come (or the drain timed out), before the connections close, e.g. to read the threads' clocks while the load
     * generator's threads still live; null for none.
     *
     * @param listener what to call.
     * @return this.
     */
    public LoadGeneratorConfig drainedListener(final Runnable listener)
    {
        this.drainedListener = listener;
        return this;
    }

    /**
     * Where to read server figures: a Prometheus text /metrics URL (null for none).
     *
     * @param metricsUrl the URL.
     * @return this.
     */
    public LoadGeneratorConfig metricsUrl(final String metricsUrl)
    {
        this.metricsUrl = metricsUrl;
        return this;
    }

    /**
     * Market-data feed subscribers to open (each subscribes to the symbol's book and trades): the time from each
     * loadgen taker order's intended send time to each public trade it caused arriving at each subscriber is measured.
     *
     * @param subscribers how many, 0 for none.
     * @return this.
     */
    public LoadGeneratorConfig marketDataSubscribers(final int subscribers)
    {
        this.marketDataSubscribers = subscribers;
        return this;
    }

    /**
     * The node's market-data port (its {@code marketdata.port}), for {@link #marketDataSubscribers(int)}.
     *
     * @param port the port.
     * @return this.
     */
    public LoadGeneratorConfig marketDataPort(final int port)
    {
        this.marketDataPort = port;
        return this;
    }

    /**
     * A local server process to read /proc figures from when no metrics URL is given (0 for none).
     *
     * @param serverPid the process id.
     * @return this.
     */
    public LoadGeneratorConfig serverPid(final long serverPid)
    {
        this.serverPid = serverPid;
        return this;
    }

    /**
     * Most open (resting) orders one connection keeps; beyond it the next request cancels the oldest. 0 (default)
     * spreads {@value #DEFAULT_OPEN_ORDER_BUDGET} over the connections, between 2 and 50 each.
     *
     * @param maxOpenOrdersPerConnection the limit, or 0 for the default.
     * @return this.
     */
    public LoadGeneratorConfig maxOpenOrdersPerConnection(final int maxOpenOrdersPerConnection)
    {
        this.maxOpenOrdersPerConnection = maxOpenOrdersPerConnection;
        return this;
    }

    /**
     * Adds accounts from text: comma-separated {@code name:secret} pairs.
     *
     * @param text the pairs.
     * @return this.
     * @throws IllegalArgumentException if a pair has no colon.
     */
    public LoadGeneratorConfig accounts(final String text)
    {
        for (final String pair : text.split(","))
        {
            final String trimmed = pair.trim();
            final int colon = trimmed.indexOf(':');
            if (colon <= 0)
            {
                throw new IllegalArgumentException("account must be name:secret, got '" + trimmed + "'");
            }
            account(trimmed.substring(0, colon), trimmed.substring(colon + 1));
        }
        return this;
    }

    int effectiveMaxOpenOrders()
    {
        return maxOpenOrdersPerConnection > 0 ? maxOpenOrdersPerConnection :
            Math.max(2, Math.min(50, DEFAULT_OPEN_ORDER_BUDGET / connections));
    }

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the first invalid setting.
     */
    public void validate()
    {
        require(connections >= 1, "connections must be >= 1");
        require(ratePerSecond >= 1, "rate must be >= 1");
        require(durationNs > 0 || maxOrders > 0, "duration or order count must be positive");
        require(warmupNs >= 0, "warm-up must not be negative");
        require(rampNs >= 0 && rampNs <= warmupNs, "ramp must be between 0 and the warm-up");
        require(batch >= 1, "batch must be >= 1");
        require(ioThreads >= 1, "io threads must be >= 1");
        require(tickIntervalNs >= 10_000, "tick interval must be >= 10us");
        require(tickSize > 0 && lotSize > 0, "tick and lot size must be positive");
        require(midPrice > 20L * tickSize * (mix.passiveDepthTicks + 1), "mid price too low for the price band");
        require(midPrice % tickSize == 0, "mid price must be a multiple of the tick size");
        require(maxOpenOrdersPerConnection >= 0, "max open orders must not be negative");
        require(marketDataSubscribers >= 0, "market-data subscribers must not be negative");
        require(!fix || marketDataSubscribers == 0 && tlsTrustFile == null,
            "FIX load takes no market-data subscribers and no TLS");
        require(fundQuoteUnits >= 0, "fund amount must not be negative");
        require(fundQuoteUnits == 0 || baseAsset != null && quoteAsset != null && !baseAsset.equals(quoteAsset),
            "funding needs two different assets");
        require(fundQuoteUnits == 0 || baseFundUnits() > 0, "fund amount buys no base unit at the mid price");
        mix.validate();
    }

    /**
     * @return the base amount each account gets with {@link #fund}: the quote amount's value at the mid price, in
     *     1e-8 units (0 without funding, or if it does not fit in a long).
     */
    long baseFundUnits()
    {
        if (fundQuoteUnits == 0)
        {
            return 0;
        }
        final BigInteger base = BigInteger.valueOf(fundQuoteUnits)
            .multiply(BigInteger.valueOf(100_000_000L)).divide(BigInteger.valueOf(midPrice));
        return base.bitLength() < 63 ? base.longValue() : 0;
    }

    /**
     * The accounts to log on with: the ones given, else {@link #DEFAULT_ACCOUNTS}.
     *
     * @return account and secret pairs.
     */
    public List<String[]> effectiveAccounts()
    {
        if (!accounts.isEmpty())
        {
            return accounts;
        }
        return new LoadGeneratorConfig().accounts(DEFAULT_ACCOUNTS).accounts;
    }

    /**
     * The settings as ordered name/value pairs for reports. Produces garbage.
     *
     * @return the settings.
     */
    public Map<String, Object> describe()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("protocol", fix ? "fix" : "binary");
        map.put("host", host);
        map.put("port", port);
        map.put("connections", connections);
        map.put("rate_per_s", ratePerSecond);
        map.put("duration_ms", TimeUnit.NANOSECONDS.toMillis(durationNs));
        map.put("warmup_ms", TimeUnit.NANOSECONDS.toMillis(warmupNs));
        map.put("ramp_ms", TimeUnit.NANOSECONDS.toMillis(rampNs));
        map.put("max_orders", maxOrders);
        map.put("seed", seed);
        map.put("batch", batch);
        map.put("io_threads", ioThreads);
        map.put("tick_interval_us", TimeUnit.NANOSECONDS.toMicros(tickIntervalNs));
        map.put("accounts", accounts.isEmpty() ? "loadgen1..loadgen4 (server default)" :
            accounts.size() + " given");
        map.put("symbol", symbol);
        map.put("tick_size", tickSize);
        map.put("lot_size", lotSize);
        map.put("mid_price", midPrice);
        map.put("max_open_orders_per_connection", effectiveMaxOpenOrders());
        map.put("mix", mix.toString());
        if (fundQuoteUnits > 0)
        {
            map.put("fund_per_account", Prices.format(fundQuoteUnits) + " " + quoteAsset + " + " +
                Prices.format(baseFundUnits()) + " " + baseAsset);
        }
        if (marketDataSubscribers > 0)
        {
            map.put("md_subscribers", marketDataSubscribers);
            map.put("md_port", marketDataPort);
        }
        return map;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
