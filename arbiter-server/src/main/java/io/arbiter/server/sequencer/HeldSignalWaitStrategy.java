package io.arbiter.server.sequencer;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

/**
 * A wait strategy whose signals a {@link SignalHoldingThread} may hold until the end of its cycle: the consumer waits
 * as the wrapped strategy does; a producer on any other thread signals at once, as the wrapped strategy does, while a
 * producer on a signal-holding thread (a gateway event loop) publishes each slot at once and leaves the signal to the
 * end of its I/O cycle, or to its {@link SignalHoldingThread#MAX_HELD_PUBLISHES}th publish to the ring in the cycle,
 * whichever comes first. An event loop that reads the commands of many connections in one cycle then wakes a
 * sleeping consumer once, and the consumer takes them as one batch. Any thread may publish; the wrapped strategy
 * must tolerate a signal when nothing waits.
 */
public final class HeldSignalWaitStrategy implements WaitStrategy
{
    private final WaitStrategy delegate;

    /**
     * @param delegate how the consumer waits and how it is signalled (e.g. {@code LiteBlockingWaitStrategy}).
     */
    public HeldSignalWaitStrategy(final WaitStrategy delegate)
    {
        this.delegate = delegate;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException, TimeoutException
    {
        return delegate.waitFor(sequence, cursor, dependentSequence, barrier);
    }

    /**
     * Signal the consumer now, unless the calling thread is a {@link SignalHoldingThread} that holds the signal for
     * the end of its cycle.
     */
    @Override
    public void signalAllWhenBlocking()
    {
        final Thread thread = Thread.currentThread();
        if (!(thread instanceof SignalHoldingThread) || !((SignalHoldingThread)thread).hold(this))
        {
            delegate.signalAllWhenBlocking();
        }
    }

    /**
     * Give the signal a {@link SignalHoldingThread} held (its cycle ended).
     */
    void release()
    {
        delegate.signalAllWhenBlocking();
    }

    /**
     * @return the wrapped strategy.
     */
    public WaitStrategy delegate()
    {
        return delegate;
    }
}
