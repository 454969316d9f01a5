package io.arbiter.server.sequencer;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default lite-blocking wait, counting the signals producers give it (tests of held ring signals).
 */
public final class CountingWaitStrategy implements WaitStrategy
{
    /** Signals received so far. */
    public final AtomicInteger signals = new AtomicInteger();
    private final LiteBlockingWaitStrategy delegate = new LiteBlockingWaitStrategy();

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException, TimeoutException
    {
        return delegate.waitFor(sequence, cursor, dependentSequence, barrier);
    }

    @Override
    public void signalAllWhenBlocking()
    {
        signals.incrementAndGet();
        delegate.signalAllWhenBlocking();
    }
}
