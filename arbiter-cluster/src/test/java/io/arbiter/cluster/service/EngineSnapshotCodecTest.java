package io.arbiter.cluster.service;

import io.arbiter.engine.Command;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.engine.support.CommandGenerator;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSnapshotCodecTest
{
    @Test
    void shouldRestoreAnIdenticalEngineFromItsSnapshot()
    {
        for (final long seed : new long[] {1, 2, 3})
        {
            final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
            final CommandGenerator generator = CommandGenerator.standalone(seed);
            final Command command = new Command();
            for (int i = 1; i <= 20_000; i++)
            {
                engine.onCommand(generator.next(command, i));
            }
            assertTrue(engine.openOrderCount() > 0, "seed " + seed + " leaves resting orders");

            final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(1024);
            final int end = new EngineSnapshotCodec().encode(engine, buffer, 8);
            final MatchingEngine restored = new MatchingEngine(new io.arbiter.engine.EngineContext(),
                NoOpExecutionListener.INSTANCE);
            assertEquals(end, EngineSnapshotCodec.decode(buffer, 8, restored));
            assertEquals(engine.stateHash(), restored.stateHash(), "seed " + seed);
            assertEquals(engine.openOrderCount(), restored.openOrderCount());
        }
    }
}
