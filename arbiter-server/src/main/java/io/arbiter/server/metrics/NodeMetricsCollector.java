package io.arbiter.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.function.LongSupplier;

/**
 * The export half of {@link ServerMetrics}: on each scrape (admin HTTP thread) it reads every counter, recorder and
 * status source of one node's metrics and turns them into Prometheus snapshots, names prefixed {@code arbiter_}.
 * Produces garbage; never on the hot path.
 */
final class NodeMetricsCollector implements MultiCollector
{
    private final ServerMetrics metrics;

    /**
     * @param metrics whose values are exported.
     */
    NodeMetricsCollector(final ServerMetrics metrics)
    {
        this.metrics = metrics;
    }

    @Override
    public MetricSnapshots collect()
    {
        final MetricSnapshots.Builder out = MetricSnapshots.builder();
        out.metricSnapshot(counter("arbiter_orders_received", "Commands received by the gateway",
            metrics.ordersReceived.get()));
        out.metricSnapshot(counter("arbiter_orders_accepted", "New orders accepted by the matching thread",
            metrics.ordersAccepted.get()));
        final CounterSnapshot.Builder rejected = CounterSnapshot.builder().name("arbiter_orders_rejected")
            .help("Commands rejected, by reason (gateway and matching thread together)");
        for (int i = 0; i < metrics.rejectReasons.length; i++)
        {
            rejected.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of("reason", metrics.rejectReasons[i]))
                .value(metrics.matchingRejects[i].get() + metrics.gatewayRejects[i].get())
                .build());
        }
        out.metricSnapshot(rejected.build());
        out.metricSnapshot(counter("arbiter_trades", "Trades executed", metrics.trades.get()));
        out.metricSnapshot(counter("arbiter_traded_quantity", "Quantity traded, in lots",
            metrics.tradedQuantity.get()));
        out.metricSnapshot(counter("arbiter_cancels", "Orders cancelled", metrics.cancels.get()));
        out.metricSnapshot(counter("arbiter_batches", "Ring batches processed by the matching thread",
            metrics.batches.get()));
        out.metricSnapshot(counter("arbiter_batched_commands", "Commands processed in ring batches",
            metrics.batchedCommands.get()));
        out.metricSnapshot(gauge("arbiter_sessions_active", "Logged-on sessions", metrics.sessionsActive.get()));
        out.metricSnapshot(counter("arbiter_session_logons", "Successful logons", metrics.logons.get()));
        out.metricSnapshot(gauge("arbiter_connections_open", "Open TCP connections", metrics.connectionsOpen.get()));
        out.metricSnapshot(counter("arbiter_connections_accepted", "TCP connections accepted",
            metrics.connectionsAccepted.get()));
        final long maxConnectionsValue = metrics.maxConnections;
        if (maxConnectionsValue > 0)
        {
            out.metricSnapshot(gauge("arbiter_connections_max", "Configured connection limit",
                maxConnectionsValue));
        }
        final ConnectionHygieneSource hygiene = metrics.connectionHygiene;
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
            out.metricSnapshot(gauge("arbiter_egress_queue_bytes",
                "Bytes of report-queue chunks lent to sessions now", hygiene.egressBytesLent()));
            out.metricSnapshot(counter("arbiter_egress_node_cap_refusals",
                "Report-queue chunks refused because the node lent session.egressNodeBufferBytes already",
                hygiene.egressNodeCapRefusals()));
        }
        final LongSupplier gcPauseMax = metrics.gcPauseMaxMs;
        if (gcPauseMax != null)
        {
            out.metricSnapshot(gauge("arbiter_gc_pause_max_seconds", "Longest GC pause since the node started",
                gcPauseMax.getAsLong() / 1000.0));
        }
        final LongSupplier polls = metrics.durablePolls;
        if (polls != null)
        {
            out.metricSnapshot(counter("arbiter_gateway_durable_polls",
                "Times a gateway event loop polled instead of sleeping while its commands waited for the force",
                polls.getAsLong()));
            out.metricSnapshot(counter("arbiter_gateway_durable_poll_backoffs",
                "Times a gateway event loop found its core contended and slept for 20 ms instead of polling",
                metrics.durablePollBackoffs.getAsLong()));
        }
        collectRing(out);
        collectOverload(out);
        out.metricSnapshot(counter("arbiter_journal_bytes", "Bytes appended to the journal",
            metrics.journalBytes.get()));
        out.metricSnapshot(counter("arbiter_journal_appends", "Journal appends", metrics.journalAppends.get()));
        out.metricSnapshot(HistogramSnapshot.builder().name("arbiter_journal_fsync_seconds")
            .help("Time a journal group commit took: under batch the force of a written group, otherwise the write")
            .dataPoint(LatencyExport.dataPoint(metrics.fsync.harvest(), Labels.EMPTY))
            .build());
        out.metricSnapshot(HistogramSnapshot.builder().name("arbiter_reply_hold_seconds")
            .help("Time the reply gate held reports: hand-off of a command to the journal until it was durable")
            .dataPoint(LatencyExport.dataPoint(metrics.replyHold.harvest(), Labels.EMPTY))
            .build());
        out.metricSnapshot(counter("arbiter_engine_failures", "Journaled commands whose application threw",
            metrics.engineFailures.get()));
        out.metricSnapshot(gauge("arbiter_node_diverged",
            "1 once the engine diverged from the journal (the node takes no orders and acknowledges nothing)",
            metrics.diverged ? 1 : 0));
        out.metricSnapshot(HistogramSnapshot.builder().name("arbiter_egress_write_seconds")
            .help("Per session batch: hand-off by the matching thread to the socket flush on the I/O thread")
            .dataPoint(LatencyExport.dataPoint(metrics.egressWrite.harvest(), Labels.EMPTY))
            .build());
        collectLatency(out);
        return out.build();
    }

    private void collectRing(final MetricSnapshots.Builder out)
    {
        final RingStatus ring = metrics.ringStatus;
        if (ring != null)
        {
            out.metricSnapshot(gauge("arbiter_ring_capacity", "Slots in the command ring", ring.capacity()));
            out.metricSnapshot(gauge("arbiter_ring_occupancy", "Commands waiting in the ring", ring.occupancy()));
        }
    }

    private void collectOverload(final MetricSnapshots.Builder out)
    {
        final OverloadMetricsSource overload = metrics.overloadStatus;
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
        metrics.stageLatency.harvest(System.nanoTime());
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
                metrics.stageLatency.cumulativeCopy(stage), Labels.of("stage", stage.label())));
            for (int q = 0; q < ServerMetrics.QUANTILE_LABELS.length; q++)
            {
                quantiles.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("stage", stage.label(), "quantile", ServerMetrics.QUANTILE_LABELS[q]))
                    .value(metrics.stageLatency.windowPercentileNs(
                        stage, ServerMetrics.QUANTILE_PERCENTILES[q]) / 1e9)
                    .build());
            }
        }
        out.metricSnapshot(histograms.build());
        out.metricSnapshot(quantiles.build());
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
}
