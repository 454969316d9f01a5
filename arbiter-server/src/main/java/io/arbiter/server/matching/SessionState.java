package io.arbiter.server.matching;

import io.arbiter.server.egress.SessionEgress;
import org.agrona.collections.Long2LongHashMap;

/**
 * The matching thread's view of one logged-on session: its account, its egress and its open orders by client order
 * id. Only the matching thread touches it.
 */
final class SessionState
{
    static final long NO_ORDER = -1;

    final long sessionId;
    final long account;
    final SessionEgress egress;
    final Long2LongHashMap exchangeIdByClientId;
    boolean dirty;
    boolean closed;

    SessionState(final long sessionId, final long account, final SessionEgress egress, final int expectedOpenOrders)
    {
        this.sessionId = sessionId;
        this.account = account;
        this.egress = egress;
        this.exchangeIdByClientId = new Long2LongHashMap(Math.max(8, expectedOpenOrders * 2), 0.65f, NO_ORDER);
    }
}
