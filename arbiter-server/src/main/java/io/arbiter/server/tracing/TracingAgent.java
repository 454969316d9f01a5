package io.arbiter.server.tracing;

import io.arbiter.server.metrics.Stage;
import io.arbiter.server.metrics.StageLatencyRecorder;
import io.arbiter.server.metrics.PaddedCounter;
import org.agrona.concurrent.Agent;

/**
 * The tracing thread's duty cycle: drains captured orders, publishes spans for them when tracing is on, keeps slow
 * ones in the {@link SlowOrderLog}, returns records to the pool, and refreshes the dynamic slow threshold. Runs on its
 * own thread (a plain daemon thread) or is driven by tests through {@link #doWork()}.
 */
public final class TracingAgent implements Agent
{
    private static final int DRAIN_LIMIT = 256;

    private final OrderTraceSampler sampler;
    private final OrderSpanPublisher publisher;
    private final SlowOrderLog slowOrders;
    private final StageLatencyRecorder stageLatency;
    private final boolean slowOrderCapture;
    private final boolean dynamicThreshold;
    private final long minSamples;
    private final long refreshNs;
    private final PaddedCounter published = new PaddedCounter();
    private long nextRefreshNs;

    TracingAgent(
        final TracingContext context,
        final OrderTraceSampler sampler,
        final OrderSpanPublisher publisher,
        final SlowOrderLog slowOrders,
        final StageLatencyRecorder stageLatency)
    {
        this.sampler = sampler;
        this.publisher = publisher;
        this.slowOrders = slowOrders;
        this.stageLatency = stageLatency;
        this.slowOrderCapture = context.slowOrderCapture();
        this.dynamicThreshold = context.slowThresholdNs() <= 0 && stageLatency != null;
        this.minSamples = context.dynamicThresholdMinSamples();
        this.refreshNs = context.thresholdRefreshNs();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int doWork()
    {
        int work = 0;
        TraceRecord record;
        while (work < DRAIN_LIMIT && (record = sampler.poll()) != null)
        {
            try
            {
                if (publisher != null)
                {
                    publisher.publish(record);
                    published.incrementRelease();
                }
                if (slowOrderCapture && (record.reasons & TraceRecord.SLOW) != 0)
                {
                    slowOrders.add(record);
                }
            }
            finally
            {
                sampler.release();
            }
            work++;
        }
        final long nowNs = System.nanoTime();
        if (dynamicThreshold && nowNs - nextRefreshNs >= 0)
        {
            refreshThreshold(nowNs);
            nextRefreshNs = nowNs + refreshNs;
            work++;
        }
        return work;
    }

    /**
     * Harvests the latency recorder and sets the slow threshold to the window's p99.9 of the total latency once the
     * window holds enough orders.
     *
     * @param nowNs {@code System.nanoTime()} now.
     */
    void refreshThreshold(final long nowNs)
    {
        stageLatency.harvest(nowNs);
        if (stageLatency.windowCount(Stage.TOTAL) >= minSamples)
        {
            sampler.slowThresholdNs(Math.max(1, stageLatency.windowPercentileNs(Stage.TOTAL, 99.9)));
        }
    }

    /**
     * @return orders published as traces.
     */
    public long publishedCount()
    {
        return published.get();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String roleName()
    {
        return "arbiter-tracing";
    }
}
