package io.arbiter.server.sequencer;

import com.lmax.disruptor.EventHandler;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpinParkWaitStrategyTest
{
    /** Liveness bound: a quiet run needs well under a second; 30 s leaves more than 10x on a busy machine. */
    private static final long LIVENESS_S = 30;

    @Test
    void shouldDeliverEveryCommandWhenProducersPauseAcrossEveryPhase() throws Exception
    {
        // blockAfterNs 30 µs: pauses of up to 200 µs let the consumer spin, park on a timer and block until signalled
        deliverAll(new SpinParkWaitStrategy(10, 10_000, 30_000));
    }

    @Test
    void shouldDeliverEveryCommandWhenTheConsumerBlocksAtOnce() throws Exception
    {
        // no timed park at all: every gap blocks, so a lost signal would strand a command
        deliverAll(new SpinParkWaitStrategy(0, 1_000, 0));
    }

    @Test
    void shouldBlockUntilSignalledOnceIdleAndWakeOnTheNextCommand() throws Exception
    {
        final AtomicReference<Thread> consumer = new AtomicReference<>();
        final AtomicLong seen = new AtomicLong();
        final EventHandler<CommandEvent> handler = (event, sequence, endOfBatch) -> seen.incrementAndGet();
        final CommandRing ring = new CommandRing(64, new SpinParkWaitStrategy(10, 20_000, 1_000_000), handler,
            r ->
            {
                final Thread thread = new Thread(r, "test-matching");
                consumer.set(thread);
                return thread;
            });
        ring.start();
        // an idle consumer ends in an untimed park (WAITING), not in timed parks (TIMED_WAITING)
        awaitState(consumer.get(), Thread.State.WAITING);

        assertTrue(ring.tryPublishTick());
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVENESS_S);
        while (seen.get() == 0 && System.nanoTime() < deadlineNs)
        {
            LockSupport.parkNanos(100_000);
        }
        assertEquals(1, seen.get());
        awaitState(consumer.get(), Thread.State.WAITING);
        assertTrue(ring.drainAndStop(TimeUnit.SECONDS.toMillis(LIVENESS_S)));
        consumer.get().join(TimeUnit.SECONDS.toMillis(LIVENESS_S));
        assertFalse(consumer.get().isAlive());
    }

    @Test
    void shouldRefuseNegativeSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new SpinParkWaitStrategy(-1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SpinParkWaitStrategy(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SpinParkWaitStrategy(0, 1, -1));
    }

    @Test
    void shouldBeSelectableByName()
    {
        assertEquals(WaitStrategyKind.PARK, WaitStrategyKind.parse("park"));
        assertTrue(WaitStrategyKind.PARK.newWaitStrategy(50_000, 200_000) instanceof SpinParkWaitStrategy);
    }

    private static void deliverAll(final SpinParkWaitStrategy strategy) throws Exception
    {
        final int producers = 3;
        final int perProducer = 3_000;
        final long[] lastSeen = {-1, -1, -1};
        final boolean[] outOfOrder = new boolean[1];
        final CountDownLatch done = new CountDownLatch(producers * perProducer);
        final EventHandler<CommandEvent> handler = (event, sequence, endOfBatch) ->
        {
            final int producer = (int)event.sessionId();
            if (event.clientOrderId() != lastSeen[producer] + 1)
            {
                outOfOrder[0] = true;
            }
            lastSeen[producer] = event.clientOrderId();
            done.countDown();
        };
        final CommandRing ring = new CommandRing(64, strategy, handler, Thread::new);
        ring.start();
        final Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++)
        {
            final int producer = p;
            threads[p] = new Thread(() ->
            {
                final SplittableRandom random = new SplittableRandom(producer);
                final IngressCommand staged = new IngressCommand().sessionId(producer);
                for (int i = 0; i < perProducer; i++)
                {
                    staged.clientOrderId(i);
                    while (!ring.tryPublish(staged))
                    {
                        Thread.onSpinWait();
                    }
                    if (random.nextInt(8) == 0)
                    {
                        LockSupport.parkNanos(random.nextInt(200_000));
                    }
                }
            });
            threads[p].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertTrue(done.await(LIVENESS_S, TimeUnit.SECONDS), "commands left undelivered: " + done.getCount());
        assertTrue(ring.drainAndStop(TimeUnit.SECONDS.toMillis(LIVENESS_S)));
        assertFalse(outOfOrder[0]);
    }

    private static void awaitState(final Thread thread, final Thread.State state)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVENESS_S);
        while (thread.getState() != state && System.nanoTime() < deadlineNs)
        {
            LockSupport.parkNanos(1_000_000);
        }
        assertEquals(state, thread.getState());
    }
}
