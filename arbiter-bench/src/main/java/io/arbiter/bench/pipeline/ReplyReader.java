package io.arbiter.bench.pipeline;

import io.arbiter.server.egress.ReplyGate;
import org.HdrHistogram.Histogram;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Reads reply batches from the reply ring, each once the reply gate released the command sequence it waits for (in
 * order: it stops at the first batch not yet released): counts one completion per command (its primary report, which
 * carries the command's index) and, while recording, records each completion's latency from the command's intended
 * publish time.
 * One reading thread (the client thread, or a separate consumer thread); the counters are readable from any thread.
 */
final class ReplyReader implements ControlledMessageHandler
{
    private final RingBuffer replies;
    private final ReplyGate gate;
    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private volatile long completed;
    private volatile long lastCompletionNs;
    private long records;
    private long batches;

    private volatile long latencyStartNs;
    private volatile long latencyIntervalNs;
    private volatile long latencyFirstIndex;
    private volatile boolean recording;

    ReplyReader(final RingBuffer replies, final ReplyGate gate)
    {
        this.replies = replies;
        this.gate = gate;
    }

    /**
     * Read at most {@code limit} reply batches.
     *
     * @param limit batches to read at most (bounds the time taken from publishing).
     * @return batches read.
     */
    int poll(final int limit)
    {
        return replies.controlledRead(this, limit);
    }

    /**
     * Start recording: the command of index {@code firstIndex + i} was meant to be published at
     * {@code startNs + i * intervalNs}. Call before publishing the first of them.
     *
     * @param startNs    intended publish time of the first recorded command.
     * @param intervalNs between intended publish times.
     * @param firstIndex index (in publish order) of the first recorded command.
     * @param record     false to follow the schedule without recording (warm-up).
     */
    void startLatency(final long startNs, final long intervalNs, final long firstIndex, final boolean record)
    {
        latencyStartNs = startNs;
        latencyIntervalNs = intervalNs;
        latencyFirstIndex = firstIndex;
        recording = record;
    }

    void stopLatency()
    {
        recording = false;
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (buffer.getLong(index) > gate.releasedSequence())
        {
            return Action.ABORT;
        }
        final long nowNs = System.nanoTime();
        final boolean record = recording;
        final long startNs = latencyStartNs;
        final long intervalNs = latencyIntervalNs;
        final long firstIndex = latencyFirstIndex;
        long done = completed;
        for (int offset = index + BenchEgress.HEADER_LENGTH, end = index + length; offset < end;
            offset += BenchEgress.RECORD_LENGTH)
        {
            records++;
            final long commandIndex = buffer.getLong(offset + BenchEgress.COMMAND_INDEX_OFFSET);
            if (commandIndex >= 0)
            {
                done++;
                if (record && commandIndex >= firstIndex)
                {
                    final long intendedNs = startNs + (commandIndex - firstIndex) * intervalNs;
                    histogram.recordValue(
                        Math.min(histogram.getHighestTrackableValue(), Math.max(0, nowNs - intendedNs)));
                }
            }
        }
        batches++;
        lastCompletionNs = nowNs;
        completed = done;
        return Action.CONTINUE;
    }

    /**
     * @return commands completed (primary reports read).
     */
    long completed()
    {
        return completed;
    }

    /**
     * @return {@code System.nanoTime()} when the last completion was read.
     */
    long lastCompletionNs()
    {
        return lastCompletionNs;
    }

    long records()
    {
        return records;
    }

    long batches()
    {
        return batches;
    }

    Histogram histogram()
    {
        return histogram;
    }
}
