package io.arbiter.server.egress;

import com.lmax.disruptor.Sequence;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplyGateTest
{
    private static final class CountingWaiter implements ReplyGate.Waiter
    {
        boolean active = true;
        int woken;
        long released;

        @Override
        public boolean onReleased(final long releasedSequence)
        {
            woken++;
            released = releasedSequence;
            return active;
        }

        @Override
        public boolean isActive()
        {
            return active;
        }
    }

    @Test
    void shouldReleaseTheLowestDurablePositionToEveryRegisteredWaiter()
    {
        final ReplyGate gate = new ReplyGate();
        final Sequence journal = new Sequence(0);
        final Sequence replica = new Sequence(0);
        gate.addDurabilityConsumer(journal).addDurabilityConsumer(replica);
        final CountingWaiter waiter = new CountingWaiter();
        gate.register(waiter);

        journal.setVolatile(5);
        gate.onDurable();
        assertEquals(0, waiter.released, "the slower consumer holds the gate");
        replica.setVolatile(3);
        gate.onDurable();
        assertEquals(3, waiter.released);
        assertEquals(3, gate.releasedSequence());
    }

    @Test
    void shouldForgetClosedWaitersWhenAnotherRegistersEvenIfTheGateNeverAdvances()
    {
        final ReplyGate gate = new ReplyGate();
        final Sequence journal = new Sequence(0);
        gate.addDurabilityConsumer(journal);
        final CountingWaiter closed = new CountingWaiter();
        final CountingWaiter open = new CountingWaiter();
        gate.register(closed);
        closed.active = false;
        gate.register(open);

        journal.setVolatile(1);
        gate.onDurable();
        assertEquals(0, closed.woken, "a waiter whose connection has gone is no longer held or woken");
        assertEquals(1, open.woken);
    }
}
