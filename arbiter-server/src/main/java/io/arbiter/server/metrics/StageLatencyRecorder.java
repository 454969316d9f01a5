package io.arbiter.server.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Per-stage latency histograms. One thread (the matching thread) records with {@link #record(StageTimestamps)}, or
 * a whole batch of commands between {@link #beginBatch()} and {@link #endBatch(long)} with
 * {@link #recordInBatch(StageTimestamps)}: plain histograms, one active set per interval, guarded by one
 * {@link WriterReaderPhaser} whose wait-free critical section the writer enters once per batch (a per-stage
 * {@code SingleWriterRecorder} enters its own, two atomic updates per value). No allocation and no lock on the writer
 * side. Readers (the scrape and tracing threads) call {@link #harvest(long)}, which swaps the active set for the
 * inactive one and adds the interval into a cumulative histogram (exported as Prometheus histogram buckets) and a
 * sliding window of two periods (exported as quantile gauges and used as the slow-order threshold); the reader side
 * is synchronized and may allocate.
 */
public final class StageLatencyRecorder
{
    /** Highest latency tracked; larger values are recorded as this value. */
    public static final long HIGHEST_TRACKABLE_NS = 10_000_000_000L;
    /** Significant digits of the histograms (relative error under 1%). */
    public static final int SIGNIFICANT_DIGITS = 2;

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    /** The interval being recorded; swapped by the reader under the phaser, read by the writer inside it. */
    private volatile Histogram[] active = new Histogram[Stage.COUNT];
    private Histogram[] inactive = new Histogram[Stage.COUNT];
    /** The writer's set from {@link #beginBatch()} to {@link #endBatch(long)}: the active set when the batch began. */
    private Histogram[] batch;
    private final Histogram[] cumulative = new Histogram[Stage.COUNT];
    private final Histogram[] currentWindow = new Histogram[Stage.COUNT];
    private final Histogram[] previousWindow = new Histogram[Stage.COUNT];
    private final Histogram scratch = newHistogram();
    private final long windowNs;
    private long windowStartNs;

    /**
     * @param windowNs length of one window period; quantiles cover the current and the previous period.
     * @param nowNs    {@code System.nanoTime()} now, start of the first window.
     */
    public StageLatencyRecorder(final long windowNs, final long nowNs)
    {
        if (windowNs <= 0)
        {
            throw new IllegalArgumentException("windowNs must be positive: " + windowNs);
        }
        this.windowNs = windowNs;
        this.windowStartNs = nowNs;
        for (int i = 0; i < Stage.COUNT; i++)
        {
            active[i] = newHistogram();
            inactive[i] = newHistogram();
            cumulative[i] = newHistogram();
            currentWindow[i] = newHistogram();
            previousWindow[i] = newHistogram();
        }
    }

    /**
     * Records every stage whose two marks are set. Recording thread only; allocates nothing. Not between
     * {@link #beginBatch()} and {@link #endBatch(long)} (use {@link #recordInBatch(StageTimestamps)} there).
     *
     * @param timestamps marks of one command.
     * @return the total in-server latency in nanoseconds, or -1 if the command has no total.
     */
    public long record(final StageTimestamps timestamps)
    {
        final long token = phaser.writerCriticalSectionEnter();
        try
        {
            return record(active, timestamps);
        }
        finally
        {
            phaser.writerCriticalSectionExit(token);
        }
    }

    /**
     * Start recording a batch of commands: a harvest that begins now waits for {@link #endBatch(long)} before it
     * reads the interval (wait-free for the writer). Recording thread only; allocates nothing.
     *
     * @return the token to hand to {@link #endBatch(long)}.
     */
    public long beginBatch()
    {
        final long token = phaser.writerCriticalSectionEnter();
        batch = active;
        return token;
    }

    /**
     * Records every stage whose two marks are set, inside a batch begun with {@link #beginBatch()}. Recording thread
     * only; allocates nothing.
     *
     * @param timestamps marks of one command.
     * @return the total in-server latency in nanoseconds, or -1 if the command has no total.
     */
    public long recordInBatch(final StageTimestamps timestamps)
    {
        return record(batch, timestamps);
    }

    private static long record(final Histogram[] histograms, final StageTimestamps timestamps)
    {
        final Stage[] stages = Stage.VALUES;
        for (int i = 0; i < stages.length; i++)
        {
            final long durationNs = timestamps.durationNs(stages[i]);
            if (durationNs >= 0)
            {
                histograms[i].recordValue(Math.min(durationNs, HIGHEST_TRACKABLE_NS));
            }
        }
        return timestamps.durationNs(Stage.TOTAL);
    }

    /**
     * End the batch begun with {@link #beginBatch()}. Recording thread only; allocates nothing.
     *
     * @param token returned by {@link #beginBatch()}.
     */
    public void endBatch(final long token)
    {
        phaser.writerCriticalSectionExit(token);
    }

    /**
     * Records one duration for one stage. Recording thread only; allocates nothing. Not between
     * {@link #beginBatch()} and {@link #endBatch(long)}.
     *
     * @param stage      measured.
     * @param durationNs measured duration, clamped to [0, {@link #HIGHEST_TRACKABLE_NS}].
     */
    public void record(final Stage stage, final long durationNs)
    {
        final long token = phaser.writerCriticalSectionEnter();
        try
        {
            active[stage.ordinal()].recordValue(Math.max(0L, Math.min(durationNs, HIGHEST_TRACKABLE_NS)));
        }
        finally
        {
            phaser.writerCriticalSectionExit(token);
        }
    }

    /**
     * Moves what was recorded since the last harvest into the cumulative and window histograms and rotates the window
     * when its period is over. Reader threads only.
     *
     * @param nowNs {@code System.nanoTime()} now.
     */
    public synchronized void harvest(final long nowNs)
    {
        final Histogram[] intervals = swapInterval();
        final boolean rotate = nowNs - windowStartNs >= windowNs;
        for (int i = 0; i < Stage.COUNT; i++)
        {
            cumulative[i].add(intervals[i]);
            if (rotate)
            {
                previousWindow[i].reset();
                previousWindow[i].add(currentWindow[i]);
                currentWindow[i].reset();
            }
            currentWindow[i].add(intervals[i]);
        }
        if (rotate)
        {
            windowStartNs = nowNs;
        }
    }

    /**
     * Make the inactive (reset) set the active one and wait until the writer has left every batch that may still
     * record into the old one.
     *
     * @return the interval recorded since the last swap.
     */
    private Histogram[] swapInterval()
    {
        phaser.readerLock();
        try
        {
            final Histogram[] next = inactive;
            for (int i = 0; i < Stage.COUNT; i++)
            {
                next[i].reset();
            }
            final Histogram[] recorded = active;
            active = next;
            inactive = recorded;
            phaser.flipPhase();
            return recorded;
        }
        finally
        {
            phaser.readerUnlock();
        }
    }

    /**
     * A value at a percentile over the window (current and previous period) as of the last {@link #harvest(long)}.
     *
     * @param stage      of interest.
     * @param percentile between 0 and 100.
     * @return the value in nanoseconds, 0 when the window is empty.
     */
    public synchronized long windowPercentileNs(final Stage stage, final double percentile)
    {
        final int i = stage.ordinal();
        scratch.reset();
        scratch.add(previousWindow[i]);
        scratch.add(currentWindow[i]);
        return scratch.getTotalCount() == 0 ? 0L : scratch.getValueAtPercentile(percentile);
    }

    /**
     * @param stage of interest.
     * @return number of values in the window (current and previous period) as of the last harvest.
     */
    public synchronized long windowCount(final Stage stage)
    {
        return previousWindow[stage.ordinal()].getTotalCount() + currentWindow[stage.ordinal()].getTotalCount();
    }

    /**
     * Copies the cumulative histogram of a stage as of the last {@link #harvest(long)}. Produces garbage.
     *
     * @param stage of interest.
     * @return a copy of everything recorded for the stage since start.
     */
    public synchronized Histogram cumulativeCopy(final Stage stage)
    {
        return cumulative[stage.ordinal()].copy();
    }

    static Histogram newHistogram()
    {
        return new Histogram(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }
}
