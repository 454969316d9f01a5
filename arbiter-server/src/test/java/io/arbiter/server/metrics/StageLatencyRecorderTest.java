package io.arbiter.server.metrics;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StageLatencyRecorderTest
{
    private static final int BATCHES = 200_000;
    private static final int COMMANDS_PER_BATCH = 7;

    @Test
    void shouldRecordABatchLikeTheSameCommandsOneByOne()
    {
        final StageLatencyRecorder batched = new StageLatencyRecorder(60_000_000_000L, 0);
        final StageLatencyRecorder single = new StageLatencyRecorder(60_000_000_000L, 0);
        final StageTimestamps ts = new StageTimestamps();
        final long token = batched.beginBatch();
        for (int i = 0; i < 500; i++)
        {
            marks(ts, i);
            assertEquals(single.record(ts), batched.recordInBatch(ts));
        }
        batched.endBatch(token);
        batched.harvest(1);
        single.harvest(1);

        for (final Stage stage : Stage.VALUES)
        {
            assertEquals(single.cumulativeCopy(stage), batched.cumulativeCopy(stage), stage.label());
        }
        assertEquals(500, batched.cumulativeCopy(Stage.MATCH).getTotalCount());
        assertEquals(0, batched.cumulativeCopy(Stage.JOURNAL).getTotalCount(), "journal marks unset");
    }

    @Test
    void shouldLoseNoValueWhileHarvestsSwapTheIntervalUnderTheWriter() throws InterruptedException
    {
        final StageLatencyRecorder recorder = new StageLatencyRecorder(1, 0);
        final AtomicBoolean writing = new AtomicBoolean(true);
        final Thread writer = new Thread(() ->
        {
            final StageTimestamps ts = new StageTimestamps();
            for (int b = 0; b < BATCHES; b++)
            {
                final long token = recorder.beginBatch();
                for (int i = 0; i < COMMANDS_PER_BATCH; i++)
                {
                    recorder.recordInBatch(marks(ts, b + i));
                }
                recorder.endBatch(token);
            }
            writing.set(false);
        });
        writer.start();
        long nowNs = 0;
        while (writing.get())
        {
            recorder.harvest(++nowNs);
        }
        writer.join();
        recorder.harvest(++nowNs);

        final long expected = (long)BATCHES * COMMANDS_PER_BATCH;
        assertEquals(expected, recorder.cumulativeCopy(Stage.MATCH).getTotalCount());
        assertEquals(expected, recorder.cumulativeCopy(Stage.TOTAL).getTotalCount());
        assertEquals(expected, recorder.cumulativeCopy(Stage.DECODE).getTotalCount());
    }

    private static StageTimestamps marks(final StageTimestamps ts, final int i)
    {
        final long base = 1_000_000L + i * 1_000L;
        final long matchNs = 1_000 + (i % 97) * 333;
        return ts.reset().receivedNs(base).decodedNs(base + 700).dequeuedNs(base + 3_000)
            .matchStartNs(base + 3_000).matchEndNs(base + 3_000 + matchNs)
            .egressStartNs(base + 3_000 + matchNs).egressEndNs(base + 9_000 + matchNs);
    }
}
