package io.arbiter.server.matching;

import com.lmax.disruptor.DataProvider;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.EventKind;

/**
 * The matching thread's look-ahead over the command ring: before the handler applies the command at one sequence, it
 * runs the engine's {@link MatchingEngine#prefetch} stages for commands already published behind it (the index-slot
 * stage {@code 3d} sequences ahead, the order stage {@code 2d} ahead, the neighbour stage {@code d} ahead), so that the
 * cache misses of several commands are in flight together. A CANCEL or REPLACE names its order by the client's id,
 * resolved here through the session's map as the handler will resolve it; a NEW order's exchange id is not known
 * until it is journaled, so for a NEW only the order stage (its first maker) runs. It reads only events up to the
 * last sequence published at the start of the batch, which no producer may overwrite before the handler has passed
 * them, and changes nothing the handler or the engine decides on. Matching thread only.
 */
final class RingLookAhead
{
    private final MatchingEngine engine;
    private final OrderOwnership ownership;
    private final DataProvider<CommandEvent> events;
    private final int distance;
    private long availableDepth;
    private long lastAvailable = -1;

    /**
     * @param engine    whose memory to bring in.
     * @param ownership that resolves a client order id as the handler does.
     * @param events    the command ring.
     * @param distance  sequences between the stages, positive.
     */
    RingLookAhead(
        final MatchingEngine engine,
        final OrderOwnership ownership,
        final DataProvider<CommandEvent> events,
        final int distance)
    {
        this.engine = engine;
        this.ownership = ownership;
        this.events = events;
        this.distance = distance;
    }

    /**
     * A batch starts.
     *
     * @param queueDepth events published from the batch's first sequence on (the batch may be shorter).
     */
    void onBatchStart(final long queueDepth)
    {
        availableDepth = queueDepth;
        lastAvailable = -1;
    }

    /**
     * Look ahead from the command about to be applied.
     *
     * @param sequence of the event about to be handled.
     */
    void ahead(final long sequence)
    {
        if (availableDepth > 0)
        {
            lastAvailable = sequence + availableDepth - 1;
            availableDepth = 0;
        }
        final long last = lastAvailable;
        final int distance = this.distance;
        if (sequence + distance > last)
        {
            return;
        }
        if (sequence + 3L * distance <= last)
        {
            prefetch(events.get(sequence + 3L * distance), MatchingEngine.PREFETCH_SLOT);
        }
        if (sequence + 2L * distance <= last)
        {
            prefetch(events.get(sequence + 2L * distance), MatchingEngine.PREFETCH_ORDER);
        }
        prefetch(events.get(sequence + distance), MatchingEngine.PREFETCH_NEIGHBOURS);
    }

    private void prefetch(final CommandEvent event, final int stage)
    {
        if (event.kind() != EventKind.ENGINE_COMMAND)
        {
            return;
        }
        final Command command = event.command();
        final CommandType type = command.type();
        if (type == CommandType.CANCEL || type == CommandType.REPLACE)
        {
            final SessionState session = ownership.liveSession(event.sessionId());
            if (session == null)
            {
                return;
            }
            final long orderId = ownership.exchangeOrderId(session, event.clientOrderId());
            if (orderId != OrderOwnership.NO_ORDER)
            {
                engine.prefetch(type, orderId, command.instrumentId(), command.side(), stage);
            }
        }
        else if (type == CommandType.NEW && stage == MatchingEngine.PREFETCH_ORDER)
        {
            engine.prefetch(type, 0, command.instrumentId(), command.side(), stage);
        }
    }
}
