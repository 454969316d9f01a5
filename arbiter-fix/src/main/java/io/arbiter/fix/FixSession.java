package io.arbiter.fix;

import io.arbiter.server.overload.DualModeBucket;
import io.arbiter.server.overload.OverloadGate;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.SessionRegistration;
import org.apache.mina.core.session.IoSession;
import quickfix.SessionID;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One logged-on FIX connection as the node sees it: its QuickFIX/J session id, its account, the node's session
 * registration (the matching thread routes its reports by it), its egress, its account's order book and its rate
 * limiters. Made at logon by the session's QuickFIX/J dispatcher thread (one thread per session), which alone uses
 * {@link #staged} and {@link #gate}; its fields do not change afterwards except {@link #closed} and the report
 * thread's own fields at the end.
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
    /** The account's overload gate (one per account: at most one FIX session of it is logged on), or null. */
    OverloadGate gate;
    /** The command being staged for the ring, reused (the session's dispatcher thread). */
    final IngressCommand staged = new IngressCommand();
    /** OrderMassCancelRequests sent on and not yet answered, by their numeric client order id. */
    final Map<Long, FixMassCancel> massCancels = new ConcurrentHashMap<>();
    volatile boolean closed;
    /** When the session closed ({@code System.nanoTime()}), valid once {@link #closed}. */
    volatile long closedAtNs;
    /** The responder that batches the report thread's messages, set at logon, or null if none could be set. */
    volatile FixBatchingResponder responder;
    /** The acceptor's connection of the session if it has no {@link #responder}, once found (report thread). */
    IoSession connection;
    /** Since when the client has been too far behind ({@code System.nanoTime()}), 0 if it is not (report thread). */
    long slowClientSinceNs;
    /** Whether the current slow-client episode was logged (report thread). */
    boolean slowClientLogged;
    /** Release sequence up to which the report thread may send, its orders' log lines being forced (report thread). */
    long sendableRelease = -1;
    /** A release seen whose reports wait for a force of the order log (report thread). */
    long awaitedRelease = -1;
    /** Order log lines that must be forced before {@link #awaitedRelease} is sendable, or -1 (report thread). */
    long awaitedLines = -1;

    FixSession(final SessionID sessionId, final long account, final FixOrderBook book)
    {
        this.sessionId = sessionId;
        this.account = account;
        this.book = book;
    }
}
