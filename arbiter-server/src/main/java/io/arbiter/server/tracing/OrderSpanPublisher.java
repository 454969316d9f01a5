package io.arbiter.server.tracing;

import io.arbiter.server.metrics.OverloadMetricsSource;
import io.arbiter.server.metrics.Stage;
import io.arbiter.server.metrics.StageTimestamps;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.util.concurrent.TimeUnit;

/**
 * Builds the spans of one captured order: a root {@code order} span from receipt to flush and one child per stage
 * whose marks are set, each with the recorded nanosecond timestamps converted to the epoch. A client-supplied trace id
 * becomes the remote parent. Tracing thread only; produces garbage.
 */
final class OrderSpanPublisher
{
    static final String ROOT_SPAN = "order";
    static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("arbiter.sequence");
    static final AttributeKey<Long> SESSION_ID = AttributeKey.longKey("arbiter.session_id");
    static final AttributeKey<Long> CLIENT_ORDER_ID = AttributeKey.longKey("arbiter.client_order_id");
    static final AttributeKey<Boolean> SAMPLED = AttributeKey.booleanKey("arbiter.sampled");
    static final AttributeKey<Boolean> SLOW = AttributeKey.booleanKey("arbiter.slow");
    static final AttributeKey<Long> TOTAL_NS = AttributeKey.longKey("arbiter.total_ns");
    static final AttributeKey<Long> RING_DEPTH = AttributeKey.longKey("arbiter.ring_depth");
    static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("arbiter.batch_size");
    static final AttributeKey<String> BREAKER_STATE = AttributeKey.stringKey("arbiter.breaker_state");

    private final Tracer tracer;
    private final EpochNanoClock clock;

    OrderSpanPublisher(final Tracer tracer, final EpochNanoClock clock)
    {
        this.tracer = tracer;
        this.clock = clock;
    }

    /**
     * @param record the captured order.
     */
    void publish(final TraceRecord record)
    {
        final StageTimestamps ts = record.timestamps;
        final long rootStartNs = ts.receivedNs() != StageTimestamps.UNSET ? ts.receivedNs() : firstMark(ts);
        final long rootEndNs = ts.egressEndNs() != StageTimestamps.UNSET ? ts.egressEndNs() : lastMark(ts);
        final Span root = tracer.spanBuilder(ROOT_SPAN)
            .setParent(parentContext(ts))
            .setStartTimestamp(clock.toEpochNs(rootStartNs), TimeUnit.NANOSECONDS)
            .setAttribute(SEQUENCE, ts.sequence())
            .setAttribute(SESSION_ID, ts.sessionId())
            .setAttribute(CLIENT_ORDER_ID, ts.clientOrderId())
            .setAttribute(SAMPLED, (record.reasons & TraceRecord.SAMPLED) != 0)
            .setAttribute(SLOW, (record.reasons & TraceRecord.SLOW) != 0)
            .setAttribute(TOTAL_NS, record.totalNs)
            .setAttribute(RING_DEPTH, ts.ringDepth())
            .setAttribute(BATCH_SIZE, ts.batchSize())
            .setAttribute(BREAKER_STATE, OverloadMetricsSource.breakerStateName(record.breakerState))
            .startSpan();
        final Context rootContext = Context.root().with(root);
        for (int i = 0; i < Stage.COUNT; i++)
        {
            final Stage stage = Stage.get(i);
            final long startNs = ts.startNs(stage);
            final long endNs = ts.endNs(stage);
            if (stage == Stage.TOTAL || startNs == StageTimestamps.UNSET || endNs == StageTimestamps.UNSET)
            {
                continue;
            }
            tracer.spanBuilder(stage.label())
                .setParent(rootContext)
                .setStartTimestamp(clock.toEpochNs(startNs), TimeUnit.NANOSECONDS)
                .startSpan()
                .end(clock.toEpochNs(Math.max(startNs, endNs)), TimeUnit.NANOSECONDS);
        }
        root.end(clock.toEpochNs(Math.max(rootStartNs, rootEndNs)), TimeUnit.NANOSECONDS);
    }

    /**
     * The client's trace id as a remote parent. The protocol carries no parent span id, so the parent span id is the
     * client order id (or, if 0, a non-zero half of the trace id); see docs/observability.md.
     */
    static Context parentContext(final StageTimestamps ts)
    {
        if (ts.traceIdHigh() == 0 && ts.traceIdLow() == 0)
        {
            return Context.root();
        }
        final long spanId = ts.clientOrderId() != 0 ? ts.clientOrderId() :
            ts.traceIdLow() != 0 ? ts.traceIdLow() : ts.traceIdHigh();
        final SpanContext remote = SpanContext.createFromRemoteParent(
            TraceId.fromLongs(ts.traceIdHigh(), ts.traceIdLow()), SpanId.fromLong(spanId),
            TraceFlags.getSampled(), TraceState.getDefault());
        return Context.root().with(Span.wrap(remote));
    }

    private static long firstMark(final StageTimestamps ts)
    {
        long first = Long.MAX_VALUE;
        for (int i = 0; i < Stage.COUNT; i++)
        {
            final long mark = ts.startNs(Stage.get(i));
            if (mark != StageTimestamps.UNSET && mark < first)
            {
                first = mark;
            }
        }
        return first == Long.MAX_VALUE ? System.nanoTime() : first;
    }

    private static long lastMark(final StageTimestamps ts)
    {
        long last = Long.MIN_VALUE;
        for (int i = 0; i < Stage.COUNT; i++)
        {
            final long mark = ts.endNs(Stage.get(i));
            if (mark != StageTimestamps.UNSET && mark > last)
            {
                last = mark;
            }
        }
        return last == Long.MIN_VALUE ? firstMark(ts) : last;
    }
}
