package io.arbiter.server.metrics;

import io.arbiter.engine.RejectReason;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The node's metrics registry, all names prefixed {@code arbiter_}. The {@code on*} recording methods are hot-path
 * safe: they update {@link PaddedCounter}s and HdrHistogram recorders without allocating or locking; each says which
 * thread may call it. {@link #scrape()} (admin HTTP thread) reads them and writes the Prometheus text format, together
 * with the JVM metrics; scraping may allocate. The package-private fields are what {@link NodeMetricsCollector}
 * exports. See {@code docs/observability.md} for every metric's meaning.
 */
public final class ServerMetrics
{
    /** Content type of {@link #scrape()}'s output. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** Quantiles exported as window gauges, as Prometheus label values. */
    static final String[] QUANTILE_LABELS = { "0.5", "0.99", "0.999", "1" };
    static final double[] QUANTILE_PERCENTILES = { 50.0, 99.0, 99.9, 100.0 };

    private static final long DEFAULT_WINDOW_NS = 30_000_000_000L;
    private static final String OTHER_REASON = "other";

    final String[] rejectReasons;
    final PaddedCounter ordersReceived = new PaddedCounter();
    final PaddedCounter ordersAccepted = new PaddedCounter();
    final PaddedCounter[] matchingRejects;
    final PaddedCounter[] gatewayRejects;
    final PaddedCounter trades = new PaddedCounter();
    final PaddedCounter tradedQuantity = new PaddedCounter();
    final PaddedCounter cancels = new PaddedCounter();
    final PaddedCounter batches = new PaddedCounter();
    final PaddedCounter batchedCommands = new PaddedCounter();
    final PaddedCounter sessionsActive = new PaddedCounter();
    final PaddedCounter logons = new PaddedCounter();
    final PaddedCounter connectionsOpen = new PaddedCounter();
    final PaddedCounter connectionsAccepted = new PaddedCounter();
    final PaddedCounter journalBytes = new PaddedCounter();
    final PaddedCounter journalAppends = new PaddedCounter();
    final DurationHistogram fsync = DurationHistogram.multiWriter();
    final DurationHistogram replyHold = DurationHistogram.multiWriter();
    final PaddedCounter engineFailures = new PaddedCounter();
    volatile boolean diverged;
    final DurationHistogram egressWrite = DurationHistogram.multiWriter();
    final StageLatencyRecorder stageLatency;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    volatile RingStatus ringStatus;
    volatile OverloadMetricsSource overloadStatus;
    volatile long maxConnections;
    volatile LongSupplier gcPauseMaxMs;
    volatile ConnectionHygieneSource connectionHygiene;
    volatile LongSupplier durablePolls;
    volatile LongSupplier durablePollBackoffs;

    /**
     * Metrics with the default reject reasons ({@link #defaultRejectReasons()}), a 30 s latency window and the JVM
     * metrics.
     */
    public ServerMetrics()
    {
        this(defaultRejectReasons(), DEFAULT_WINDOW_NS, true);
    }

    /**
     * @param rejectReasons label of each reject reason, indexed by the ordinal passed to {@link #onOrderRejected(int)}
     *                      (the server passes its {@code RejectCode} names); out-of-range ordinals count as "other".
     * @param windowNs      period of the latency window behind quantile gauges and the slow-order threshold.
     * @param jvmMetrics    whether to register the JVM metrics (GC, memory, threads, ...).
     */
    public ServerMetrics(final String[] rejectReasons, final long windowNs, final boolean jvmMetrics)
    {
        this.rejectReasons = new String[rejectReasons.length + 1];
        for (int i = 0; i < rejectReasons.length; i++)
        {
            this.rejectReasons[i] = rejectReasons[i].toLowerCase(Locale.ROOT);
        }
        this.rejectReasons[rejectReasons.length] = OTHER_REASON;
        matchingRejects = newCounters(this.rejectReasons.length);
        gatewayRejects = newCounters(this.rejectReasons.length);
        stageLatency = new StageLatencyRecorder(windowNs, System.nanoTime());
        registry.register(new NodeMetricsCollector(this));
        if (jvmMetrics)
        {
            registry.register(JvmRegistry.COLLECTOR);
        }
    }

    /**
     * The JVM's metrics, registered once per JVM. {@link JvmMetrics} keeps every registry it registers with in a
     * static set (and its GC listeners forever), so registering each node's registry with it kept every closed node
     * reachable — its ring, engine pools and all. Nodes instead export this one shared registry through a collector
     * that references it; nothing JVM-wide references a node. Initialised on first use (class holder idiom).
     */
    private static final class JvmRegistry
    {
        private static final PrometheusRegistry REGISTRY = new PrometheusRegistry();
        private static final MultiCollector COLLECTOR = REGISTRY::scrape;

        static
        {
            JvmMetrics.builder().register(REGISTRY);
        }
    }

    /**
     * The reject reasons of the node as the {@code server} branch defines them ({@code RejectCode}): the engine's
     * {@link RejectReason}s in order, then the node's own. Produces garbage.
     *
     * @return the default reason labels, indexed by ordinal.
     */
    public static String[] defaultRejectReasons()
    {
        final RejectReason[] engine = RejectReason.values();
        final String[] node = { "duplicate_client_order_id", "unknown_client_order_id", "open_order_limit", "busy",
            "shutting_down" };
        final String[] reasons = new String[engine.length + node.length];
        for (int i = 0; i < engine.length; i++)
        {
            reasons[i] = engine[i].name();
        }
        System.arraycopy(node, 0, reasons, engine.length, node.length);
        return reasons;
    }

    /**
     * A command arrived on the gateway. Any thread (atomic).
     */
    public void onOrderReceived()
    {
        ordersReceived.incrementAtomic();
    }

    /**
     * The matching thread accepted a new order. Matching thread only.
     */
    public void onOrderAccepted()
    {
        ordersAccepted.incrementRelease();
    }

    /**
     * The matching thread rejected a command. Matching thread only.
     *
     * @param reasonOrdinal index into the reject reasons given at construction.
     */
    public void onOrderRejected(final int reasonOrdinal)
    {
        matchingRejects[reasonIndex(reasonOrdinal)].incrementRelease();
    }

    /**
     * The gateway rejected a command before the ring (busy, rate limited, breaker open...). Any thread (atomic).
     *
     * @param reasonOrdinal index into the reject reasons given at construction.
     */
    public void onGatewayReject(final int reasonOrdinal)
    {
        gatewayRejects[reasonIndex(reasonOrdinal)].incrementAtomic();
    }

    /**
     * A trade happened. Matching thread only.
     *
     * @param quantity traded, in lots.
     */
    public void onTrade(final long quantity)
    {
        trades.incrementRelease();
        tradedQuantity.addRelease(quantity);
    }

    /**
     * An order was cancelled (by its client, by self-trade prevention or as an unfilled IOC rest). Matching thread
     * only.
     */
    public void onCancel()
    {
        cancels.incrementRelease();
    }

    /**
     * The matching thread finished a ring batch. Matching thread only.
     *
     * @param size commands in the batch.
     */
    public void onBatch(final int size)
    {
        batches.incrementRelease();
        batchedCommands.addRelease(size);
    }

    /**
     * A TCP connection was accepted. Any thread (atomic).
     */
    public void onConnectionOpened()
    {
        connectionsAccepted.incrementAtomic();
        connectionsOpen.addAtomic(1);
    }

    /**
     * A TCP connection closed. Any thread (atomic).
     */
    public void onConnectionClosed()
    {
        connectionsOpen.addAtomic(-1);
    }

    /**
     * A session logged on. Any thread (atomic).
     */
    public void onSessionOpened()
    {
        logons.incrementAtomic();
        sessionsActive.addAtomic(1);
    }

    /**
     * A logged-on session ended. Any thread (atomic).
     */
    public void onSessionClosed()
    {
        sessionsActive.addAtomic(-1);
    }

    /**
     * Bytes were appended to the journal. Journal writer thread only.
     *
     * @param bytes appended.
     */
    public void onJournalAppend(final int bytes)
    {
        journalAppends.incrementRelease();
        journalBytes.addRelease(bytes);
    }

    /**
     * The journal committed a group: under the {@code batch} policy the force of the written group, otherwise the
     * write (plus the force when the {@code interval} is due). Any journal writer thread, several at once.
     *
     * @param durationNs the group commit took.
     */
    public void onJournalFsync(final long durationNs)
    {
        fsync.record(durationNs);
    }

    /**
     * A group of journaled commands became durable: the time from the matching thread's hand-off of the group's
     * first command to the journal until the journal published it durable, which is how long the reply gate held the
     * group's reports. Any journal writer thread, several at once.
     *
     * @param durationNs the reports were held.
     */
    public void onReplyHold(final long durationNs)
    {
        replyHold.record(durationNs);
    }

    /**
     * Applying a journaled command threw: the node diverged from its journal and stops. Matching thread only.
     */
    public void onEngineFailure()
    {
        engineFailures.incrementRelease();
        diverged = true;
    }

    /**
     * A session's batch of reports reached its socket: the time from the matching thread's hand-off at the end of
     * the batch to the event loop's flush. Any I/O thread (a wait-free multi-writer recorder; no allocation).
     *
     * @param durationNs from hand-off to flush.
     */
    public void onEgressWrite(final long durationNs)
    {
        egressWrite.record(durationNs);
    }

    /**
     * @return the per-stage latency recorder the matching thread feeds.
     */
    public StageLatencyRecorder stageLatency()
    {
        return stageLatency;
    }

    /**
     * @param ringStatus read on scrape for ring capacity and occupancy; null for none.
     */
    public void ringStatus(final RingStatus ringStatus)
    {
        this.ringStatus = ringStatus;
    }

    /**
     * @return the ring status set at wiring, or null.
     */
    public RingStatus ringStatus()
    {
        return ringStatus;
    }

    /**
     * @param overloadStatus read on scrape for limiter and breaker state; null for none.
     */
    public void overloadStatus(final OverloadMetricsSource overloadStatus)
    {
        this.overloadStatus = overloadStatus;
    }

    /**
     * @return the overload status set at wiring, or null.
     */
    public OverloadMetricsSource overloadStatus()
    {
        return overloadStatus;
    }

    /**
     * @param maxConnections the configured connection limit, exported for saturation alerts (0 = not exported).
     */
    public void maxConnections(final long maxConnections)
    {
        this.maxConnections = maxConnections;
    }

    /**
     * Export the gateway's connection hygiene counters (control plane, before scrapes).
     *
     * @param connectionHygiene read on scrape.
     */
    public void connectionHygiene(final ConnectionHygieneSource connectionHygiene)
    {
        this.connectionHygiene = connectionHygiene;
    }

    /**
     * Export how often the gateway's event loops polled for the journal's force (control plane, before scrapes).
     *
     * @param polls    reads the polls so far; called on scrape.
     * @param backoffs reads the times a loop found its core contended and slept instead; called on scrape.
     */
    public void durablePolls(final LongSupplier polls, final LongSupplier backoffs)
    {
        this.durablePollBackoffs = backoffs;
        this.durablePolls = polls;
    }

    /**
     * Export the longest GC pause since start (control plane, before scrapes).
     *
     * @param gcPauseMaxMs reads the longest pause in milliseconds; called on scrape.
     */
    public void gcPauseMax(final LongSupplier gcPauseMaxMs)
    {
        this.gcPauseMaxMs = gcPauseMaxMs;
    }

    /**
     * @return the Prometheus registry, for other components (tracing) to register their collectors.
     */
    public PrometheusRegistry registry()
    {
        return registry;
    }

    /**
     * Writes every metric in Prometheus text format. Admin HTTP thread; produces garbage.
     *
     * @param out to write to; not closed.
     * @throws IOException if writing fails.
     */
    public void scrape(final OutputStream out) throws IOException
    {
        writer.write(out, registry.scrape());
    }

    /**
     * Every metric in Prometheus text format, for the admin HTTP {@code /metrics} handler. Produces garbage.
     *
     * @return the exposition text.
     */
    public String scrape()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try
        {
            scrape(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private int reasonIndex(final int reasonOrdinal)
    {
        return reasonOrdinal >= 0 && reasonOrdinal < rejectReasons.length - 1 ? reasonOrdinal :
            rejectReasons.length - 1;
    }

    private static PaddedCounter[] newCounters(final int count)
    {
        final PaddedCounter[] counters = new PaddedCounter[count];
        for (int i = 0; i < count; i++)
        {
            counters[i] = new PaddedCounter();
        }
        return counters;
    }

    /**
     * Produces garbage (a copy; control plane, e.g. a benchmark between steps).
     *
     * @return every journal group commit duration (write + force) recorded since start, in nanoseconds.
     */
    public Histogram journalForceHistogram()
    {
        return fsync.harvest();
    }

    /**
     * Produces garbage (a copy; control plane, e.g. a benchmark between steps).
     *
     * @return every reply hold time (hand-off of a group's first command to the journal until it was durable)
     *         recorded since start, in nanoseconds.
     */
    public Histogram replyHoldHistogram()
    {
        return replyHold.harvest();
    }

    /**
     * Produces garbage (a copy; control plane, e.g. a benchmark between steps).
     *
     * @return every egress write time (a session batch's hand-off until the event loop flushed it) recorded since
     *         start, in nanoseconds.
     */
    public Histogram egressWriteHistogram()
    {
        return egressWrite.harvest();
    }

    /**
     * @return the reject reason labels, the last being "other". Produces garbage.
     */
    public String[] rejectReasons()
    {
        return Objects.requireNonNull(rejectReasons).clone();
    }
}
