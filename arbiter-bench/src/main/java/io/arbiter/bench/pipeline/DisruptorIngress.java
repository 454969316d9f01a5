package io.arbiter.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.CommandRing;
import io.arbiter.server.sequencer.CommandTranslators;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.SessionRegistration;
import io.arbiter.server.sequencer.WaitStrategyKind;

/**
 * The node's own ingress: its {@link CommandRing} (multi-producer Disruptor ring, batch event processor on the matching
 * thread), unchanged. Batches are claimed with {@code tryNext(n)} and published with one {@code publish(lo, hi)}.
 */
final class DisruptorIngress implements PipelineIngress
{
    private final CommandRing sequencer;
    private final RingBuffer<CommandEvent> ring;
    private long claimedHi;
    private long nextSequence;
    private long claimedLo;

    DisruptorIngress(final int ringSize, final WaitStrategyKind waitKind, final EventHandler<CommandEvent> handler)
    {
        this.sequencer = new CommandRing(ringSize, waitKind, handler, r -> new Thread(r, "arbiter-matching"));
        this.ring = sequencer.ringBuffer();
    }

    /**
     * @return the node's ring this ingress publishes to (for the handler's look-ahead).
     */
    RingBuffer<CommandEvent> ring()
    {
        return ring;
    }

    @Override
    public void start(final SessionRegistration[] sessions)
    {
        sequencer.start();
        for (final SessionRegistration session : sessions)
        {
            sequencer.publishSessionOpened(session);
        }
    }

    @Override
    public int maxClaim()
    {
        return ring.getBufferSize();
    }

    @Override
    public boolean tryPublish(final IngressCommand command)
    {
        return sequencer.tryPublish(command);
    }

    @Override
    public boolean tryClaim(final int count)
    {
        try
        {
            claimedHi = ring.tryNext(count);
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
        claimedLo = claimedHi - count + 1;
        nextSequence = claimedLo;
        return true;
    }

    @Override
    public void put(final IngressCommand command)
    {
        final long sequence = nextSequence++;
        CommandTranslators.ENGINE_COMMAND.translateTo(ring.get(sequence), sequence, command);
    }

    @Override
    public void commit()
    {
        ring.publish(claimedLo, claimedHi);
    }

    @Override
    public boolean drainAndStop(final long timeoutMs)
    {
        return sequencer.drainAndStop(timeoutMs);
    }
}
