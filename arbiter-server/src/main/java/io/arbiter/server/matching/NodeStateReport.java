package io.arbiter.server.matching;

import io.arbiter.engine.MatchingEngine;
import io.arbiter.server.sequencer.ControlRequest;

import java.util.Locale;

/**
 * Answers the operator's STATE request on the matching thread: journal position, open orders, trades and the
 * engine's state hash as one JSON object. Produces garbage (control plane).
 */
final class NodeStateReport
{
    private NodeStateReport()
    {
    }

    /**
     * Complete a STATE request.
     *
     * @param request completed with the JSON text (or exceptionally if reading the state failed).
     * @param journal the journal stage.
     * @param engine  the engine.
     */
    static void answer(final ControlRequest request, final CommandJournal journal, final MatchingEngine engine)
    {
        try
        {
            request.result().complete(String.format(Locale.ROOT,
                "{\"journal\":%b,\"failed\":%b,\"lastSequence\":%d,\"lastSnapshotSequence\":%d," +
                "\"openOrders\":%d,\"trades\":%d,\"stateHash\":\"%016x\"}",
                journal.enabled(), journal.failed(), journal.lastSequence(), journal.lastSnapshotSequence(),
                engine.openOrderCount(), engine.tradeCount(), engine.stateHash()));
        }
        catch (final RuntimeException ex)
        {
            request.result().completeExceptionally(ex);
        }
    }
}
