package io.arbiter.bench.metrics;

import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.metrics.StageTimestamps;
import io.arbiter.server.tracing.OrderTracing;
import io.arbiter.server.tracing.TracingContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Per-order cost on the matching thread of the observability recording: counters, the six stage histograms and the
 * trace sampler, with tracing off, sampling 1 in 100, or every order. Spans are built on the tracing thread and
 * discarded, so only the matching thread's side is measured. Single-threaded benchmark state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StageRecordingBenchmark
{
    /** Tracing mode: off, 1% sampled, or every order. */
    @Param({ "off", "sampled1pct", "all" })
    public String tracing;

    private ServerMetrics metrics;
    private OrderTracing orderTracing;
    private final StageTimestamps timestamps = new StageTimestamps();
    private long sequence;

    /**
     * Builds metrics and tracing for the mode.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        metrics = new ServerMetrics(ServerMetrics.defaultRejectReasons(), 30_000_000_000L, false);
        final TracingContext context = new TracingContext().slowOrderCapture(false);
        switch (tracing)
        {
            case "sampled1pct":
                context.tracingEnabled(true).sampleEvery(100).slowThresholdNs(Long.MAX_VALUE);
                break;
            case "all":
                context.tracingEnabled(true).sampleEvery(1).slowThresholdNs(Long.MAX_VALUE);
                break;
            default:
                context.tracingEnabled(false);
                break;
        }
        orderTracing = new OrderTracing(context, metrics, context.tracingEnabled() ?
            OrderTracing.tracerProvider(context, SimpleSpanProcessor.create(new DiscardingExporter())) : null).start();
    }

    /**
     * Stops the tracing thread.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        orderTracing.close();
    }

    /**
     * One order's recording: received, accepted, one trade, a batch, journal append, stage marks, histograms, sampler.
     *
     * @return whether the order was handed to the tracing thread (consumed so the call is not eliminated).
     */
    @Benchmark
    public boolean recordOrder()
    {
        final long seq = sequence++;
        final long base = 1_000_000L + (seq << 10);
        timestamps.reset().sequence(seq).sessionId(1).clientOrderId(seq)
            .receivedNs(base).decodedNs(base + 700).dequeuedNs(base + 2_900 + (seq & 255))
            .matchStartNs(base + 3_000).matchEndNs(base + 4_500)
            .journalStartNs(base + 4_500).journalEndNs(base + 9_000)
            .egressStartNs(base + 9_000).egressEndNs(base + 11_000);
        metrics.onOrderReceived();
        metrics.onOrderAccepted();
        metrics.onTrade(1);
        metrics.onBatch(1);
        metrics.onJournalAppend(64);
        final long totalNs = metrics.stageLatency().record(timestamps);
        return orderTracing.sampler().onOrderComplete(timestamps, totalNs);
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
