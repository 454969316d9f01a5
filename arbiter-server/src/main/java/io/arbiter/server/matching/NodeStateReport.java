package io.arbiter.server.matching;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.server.sequencer.ControlRequest;

import java.util.Locale;

/**
 * Answers the operator's STATE request on the matching thread: journal position, open orders, trades and the
 * engine's state hash as one JSON object. Produces garbage (control plane).
 */
final class NodeStateReport
{
    private static final ObjectMapper JSON = new ObjectMapper();

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
            request.result().complete(JSON.createObjectNode()
                .put("journal", journal.enabled())
                .put("failed", journal.failed())
                .put("lastSequence", journal.lastSequence())
                .put("lastSnapshotSequence", journal.lastSnapshotSequence())
                .put("openOrders", engine.openOrderCount())
                .put("trades", engine.tradeCount())
                .put("stateHash", String.format(Locale.ROOT, "%016x", engine.stateHash()))
                .toString());
        }
        catch (final RuntimeException ex)
        {
            request.result().completeExceptionally(ex);
        }
    }
}
