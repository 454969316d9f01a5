package io.arbiter.server.matching;

import io.arbiter.server.egress.SessionEgress;
import org.agrona.collections.LongHashSet;

/**
 * The matching thread's view of one logged-on session: its account, its egress and its open orders by client order
 * id. An account's orders that no live session owns (recovered after a restart, or left by a session that ended
 * without cancel-on-disconnect) are held by a parked state of the account until a session of it logs on and adopts
 * them. Only the matching thread touches it.
 */
final class SessionState
{
    static final long NO_ORDER = -1;
    static final long PARKED_SESSION_ID = -1;

    final long sessionId;
    final long account;
    /** The account's open-order count and live sessions, shared by every state of the account. */
    final AccountState accountState;
    final SessionEgress egress;
    final ClientOrderIdMap exchangeIdByClientId;
    /** Exchange order ids held by a parked state; null for a live session. */
    final LongHashSet parkedOrderIds;
    boolean dirty;
    boolean closed;
    /** Index in {@link OrderOwnership}'s owner array while the state owns orders, else 0. */
    int handle;
    /** Open orders the ownership table records for this state. */
    int ownedOrders;
    /** The next live session of the same account ({@link OrderOwnership#firstLiveSession}), or null. */
    SessionState nextOfAccount;
    /** The previous live session of the same account, or null for the first. */
    SessionState previousOfAccount;

    SessionState(
        final long sessionId, final AccountState accountState, final SessionEgress egress, final int expectedOpenOrders)
    {
        this.sessionId = sessionId;
        this.account = accountState.account;
        this.accountState = accountState;
        this.egress = egress;
        this.exchangeIdByClientId = new ClientOrderIdMap(expectedOpenOrders);
        this.parkedOrderIds = null;
    }

    private SessionState(final AccountState accountState)
    {
        this.sessionId = PARKED_SESSION_ID;
        this.account = accountState.account;
        this.accountState = accountState;
        this.egress = null;
        this.exchangeIdByClientId = new ClientOrderIdMap(8);
        this.parkedOrderIds = new LongHashSet();
        this.closed = true;
    }

    /**
     * Produces garbage (control plane: start-up recovery, session close).
     *
     * @param accountState of the account whose orders no live session owns.
     * @return a state that owns orders but sends no reports (it is closed).
     */
    static SessionState parked(final AccountState accountState)
    {
        return new SessionState(accountState);
    }

    boolean parked()
    {
        return parkedOrderIds != null;
    }
}
