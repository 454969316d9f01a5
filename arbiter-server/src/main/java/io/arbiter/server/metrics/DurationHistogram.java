package io.arbiter.server.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntervalHistogramProvider;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.HdrHistogram.ValueRecorder;

/**
 * A duration histogram of the node's metrics, fed on a hot path and harvested on scrape: an HdrHistogram recorder
 * (single-writer or wait-free multi-writer) plus the cumulative histogram each harvest adds the last interval into.
 * {@link #record(long)} allocates nothing and takes no lock; {@link #harvest()} is synchronized and produces garbage.
 */
final class DurationHistogram
{
    private final ValueRecorder recorder;
    private final IntervalHistogramProvider<Histogram> intervals;
    private final Histogram cumulative = StageLatencyRecorder.newHistogram();
    private Histogram interval;

    private DurationHistogram(final ValueRecorder recorder, final IntervalHistogramProvider<Histogram> intervals)
    {
        this.recorder = recorder;
        this.intervals = intervals;
    }

    /**
     * @return a histogram that one thread at a time records into.
     */
    static DurationHistogram singleWriter()
    {
        final SingleWriterRecorder recorder = new SingleWriterRecorder(
            1, StageLatencyRecorder.HIGHEST_TRACKABLE_NS, StageLatencyRecorder.SIGNIFICANT_DIGITS);
        return new DurationHistogram(recorder, recorder);
    }

    /**
     * @return a histogram that any thread records into (wait-free).
     */
    static DurationHistogram multiWriter()
    {
        final Recorder recorder = new Recorder(
            1, StageLatencyRecorder.HIGHEST_TRACKABLE_NS, StageLatencyRecorder.SIGNIFICANT_DIGITS);
        return new DurationHistogram(recorder, recorder);
    }

    /**
     * @param durationNs to record, clamped to 0 .. {@link StageLatencyRecorder#HIGHEST_TRACKABLE_NS}.
     */
    void record(final long durationNs)
    {
        recorder.recordValue(Math.max(0L, Math.min(durationNs, StageLatencyRecorder.HIGHEST_TRACKABLE_NS)));
    }

    /**
     * Adds what was recorded since the last harvest to the cumulative histogram. Produces garbage.
     *
     * @return a copy of every duration recorded since start.
     */
    synchronized Histogram harvest()
    {
        interval = intervals.getIntervalHistogram(interval);
        cumulative.add(interval);
        return cumulative.copy();
    }
}
