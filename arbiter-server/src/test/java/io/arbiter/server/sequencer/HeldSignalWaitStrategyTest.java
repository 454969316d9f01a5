package io.arbiter.server.sequencer;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class HeldSignalWaitStrategyTest
{
    /** Liveness bound: the holding thread's body takes microseconds; 30 s is far beyond 10x that on a busy machine. */
    private static final long LIVENESS_MS = 30_000;

    @Test
    void shouldSignalOnceAtTheEndOfTheCycleOfASignalHoldingThread() throws Exception
    {
        final CountingWaitStrategy counting = new CountingWaitStrategy();
        final HeldSignalWaitStrategy strategy = new HeldSignalWaitStrategy(counting);
        final int[] seen = new int[2];
        runOnHoldingThread(thread ->
        {
            for (int i = 0; i < SignalHoldingThread.MAX_HELD_PUBLISHES - 1; i++)
            {
                strategy.signalAllWhenBlocking();
            }
            seen[0] = counting.signals.get();
            thread.releaseHeldSignals();
            seen[1] = counting.signals.get();
            thread.releaseHeldSignals();
        });
        assertEquals(0, seen[0], "signals before the end of the cycle");
        assertEquals(1, seen[1], "signals at the end of the cycle");
        assertEquals(1, counting.signals.get(), "a second release with nothing held signals nothing");
    }

    @Test
    void shouldSignalAtOnceOnAnyOtherThread()
    {
        final CountingWaitStrategy counting = new CountingWaitStrategy();
        final HeldSignalWaitStrategy strategy = new HeldSignalWaitStrategy(counting);
        for (int i = 0; i < 10; i++)
        {
            strategy.signalAllWhenBlocking();
        }
        assertEquals(10, counting.signals.get());
    }

    @Test
    void shouldGiveTheSignalAfterTheMostPublishesOneCycleMayHold() throws Exception
    {
        final CountingWaitStrategy counting = new CountingWaitStrategy();
        final HeldSignalWaitStrategy strategy = new HeldSignalWaitStrategy(counting);
        final int max = SignalHoldingThread.MAX_HELD_PUBLISHES;
        final int[] seen = new int[3];
        runOnHoldingThread(thread ->
        {
            for (int i = 0; i < max - 1; i++)
            {
                strategy.signalAllWhenBlocking();
            }
            seen[0] = counting.signals.get();
            strategy.signalAllWhenBlocking();
            seen[1] = counting.signals.get();
            for (int i = 0; i < max + 1; i++)
            {
                strategy.signalAllWhenBlocking();
            }
            thread.releaseHeldSignals();
            seen[2] = counting.signals.get();
        });
        assertEquals(0, seen[0]);
        assertEquals(1, seen[1], "the " + max + "th held publish signals");
        assertEquals(3, seen[2], "one more at the limit, one for the rest at the end of the cycle");
    }

    @Test
    void shouldSignalEachRingOfTheCycleOnce() throws Exception
    {
        final CountingWaitStrategy first = new CountingWaitStrategy();
        final CountingWaitStrategy second = new CountingWaitStrategy();
        final HeldSignalWaitStrategy firstRing = new HeldSignalWaitStrategy(first);
        final HeldSignalWaitStrategy secondRing = new HeldSignalWaitStrategy(second);
        runOnHoldingThread(thread ->
        {
            for (int i = 0; i < SignalHoldingThread.MAX_HELD_PUBLISHES - 1; i++)
            {
                firstRing.signalAllWhenBlocking();
                secondRing.signalAllWhenBlocking();
            }
            thread.releaseHeldSignals();
        });
        assertEquals(1, first.signals.get());
        assertEquals(1, second.signals.get());
    }

    @Test
    void shouldReleaseWhatTheThreadStillHoldsWhenItEnds() throws Exception
    {
        final CountingWaitStrategy counting = new CountingWaitStrategy();
        final HeldSignalWaitStrategy strategy = new HeldSignalWaitStrategy(counting);
        final int[] seen = new int[1];
        runOnHoldingThread(thread ->
        {
            strategy.signalAllWhenBlocking();
            strategy.signalAllWhenBlocking();
            seen[0] = counting.signals.get();
        });
        assertEquals(0, seen[0]);
        assertEquals(1, counting.signals.get());
    }

    private static void runOnHoldingThread(final HoldingTask task) throws InterruptedException
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final SignalHoldingThread[] self = new SignalHoldingThread[1];
        self[0] = new SignalHoldingThread(null, () ->
        {
            try
            {
                task.run(self[0]);
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "holding-test");
        self[0].start();
        self[0].join(LIVENESS_MS);
        assertFalse(self[0].isAlive(), "the holding thread did not end");
        assertNull(failure.get());
    }

    /**
     * A test body run on a {@link SignalHoldingThread}.
     */
    private interface HoldingTask
    {
        void run(SignalHoldingThread thread) throws Exception;
    }
}
