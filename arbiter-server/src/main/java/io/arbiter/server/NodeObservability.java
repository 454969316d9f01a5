package io.arbiter.server;

import io.arbiter.server.admin.AdminServer;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.overload.NodeOverload;
import io.arbiter.server.sequencer.CommandRing;
import io.arbiter.server.tracing.GcPauseMonitor;
import io.arbiter.server.tracing.OrderTracing;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * What observes and protects an {@link ArbiterNode}: its metrics, the GC pause monitor, order tracing, the overload
 * protection with its ticks, and their admin endpoints. Built, started and closed by the node's control-plane thread
 * in the node's order; the accessors may be read from any thread once the node has started.
 */
final class NodeObservability
{
    private static final int GC_PAUSES_KEPT = 16;

    private final ServerContext context;
    private RingStatus ringStatus;
    private ServerMetrics metrics;
    private GcPauseMonitor gcPauses;
    private OrderTracing tracing;
    private NodeOverload overload;
    private ScheduledFuture<?> overloadTicks;

    /**
     * @param context the node's configuration.
     */
    NodeObservability(final ServerContext context)
    {
        this.context = context;
    }

    /**
     * Build the overload protection and, if enabled, the metrics and the GC pause monitor; start the tracing.
     *
     * @param sequencer the node's command ring, whose occupancy the metrics and the tracing report.
     */
    void build(final CommandRing sequencer)
    {
        final com.lmax.disruptor.RingBuffer<?> ring = sequencer.ringBuffer();
        ringStatus = new RingStatus()
        {
            @Override
            public long capacity()
            {
                return ring.getBufferSize();
            }

            @Override
            public long occupancy()
            {
                return ring.getBufferSize() - ring.remainingCapacity();
            }
        };
        overload = context.overloadEnabled() ? new NodeOverload(context.overload()) : null;
        if (context.metricsEnabled())
        {
            final RejectCode[] codes = RejectCode.values();
            final String[] reasons = new String[codes.length];
            for (int i = 0; i < codes.length; i++)
            {
                reasons[i] = codes[i].name();
            }
            metrics = new ServerMetrics(reasons, 30_000_000_000L, true);
            metrics.ringStatus(ringStatus);
            metrics.maxConnections(context.maxConnections());
            gcPauses = new GcPauseMonitor(GC_PAUSES_KEPT).start();
            metrics.gcPauseMax(gcPauses::maxDurationMs);
            if (overload != null)
            {
                metrics.overloadStatus(overload);
            }
        }
        tracing = OrderTracing.create(context.tracing(), metrics).statusSources(ringStatus, overload).start();
    }

    /**
     * Publish an overload tick into the ring every overload window, from one of the gateway's event loops, when the
     * overload protection is on.
     */
    void startOverloadTicks(final EventLoopGroup group, final CommandRing sequencer)
    {
        if (overload != null)
        {
            final long periodNs = context.overload().windowNs();
            overloadTicks = group.next().scheduleAtFixedRate(
                sequencer::tryPublishTick, periodNs, periodNs, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Cancel the overload ticks, if scheduled.
     */
    void cancelOverloadTicks()
    {
        if (overloadTicks != null)
        {
            overloadTicks.cancel(false);
        }
    }

    /**
     * Serve {@code /metrics} (or say it is disabled) and {@code /debug/slow-orders}.
     */
    void addEndpoints(final AdminServer server)
    {
        if (metrics != null)
        {
            server.endpoint("/metrics", ServerMetrics.CONTENT_TYPE, metrics::scrape);
        }
        else
        {
            server.unavailable("/metrics", ArbiterNode.METRICS_DISABLED);
        }
        server.endpoint("/debug/slow-orders", "application/json", tracing::slowOrdersJson);
    }

    /**
     * Stop the GC pause monitor and the tracing.
     */
    void close()
    {
        if (gcPauses != null)
        {
            gcPauses.close();
        }
        if (tracing != null)
        {
            tracing.close();
        }
    }

    /**
     * @return the command ring's capacity and occupancy (after {@link #build}).
     */
    RingStatus ringStatus()
    {
        return ringStatus;
    }

    /**
     * @return the node's metrics, or null when {@code metrics.enabled=false} or before {@link #build}.
     */
    ServerMetrics metrics()
    {
        return metrics;
    }

    /**
     * @return the order tracing (after {@link #build}).
     */
    OrderTracing tracing()
    {
        return tracing;
    }

    /**
     * @return the overload protection, or null when {@code overload.enabled=false} or before {@link #build}.
     */
    NodeOverload overload()
    {
        return overload;
    }
}
