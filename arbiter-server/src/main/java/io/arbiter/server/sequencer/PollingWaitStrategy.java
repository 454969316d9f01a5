package io.arbiter.server.sequencer;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

/**
 * A wait strategy that never waits: when the ring has nothing new it times out at once, so the consumer's
 * {@code onTimeout} runs its own duty cycle (poll another source, then idle by its own strategy) and the ring is
 * checked again. For a matching thread that also polls a cluster's egress (cluster mode). Producers never signal.
 * Allocates nothing (the timeout is the Disruptor's shared exception).
 */
public final class PollingWaitStrategy implements WaitStrategy
{
    /**
     * {@inheritDoc}
     */
    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, TimeoutException
    {
        final long available = dependentSequence.get();
        if (available >= sequence)
        {
            return available;
        }
        barrier.checkAlert();
        throw TimeoutException.INSTANCE;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void signalAllWhenBlocking()
    {
    }
}
