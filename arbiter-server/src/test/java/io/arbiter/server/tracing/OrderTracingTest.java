package io.arbiter.server.tracing;

import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.metrics.Stage;
import io.arbiter.server.metrics.StageTimestamps;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderTracingTest
{
    private static final String[] REASONS = { "BUSY" };

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final ServerMetrics metrics = new ServerMetrics(REASONS, 60_000_000_000L, false);
    private OrderTracing tracing;

    @AfterEach
    void close()
    {
        if (tracing != null)
        {
            tracing.close();
        }
    }

    private OrderTracing tracing(final TracingContext context)
    {
        final SdkTracerProvider provider = context.tracingEnabled() ?
            OrderTracing.tracerProvider(context, SimpleSpanProcessor.create(exporter)) : null;
        tracing = new OrderTracing(context, metrics, provider);
        return tracing;
    }

    private static StageTimestamps order(final long sequence, final long baseNs, final long matchNs)
    {
        return new StageTimestamps()
            .sequence(sequence).sessionId(7).clientOrderId(1000 + sequence)
            .receivedNs(baseNs).decodedNs(baseNs + 800).dequeuedNs(baseNs + 5_800)
            .matchStartNs(baseNs + 5_800).matchEndNs(baseNs + 5_800 + matchNs)
            .journalStartNs(baseNs + 5_800 + matchNs).journalEndNs(baseNs + 25_800 + matchNs)
            .egressStartNs(baseNs + 25_800 + matchNs).egressEndNs(baseNs + 28_800 + matchNs)
            .ringDepth(3).batchSize(4);
    }

    private void complete(final StageTimestamps ts)
    {
        final long totalNs = metrics.stageLatency().record(ts);
        tracing.sampler().onOrderComplete(ts, totalNs);
    }

    private List<SpanData> roots()
    {
        return exporter.getFinishedSpanItems().stream()
            .filter(span -> span.getName().equals(OrderSpanPublisher.ROOT_SPAN))
            .collect(Collectors.toList());
    }

    @Test
    void shouldPublishARootOrderSpanWithOneChildPerStage()
    {
        tracing(new TracingContext().tracingEnabled(true).sampleEvery(1).slowThresholdNs(1_000_000_000L));
        final StageTimestamps ts = order(0, 1_000_000, 2_000);

        complete(ts);
        tracing.agent().doWork();

        final List<SpanData> spans = exporter.getFinishedSpanItems();
        assertEquals(6, spans.size(), spans::toString);
        final SpanData root = roots().get(0);
        assertFalse(root.getParentSpanContext().isValid(), "no client trace id: a root span");
        assertEquals(0L, root.getAttributes().get(OrderSpanPublisher.SEQUENCE));
        assertEquals(1000L, root.getAttributes().get(OrderSpanPublisher.CLIENT_ORDER_ID));
        assertEquals(4L, root.getAttributes().get(OrderSpanPublisher.BATCH_SIZE));
        assertEquals(ts.egressEndNs() - ts.receivedNs(), root.getEndEpochNanos() - root.getStartEpochNanos());
        final Map<String, SpanData> children = spans.stream().filter(span -> span != root)
            .collect(Collectors.toMap(SpanData::getName, Function.identity()));
        assertEquals(List.of("decode", "egress", "journal", "match", "ring_wait"),
            children.keySet().stream().sorted().collect(Collectors.toList()));
        for (final SpanData child : children.values())
        {
            assertEquals(root.getSpanId(), child.getParentSpanId(), child.getName());
            assertEquals(root.getTraceId(), child.getTraceId(), child.getName());
        }
        final SpanData match = children.get("match");
        assertEquals(2_000, match.getEndEpochNanos() - match.getStartEpochNanos());
        assertEquals(5_800, match.getStartEpochNanos() - root.getStartEpochNanos());
        final SpanData ringWait = children.get("ring_wait");
        assertEquals(5_000, ringWait.getEndEpochNanos() - ringWait.getStartEpochNanos());
        final long nowEpochNs = System.currentTimeMillis() * 1_000_000L;
        final long nanoNowAsEpoch = new EpochNanoClock().toEpochNs(System.nanoTime());
        assertTrue(Math.abs(nanoNowAsEpoch - nowEpochNs) < 1_000_000_000L, "nanoTime converted to the epoch");
    }

    @Test
    void shouldUseTheClientTraceIdAsRemoteParent()
    {
        tracing(new TracingContext().tracingEnabled(true).sampleEvery(1).slowThresholdNs(1_000_000_000L));
        final StageTimestamps ts = order(0, 1_000_000, 2_000).traceIdHigh(0x0af7651916cd43ddL)
            .traceIdLow(0x8448eb211c80319cL).clientOrderId(0x00f067aa0ba902b7L);

        complete(ts);
        tracing.agent().doWork();

        final SpanData root = roots().get(0);
        assertEquals("0af7651916cd43dd8448eb211c80319c", root.getTraceId());
        assertTrue(root.getParentSpanContext().isRemote());
        assertEquals("00f067aa0ba902b7", root.getParentSpanId());
        for (final SpanData span : exporter.getFinishedSpanItems())
        {
            assertEquals(TraceId.fromLongs(ts.traceIdHigh(), ts.traceIdLow()), span.getTraceId());
            assertTrue(SpanId.isValid(span.getSpanId()));
        }
    }

    @Test
    void shouldTraceOneInNOrdersBySequence()
    {
        tracing(new TracingContext().tracingEnabled(true).sampleEvery(4).slowThresholdNs(1_000_000_000L));

        for (int seq = 0; seq < 100; seq++)
        {
            complete(order(seq, 1_000_000 + seq * 100_000L, 2_000));
            tracing.agent().doWork();
        }

        final List<SpanData> roots = roots();
        assertEquals(25, roots.size());
        for (final SpanData root : roots)
        {
            assertEquals(0, root.getAttributes().get(OrderSpanPublisher.SEQUENCE) % 4);
            assertEquals(Boolean.TRUE, root.getAttributes().get(OrderSpanPublisher.SAMPLED));
        }
        assertEquals(25, tracing.sampler().sampledCount());
    }

    @Test
    void shouldAlwaysTraceAndLogOrdersOverTheSlowThreshold()
    {
        tracing(new TracingContext().tracingEnabled(true).sampleEvery(0).slowThresholdNs(1_000_000L));

        for (int seq = 0; seq < 50; seq++)
        {
            complete(order(seq, 1_000_000 + seq * 10_000_000L, seq % 10 == 3 ? 5_000_000 : 2_000));
        }
        tracing.agent().doWork();

        final List<SpanData> roots = roots();
        assertEquals(5, roots.size());
        for (final SpanData root : roots)
        {
            assertEquals(3, root.getAttributes().get(OrderSpanPublisher.SEQUENCE) % 10);
            assertEquals(Boolean.TRUE, root.getAttributes().get(OrderSpanPublisher.SLOW));
        }
        assertEquals(5, tracing.slowOrders().count());
        final String json = tracing.slowOrdersJson();
        assertTrue(json.startsWith("{\"slowOrdersSeen\":5,\"slowOrders\":[{\"sequence\":43,"), json);
        assertTrue(json.contains("\"match\":5000000"), json);
        assertTrue(json.contains("\"ringDepth\":3"), json);
        assertTrue(json.contains("\"batchSize\":4"), json);
    }

    @Test
    void shouldProduceNothingWhenOff()
    {
        tracing(new TracingContext().tracingEnabled(false).slowOrderCapture(false).sampleEvery(1)
            .slowThresholdNs(1));

        for (int seq = 0; seq < 10; seq++)
        {
            final StageTimestamps ts = order(seq, 1_000_000, 5_000_000);
            assertFalse(tracing.sampler().onOrderComplete(ts, metrics.stageLatency().record(ts)));
        }
        tracing.agent().doWork();

        assertEquals(0, exporter.getFinishedSpanItems().size());
        assertEquals(0, tracing.slowOrders().count());
        assertEquals(0, tracing.sampler().slowCount() + tracing.sampler().sampledCount());
    }

    @Test
    void shouldLogSlowOrdersWithoutSpansWhenOnlyCaptureIsOn()
    {
        tracing(new TracingContext().tracingEnabled(false).slowOrderCapture(true).slowThresholdNs(1_000_000L));

        complete(order(1, 1_000_000, 5_000_000));
        complete(order(2, 1_000_000, 1_000));
        tracing.agent().doWork();

        assertEquals(0, exporter.getFinishedSpanItems().size());
        assertEquals(1, tracing.slowOrders().count());
    }

    @Test
    void shouldTraceAndCaptureWithAFixedThresholdWithoutMetrics()
    {
        final TracingContext context = new TracingContext().tracingEnabled(true).sampleEvery(10)
            .slowThresholdNs(1_000_000L);
        tracing = new OrderTracing(context, null,
            OrderTracing.tracerProvider(context, SimpleSpanProcessor.create(exporter)));
        tracing.statusSources(new RingStatus()
        {
            @Override
            public long capacity()
            {
                return 1024;
            }

            @Override
            public long occupancy()
            {
                return 17;
            }
        }, null);

        for (int seq = 0; seq < 30; seq++)
        {
            final StageTimestamps ts = order(seq, 1_000_000 + seq * 10_000_000L, seq == 7 ? 5_000_000 : 2_000);
            tracing.sampler().onOrderComplete(ts, ts.durationNs(Stage.TOTAL));
            tracing.agent().doWork();
        }

        assertEquals(4, roots().size(), "sequences 0, 10, 20 sampled and 7 slow");
        assertEquals(3, tracing.sampler().sampledCount());
        assertEquals(1, tracing.slowOrders().count());
        final String json = tracing.slowOrdersJson();
        assertTrue(json.contains("\"sequence\":7,"), json);
        assertTrue(json.contains("\"ringOccupancyAtCapture\":17"), json);
    }

    @Test
    void shouldTurnSlowCaptureOffWithoutMetricsWhenTheThresholdIsDynamic()
    {
        tracing = new OrderTracing(new TracingContext().slowOrderCapture(true), null, null);

        assertFalse(tracing.sampler().enabled(), "no histogram to derive p99.9 from");
        assertNull(tracing.gcPauses());
        final StageTimestamps ts = order(1, 1_000_000, 50_000_000);
        assertFalse(tracing.sampler().onOrderComplete(ts, ts.durationNs(Stage.TOTAL)));
        assertEquals(0, tracing.agent().doWork());
    }

    @Test
    void shouldDropAndCountWhenTheQueueIsFull()
    {
        tracing(new TracingContext().tracingEnabled(true).sampleEvery(1).queueCapacity(4)
            .slowThresholdNs(1_000_000_000L));

        int captured = 0;
        for (int seq = 0; seq < 10; seq++)
        {
            final StageTimestamps ts = order(seq, 1_000_000, 1_000);
            captured += tracing.sampler().onOrderComplete(ts, metrics.stageLatency().record(ts)) ? 1 : 0;
        }
        tracing.agent().doWork();

        assertEquals(4, captured);
        assertEquals(6, tracing.sampler().droppedCount());
        assertEquals(4, roots().size());
        assertTrue(metrics.scrape().contains("arbiter_traces_dropped_total 6"));
    }

    @Test
    void shouldDeriveTheDynamicThresholdFromTheWindowP999()
    {
        tracing(new TracingContext().tracingEnabled(false).slowOrderCapture(true).dynamicThresholdMinSamples(1000));
        assertEquals(Long.MAX_VALUE, tracing.sampler().slowThresholdNs(), "unknown until enough samples");

        for (int seq = 0; seq < 3000; seq++)
        {
            complete(order(seq, 1_000_000, 1_000));
        }
        tracing.agent().refreshThreshold(System.nanoTime());

        final long expectedTotalNs = 28_800 + 1_000;
        assertEquals(expectedTotalNs, tracing.sampler().slowThresholdNs(), expectedTotalNs * 0.01);
        complete(order(5000, 1_000_000, 3_000_000));
        tracing.agent().doWork();
        assertEquals(1, tracing.slowOrders().count());
    }

    @Test
    void shouldAttributeGcPausesThatOverlapASlowOrder()
    {
        tracing(new TracingContext().slowOrderCapture(true).slowThresholdNs(1_000_000L));
        final long baseNs = System.nanoTime();
        tracing.gcPauses().onPause(new GcPauseMonitor.GcPause("G1 Young Generation", "end of minor GC",
            "G1 Evacuation Pause", baseNs + 1_000_000, baseNs + 4_000_000, 3));
        tracing.gcPauses().onPause(new GcPauseMonitor.GcPause("G1 Old Generation", "end of major GC",
            "System.gc()", baseNs + 900_000_000, baseNs + 950_000_000, 50));

        complete(order(9, baseNs, 5_000_000));
        tracing.agent().doWork();

        final String json = tracing.slowOrdersJson();
        assertTrue(json.contains("\"collector\":\"G1 Young Generation\""), json);
        assertFalse(json.contains("G1 Old Generation"), json);
    }

    @Test
    void shouldSeeRealGcNotifications() throws InterruptedException
    {
        tracing(new TracingContext().slowOrderCapture(true));
        final long startNs = System.nanoTime();

        System.gc();
        final long deadlineNs = System.nanoTime() + 5_000_000_000L;
        while (tracing.gcPauses().count() == 0 && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(10);
        }

        assertTrue(tracing.gcPauses().count() > 0, "a GC notification arrived");
        assertFalse(tracing.gcPauses().pausesBetween(startNs, System.nanoTime()).isEmpty());
    }
}
