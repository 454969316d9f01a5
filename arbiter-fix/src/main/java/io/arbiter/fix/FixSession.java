package io.arbiter.fix;

import io.arbiter.server.overload.DualModeBucket;
import io.arbiter.server.sequencer.SessionRegistration;
import quickfix.SessionID;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One logged-on FIX connection as the node sees it: its QuickFIX/J session id, its account, the node's session
 * registration (the matching thread routes its reports by it), its egress, its account's order book and its rate
 * limiters. Made at logon by the FIX input thread; its fields do not change afterwards except {@link #closed}.
 */
final class FixSession
{
    final SessionID sessionId;
    final long account;
    final FixOrderBook book;
    SessionRegistration registration;
    FixSessionEgress egress;
    DualModeBucket sessionBucket;
    DualModeBucket accountBucket;
    /** OrderMassCancelRequests sent on and not yet answered, by their numeric client order id. */
    final Map<Long, FixMassCancel> massCancels = new ConcurrentHashMap<>();
    volatile boolean closed;
    /** When the session closed ({@code System.nanoTime()}), valid once {@link #closed}. */
    volatile long closedAtNs;

    FixSession(final SessionID sessionId, final long account, final FixOrderBook book)
    {
        this.sessionId = sessionId;
        this.account = account;
        this.book = book;
    }
}
