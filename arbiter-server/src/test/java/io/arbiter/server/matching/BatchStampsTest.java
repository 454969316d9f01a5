package io.arbiter.server.matching;

import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.metrics.Stage;
import io.arbiter.server.metrics.StageTimestamps;
import io.arbiter.server.sequencer.CommandEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchStampsTest
{
    @Test
    void shouldEndEachCommandsMatchWhenTheNextIsTakenAndTheLastBeforeTheCommit()
    {
        final ServerMetrics metrics = new ServerMetrics(new String[] { "OTHER" }, 60_000_000_000L, false);
        final BatchStamps stamps = new BatchStamps();
        stamps.configure(metrics, null, null, null, 16);
        final CommandEvent[] events = { new CommandEvent(), new CommandEvent(), new CommandEvent() };
        stamps.onBatchStart(events.length, 0);
        for (int i = 0; i < events.length; i++)
        {
            events[i].timestamps().reset();
            stamps.onCommandTaken(events[i], i);
            stamps.onMatchEnd(events[i]);
        }
        assertEquals(StageTimestamps.UNSET, events[2].timestamps().matchEndNs(), "the last one waits for a clock read");
        stamps.settleMatchEnd();
        stamps.onBatchFlushed(events.length, 1);

        for (int i = 0; i < events.length - 1; i++)
        {
            assertEquals(events[i + 1].timestamps().dequeuedNs(), events[i].timestamps().matchEndNs(), "command " + i);
        }
        final StageTimestamps last = events[2].timestamps();
        assertNotEquals(StageTimestamps.UNSET, last.matchEndNs());
        assertTrue(last.matchEndNs() >= last.matchStartNs());
        assertTrue(last.egressEndNs() >= last.matchEndNs());
        metrics.stageLatency().harvest(System.nanoTime());
        assertEquals(3, metrics.stageLatency().cumulativeCopy(Stage.MATCH).getTotalCount());
    }

    @Test
    void shouldEndTheMatchAtOnceForACommandBeyondTheBatchList()
    {
        final ServerMetrics metrics = new ServerMetrics(new String[] { "OTHER" }, 60_000_000_000L, false);
        final BatchStamps stamps = new BatchStamps();
        stamps.configure(metrics, null, null, null, 16);
        final CommandEvent[] events = new CommandEvent[17];
        for (int i = 0; i < events.length; i++)
        {
            events[i] = new CommandEvent();
            events[i].timestamps().reset();
            stamps.onCommandTaken(events[i], i);
            stamps.onMatchEnd(events[i]);
        }

        assertNotEquals(StageTimestamps.UNSET, events[16].timestamps().matchEndNs(), "not in the list: stamped now");
        assertEquals(events[15].timestamps().matchEndNs(), events[16].timestamps().dequeuedNs());
        stamps.settleMatchEnd();
        stamps.onBatchFlushed(events.length, 1);
    }
}
