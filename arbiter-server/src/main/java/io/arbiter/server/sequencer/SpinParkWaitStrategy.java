package io.arbiter.server.sequencer;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A consumer's wait in three phases: spin a few times, then park for a fixed period at a time without being signalled,
 * and once the ring has stayed empty for a while, park until a producer signals. While the ring is busy (gaps between
 * commands shorter than the blocking threshold) producers never make a system call, and everything published during
 * one park is taken as one batch; an idle consumer stops waking after the threshold. The cost is latency: a command
 * published during a timed park waits for the park's end (the period plus the kernel's timer slack, about 50 µs on
 * Linux). One consumer thread; any number of producers.
 */
public final class SpinParkWaitStrategy implements WaitStrategy
{
    private final int spinTries;
    private final long parkNs;
    private final long blockAfterNs;
    private final Runnable idleAction;
    /** The consumer while it parks until signalled, else null. */
    private volatile Thread blocked;

    /**
     * @param spinTries    checks of the sequence before the first park.
     * @param parkNs       length of one timed park.
     * @param blockAfterNs time without a new command after which the consumer parks until a producer signals.
     */
    public SpinParkWaitStrategy(final int spinTries, final long parkNs, final long blockAfterNs)
    {
        this(spinTries, parkNs, blockAfterNs, null);
    }

    /**
     * @param spinTries    checks of the sequence before the first park.
     * @param parkNs       length of one timed park.
     * @param blockAfterNs time without a new command after which the consumer parks until a producer signals.
     * @param idleAction   run on the consumer thread after each timed park that found nothing and before blocking
     *                     (e.g. {@code EgressWakes::nudge}); null for none.
     */
    public SpinParkWaitStrategy(
        final int spinTries, final long parkNs, final long blockAfterNs, final Runnable idleAction)
    {
        this.idleAction = idleAction;
        if (spinTries < 0 || parkNs <= 0 || blockAfterNs < 0)
        {
            throw new IllegalArgumentException(
                "spinTries >= 0, parkNs > 0, blockAfterNs >= 0 expected: " + spinTries + ", " + parkNs + ", " +
                blockAfterNs);
        }
        this.spinTries = spinTries;
        this.parkNs = parkNs;
        this.blockAfterNs = blockAfterNs;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException
    {
        long available = dependentSequence.get();
        if (available >= sequence)
        {
            return available;
        }
        for (int i = 0; i < spinTries; i++)
        {
            barrier.checkAlert();
            Thread.onSpinWait();
            available = dependentSequence.get();
            if (available >= sequence)
            {
                return available;
            }
        }
        final long idleSinceNs = System.nanoTime();
        boolean parked = false;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            final boolean timed = System.nanoTime() - idleSinceNs < blockAfterNs;
            if (idleAction != null && (parked || !timed))
            {
                idleAction.run();
            }
            if (timed)
            {
                LockSupport.parkNanos(this, parkNs);
                parked = true;
            }
            else
            {
                return block(sequence, dependentSequence, barrier);
            }
        }
        return available;
    }

    private long block(final long sequence, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException
    {
        blocked = Thread.currentThread();
        try
        {
            long available;
            // the volatile write above, then a volatile read: a producer either sees the thread or we see its command
            while ((available = dependentSequence.get()) < sequence)
            {
                barrier.checkAlert();
                LockSupport.park(this);
            }
            return available;
        }
        finally
        {
            blocked = null;
        }
    }

    /**
     * Wakes the consumer only if it parks until signalled; otherwise a full fence and a volatile read.
     */
    @Override
    public void signalAllWhenBlocking()
    {
        // StoreLoad: a single producer publishes with a release store; it must be visible before we read the flag
        VarHandle.fullFence();
        final Thread consumer = blocked;
        if (consumer != null)
        {
            LockSupport.unpark(consumer);
        }
    }
}
