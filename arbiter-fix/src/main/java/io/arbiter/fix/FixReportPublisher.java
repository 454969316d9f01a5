package io.arbiter.fix;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Side;
import io.arbiter.server.egress.RejectCode;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.apache.mina.core.service.IoAcceptor;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.mina.SessionConnector;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that turns the FIX sessions' report records into ExecutionReport (8) and OrderCancelReject (9) messages
 * and hands them to QuickFIX/J, which numbers them, stores them (for resend) and sends them. It drains every
 * {@link FixSessionEgress} up to the batch its {@code ReplyGate} has not yet released; the matching thread and the gate
 * wake it. A session whose client reads slower than its reports come (more than {@value #MAX_UNWRITTEN_BYTES} bytes
 * wait to be written to its socket) is not drained until its client has caught up: its reports wait in its
 * ring, and the {@link FixOrderEntry} holds its new requests while that ring is half full, so TCP pushes back on that
 * client alone. Produces garbage (QuickFIX/J messages are objects); the matching thread allocates nothing for it.
 */
final class FixReportPublisher implements Runnable
{
    /** Bytes queued for a session's socket beyond which its reports wait in its ring. */
    static final int MAX_UNWRITTEN_BYTES = 4 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(FixReportPublisher.class);
    private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A client that has not caught up for this long is logged (once per episode). */
    private static final long SLOW_CLIENT_LOG_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int READ_LIMIT = 256;
    /** Threads forcing the accounts' order logs in parallel under durability batch. */
    private static final int FORCE_THREADS = 4;
    /**
     * How long a closed session's egress is still drained: the matching thread may write reports of commands it
     * applied before it learns the session closed; they go to the session's store, for a resend after reconnecting.
     */
    private static final long CLOSED_GRACE_NS = TimeUnit.SECONDS.toNanos(2);

    private final CopyOnWriteArrayList<FixSessionEgress> egresses = new CopyOnWriteArrayList<>();
    private final String[] symbols;
    private final ControlledMessageHandler handler = this::onRecord;
    private final Thread thread;
    /** Least time between two forces of an account's order log; 0 = by the forcer, -1 = never. */
    private final long forceIntervalNs;
    /** Forces the order logs under durability batch (forceIntervalNs 0), else null. */
    private final FixOrderLogForcer forcer;
    private volatile boolean running = true;
    /** The last drain, at close: order logs are forced on this thread. */
    private boolean closing;
    private volatile List<IoAcceptor> endpoints = List.of();
    private FixSessionEgress current;
    private long released;

    /**
     * Produces garbage (control plane).
     *
     * @param symbols         symbol of each instrument id.
     * @param forceIntervalNs least time between forces of the accounts' order logs before reports leave: 0 sends
     *                        reports only once their orders' lines are forced, by a {@link FixOrderLogForcer} (journal
     *                        durability batch), -1 never forces (none).
     */
    FixReportPublisher(final String[] symbols, final long forceIntervalNs)
    {
        this.symbols = symbols;
        this.forceIntervalNs = forceIntervalNs;
        this.forcer = forceIntervalNs == 0 ? new FixOrderLogForcer(FORCE_THREADS, this::wake) : null;
        this.thread = new Thread(this, "arbiter-fix-reports");
        this.thread.setDaemon(true);
    }

    void start()
    {
        if (forcer != null)
        {
            forcer.start();
        }
        thread.start();
    }

    /**
     * @param endpoints the acceptor's endpoints, whose connections tell how far each client is behind (control plane,
     *                  once the acceptor started).
     */
    void endpoints(final List<IoAcceptor> endpoints)
    {
        this.endpoints = List.copyOf(endpoints);
    }

    /**
     * Put a {@link FixBatchingResponder} in place of the session's QuickFIX/J responder, so that this thread hands the
     * session's reports to its socket in batches (the session's dispatcher thread, at logon; nothing changes if its
     * connection is not found). If the connection closed meanwhile, the session is disconnected as QuickFIX/J would.
     *
     * @param fixSession the session that logged on.
     */
    void batchReports(final FixSession fixSession)
    {
        final Session session = Session.lookupSession(fixSession.sessionId);
        final IoSession connection = connection(fixSession);
        if (session == null || connection == null)
        {
            return;
        }
        final FixBatchingResponder responder = new FixBatchingResponder(connection, thread);
        session.setResponder(responder);
        fixSession.responder = responder;
        if (connection.isClosing())
        {
            try
            {
                session.disconnect("connection closed during logon", false);
            }
            catch (final IOException ex)
            {
                LOG.warn("{}: disconnect failed: {}", fixSession.sessionId, ex.toString());
            }
        }
    }

    /**
     * @param egress to drain from now on (control plane, at logon).
     */
    void add(final FixSessionEgress egress)
    {
        if (forcer != null)
        {
            forcer.add(egress.session().book);
        }
        egresses.add(egress);
        wake();
    }

    /**
     * Schedule a drain (any thread; allocates nothing).
     */
    void wake()
    {
        LockSupport.unpark(thread);
    }

    /**
     * Drain what is released and stop the thread (control plane).
     */
    void close()
    {
        running = false;
        wake();
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (forcer != null)
        {
            forcer.close();
        }
    }

    @Override
    public void run()
    {
        while (running)
        {
            try
            {
                if (drainAll() == 0)
                {
                    if (egresses.isEmpty())
                    {
                        // no FIX session: nothing to drain until add() or close() wakes the thread (issue #21: the
                        // 1 ms park cost a context switch a millisecond on every node without FIX sessions)
                        LockSupport.park(this);
                    }
                    else
                    {
                        LockSupport.parkNanos(IDLE_PARK_NS);
                    }
                }
            }
            catch (final RuntimeException ex)
            {
                // the thread must outlive a failure, or every session's reports would stop without a word
                LOG.error("the FIX report thread failed on a drain; going on", ex);
                LockSupport.parkNanos(IDLE_PARK_NS);
            }
        }
        closing = true;
        drainAll();
    }

    private int drainAll()
    {
        int work = 0;
        for (final FixSessionEgress egress : egresses)
        {
            current = egress;
            released = sendableRelease(egress);
            if (!clientBehind(egress))
            {
                int read;
                do
                {
                    read = egress.read(handler, READ_LIMIT);
                    work += read;
                }
                while (read > 0);
            }
            final FixSession fixSession = egress.session();
            final FixBatchingResponder responder = fixSession.responder;
            if (responder != null)
            {
                responder.flush();
            }
            if (egress.overflowed() && !fixSession.closed)
            {
                fixSession.closedAtNs = System.nanoTime();
                fixSession.closed = true;
                LOG.warn("{}: logging the session out: its report ring ({} bytes) overflowed, its reports were not " +
                    "sent as fast as it traded (the account can log on again; its reports from the overflow on are " +
                    "lost to it)", fixSession.sessionId, egress.capacityBytes());
                final Session session = Session.lookupSession(fixSession.sessionId);
                if (session != null)
                {
                    session.logout("reports not consumed fast enough");
                }
            }
            if (fixSession.closed && egress.drained() &&
                System.nanoTime() - fixSession.closedAtNs > CLOSED_GRACE_NS)
            {
                egress.deactivate();
                egresses.remove(egress);
            }
        }
        current = null;
        return work;
    }

    /**
     * True while more than {@link #MAX_UNWRITTEN_BYTES} bytes wait to be written to the session's socket (its
     * client reads slower than its reports come); logs an episode that lasts {@link #SLOW_CLIENT_LOG_NS} and its end.
     */
    private boolean clientBehind(final FixSessionEgress egress)
    {
        final FixSession fixSession = egress.session();
        if (fixSession.closed)
        {
            return false;
        }
        final FixBatchingResponder responder = fixSession.responder;
        IoSession connection = responder != null ? responder.connection() : fixSession.connection;
        if (connection == null)
        {
            connection = connection(fixSession);
            fixSession.connection = connection;
        }
        final long unwritten = connection == null ? 0 : connection.getScheduledWriteBytes();
        final long nowNs = System.nanoTime();
        if (unwritten <= MAX_UNWRITTEN_BYTES)
        {
            if (fixSession.slowClientLogged)
            {
                LOG.info("{}: the client caught up after {} ms, its reports flow again", fixSession.sessionId,
                    TimeUnit.NANOSECONDS.toMillis(nowNs - fixSession.slowClientSinceNs));
            }
            fixSession.slowClientSinceNs = 0;
            fixSession.slowClientLogged = false;
            return false;
        }
        if (fixSession.slowClientSinceNs == 0)
        {
            fixSession.slowClientSinceNs = nowNs;
        }
        else if (!fixSession.slowClientLogged && nowNs - fixSession.slowClientSinceNs > SLOW_CLIENT_LOG_NS)
        {
            fixSession.slowClientLogged = true;
            LOG.warn("{}: the client reads its reports slower than they come ({} bytes wait to be written to its " +
                "socket): its reports wait in its ring ({} of {} bytes used) and its new requests are held once " +
                "that is half full", fixSession.sessionId, unwritten, egress.backlogBytes(), egress.capacityBytes());
        }
        return true;
    }

    /**
     * @return the acceptor's connection the session is logged on with, or null (a map walk: only while unknown).
     */
    private IoSession connection(final FixSession fixSession)
    {
        final Session session = Session.lookupSession(fixSession.sessionId);
        if (session == null)
        {
            return null;
        }
        for (final IoAcceptor endpoint : endpoints)
        {
            for (final IoSession connection : endpoint.getManagedSessions().values())
            {
                if (connection.getAttribute(SessionConnector.QF_SESSION) == session && !connection.isClosing())
                {
                    return connection;
                }
            }
        }
        return null;
    }

    /**
     * The release sequence up to which this drain may send the session's reports. The order log lines of every order
     * whose reports a drain sends were written before their commands entered the ring, so before the gate released
     * them: under durability batch a released batch waits until the log's forced lines cover the lines written when
     * its release was seen (the {@link FixOrderLogForcer} forces them; the batches released before go on meanwhile);
     * under interval the log is forced here at most every interval; under none never.
     */
    private long sendableRelease(final FixSessionEgress egress)
    {
        final FixSession session = egress.session();
        final FixOrderBook book = session.book;
        if (forcer == null || closing)
        {
            final long releasedNow = egress.releasedSequence();
            if (forceIntervalNs >= 0 && !egress.drained())
            {
                book.force(forceIntervalNs, forceIntervalNs == 0 ? 0 : System.nanoTime());
            }
            return releasedNow;
        }
        if (session.awaitedLines >= 0 && book.forced() >= session.awaitedLines)
        {
            session.sendableRelease = session.awaitedRelease;
            session.awaitedLines = -1;
        }
        if (session.awaitedLines < 0)
        {
            final long releasedNow = egress.releasedSequence();
            if (releasedNow > session.sendableRelease)
            {
                final long lines = book.written();
                if (book.forced() >= lines)
                {
                    session.sendableRelease = releasedNow;
                }
                else
                {
                    session.awaitedRelease = releasedNow;
                    session.awaitedLines = lines;
                }
            }
        }
        return session.sendableRelease;
    }

    private ControlledMessageHandler.Action onRecord(
        final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (type == FixSessionEgress.HEADER)
        {
            return FixSessionEgress.releaseOf(buffer, index) > released ?
                ControlledMessageHandler.Action.ABORT : ControlledMessageHandler.Action.CONTINUE;
        }
        final FixSession session = current.session();
        final long timestampNs = buffer.getLong(index + FixSessionEgress.TIMESTAMP_OFFSET);
        final long clientOrderId = buffer.getLong(index + FixSessionEgress.CLIENT_ORDER_ID_OFFSET);
        final long orderId = buffer.getLong(index + FixSessionEgress.ORDER_ID_OFFSET);
        final Message message;
        synchronized (session.book.lock())
        {
            switch (type)
            {
                case FixSessionEgress.ACCEPTED:
                    message = onAccepted(session, timestampNs, clientOrderId, orderId,
                        buffer.getInt(index + FixSessionEgress.INT_OFFSET));
                    break;
                case FixSessionEgress.FILL:
                    message = onFill(session, timestampNs, clientOrderId, orderId, buffer, index);
                    break;
                case FixSessionEgress.CANCELED:
                    message = onCanceled(session, timestampNs, clientOrderId, orderId,
                        buffer.getLong(index + FixSessionEgress.A_OFFSET),
                        CancelReason.values()[buffer.getInt(index + FixSessionEgress.INT_OFFSET)]);
                    break;
                case FixSessionEgress.REPLACED:
                    message = onReplaced(session, timestampNs, clientOrderId, orderId,
                        buffer.getLong(index + FixSessionEgress.B_OFFSET),
                        buffer.getLong(index + FixSessionEgress.C_OFFSET));
                    break;
                case FixSessionEgress.MASS_CANCELED:
                    message = onMassCanceled(session, timestampNs, clientOrderId,
                        (int)buffer.getLong(index + FixSessionEgress.A_OFFSET));
                    break;
                case FixSessionEgress.REJECTED:
                    message = onRejected(session, timestampNs, clientOrderId,
                        CommandType.values()[(int)buffer.getLong(index + FixSessionEgress.A_OFFSET)],
                        RejectCode.get(buffer.getInt(index + FixSessionEgress.INT_OFFSET)));
                    break;
                default:
                    message = null;
                    break;
            }
        }
        if (message != null)
        {
            send(session, message);
        }
        return ControlledMessageHandler.Action.CONTINUE;
    }

    private static void send(final FixSession session, final Message message)
    {
        FixMessages.send(session.sessionId, message);
    }

    private FixOrder order(final FixSession session, final long clientOrderId, final int instrumentId, final Side side)
    {
        final FixOrder order = session.book.get(clientOrderId);
        if (order != null)
        {
            return order;
        }
        final String symbol = instrumentId >= 0 && instrumentId < symbols.length ? symbols[instrumentId] : null;
        return session.book.adopt(clientOrderId, symbol, side == null ? 0 : FixMessages.side(side));
    }

    private Message onAccepted(
        final FixSession session, final long timestampNs, final long clientOrderId, final long orderId,
        final int instrumentId)
    {
        final FixOrder order = order(session, clientOrderId, instrumentId, null);
        order.exchangeOrderId = orderId;
        order.ordStatus = FixTags.ORD_STATUS_NEW;
        return FixMessages.executionReport(order, "N" + orderId, FixTags.EXEC_TYPE_NEW, timestampNs,
            null);
    }

    private Message onFill(
        final FixSession session,
        final long timestampNs,
        final long clientOrderId,
        final long orderId,
        final MutableDirectBuffer buffer,
        final int index)
    {
        final long tradeId = buffer.getLong(index + FixSessionEgress.A_OFFSET);
        final long price = buffer.getLong(index + FixSessionEgress.B_OFFSET);
        final long quantity = buffer.getLong(index + FixSessionEgress.C_OFFSET);
        final long leaves = buffer.getLong(index + FixSessionEgress.D_OFFSET);
        final long flags = buffer.getLong(index + FixSessionEgress.E_OFFSET);
        final int instrumentId = buffer.getInt(index + FixSessionEgress.INT_OFFSET);
        final Side side = Side.values()[(int)(flags & 1)];
        final boolean maker = (flags & 2) != 0;
        final FixOrder order = order(session, clientOrderId, instrumentId, side);
        order.exchangeOrderId = orderId;
        if (!order.cumQtyKnown)
        {
            // recovered after a restart, first fill since: what was open before it tells what had been filled
            order.cumQty = Math.max(0, order.orderQty - leaves - quantity);
            order.cumQtyKnown = true;
        }
        order.cumQty += quantity;
        if (order.orderQty < order.cumQty + leaves)
        {
            order.orderQty = order.cumQty + leaves;
        }
        order.leavesQty = leaves;
        order.lastPrice = price;
        order.lastQty = quantity;
        FixDecimals.addNotional(order.notional, price, quantity);
        order.ordStatus = leaves == 0 ? FixTags.ORD_STATUS_FILLED : FixTags.ORD_STATUS_PARTIALLY_FILLED;
        final Message report = FixMessages.executionReport(order,
            "T" + instrumentId + "-" + tradeId + (maker ? "M" : "T"), FixTags.EXEC_TYPE_TRADE,
            timestampNs, null);
        if (leaves == 0)
        {
            session.book.finish(order);
        }
        return report;
    }

    private Message onCanceled(
        final FixSession session,
        final long timestampNs,
        final long clientOrderId,
        final long orderId,
        final long canceledQty,
        final CancelReason reason)
    {
        final FixOrder order = order(session, clientOrderId, -1, null);
        order.exchangeOrderId = orderId;
        if (!order.cumQtyKnown)
        {
            // recovered after a restart, no fill reported since: what was cancelled tells what had been filled
            order.cumQty = Math.max(0, order.orderQty - canceledQty);
            order.cumQtyKnown = true;
        }
        order.leavesQty = 0;
        final boolean expired = reason == CancelReason.EXPIRED;
        order.ordStatus = expired ? FixTags.ORD_STATUS_EXPIRED : FixTags.ORD_STATUS_CANCELED;
        String text = null;
        if (reason == CancelReason.USER)
        {
            final FixOrder.Request request = pollRequest(order, true);
            if (request != null)
            {
                order.origClOrdId = order.clOrdId;
                order.clOrdId = request.clOrdId;
            }
        }
        else
        {
            text = FixMessages.cancelText(reason);
        }
        final Message report = FixMessages.executionReport(order, "C" + orderId,
            expired ? FixTags.EXEC_TYPE_EXPIRED : FixTags.EXEC_TYPE_CANCELED, timestampNs, text);
        order.requests.clear();
        session.book.finish(order);
        return report;
    }

    private Message onReplaced(
        final FixSession session,
        final long timestampNs,
        final long clientOrderId,
        final long orderId,
        final long price,
        final long quantity)
    {
        final FixOrder order = order(session, clientOrderId, -1, null);
        order.exchangeOrderId = orderId;
        final FixOrder.Request request = pollRequest(order, false);
        if (request != null)
        {
            order.origClOrdId = order.clOrdId;
            order.clOrdId = request.clOrdId;
        }
        order.price = price;
        order.leavesQty = quantity;
        order.orderQty = order.cumQty + quantity;
        order.replaces++;
        order.ordStatus = FixTags.ORD_STATUS_REPLACED;
        final Message report = FixMessages.executionReport(order, "R" + orderId + "-" + order.replaces,
            FixTags.EXEC_TYPE_REPLACED, timestampNs, null);
        order.ordStatus = order.cumQty > 0 ? FixTags.ORD_STATUS_PARTIALLY_FILLED : FixTags.ORD_STATUS_NEW;
        return report;
    }

    private Message onRejected(
        final FixSession session,
        final long timestampNs,
        final long clientOrderId,
        final CommandType type,
        final RejectCode code)
    {
        if (type == CommandType.MASS_CANCEL)
        {
            final FixMassCancel request = session.massCancels.remove(clientOrderId);
            return request == null ? null : FixMessages.massCancelReport(request, timestampNs,
                FixTags.MASS_CANCEL_REJECTED, 0, FixTags.MASS_CANCEL_REJ_OTHER, code.text());
        }
        final FixOrder order = session.book.get(clientOrderId);
        if (type == CommandType.NEW)
        {
            if (order == null)
            {
                return null;
            }
            order.ordStatus = FixTags.ORD_STATUS_REJECTED;
            order.leavesQty = 0;
            final Message report = FixMessages.rejectedOrder(order, "J" + clientOrderId + "-" + timestampNs,
                timestampNs, code, code.text());
            session.book.finish(order);
            return report;
        }
        if (order == null)
        {
            return null;
        }
        final FixOrder.Request request = pollRequest(order, type == CommandType.CANCEL);
        final Message reject = FixMessages.cancelReject(order, request == null ? "NONE" : request.clOrdId,
            type == CommandType.CANCEL, FixTags.cxlRejReason(code), code.text());
        if (order.finished)
        {
            session.book.finish(order);
        }
        return reject;
    }

    private Message onMassCanceled(
        final FixSession session, final long timestampNs, final long clientOrderId, final int count)
    {
        final FixMassCancel request = session.massCancels.remove(clientOrderId);
        return request == null ? null : FixMessages.massCancelReport(request, timestampNs,
            request.requestType, count, 0, null);
    }

    private static FixOrder.Request pollRequest(final FixOrder order, final boolean cancel)
    {
        for (final FixOrder.Request request : order.requests)
        {
            if (request.cancel == cancel)
            {
                order.requests.remove(request);
                return request;
            }
        }
        return null;
    }

}
