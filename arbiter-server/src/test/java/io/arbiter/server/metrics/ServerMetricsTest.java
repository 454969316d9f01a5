package io.arbiter.server.metrics;

import org.junit.jupiter.api.Test;

import java.util.Map;
import io.arbiter.testsupport.Exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerMetricsTest
{
    private static final String[] REASONS = { "UNKNOWN_SYMBOL", "INVALID_QTY", "BUSY" };
    private static final int INVALID_QTY = 1;
    private static final int BUSY = 2;

    @Test
    void shouldCountWhatAScriptedSequenceOfEventsDid()
    {
        final ServerMetrics metrics = new ServerMetrics(REASONS, 1_000_000_000L, false);
        for (int i = 0; i < 7; i++)
        {
            metrics.onOrderReceived();
        }
        metrics.onOrderAccepted();
        metrics.onOrderAccepted();
        metrics.onOrderAccepted();
        metrics.onOrderRejected(INVALID_QTY);
        metrics.onOrderRejected(INVALID_QTY);
        metrics.onGatewayReject(BUSY);
        metrics.onGatewayReject(INVALID_QTY);
        metrics.onOrderRejected(99);
        metrics.onTrade(10);
        metrics.onTrade(5);
        metrics.onCancel();
        metrics.onBatch(4);
        metrics.onBatch(3);
        metrics.onConnectionOpened();
        metrics.onConnectionOpened();
        metrics.onConnectionClosed();
        metrics.onSessionOpened();
        metrics.onJournalAppend(100);
        metrics.onJournalAppend(28);

        final Map<String, Double> s = Exposition.parse(metrics.scrape());

        assertEquals(7.0, s.get("arbiter_orders_received_total"));
        assertEquals(3.0, s.get("arbiter_orders_accepted_total"));
        assertEquals(0.0, s.get("arbiter_orders_rejected_total{reason=\"unknown_symbol\"}"));
        assertEquals(3.0, s.get("arbiter_orders_rejected_total{reason=\"invalid_qty\"}"));
        assertEquals(1.0, s.get("arbiter_orders_rejected_total{reason=\"busy\"}"));
        assertEquals(1.0, s.get("arbiter_orders_rejected_total{reason=\"other\"}"));
        assertEquals(2.0, s.get("arbiter_trades_total"));
        assertEquals(15.0, s.get("arbiter_traded_quantity_total"));
        assertEquals(1.0, s.get("arbiter_cancels_total"));
        assertEquals(2.0, s.get("arbiter_batches_total"));
        assertEquals(7.0, s.get("arbiter_batched_commands_total"));
        assertEquals(1.0, s.get("arbiter_connections_open"));
        assertEquals(2.0, s.get("arbiter_connections_accepted_total"));
        assertEquals(1.0, s.get("arbiter_sessions_active"));
        assertEquals(128.0, s.get("arbiter_journal_bytes_total"));
        assertEquals(2.0, s.get("arbiter_journal_appends_total"));
        assertFalse(s.containsKey("arbiter_ring_occupancy"), "no ring wired");
    }

    @Test
    void shouldExportStageLatencyAsHistogramBucketsAndWindowQuantiles()
    {
        final ServerMetrics metrics = new ServerMetrics(REASONS, 60_000_000_000L, false);
        final StageTimestamps ts = new StageTimestamps();
        for (int i = 0; i < 1000; i++)
        {
            final long matchNs = i < 990 ? 3_000 : 2_000_000;
            ts.reset().receivedNs(1_000).decodedNs(1_800).dequeuedNs(41_800)
                .matchStartNs(41_800).matchEndNs(41_800 + matchNs)
                .egressStartNs(41_800 + matchNs).egressEndNs(51_800 + matchNs);
            metrics.stageLatency().record(ts);
        }

        final Map<String, Double> s = Exposition.parse(metrics.scrape());

        assertEquals(1000.0, s.get("arbiter_stage_latency_seconds_count{stage=\"match\"}"));
        assertEquals(0.0, s.get("arbiter_stage_latency_seconds_bucket{stage=\"match\",le=\"2.5E-6\"}"));
        assertEquals(990.0, s.get("arbiter_stage_latency_seconds_bucket{stage=\"match\",le=\"5.0E-6\"}"));
        assertEquals(990.0, s.get("arbiter_stage_latency_seconds_bucket{stage=\"match\",le=\"0.001\"}"));
        assertEquals(1000.0, s.get("arbiter_stage_latency_seconds_bucket{stage=\"match\",le=\"0.0025\"}"));
        assertEquals(1000.0, s.get("arbiter_stage_latency_seconds_bucket{stage=\"decode\",le=\"1.0E-6\"}"));
        assertEquals(1000.0, s.get("arbiter_stage_latency_seconds_count{stage=\"ring_wait\"}"));
        assertEquals(0.0, s.get("arbiter_stage_latency_seconds_count{stage=\"journal\"}"), "journal marks unset");
        assertEquals(1000.0, s.get("arbiter_stage_latency_seconds_count{stage=\"total\"}"));
        final double sum = s.get("arbiter_stage_latency_seconds_sum{stage=\"match\"}");
        assertEquals(990 * 3e-6 + 10 * 2e-3, sum, sum * 0.01);
        final double p50 = s.get("arbiter_stage_latency_window_seconds{quantile=\"0.5\",stage=\"match\"}");
        final double p999 = s.get("arbiter_stage_latency_window_seconds{quantile=\"0.999\",stage=\"match\"}");
        assertEquals(3e-6, p50, 3e-6 * 0.01);
        assertEquals(2e-3, p999, 2e-3 * 0.01);
    }

    @Test
    void shouldReadRingOverloadAndFsyncOnScrape()
    {
        final ServerMetrics metrics = new ServerMetrics(REASONS, 1_000_000_000L, false);
        final long[] occupancy = { 100 };
        final int[] breaker = { OverloadMetricsSource.BREAKER_CLOSED };
        metrics.ringStatus(new RingStatus()
        {
            public long capacity()
            {
                return 1024;
            }

            public long occupancy()
            {
                return occupancy[0];
            }
        });
        metrics.overloadStatus(new OverloadMetricsSource()
        {
            public int breakerState()
            {
                return breaker[0];
            }

            public long breakerTrips()
            {
                return 2;
            }

            public long limiterRejects()
            {
                return 17;
            }

            public long throttledSessions()
            {
                return 3;
            }
        });
        metrics.maxConnections(500);
        metrics.onJournalFsync(1_500_000);
        metrics.onJournalFsync(20_000_000);

        Map<String, Double> s = Exposition.parse(metrics.scrape());
        assertEquals(1024.0, s.get("arbiter_ring_capacity"));
        assertEquals(100.0, s.get("arbiter_ring_occupancy"));
        assertEquals(0.0, s.get("arbiter_breaker_open"));
        assertEquals(2.0, s.get("arbiter_breaker_trips_total"));
        assertEquals(17.0, s.get("arbiter_limiter_rejects_total"));
        assertEquals(3.0, s.get("arbiter_limiter_throttled_sessions"));
        assertEquals(500.0, s.get("arbiter_connections_max"));
        assertEquals(2.0, s.get("arbiter_journal_fsync_seconds_count"));
        assertEquals(1.0, s.get("arbiter_journal_fsync_seconds_bucket{le=\"0.0025\"}"));

        occupancy[0] = 900;
        breaker[0] = OverloadMetricsSource.BREAKER_OPEN;
        s = Exposition.parse(metrics.scrape());
        assertEquals(900.0, s.get("arbiter_ring_occupancy"));
        assertEquals(1.0, s.get("arbiter_breaker_open"));
        assertEquals(2.0, s.get("arbiter_breaker_state"));
        assertEquals(2.0, s.get("arbiter_journal_fsync_seconds_count"), "cumulative across scrapes");
    }

    @Test
    void shouldIncludeJvmGcAndMemoryMetrics()
    {
        final String text = new ServerMetrics().scrape();

        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"}"), text);
        assertTrue(text.contains("jvm_gc_collection_seconds"), text);
        assertTrue(text.contains("arbiter_orders_rejected_total{reason=\"busy\"} 0"), text);
    }
}
