package io.arbiter.server.tracing;

import io.arbiter.server.metrics.OverloadMetricsSource;
import io.arbiter.server.metrics.PaddedCounter;
import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.metrics.StageTimestamps;

/**
 * The matching thread's side of tracing: decides whether a completed order is captured (1 in N by sequence, or total
 * latency at or over the slow threshold) and hands a pooled copy of its timestamps to the tracing thread through a
 * bounded single-producer single-consumer ring. When tracing and slow-order capture are both off it costs one boolean
 * check. Allocates nothing and
 * never blocks; when the ring is full the order is dropped and counted. Single producer (the matching thread).
 * Without node metrics ({@code metrics.enabled=false}) the ring occupancy and breaker state of a capture are read from
 * the sources given to {@link OrderTracing#statusSources(RingStatus, OverloadMetricsSource)}.
 */
public final class OrderTraceSampler
{
    private final boolean enabled;
    private final boolean tracingEnabled;
    private final long sampleEvery;
    private final ServerMetrics metrics;
    private final TraceRecordRing ring;
    private RingStatus ringStatus;
    private OverloadMetricsSource overloadStatus;
    private final PaddedCounter sampled = new PaddedCounter();
    private final PaddedCounter slow = new PaddedCounter();
    private final PaddedCounter dropped = new PaddedCounter();
    private volatile long slowThresholdNs;

    /**
     * @param context configuration.
     * @param metrics whose ring and overload status are read when an order is captured; null when the node has no
     *                metrics (then slow-order capture needs a fixed threshold: the dynamic one comes from metrics).
     */
    OrderTraceSampler(final TracingContext context, final ServerMetrics metrics)
    {
        this.tracingEnabled = context.tracingEnabled();
        this.enabled = context.tracingEnabled() || context.slowOrderCapture();
        this.sampleEvery = context.tracingEnabled() ? context.sampleEvery() : 0;
        this.metrics = metrics;
        this.slowThresholdNs = context.slowThresholdNs() > 0 ? context.slowThresholdNs() : Long.MAX_VALUE;
        ring = new TraceRecordRing(enabled ? Math.max(2, context.queueCapacity()) : 1);
    }

    /**
     * Called by the matching thread once an order's timestamps are complete (after
     * {@code StageLatencyRecorder.record} or {@code recordInBatch}, which return {@code totalNs}). Allocation-free.
     *
     * @param timestamps of the order; copied if captured, never kept.
     * @param totalNs    total in-server latency, or -1 if unknown.
     * @return true if the order was handed to the tracing thread.
     */
    public boolean onOrderComplete(final StageTimestamps timestamps, final long totalNs)
    {
        if (!enabled)
        {
            return false;
        }
        int reasons = 0;
        if (sampleEvery > 0 && timestamps.sequence() % sampleEvery == 0)
        {
            reasons = TraceRecord.SAMPLED;
        }
        final long thresholdNs = slowThresholdNs;
        if (totalNs >= thresholdNs)
        {
            reasons |= TraceRecord.SLOW;
        }
        if (reasons == 0)
        {
            return false;
        }
        return capture(timestamps, totalNs, thresholdNs, reasons);
    }

    private boolean capture(
        final StageTimestamps timestamps, final long totalNs, final long thresholdNs, final int reasons)
    {
        final TraceRecord record = ring.claim();
        if (record == null)
        {
            dropped.incrementRelease();
            return false;
        }
        if ((reasons & TraceRecord.SAMPLED) != 0)
        {
            sampled.incrementRelease();
        }
        if ((reasons & TraceRecord.SLOW) != 0)
        {
            slow.incrementRelease();
        }
        record.timestamps.copyFrom(timestamps);
        record.totalNs = totalNs;
        record.thresholdNs = thresholdNs;
        record.reasons = reasons;
        final OverloadMetricsSource overload = metrics != null ? metrics.overloadStatus() : overloadStatus;
        record.breakerState = overload == null ? -1 : overload.breakerState();
        final RingStatus commandRing = metrics != null ? metrics.ringStatus() : ringStatus;
        record.ringOccupancy = commandRing == null ? -1 : commandRing.occupancy();
        ring.publish();
        return true;
    }

    /**
     * @return whether any order can be captured (tracing or slow-order capture on); when false the matching thread
     *     need not stamp stage timestamps for this sampler.
     */
    public boolean enabled()
    {
        return enabled;
    }

    void statusSources(final RingStatus ringStatus, final OverloadMetricsSource overloadStatus)
    {
        this.ringStatus = ringStatus;
        this.overloadStatus = overloadStatus;
    }

    /**
     * @return whether spans are exported (as opposed to slow-order capture only, or nothing).
     */
    public boolean tracingEnabled()
    {
        return tracingEnabled;
    }

    /**
     * @return current slow threshold in nanoseconds ({@link Long#MAX_VALUE} until a dynamic one is known).
     */
    public long slowThresholdNs()
    {
        return slowThresholdNs;
    }

    void slowThresholdNs(final long slowThresholdNs)
    {
        this.slowThresholdNs = slowThresholdNs;
    }

    /**
     * @return orders captured because they were sampled.
     */
    public long sampledCount()
    {
        return sampled.get();
    }

    /**
     * @return orders captured because they were slow.
     */
    public long slowCount()
    {
        return slow.get();
    }

    /**
     * @return orders that should have been captured but found the queue full.
     */
    public long droppedCount()
    {
        return dropped.get();
    }

    TraceRecord poll()
    {
        return ring.peek();
    }

    void release()
    {
        ring.free();
    }
}
