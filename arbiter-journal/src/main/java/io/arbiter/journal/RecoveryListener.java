package io.arbiter.journal;

import io.arbiter.engine.Command;

/**
 * Told by {@link Recovery} of every order restored from a snapshot and of every journal record before it is replayed,
 * with the client order id the journal keeps for it, so that a server can rebuild who owns which order. Called on the
 * recovering thread only.
 */
public interface RecoveryListener
{
    /**
     * An order was restored from the snapshot (it rests in the engine).
     *
     * @param orderId       exchange order id.
     * @param account       owning account.
     * @param clientOrderId the owning session's id for it, or {@link JournalDescriptor#NO_CLIENT_ORDER_ID}.
     */
    void onRestoredOrder(long orderId, long account, long clientOrderId);

    /**
     * A journal record is about to be replayed into the engine; the engine's events for it follow.
     *
     * @param command       the decoded command (reused for the next record).
     * @param clientOrderId the record's client order id, or {@link JournalDescriptor#NO_CLIENT_ORDER_ID}.
     */
    void onReplay(Command command, long clientOrderId);
}
