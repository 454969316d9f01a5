package io.arbiter.server.metrics;

import io.arbiter.engine.RejectReason;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;

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
 * with the JVM metrics; scraping may allocate. See {@code docs/observability.md} for every metric's meaning.
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

    private final String[] rejectReasons;
    private final PaddedCounter ordersReceived = new PaddedCounter();
    private final PaddedCounter ordersAccepted = new PaddedCounter();
    private final PaddedCounter[] matchingRejects;
    private final PaddedCounter[] gatewayRejects;
    private final PaddedCounter trades = new PaddedCounter();
    private final PaddedCounter tradedQuantity = new PaddedCounter();
    private final PaddedCounter cancels = new PaddedCounter();
    private final PaddedCounter batches = new PaddedCounter();
    private final PaddedCounter batchedCommands = new PaddedCounter();
    private final PaddedCounter sessionsActive = new PaddedCounter();
    private final PaddedCounter logons = new PaddedCounter();
    private final PaddedCounter connectionsOpen = new PaddedCounter();
    private final PaddedCounter connectionsAccepted = new PaddedCounter();
    private final PaddedCounter journalBytes = new PaddedCounter();
    private final PaddedCounter journalAppends = new PaddedCounter();
    private final SingleWriterRecorder fsyncRecorder =
        new SingleWriterRecorder(1, StageLatencyRecorder.HIGHEST_TRACKABLE_NS, StageLatencyRecorder.SIGNIFICANT_DIGITS);
    private final Histogram fsyncCumulative = StageLatencyRecorder.newHistogram();
    private final SingleWriterRecorder replyHoldRecorder =
        new SingleWriterRecorder(1, StageLatencyRecorder.HIGHEST_TRACKABLE_NS, StageLatencyRecorder.SIGNIFICANT_DIGITS);
    private final Histogram replyHoldCumulative = StageLatencyRecorder.newHistogram();
    private Histogram replyHoldInterval;
    private final PaddedCounter engineFailures = new PaddedCounter();
    private volatile boolean diverged;
    private final Recorder egressWriteRecorder =
        new Recorder(1, StageLatencyRecorder.HIGHEST_TRACKABLE_NS, StageLatencyRecorder.SIGNIFICANT_DIGITS);
    private final Histogram egressWriteCumulative = StageLatencyRecorder.newHistogram();
    private Histogram egressWriteInterval;
    private Histogram fsyncInterval;
    private final StageLatencyRecorder stageLatency;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private volatile RingStatus ringStatus;
    private volatile OverloadMetricsSource overloadStatus;
    private volatile long maxConnections;
    private volatile LongSupplier gcPauseMaxMs;
    private volatile ConnectionHygieneSource connectionHygiene;

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
        registry.register(new ArbiterCollector());
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
     * The journal committed a batch (the write, plus the force to disk under the {@code batch} policy or when the
     * {@code interval} is due). Journal writer thread only.
     *
     * @param durationNs the group commit took.
     */
    public void onJournalFsync(final long durationNs)
    {
        fsyncRecorder.recordValue(Math.max(0L, Math.min(durationNs, StageLatencyRecorder.HIGHEST_TRACKABLE_NS)));
    }

    /**
     * A group of journaled commands became durable: the time from the matching thread's hand-off of the group's
     * first command to the journal until the journal published it durable, which is how long the reply gate held the
     * group's reports. Journal writer thread only.
     *
     * @param durationNs the reports were held.
     */
    public void onReplyHold(final long durationNs)
    {
        replyHoldRecorder.recordValue(Math.max(0L, Math.min(durationNs, StageLatencyRecorder.HIGHEST_TRACKABLE_NS)));
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
        egressWriteRecorder.recordValue(
            Math.max(0L, Math.min(durationNs, StageLatencyRecorder.HIGHEST_TRACKABLE_NS)));
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

    private static CounterSnapshot counter(final String name, final String help, final long value)
    {
        return CounterSnapshot.builder().name(name).help(help)
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build())
            .build();
    }

    private static GaugeSnapshot gauge(final String name, final String help, final double value)
    {
        return GaugeSnapshot.builder().name(name).help(help)
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
            .build();
    }

    private synchronized Histogram harvestEgressWrite()
    {
        egressWriteInterval = egressWriteRecorder.getIntervalHistogram(egressWriteInterval);
        egressWriteCumulative.add(egressWriteInterval);
        return egressWriteCumulative.copy();
    }

    /**
     * Produces garbage (a copy; control plane, e.g. a benchmark between steps).
     *
     * @return every journal group commit duration (write + force) recorded since start, in nanoseconds.
     */
    public Histogram journalForceHistogram()
    {
        return harvestFsync();
    }

    /**
     * Produces garbage (a copy; control plane, e.g. a benchmark between steps).
     *
     * @return every reply hold time (hand-off of a group's first command to the journal until it was durable)
     *         recorded since start, in nanoseconds.
     */
    public Histogram replyHoldHistogram()
    {
        return harvestReplyHold();
    }

    /**
     * Produces garbage (a copy; control plane, e.g. a benchmark between steps).
     *
     * @return every egress write time (a session batch's hand-off until the event loop flushed it) recorded since
     *         start, in nanoseconds.
     */
    public Histogram egressWriteHistogram()
    {
        return harvestEgressWrite();
    }

    private synchronized Histogram harvestReplyHold()
    {
        replyHoldInterval = replyHoldRecorder.getIntervalHistogram(replyHoldInterval);
        replyHoldCumulative.add(replyHoldInterval);
        return replyHoldCumulative.copy();
    }

    private synchronized Histogram harvestFsync()
    {
        fsyncInterval = fsyncRecorder.getIntervalHistogram(fsyncInterval);
        fsyncCumulative.add(fsyncInterval);
        return fsyncCumulative.copy();
    }

    /**
     * Reads every counter and recorder on scrape.
     */
    private final class ArbiterCollector implements MultiCollector
    {
        @Override
        public MetricSnapshots collect()
        {
            final MetricSnapshots.Builder out = MetricSnapshots.builder();
            out.metricSnapshot(counter("arbiter_orders_received", "Commands received by the gateway",
                ordersReceived.get()));
            out.metricSnapshot(counter("arbiter_orders_accepted", "New orders accepted by the matching thread",
                ordersAccepted.get()));
            final CounterSnapshot.Builder rejected = CounterSnapshot.builder().name("arbiter_orders_rejected")
                .help("Commands rejected, by reason (gateway and matching thread together)");
            for (int i = 0; i < rejectReasons.length; i++)
            {
                rejected.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("reason", rejectReasons[i]))
                    .value(matchingRejects[i].get() + gatewayRejects[i].get())
                    .build());
            }
            out.metricSnapshot(rejected.build());
            out.metricSnapshot(counter("arbiter_trades", "Trades executed", trades.get()));
            out.metricSnapshot(counter("arbiter_traded_quantity", "Quantity traded, in lots", tradedQuantity.get()));
            out.metricSnapshot(counter("arbiter_cancels", "Orders cancelled", cancels.get()));
            out.metricSnapshot(counter("arbiter_batches", "Ring batches processed by the matching thread",
                batches.get()));
            out.metricSnapshot(counter("arbiter_batched_commands", "Commands processed in ring batches",
                batchedCommands.get()));
            out.metricSnapshot(gauge("arbiter_sessions_active", "Logged-on sessions", sessionsActive.get()));
            out.metricSnapshot(counter("arbiter_session_logons", "Successful logons", logons.get()));
            out.metricSnapshot(gauge("arbiter_connections_open", "Open TCP connections", connectionsOpen.get()));
            out.metricSnapshot(counter("arbiter_connections_accepted", "TCP connections accepted",
                connectionsAccepted.get()));
            final long maxConnectionsValue = maxConnections;
            if (maxConnectionsValue > 0)
            {
                out.metricSnapshot(gauge("arbiter_connections_max", "Configured connection limit",
                    maxConnectionsValue));
            }
            final ConnectionHygieneSource hygiene = connectionHygiene;
            if (hygiene != null)
            {
                out.metricSnapshot(gauge("arbiter_connections_pending_logon", "Open connections not logged on yet",
                    hygiene.pendingLogons()));
                out.metricSnapshot(counter("arbiter_connections_logon_timeouts",
                    "Connections closed for not logging on by the logon deadline", hygiene.logonTimeouts()));
                out.metricSnapshot(counter("arbiter_connections_evicted",
                    "Connections not logged on closed to make room for newer ones", hygiene.pendingLogonEvictions()));
                out.metricSnapshot(counter("arbiter_sessions_slow_consumer",
                    "Sessions the gateway closed as slow consumers", hygiene.slowConsumerCloses()));
            }
            final LongSupplier gcPauseMax = gcPauseMaxMs;
            if (gcPauseMax != null)
            {
                out.metricSnapshot(gauge("arbiter_gc_pause_max_seconds", "Longest GC pause since the node started",
                    gcPauseMax.getAsLong() / 1000.0));
            }
            collectRing(out);
            collectOverload(out);
            out.metricSnapshot(counter("arbiter_journal_bytes", "Bytes appended to the journal", journalBytes.get()));
            out.metricSnapshot(counter("arbiter_journal_appends", "Journal appends", journalAppends.get()));
            out.metricSnapshot(HistogramSnapshot.builder().name("arbiter_journal_fsync_seconds")
                .help("Time the journal writer thread's group commit (write and force) took")
                .dataPoint(LatencyExport.dataPoint(harvestFsync(), Labels.EMPTY))
                .build());
            out.metricSnapshot(HistogramSnapshot.builder().name("arbiter_reply_hold_seconds")
                .help("Time the reply gate held reports: hand-off of a command to the journal until it was durable")
                .dataPoint(LatencyExport.dataPoint(harvestReplyHold(), Labels.EMPTY))
                .build());
            out.metricSnapshot(counter("arbiter_engine_failures", "Journaled commands whose application threw",
                engineFailures.get()));
            out.metricSnapshot(gauge("arbiter_node_diverged",
                "1 once the engine diverged from the journal (the node takes no orders and acknowledges nothing)",
                diverged ? 1 : 0));
            out.metricSnapshot(HistogramSnapshot.builder().name("arbiter_egress_write_seconds")
                .help("Per session batch: hand-off by the matching thread to the socket flush on the I/O thread")
                .dataPoint(LatencyExport.dataPoint(harvestEgressWrite(), Labels.EMPTY))
                .build());
            collectLatency(out);
            return out.build();
        }

        private void collectRing(final MetricSnapshots.Builder out)
        {
            final RingStatus ring = ringStatus;
            if (ring != null)
            {
                out.metricSnapshot(gauge("arbiter_ring_capacity", "Slots in the command ring", ring.capacity()));
                out.metricSnapshot(gauge("arbiter_ring_occupancy", "Commands waiting in the ring", ring.occupancy()));
            }
        }

        private void collectOverload(final MetricSnapshots.Builder out)
        {
            final OverloadMetricsSource overload = overloadStatus;
            if (overload != null)
            {
                final int state = overload.breakerState();
                out.metricSnapshot(gauge("arbiter_breaker_state",
                    "Circuit breaker state: 0 closed, 1 half-open, 2 open", state));
                out.metricSnapshot(gauge("arbiter_breaker_open", "1 while the circuit breaker is open",
                    state == OverloadMetricsSource.BREAKER_OPEN ? 1 : 0));
                out.metricSnapshot(counter("arbiter_breaker_trips", "Times the breaker opened",
                    overload.breakerTrips()));
                out.metricSnapshot(counter("arbiter_limiter_rejects", "Commands refused by rate limiters",
                    overload.limiterRejects()));
                out.metricSnapshot(gauge("arbiter_limiter_throttled_sessions", "Sessions currently throttled",
                    overload.throttledSessions()));
                out.metricSnapshot(gauge("arbiter_limiter_leaky_only", "1 while the limiters admit no bursts",
                    overload.leakyOnly()));
                final String[] kinds = overload.transitionKinds();
                if (kinds.length > 0)
                {
                    final CounterSnapshot.Builder transitions = CounterSnapshot.builder()
                        .name("arbiter_overload_transitions")
                        .help("Overload protection transitions by kind");
                    for (int i = 0; i < kinds.length; i++)
                    {
                        transitions.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(Labels.of("kind", kinds[i]))
                            .value(overload.transitions(i))
                            .build());
                    }
                    out.metricSnapshot(transitions.build());
                }
            }
        }

        private void collectLatency(final MetricSnapshots.Builder out)
        {
            stageLatency.harvest(System.nanoTime());
            final HistogramSnapshot.Builder histograms = HistogramSnapshot.builder()
                .name("arbiter_stage_latency_seconds")
                .help("In-server latency of each stage of the order path since start");
            final GaugeSnapshot.Builder quantiles = GaugeSnapshot.builder()
                .name("arbiter_stage_latency_window_seconds")
                .help("Latency quantiles of each stage over the recent window (two periods)");
            for (int i = 0; i < Stage.COUNT; i++)
            {
                final Stage stage = Stage.get(i);
                histograms.dataPoint(LatencyExport.dataPoint(
                    stageLatency.cumulativeCopy(stage), Labels.of("stage", stage.label())));
                for (int q = 0; q < QUANTILE_LABELS.length; q++)
                {
                    quantiles.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("stage", stage.label(), "quantile", QUANTILE_LABELS[q]))
                        .value(stageLatency.windowPercentileNs(stage, QUANTILE_PERCENTILES[q]) / 1e9)
                        .build());
                }
            }
            out.metricSnapshot(histograms.build());
            out.metricSnapshot(quantiles.build());
        }
    }

    /**
     * @return the reject reason labels, the last being "other". Produces garbage.
     */
    public String[] rejectReasons()
    {
        return Objects.requireNonNull(rejectReasons).clone();
    }
}
