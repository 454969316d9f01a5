package io.arbiter.server.metrics;

import io.arbiter.server.tracing.OrderTracing;
import io.arbiter.server.tracing.TracingContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingWhenRecordingWithTracingSampledAndSlowCapture()
    {
        final ServerMetrics metrics = new ServerMetrics(new String[]{ "BUSY", "INVALID_QTY" }, 60_000_000_000L, false);
        final TracingContext context = new TracingContext().tracingEnabled(true).sampleEvery(100)
            .slowThresholdNs(50_000).queueCapacity(256);
        try (OrderTracing tracing = new OrderTracing(context, metrics,
            OrderTracing.tracerProvider(context, SimpleSpanProcessor.create(new DiscardingExporter()))).start())
        {
            final StageTimestamps ts = new StageTimestamps();
            runOrders(metrics, tracing, ts, 200_000);

            final long baseline = measurementOverhead();
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < 3 && allocated != 0; round++)
            {
                final long before = THREADS.getCurrentThreadAllocatedBytes();
                runOrders(metrics, tracing, ts, 100_000);
                allocated = THREADS.getCurrentThreadAllocatedBytes() - before - baseline;
            }

            assertEquals(0, allocated, "bytes allocated by 100k recorded orders (best of 3 rounds, JIT settling)");
            assertTrue(tracing.sampler().sampledCount() > 0, "sampling path exercised");
            assertTrue(tracing.sampler().slowCount() > 0, "slow path exercised");
        }
    }

    private static long measurementOverhead()
    {
        long overhead = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++)
        {
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            overhead = Math.min(overhead, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return overhead;
    }

    private static void runOrders(
        final ServerMetrics metrics, final OrderTracing tracing, final StageTimestamps ts, final int orders)
    {
        for (int i = 0; i < orders; i++)
        {
            final long base = 1_000_000L + i * 1_000L;
            final long matchNs = i % 97 == 0 ? 100_000 : 1_500;
            ts.reset().sequence(i).sessionId(3).clientOrderId(i)
                .receivedNs(base).decodedNs(base + 700).dequeuedNs(base + 3_000)
                .matchStartNs(base + 3_000).matchEndNs(base + 3_000 + matchNs)
                .journalStartNs(base + 3_000 + matchNs).journalEndNs(base + 9_000 + matchNs)
                .egressStartNs(base + 9_000 + matchNs).egressEndNs(base + 11_000 + matchNs);
            metrics.onOrderReceived();
            if (i % 10 == 0)
            {
                metrics.onOrderRejected(1);
                metrics.onGatewayReject(0);
            }
            else
            {
                metrics.onOrderAccepted();
                metrics.onTrade(5);
            }
            metrics.onCancel();
            metrics.onBatch(1);
            metrics.onJournalAppend(64);
            metrics.onJournalFsync(20_000);
            final long totalNs;
            if (i % 2 == 0)
            {
                totalNs = metrics.stageLatency().record(ts);
            }
            else
            {
                // the matching thread's way: one recorder section for a batch of commands
                final long token = metrics.stageLatency().beginBatch();
                totalNs = metrics.stageLatency().recordInBatch(ts);
                metrics.stageLatency().endBatch(token);
            }
            tracing.sampler().onOrderComplete(ts, totalNs);
        }
    }

    private static final class DiscardingExporter implements SpanExporter
    {
        public CompletableResultCode export(final Collection<SpanData> spans)
        {
            return CompletableResultCode.ofSuccess();
        }

        public CompletableResultCode flush()
        {
            return CompletableResultCode.ofSuccess();
        }

        public CompletableResultCode shutdown()
        {
            return CompletableResultCode.ofSuccess();
        }
    }
}
