package io.arbiter.server.sequencer;

import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * A thread that runs in cycles (a gateway event loop) and holds the consumer signals of the rings it publishes to
 * (those waited on through a {@link HeldSignalWaitStrategy}) until the end of its cycle, when its loop calls
 * {@link #releaseHeldSignals()}. A ring's signal is held at most {@link #MAX_HELD_PUBLISHES} publishes (then given
 * at once, so that a cycle that reads many commands neither delays the first long nor fills the ring while its
 * consumer sleeps), and whatever is still held when the thread's task ends is released then. Its loop must call
 * {@link #releaseHeldSignals()} at the end of every cycle and before it blocks. Only the thread itself touches its
 * held signals.
 */
public final class SignalHoldingThread extends FastThreadLocalThread
{
    /** Publishes to one ring whose signal is held before it is given at once. */
    public static final int MAX_HELD_PUBLISHES = 8;
    /** Rings whose signals one cycle can hold; a publish to one more signals at once. */
    static final int MAX_HELD_RINGS = 4;

    private final HeldSignalWaitStrategy[] held = new HeldSignalWaitStrategy[MAX_HELD_RINGS];
    private final int[] heldPublishes = new int[MAX_HELD_RINGS];
    private int heldCount;
    private long signalsHeld;
    private long signalsGiven;

    /**
     * Produces garbage (control plane).
     *
     * @param group  the thread group; null for the caller's.
     * @param target what the thread runs.
     * @param name   the thread's name.
     */
    public SignalHoldingThread(final ThreadGroup group, final Runnable target, final String name)
    {
        super(group, target, name);
    }

    /**
     * Runs the thread's task and then gives every signal it still holds.
     */
    @Override
    public void run()
    {
        try
        {
            super.run();
        }
        finally
        {
            releaseHeldSignals();
        }
    }

    /**
     * Called by {@link HeldSignalWaitStrategy} on this thread after a publish.
     *
     * @param strategy the ring's wait strategy.
     * @return true if the signal is held for the end of the cycle; false if the caller must signal now.
     */
    boolean hold(final HeldSignalWaitStrategy strategy)
    {
        for (int i = 0; i < heldCount; i++)
        {
            if (held[i] == strategy)
            {
                if (++heldPublishes[i] >= MAX_HELD_PUBLISHES)
                {
                    heldPublishes[i] = 0;
                    signalsGiven++;
                    return false;
                }
                signalsHeld++;
                return true;
            }
        }
        if (heldCount == MAX_HELD_RINGS)
        {
            return false;
        }
        held[heldCount] = strategy;
        heldPublishes[heldCount] = 1;
        heldCount++;
        signalsHeld++;
        return true;
    }

    /**
     * The end of a cycle: signal the consumer of every ring published to during it (once each). On this thread only.
     */
    public void releaseHeldSignals()
    {
        final int count = heldCount;
        if (count == 0)
        {
            return;
        }
        heldCount = 0;
        for (int i = 0; i < count; i++)
        {
            final HeldSignalWaitStrategy strategy = held[i];
            held[i] = null;
            if (heldPublishes[i] > 0)
            {
                signalsGiven++;
                strategy.release();
            }
        }
    }

    /**
     * @return publishes whose signal this thread held so far (on this thread; a plain read from others).
     */
    public long signalsHeld()
    {
        return signalsHeld;
    }

    /**
     * @return signals this thread gave for held publishes so far, at the end of a cycle or on reaching the limit.
     */
    public long signalsGiven()
    {
        return signalsGiven;
    }
}
