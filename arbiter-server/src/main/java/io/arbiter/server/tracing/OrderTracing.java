package io.arbiter.server.tracing;

import io.arbiter.server.metrics.OverloadMetricsSource;
import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.concurrent.locks.LockSupport;

/**
 * Wires order tracing for one node: the {@link OrderTraceSampler} the matching thread calls, the {@link TracingAgent}
 * on its own daemon thread (idle: park 1 ms, 10 ms when only slow orders are captured), the OpenTelemetry SDK
 * (OTLP/HTTP when an endpoint is configured, else the log), the slow-order
 * log behind {@code /debug/slow-orders}, the GC pause monitor, and the tracing counters in the metrics registry.
 * Built and closed by the node's control thread.
 */
public final class OrderTracing implements AutoCloseable
{
    private static final int GC_PAUSES_KEPT = 256;
    private static final long IDLE_NS = 1_000_000L;
    /**
     * Idle park with tracing off (slow-order capture only): slow orders are rare, so the 1,024-record hand-off queue
     * holds 10 ms of them, and the thread wakes 100 times a second instead of 1,000 (each wake-up is a context switch;
     * issue #21).
     */
    private static final long SLOW_ONLY_IDLE_NS = 10_000_000L;

    private final OrderTraceSampler sampler;
    private final TracingAgent agent;
    private final SlowOrderLog slowOrders;
    private final GcPauseMonitor gcPauses;
    private final SdkTracerProvider tracerProvider;
    private volatile boolean running;
    private Thread thread;

    /**
     * Builds tracing with the exporter the context names. Produces garbage (control plane).
     *
     * @param context configuration.
     * @param metrics node metrics: latency source for the dynamic threshold, registry for the tracing counters; null
     *                when the node has none (see the constructor).
     * @return tracing, not yet started.
     */
    public static OrderTracing create(final TracingContext context, final ServerMetrics metrics)
    {
        SdkTracerProvider provider = null;
        if (context.tracingEnabled())
        {
            final SpanExporter exporter = context.otlpEndpoint() != null ?
                OtlpHttpSpanExporter.builder().setEndpoint(context.otlpEndpoint()).build() :
                LoggingSpanExporter.create();
            provider = tracerProvider(context, BatchSpanProcessor.builder(exporter).build());
        }
        return new OrderTracing(context, metrics, provider);
    }

    /**
     * A tracer provider that samples everything it is given (the sampling decision is ours) with the service name.
     *
     * @param context   for the service name.
     * @param processor receives the ended spans.
     * @return the provider.
     */
    public static SdkTracerProvider tracerProvider(final TracingContext context, final SpanProcessor processor)
    {
        return SdkTracerProvider.builder()
            .setSampler(Sampler.alwaysOn())
            .setResource(Resource.getDefault().merge(
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), context.serviceName()))))
            .addSpanProcessor(processor)
            .build();
    }

    /**
     * @param context        configuration.
     * @param metrics        node metrics, or null when the node has none ({@code metrics.enabled=false}): then there
     *                       is no dynamic slow threshold (slow-order capture needs {@code slowThresholdNs > 0}, else
     *                       it is off), no tracing counters, and {@link #statusSources} supplies ring and breaker
     *                       state.
     * @param tracerProvider where spans go, or null for no span export (slow-order capture only).
     */
    public OrderTracing(final TracingContext context, final ServerMetrics metrics,
        final SdkTracerProvider tracerProvider)
    {
        this.tracerProvider = tracerProvider;
        final EpochNanoClock clock = new EpochNanoClock();
        final boolean exportSpans = context.tracingEnabled() && tracerProvider != null;
        final boolean slowCapture = context.slowOrderCapture() && (metrics != null || context.slowThresholdNs() > 0);
        final TracingContext effective = exportSpans == context.tracingEnabled() &&
            slowCapture == context.slowOrderCapture() ? context : copy(context, exportSpans, slowCapture);
        sampler = new OrderTraceSampler(effective, metrics);
        gcPauses = effective.slowOrderCapture() ? new GcPauseMonitor(GC_PAUSES_KEPT).start() : null;
        slowOrders = new SlowOrderLog(Math.max(1, context.slowOrdersKept()), clock, gcPauses);
        final Tracer tracer = exportSpans ? tracerProvider.get("io.arbiter.server") : null;
        agent = new TracingAgent(effective, sampler, tracer == null ? null : new OrderSpanPublisher(tracer, clock),
            slowOrders, metrics == null ? null : metrics.stageLatency());
        if (metrics != null)
        {
            metrics.registry().register(this::collect);
        }
    }

    private static TracingContext copy(
        final TracingContext context, final boolean tracingEnabled, final boolean slowOrderCapture)
    {
        return new TracingContext()
            .tracingEnabled(tracingEnabled)
            .sampleEvery(tracingEnabled ? context.sampleEvery() : 0)
            .slowOrderCapture(slowOrderCapture)
            .slowThresholdNs(context.slowThresholdNs())
            .dynamicThresholdMinSamples(context.dynamicThresholdMinSamples())
            .slowOrdersKept(context.slowOrdersKept())
            .queueCapacity(context.queueCapacity())
            .thresholdRefreshNs(context.thresholdRefreshNs())
            .otlpEndpoint(context.otlpEndpoint())
            .serviceName(context.serviceName());
    }

    /**
     * Where a capture reads the command ring's occupancy and the breaker state when the node has no metrics (with
     * metrics they are read from {@link ServerMetrics#ringStatus()} and {@link ServerMetrics#overloadStatus()}).
     * Control plane, before the ring starts.
     *
     * @param ringStatus     occupancy of the command ring, or null.
     * @param overloadStatus breaker state, or null when overload protection is off.
     * @return this for fluent use.
     */
    public OrderTracing statusSources(final RingStatus ringStatus, final OverloadMetricsSource overloadStatus)
    {
        sampler.statusSources(ringStatus, overloadStatus);
        return this;
    }

    /**
     * Starts the tracing thread (daemon), unless nothing is enabled.
     *
     * @return this for fluent use.
     */
    public OrderTracing start()
    {
        if (sampler.tracingEnabled() || gcPauses != null)
        {
            running = true;
            thread = new Thread(this::run, agent.roleName());
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    private void run()
    {
        final long idleNs = sampler.tracingEnabled() ? IDLE_NS : SLOW_ONLY_IDLE_NS;
        while (running)
        {
            try
            {
                if (agent.doWork() == 0)
                {
                    LockSupport.parkNanos(idleNs);
                }
            }
            catch (final RuntimeException ex)
            {
                ex.printStackTrace();
            }
        }
    }

    /**
     * @return what the matching thread calls for each completed order.
     */
    public OrderTraceSampler sampler()
    {
        return sampler;
    }

    /**
     * @return the tracing thread's agent (tests drive it with {@code doWork()} instead of {@link #start()}).
     */
    public TracingAgent agent()
    {
        return agent;
    }

    /**
     * @return the slow-order log.
     */
    public SlowOrderLog slowOrders()
    {
        return slowOrders;
    }

    /**
     * @return the GC pause monitor, or null when slow-order capture is off.
     */
    public GcPauseMonitor gcPauses()
    {
        return gcPauses;
    }

    /**
     * The {@code /debug/slow-orders} handler. Produces garbage.
     *
     * @return the recent slow orders as JSON.
     */
    public String slowOrdersJson()
    {
        return slowOrders.toJson();
    }

    private MetricSnapshots collect()
    {
        final long thresholdNs = sampler.slowThresholdNs();
        return MetricSnapshots.of(
            counter("arbiter_traces_sampled", "Orders captured for tracing by 1-in-N sampling", sampler.sampledCount()),
            counter("arbiter_slow_orders", "Orders at or over the slow threshold", sampler.slowCount()),
            counter("arbiter_traces_dropped", "Captures dropped because the tracing queue was full",
                sampler.droppedCount()),
            counter("arbiter_traces_published", "Orders published as traces", agent.publishedCount()),
            GaugeSnapshot.builder().name("arbiter_slow_order_threshold_seconds")
                .help("Current slow-order threshold (NaN until the dynamic one is known)")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .value(thresholdNs == Long.MAX_VALUE ? Double.NaN : thresholdNs / 1e9).build())
                .build());
    }

    private static CounterSnapshot counter(final String name, final String help, final long value)
    {
        return CounterSnapshot.builder().name(name).help(help)
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build())
            .build();
    }

    /**
     * Stops the tracing thread, the GC listener and flushes the SDK.
     */
    @Override
    public void close()
    {
        if (thread != null)
        {
            running = false;
            LockSupport.unpark(thread);
            try
            {
                thread.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (gcPauses != null)
        {
            gcPauses.close();
        }
        if (tracerProvider != null)
        {
            tracerProvider.close();
        }
    }
}
