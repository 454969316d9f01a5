package io.arbiter.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.CommandTranslators;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.SessionRegistration;

/**
 * No queue: the publishing thread runs the matching handler itself, one claimed batch at a time, over slots it owns
 * (the ring's translators fill them, as the node's gateway does). One thread, so its CPU time per command is the
 * handler's, the engine's and the egress's work plus the flow generation and reply reading, without the hand-off,
 * the wait strategy or a second thread's scheduling: a steadier figure on a shared machine. Publishing thread only.
 */
final class InlineIngress implements PipelineIngress
{
    private final EventHandler<CommandEvent> handler;
    private final CommandEvent[] slots;
    private final int mask;
    private long nextSequence;
    private long claimedLo;
    private int claimed;

    /**
     * Produces garbage (control plane).
     *
     * @param ringSize slots, a power of two: the largest batch.
     * @param handler  the matching handler, run on the publishing thread.
     */
    InlineIngress(final int ringSize, final EventHandler<CommandEvent> handler)
    {
        this.handler = handler;
        this.slots = new CommandEvent[ringSize];
        this.mask = ringSize - 1;
        for (int i = 0; i < ringSize; i++)
        {
            slots[i] = CommandEvent.FACTORY.newInstance();
        }
    }

    @Override
    public void start(final SessionRegistration[] sessions)
    {
        for (final SessionRegistration session : sessions)
        {
            final long sequence = nextSequence++;
            final CommandEvent event = slots[(int)sequence & mask];
            CommandTranslators.SESSION_OPENED.translateTo(event, sequence, session);
            run(sequence, 1);
        }
    }

    @Override
    public int maxClaim()
    {
        return slots.length;
    }

    @Override
    public boolean tryPublish(final IngressCommand command)
    {
        tryClaim(1);
        put(command);
        commit();
        return true;
    }

    @Override
    public boolean tryClaim(final int count)
    {
        claimedLo = nextSequence;
        claimed = count;
        return true;
    }

    @Override
    public void put(final IngressCommand command)
    {
        final long sequence = nextSequence++;
        CommandTranslators.ENGINE_COMMAND.translateTo(slots[(int)sequence & mask], sequence, command);
    }

    @Override
    public void commit()
    {
        run(claimedLo, claimed);
    }

    @Override
    public boolean drainAndStop(final long timeoutMs)
    {
        handler.onShutdown();
        return true;
    }

    private void run(final long lo, final int count)
    {
        try
        {
            handler.onBatchStart(count, 0);
            for (int i = 0; i < count; i++)
            {
                final long sequence = lo + i;
                handler.onEvent(slots[(int)sequence & mask], sequence, i == count - 1);
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("the matching handler threw", ex);
        }
    }
}
