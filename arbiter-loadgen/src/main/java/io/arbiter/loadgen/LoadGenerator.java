package io.arbiter.loadgen;

import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientContext;
import io.arbiter.client.LogonResult;
import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.RejectReason;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop load generator: connects and logs on many sessions over a few Netty event loops, sends requests on a
 * fixed schedule (the aggregate rate spread over the connections) regardless of replies, and records latency from
 * each order's intended send time. One {@link #run()} per instance, on the calling thread, which also prints progress.
 */
public final class LoadGenerator
{
    private static final long PROGRESS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_CONCURRENT_CONNECTS = 256;
    /** Lenient: on a saturated machine the generator's own loop may read late; disconnects are counted as errors. */
    private static final int RECEIVE_TIMEOUT_INTERVALS = 10;

    private final LoadGeneratorConfig config;
    private final PrintStream progressOut;
    private File hdrLogFile;
    private HistogramLogWriter hdrLogWriter;
    /** The JVM's totals when the measured period began (null before). */
    private JvmActivity jvmAtMeasureStart;
    private int fundedAccounts;

    /**
     * Creates a generator.
     *
     * @param config      the run's settings.
     * @param progressOut where the progress line goes (normally stderr).
     */
    public LoadGenerator(final LoadGeneratorConfig config, final PrintStream progressOut)
    {
        config.validate();
        this.config = config;
        this.progressOut = progressOut;
    }

    /**
     * Also writes every interval histogram to an HdrHistogram log (values in nanoseconds).
     *
     * @param hdrLogFile the file, or null for none.
     * @return this.
     */
    public LoadGenerator hdrLog(final File hdrLogFile)
    {
        this.hdrLogFile = hdrLogFile;
        return this;
    }

    /**
     * Runs the whole load: connect, log on, warm up, measure, drain, close.
     *
     * @return the figures.
     * @throws InterruptedException if interrupted while waiting.
     * @throws FileNotFoundException if the HdrHistogram log cannot be created.
     */
    public LoadResult run() throws InterruptedException, FileNotFoundException
    {
        if (config.fundQuoteUnits > 0)
        {
            try
            {
                fundedAccounts = AccountFunding.fund(config, progressOut);
            }
            catch (final IOException ex)
            {
                final LoadResult failed = new LoadResult(config.describe(), MachineInfo.describe(),
                    new Histogram(LoadRun.HIGHEST_TRACKABLE_NS, 3), new Histogram(LoadRun.HIGHEST_TRACKABLE_NS, 3));
                failed.startedAt = Instant.now().toString();
                failed.counts.put("funding_failures", 1L);
                failed.lastError = "funding the accounts failed: " + ex.getMessage();
                return failed;
            }
        }
        if (config.fix)
        {
            return new FixLoadGenerator(config, this).run();
        }
        final LoadRun run = new LoadRun(config);
        final ServerProbe probe = new ServerProbe(config.metricsUrl, config.serverPid);
        final LoadResult result = new LoadResult(config.describe(), MachineInfo.describe(),
            new Histogram(LoadRun.HIGHEST_TRACKABLE_NS, 3), new Histogram(LoadRun.HIGHEST_TRACKABLE_NS, 3));
        result.startedAt = Instant.now().toString();
        final Map<String, Long> logonRejects = new TreeMap<>();
        try (FeedSubscribers feed = config.marketDataSubscribers == 0 ? null :
                new FeedSubscribers(run, config.ioThreads);
            ClientContext context = ClientContext.builder()
            .ioThreads(config.ioThreads)
            .autoFlushBatchSize(config.batch)
            .outboundBufferSize(Math.max(4096, config.batch * 256))
            .connectTimeoutMs((int)TimeUnit.NANOSECONDS.toMillis(config.connectTimeoutNs))
            .receiveTimeoutIntervals(RECEIVE_TIMEOUT_INTERVALS)
            .tlsTrustFile(config.tlsTrustFile)
            .build())
        {
            if (feed != null)
            {
                result.counts.put("md_subscribed", (long)feed.open(config.host, config.marketDataPort, config.symbol,
                    config.marketDataSubscribers, config.connectTimeoutNs));
            }
            final List<ArbiterClient> clients = new ArrayList<>(config.connections);
            final List<CompletableFuture<LogonResult>> logons = connectAll(context, run, result, clients);
            final List<ConnectionDriver> drivers = awaitLogons(run, clients, logons, logonRejects);
            result.counts.put("connections_logged_on", (long)drivers.size());
            result.logonRejectsByReason.putAll(logonRejects);
            if (drivers.isEmpty())
            {
                result.lastError = "no connection logged on" + (run.lastError.get() == null ? "" :
                    " (" + run.lastError.get() + ")");
                finish(run, result, drivers, probe);
                return result;
            }
            probe.begin();
            final CpuSplit cpuBefore = CpuSplit.now();
            run.schedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), drivers.size());
            final List<ScheduledFuture<?>> tickers = startTickers(run, drivers);
            measure(run, result);
            awaitScheduleDone(drivers);
            for (final ScheduledFuture<?> ticker : tickers)
            {
                ticker.cancel(false);
            }
            drain(run);
            if (feed != null)
            {
                awaitFeedQuiet(feed);
            }
            probe.end();
            // before the subscribers' event loops stop: the CPU of ended threads is no longer attributed to them
            result.cpu = CpuSplit.now().since(cpuBefore);
            result.jvm = jvmAtMeasureStart == null ? null : JvmActivity.now().since(jvmAtMeasureStart);
            if (feed != null)
            {
                feed.finish(result);
            }
            snapshot(drivers, result);
            result.server.putAll(probe.describe());
            run.stopping = true;
            closeAll(clients);
            finish(run, result, drivers, probe);
        }
        return result;
    }

    /**
     * Connects every client and sends its Logon as soon as it is connected, so no connection sits idle (and gets
     * closed by the server's idle timeout) while the others connect.
     */
    private List<CompletableFuture<LogonResult>> connectAll(
        final ClientContext context, final LoadRun run, final LoadResult result, final List<ArbiterClient> clients)
        throws InterruptedException
    {
        final List<String[]> accounts = config.effectiveAccounts();
        final Semaphore permits = new Semaphore(MAX_CONCURRENT_CONNECTS);
        final List<CompletableFuture<ArbiterClient>> connects = new ArrayList<>(config.connections);
        final List<CompletableFuture<LogonResult>> logons = new ArrayList<>(config.connections);
        for (int i = 0; i < config.connections; i++)
        {
            final String[] account = accounts.get(i % accounts.size());
            permits.acquire();
            final CompletableFuture<ArbiterClient> connect = context.connect(config.host, config.port, run);
            connect.whenComplete((client, error) -> permits.release());
            connects.add(connect);
            logons.add(connect.thenCompose(client -> client.logon(account[0], account[1])));
        }
        final long deadlineNs = System.nanoTime() + config.connectTimeoutNs;
        long failures = 0;
        final List<CompletableFuture<LogonResult>> connectedLogons = new ArrayList<>(config.connections);
        for (int i = 0; i < connects.size(); i++)
        {
            try
            {
                clients.add(connects.get(i).get(Math.max(1, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS));
                connectedLogons.add(logons.get(i));
            }
            catch (final Exception ex)
            {
                failures++;
                run.lastError.set("connect to " + config.host + ":" + config.port + " failed: " + rootMessage(ex));
            }
        }
        result.counts.put("connections_requested", (long)config.connections);
        result.counts.put("connect_failures", failures);
        return connectedLogons;
    }

    private List<ConnectionDriver> awaitLogons(
        final LoadRun run,
        final List<ArbiterClient> clients,
        final List<CompletableFuture<LogonResult>> logons,
        final Map<String, Long> logonRejects)
    {
        final long deadlineNs = System.nanoTime() + config.connectTimeoutNs;
        final List<ConnectionDriver> drivers = new ArrayList<>(clients.size());
        for (int i = 0; i < clients.size(); i++)
        {
            try
            {
                final LogonResult logon = logons.get(i).get(
                    Math.max(1, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (logon.accepted())
                {
                    final ConnectionDriver driver = new ConnectionDriver(run, drivers.size(), clients.get(i),
                        config.seed);
                    clients.get(i).attachment(driver);
                    drivers.add(driver);
                }
                else
                {
                    logonRejects.merge(logon.rejectReason().name(), 1L, Long::sum);
                    run.lastError.set("logon rejected: " + logon.rejectReason() + " " + logon.text());
                }
            }
            catch (final Exception ex)
            {
                logonRejects.merge("NO_ANSWER", 1L, Long::sum);
                run.lastError.set("logon failed: " + rootMessage(ex));
            }
        }
        return drivers;
    }

    private List<ScheduledFuture<?>> startTickers(final LoadRun run, final List<ConnectionDriver> drivers)
    {
        final Map<EventLoop, List<ConnectionDriver>> byLoop = new IdentityHashMap<>();
        for (final ConnectionDriver driver : drivers)
        {
            byLoop.computeIfAbsent(driver.client.eventLoop(), loop -> new ArrayList<>()).add(driver);
        }
        final List<ScheduledFuture<?>> tickers = new ArrayList<>();
        for (final Map.Entry<EventLoop, List<ConnectionDriver>> entry : byLoop.entrySet())
        {
            final ScheduleTicker tick = new ScheduleTicker(run, drivers, entry.getValue());
            tickers.add(entry.getKey().scheduleAtFixedRate(
                tick, Math.max(0, run.startNs - System.nanoTime()), config.tickIntervalNs, TimeUnit.NANOSECONDS));
        }
        return tickers;
    }

    void measure(final LoadRun run, final LoadResult result) throws InterruptedException, FileNotFoundException
    {
        final HistogramLogWriter logWriter = hdrLogFile == null ? null : new HistogramLogWriter(hdrLogFile);
        hdrLogWriter = logWriter;
        if (logWriter != null)
        {
            logWriter.outputComment("arbiter loadgen: acknowledgement latency from intended send time, values in ns");
            logWriter.outputLogFormatVersion();
            logWriter.outputStartTime(System.currentTimeMillis());
            logWriter.setBaseTime(System.currentTimeMillis());
            logWriter.outputLegend();
        }
        Histogram ackInterval = null;
        Histogram fillInterval = null;
        Histogram marketDataInterval = null;
        long lastSent = 0;
        long lastAcked = 0;
        long lastNs = run.startNs;
        final long stopNs = run.endNs + config.tickIntervalNs * 2;
        boolean more = true;
        boolean measureStarted = false;
        while (more)
        {
            if (!measureStarted && run.measureStartNs - System.nanoTime() <= PROGRESS_INTERVAL_NS)
            {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, run.measureStartNs - System.nanoTime()));
                if (config.measureStartListener != null)
                {
                    config.measureStartListener.run();
                }
                jvmAtMeasureStart = JvmActivity.now();
                measureStarted = true;
            }
            final long nowBefore = System.nanoTime();
            final long wakeNs = Math.min(stopNs, Math.max(nowBefore, lastNs) + PROGRESS_INTERVAL_NS);
            if (wakeNs > nowBefore)
            {
                TimeUnit.NANOSECONDS.sleep(wakeNs - nowBefore);
            }
            final long nowNs = System.nanoTime();
            more = nowNs < stopNs;
            ackInterval = run.ackRecorder.getIntervalHistogram(ackInterval);
            fillInterval = run.fillRecorder.getIntervalHistogram(fillInterval);
            result.ackLatency.add(ackInterval);
            result.firstFillLatency.add(fillInterval);
            marketDataInterval = run.marketDataRecorder.getIntervalHistogram(marketDataInterval);
            result.marketDataLatency.add(marketDataInterval);
            if (logWriter != null)
            {
                logWriter.outputIntervalHistogram(ackInterval);
            }
            final long sent = run.sentNew.sum() + run.sentCancel.sum() + run.sentReplace.sum();
            final long acked = run.accepted.sum();
            final double seconds = Math.max(1e-9, (nowNs - lastNs) / 1e9);
            result.timeSeries.add(new TimePoint((nowNs - run.startNs) / 1e9, nowNs > run.measureStartNs,
                (sent - lastSent) / seconds, (acked - lastAcked) / seconds,
                ackInterval.getTotalCount() == 0 ? 0 : ackInterval.getValueAtPercentile(50),
                ackInterval.getTotalCount() == 0 ? 0 : ackInterval.getValueAtPercentile(99),
                ackInterval.getMaxValue()));
            lastSent = sent;
            lastAcked = acked;
            lastNs = nowNs;
            if (config.progress)
            {
                printProgress(run, result, nowNs);
            }
        }
        if (config.progress)
        {
            ProgressLine.end();
        }
    }

    private void printProgress(final LoadRun run, final LoadResult result, final long nowNs)
    {
        final TimePoint last = result.timeSeries.get(result.timeSeries.size() - 1);
        final long errors = run.protocolErrors.sum() + run.disconnects.sum() + run.sendFailures.sum();
        ProgressLine.show(progressOut, String.format(Locale.ROOT,
            "%s %6.1fs  offered %8d/s  sent %9.0f/s  acked %9.0f/s  p50 %9s  p99 %9s  rejects %d  errors %d   ",
            nowNs < run.measureStartNs ? "warm-up" : "measure", (nowNs - run.startNs) / 1e9, config.ratePerSecond,
            last.sentPerS(), last.ackedPerS(),
            Durations.format(result.ackLatency.getTotalCount() == 0 ? 0 :
                result.ackLatency.getValueAtPercentile(50)),
            Durations.format(result.ackLatency.getTotalCount() == 0 ? 0 :
                result.ackLatency.getValueAtPercentile(99)),
            run.rejected.sum(), errors));
    }

    /**
     * A saturated event loop may still be sending requests that were due before the end: let it finish them (bounded
     * by the drain timeout) rather than cancel the tickers and drop them.
     */
    private void awaitScheduleDone(final List<ConnectionDriver> drivers) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + config.drainTimeoutNs;
        for (final ConnectionDriver driver : drivers)
        {
            while (!driver.done && System.nanoTime() < deadlineNs)
            {
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }

    void drain(final LoadRun run) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + config.drainTimeoutNs;
        while (System.nanoTime() < deadlineNs &&
            run.sentNew.sum() > run.accepted.sum() + run.rejectedNew.sum() &&
            run.disconnects.sum() == 0)
        {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        // Answers that arrived while draining are in the recorders; fold them in with the last interval.
        if (config.drainedListener != null)
        {
            config.drainedListener.run();
        }
    }

    /**
     * Let the subscribers take the public trades of the last orders: wait until none arrives for 200 ms and every
     * subscriber that was never conflated has as many as the others (bounded by the drain timeout).
     */
    private void awaitFeedQuiet(final FeedSubscribers feed) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + config.drainTimeoutNs;
        long last = -1;
        while (System.nanoTime() < deadlineNs)
        {
            final long received = feed.received();
            if (received == last && feed.settled())
            {
                return;
            }
            last = received;
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static void snapshot(final List<ConnectionDriver> drivers, final LoadResult result)
        throws InterruptedException
    {
        final int n = drivers.size();
        result.perConnectionAcks = new long[n];
        result.perConnectionP50 = new long[n];
        result.perConnectionP99 = new long[n];
        result.perConnectionMax = new long[n];
        for (final ConnectionDriver driver : drivers)
        {
            try
            {
                driver.client.eventLoop().submit(() ->
                {
                    final AbstractHistogram h = driver.ackLatency;
                    final boolean any = h.getTotalCount() > 0;
                    result.perConnectionAcks[driver.index] = h.getTotalCount();
                    result.perConnectionP50[driver.index] = any ? h.getValueAtPercentile(50) : 0;
                    result.perConnectionP99[driver.index] = any ? h.getValueAtPercentile(99) : 0;
                    result.perConnectionMax[driver.index] = h.getMaxValue();
                }).get(5, TimeUnit.SECONDS);
            }
            catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
            {
                throw new IllegalStateException("event loop did not answer", ex);
            }
        }
    }

    private static void closeAll(final List<ArbiterClient> clients) throws InterruptedException
    {
        final List<CompletableFuture<Void>> closes = new ArrayList<>(clients.size());
        for (final ArbiterClient client : clients)
        {
            client.sendLogout();
            closes.add(client.close());
        }
        try
        {
            CompletableFuture.allOf(closes.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
        }
        catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
        {
            // closing is best effort; the context shuts the event loops down next
        }
    }

    private void finish(
        final LoadRun run, final LoadResult result, final List<ConnectionDriver> drivers, final ServerProbe probe)
    {
        long socketWrites = 0;
        for (final ConnectionDriver driver : drivers)
        {
            socketWrites += driver.client.flushes();
        }
        result.counts.put("socket_writes", socketWrites);
        finish(run, result, drivers.isEmpty(), probe);
    }

    /**
     * Fold the last answers into the figures and fill the counts (also for the FIX load).
     */
    void finish(final LoadRun run, final LoadResult result, final boolean noDriver, final ServerProbe probe)
    {
        final Histogram lateAcks = run.ackRecorder.getIntervalHistogram();
        result.ackLatency.add(lateAcks);
        if (hdrLogWriter != null)
        {
            // answers that arrived after the last progress interval (all of them, on a starved machine) are measured
            // too: the log holds every measured acknowledgement
            if (lateAcks.getTotalCount() > 0)
            {
                hdrLogWriter.outputIntervalHistogram(lateAcks);
            }
            hdrLogWriter.close();
            hdrLogWriter = null;
        }
        result.firstFillLatency.add(run.fillRecorder.getIntervalHistogram());
        result.marketDataLatency.add(run.marketDataRecorder.getIntervalHistogram());
        final long sentNew = run.sentNew.sum();
        final long accepted = run.accepted.sum();
        final long rejectedNew = run.rejectedNew.sum();
        result.counts.put("sent_new_orders", sentNew);
        result.counts.put("sent_cancels", run.sentCancel.sum());
        result.counts.put("sent_replaces", run.sentReplace.sum());
        result.counts.put("send_failures", run.sendFailures.sum());
        result.counts.put("scheduler_failures", run.schedulerFailures.sum());
        result.counts.put("accepted", accepted);
        result.counts.put("rejected", run.rejected.sum());
        result.counts.put("rejected_new_orders", rejectedNew);
        result.counts.put("unanswered_new_orders", Math.max(0, sentNew - accepted - rejectedNew));
        final long attempted = sentNew + run.sentCancel.sum() + run.sentReplace.sum() + run.sendFailures.sum();
        result.counts.put("scheduled_requests", noDriver ? 0 : run.totalRequests);
        result.counts.put("unsent_requests", noDriver ? 0 : Math.max(0, run.totalRequests - attempted));
        result.counts.put("fills", run.fills.sum());
        result.counts.put("canceled", run.canceled.sum());
        result.counts.put("replaced", run.replaced.sum());
        result.counts.put("protocol_errors", run.protocolErrors.sum());
        result.counts.put("disconnects", run.disconnects.sum());
        result.counts.put("logon_rejects", result.logonRejectsByReason.values().stream().mapToLong(Long::longValue)
            .sum());
        result.counts.put("measured_acks", result.ackLatency.getTotalCount());
        result.counts.put("funded_accounts", (long)fundedAccounts);
        result.counts.put("rejected_insufficient_funds",
            run.rejectsByReason.get(RejectReason.INSUFFICIENT_FUNDS_VALUE));
        for (int i = 0; i < LoadRun.REASON_SLOTS; i++)
        {
            final long rejects = run.rejectsByReason.get(i);
            if (rejects > 0)
            {
                final RejectReason reason = RejectReason.forNumber(i);
                result.rejectsByReason.put(reason == null ? "UNRECOGNIZED_" + i : reason.name(), rejects);
            }
            final long cancels = run.cancelsByReason.get(i);
            if (cancels > 0)
            {
                final CancelReason reason = CancelReason.forNumber(i);
                result.cancelsByReason.put(reason == null ? "UNRECOGNIZED_" + i : reason.name(), cancels);
            }
        }
        result.offeredRatePerS = config.ratePerSecond;
        if (!noDriver)
        {
            final double scheduleSeconds = Math.max(1e-9, (run.endNs - run.startNs) / 1e9 +
                1.0 / config.ratePerSecond);
            final long sent = run.sentNew.sum() + run.sentCancel.sum() + run.sentReplace.sum();
            result.sentRatePerS = run.totalRequests > 0 && run.totalRequests < Long.MAX_VALUE ?
                (double)config.ratePerSecond * sent / run.totalRequests : sent / scheduleSeconds;
            result.measuredSeconds = Math.max(0, (run.endNs - run.measureStartNs) / 1e9);
            result.ackedRatePerS = result.measuredSeconds > 0 ?
                result.ackLatency.getTotalCount() / result.measuredSeconds : 0;
        }
        if (result.server.isEmpty())
        {
            result.server.putAll(probe.describe());
        }
        if (result.lastError == null)
        {
            result.lastError = run.lastError.get();
        }
    }

    private static String rootMessage(final Throwable error)
    {
        Throwable cause = error;
        while (cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
