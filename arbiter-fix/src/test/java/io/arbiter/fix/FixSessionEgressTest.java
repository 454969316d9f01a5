package io.arbiter.fix;

import com.lmax.disruptor.Sequence;
import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Side;
import io.arbiter.server.egress.ReplyGate;
import org.agrona.concurrent.ControlledMessageHandler;
import org.junit.jupiter.api.Test;
import quickfix.SessionID;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixSessionEgressTest
{
    private final Sequence durable = new Sequence(0);
    private final ReplyGate gate = new ReplyGate().addDurabilityConsumer(durable);
    private final FixSession session =
        new FixSession(new SessionID("FIX.4.4", "ARBITER", "demo1"), 1, new FixOrderBook(Path.of("unused.log")));
    private final FixSessionEgress egress =
        new FixSessionEgress(session, new FixReportPublisher(new String[] {"BTC-USD"}, -1), 1 << 16);
    private final List<Integer> read = new ArrayList<>();

    /** Reads like the publisher: stops at a header whose sequence the gate has not released. */
    private int drain()
    {
        final long released = egress.releasedSequence();
        final ControlledMessageHandler handler = (type, buffer, index, length) ->
        {
            if (type == FixSessionEgress.HEADER && FixSessionEgress.releaseOf(buffer, index) > released)
            {
                return ControlledMessageHandler.Action.ABORT;
            }
            read.add(type);
            return ControlledMessageHandler.Action.CONTINUE;
        };
        int total = 0;
        int count;
        do
        {
            count = egress.read(handler, 64);
            total += count;
        }
        while (count > 0);
        return total;
    }

    @Test
    void shouldHoldABatchUntilTheGateReleasesItsSequence()
    {
        egress.gate(gate);
        egress.onAccepted(1, 7, 100, 0, 0);
        egress.onFill(1, 7, 100, 1, 0, Side.BUY, 100, 2, 3, true);
        egress.flush(5);
        assertEquals(0, drain());

        durable.set(4);
        assertEquals(0, drain());

        durable.set(5);
        drain();
        assertEquals(List.of(FixSessionEgress.HEADER, FixSessionEgress.ACCEPTED, FixSessionEgress.FILL), read);
    }

    @Test
    void shouldNotShowABatchBeforeItsFlushNorADiscardedOneEver()
    {
        egress.gate(gate);
        durable.set(100);
        egress.onCanceled(1, 7, 100, 3, CancelReason.USER);
        assertEquals(0, drain());
        egress.discard();
        assertEquals(0, drain());

        egress.onReplaced(2, 8, 101, 500, 4);
        egress.flush(6);
        drain();
        assertEquals(List.of(), read);
        assertEquals(false, egress.drained());
    }

    /** Writes released fills until the ring is more than half full. */
    private void fillPastHalf()
    {
        egress.gate(gate);
        durable.set(1_000);
        while (egress.backlogBytes() <= egress.capacityBytes() / 2)
        {
            egress.onFill(1, 7, 100, 1, 0, Side.BUY, 100, 2, 3, true);
            egress.flush(1);
        }
        assertFalse(egress.overflowed());
    }

    private Thread holdInThread()
    {
        final Thread entry = new Thread(() -> egress.awaitBacklog(() -> true), "order-entry");
        entry.start();
        return entry;
    }

    @Test
    void shouldHoldTheSessionsRequestsWhileItsRingIsHalfFullAndLetThemGoOnceReportsAreSent() throws Exception
    {
        egress.awaitBacklog(() -> true); // an empty ring holds nothing: returns at once
        fillPastHalf();
        final Thread entry = holdInThread();
        entry.join(200);
        assertTrue(entry.isAlive(), "held while the ring is half full");

        drain();
        entry.join(TimeUnit.SECONDS.toMillis(30)); // liveness bound: far above the 1 ms between two checks
        assertFalse(entry.isAlive(), "the reports were sent: requests go on");
        assertFalse(egress.overflowed());
    }

    @Test
    void shouldStopHoldingWhenTheSessionClosesOrTheNodeStopsTakingCommands() throws Exception
    {
        fillPastHalf();
        final Thread entry = holdInThread();
        entry.join(200);
        assertTrue(entry.isAlive());
        session.closed = true;
        entry.join(TimeUnit.SECONDS.toMillis(30)); // liveness bound, as above
        assertFalse(entry.isAlive());

        session.closed = false;
        final Thread stopping = new Thread(() -> egress.awaitBacklog(() -> false));
        stopping.start();
        stopping.join(TimeUnit.SECONDS.toMillis(30)); // liveness bound, as above
        assertFalse(stopping.isAlive());
    }
}
