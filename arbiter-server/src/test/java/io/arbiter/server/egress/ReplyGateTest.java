package io.arbiter.server.egress;

import com.lmax.disruptor.Sequence;
import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyGateTest
{
    /** Liveness bound: tasks on an idle loop run within a millisecond; 30 s is far beyond 10x that. */
    private static final long LIVENESS_S = 30;

    /** An event loop that counts the tasks submitted with a wake-up (lazily queued ones are not counted). */
    private static final class CountingLoop extends DefaultEventLoop
    {
        final AtomicInteger wakingSubmits = new AtomicInteger();

        @Override
        public void execute(final Runnable task)
        {
            wakingSubmits.incrementAndGet();
            super.execute(task);
        }
    }

    /** A waiter that queues a drain on its loop through the gate, as a session's egress does. */
    private static final class LoopWaiter implements ReplyGate.Waiter
    {
        private final EgressWakes.Loop wakes;
        private final CountDownLatch drained;

        LoopWaiter(final ReplyGate gate, final CountingLoop loop, final CountDownLatch drained)
        {
            this.wakes = gate.wakesFor(loop);
            this.drained = drained;
        }

        @Override
        public boolean onReleased(final long releasedSequence)
        {
            wakes.queue(() ->
            {
                wakes.onDrained();
                drained.countDown();
            });
            return true;
        }

        @Override
        public boolean isActive()
        {
            return true;
        }
    }

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
    void shouldReleaseTheLowestDurablePositionToAWaitingWaiter()
    {
        final ReplyGate gate = new ReplyGate();
        final Sequence journal = new Sequence(0);
        final Sequence replica = new Sequence(0);
        gate.addDurabilityConsumer(journal).addDurabilityConsumer(replica);
        final CountingWaiter waiter = new CountingWaiter();
        gate.register(waiter);
        gate.awaitRelease(waiter, 3);

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
        gate.awaitRelease(open, 1);

        journal.setVolatile(1);
        gate.onDurable();
        assertEquals(0, closed.woken, "a waiter whose connection has gone is no longer held or woken");
        assertEquals(1, open.woken);
    }

    @Test
    void shouldWakeOnlyTheWaitersWhoseSequenceIsReleasedNotEveryRegisteredOne()
    {
        final ReplyGate gate = new ReplyGate();
        final Sequence journal = new Sequence(0);
        gate.addDurabilityConsumer(journal);
        final CountingWaiter[] idle = new CountingWaiter[100];
        for (int i = 0; i < idle.length; i++)
        {
            idle[i] = new CountingWaiter();
            gate.register(idle[i]);
        }
        final CountingWaiter first = new CountingWaiter();
        final CountingWaiter second = new CountingWaiter();
        gate.register(first);
        gate.register(second);
        gate.awaitRelease(first, 2);
        gate.awaitRelease(second, 4);

        journal.setVolatile(3);
        gate.onDurable();
        assertEquals(1, first.woken);
        assertEquals(3, first.released);
        assertEquals(0, second.woken, "sequence 4 is not durable yet");
        journal.setVolatile(4);
        gate.onDurable();
        gate.onDurable();
        assertEquals(1, first.woken, "an entry wakes once");
        assertEquals(1, second.woken);
        for (final CountingWaiter waiter : idle)
        {
            assertEquals(0, waiter.woken, "a session with nothing waiting is not visited");
        }
    }

    @Test
    void shouldWakeEveryRegisteredWaiterAfterTheWakeQueueOverflowed()
    {
        final ReplyGate gate = new ReplyGate();
        final Sequence journal = new Sequence(0);
        gate.addDurabilityConsumer(journal);
        final CountingWaiter busy = new CountingWaiter();
        final CountingWaiter late = new CountingWaiter();
        gate.register(busy);
        gate.register(late);
        for (int i = 0; i < ReplyGate.WAKE_QUEUE_CAPACITY; i++)
        {
            gate.awaitRelease(busy, 1);
        }
        gate.awaitRelease(late, 1);

        journal.setVolatile(1);
        gate.onDurable();
        assertTrue(late.woken > 0, "the entry that did not fit is covered by waking everyone");
        assertEquals(1, late.released);
    }

    @Test
    void shouldWakeAnEventLoopOnceForEveryDrainOneAdvanceReleasesOnIt() throws InterruptedException
    {
        final ReplyGate gate = new ReplyGate();
        final Sequence journal = new Sequence(0);
        gate.addDurabilityConsumer(journal);
        final CountingLoop loop = new CountingLoop();
        try
        {
            final int sessions = 50;
            final CountDownLatch drained = new CountDownLatch(sessions);
            for (int i = 0; i < sessions; i++)
            {
                final LoopWaiter waiter = new LoopWaiter(gate, loop, drained);
                gate.register(waiter);
                gate.awaitRelease(waiter, 1);
            }
            final int before = loop.wakingSubmits.get();

            journal.setVolatile(1);
            gate.onDurable();
            assertTrue(drained.await(LIVENESS_S, TimeUnit.SECONDS), "every released session's drain runs");
            assertEquals(1, loop.wakingSubmits.get() - before,
                "the advance wakes the loop once, not once per session it released");
        }
        finally
        {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
