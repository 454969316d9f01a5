package io.arbiter.fix;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Side;
import io.arbiter.server.egress.RejectCode;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import quickfix.Message;
import quickfix.Session;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that turns the FIX sessions' report records into ExecutionReport (8) and OrderCancelReject (9) messages
 * and hands them to QuickFIX/J, which numbers them, stores them (for resend) and sends them. It drains every
 * {@link FixSessionEgress} up to the batch its {@code ReplyGate} has not yet released; the matching thread and the gate
 * wake it. Produces garbage (QuickFIX/J messages are objects); the matching thread allocates nothing for it.
 */
final class FixReportPublisher implements Runnable
{
    private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int READ_LIMIT = 256;
    /**
     * How long a closed session's egress is still drained: the matching thread may write reports of commands it
     * applied before it learns the session closed; they go to the session's store, for a resend after reconnecting.
     */
    private static final long CLOSED_GRACE_NS = TimeUnit.SECONDS.toNanos(2);

    private final CopyOnWriteArrayList<FixSessionEgress> egresses = new CopyOnWriteArrayList<>();
    private final String[] symbols;
    private final ControlledMessageHandler handler = this::onRecord;
    private final Thread thread;
    /** Least time between two forces of an account's order log; 0 = before every drain, -1 = never. */
    private final long forceIntervalNs;
    private volatile boolean running = true;
    private FixSessionEgress current;
    private long released;

    /**
     * Produces garbage (control plane).
     *
     * @param symbols         symbol of each instrument id.
     * @param forceIntervalNs least time between forces of the accounts' order logs before reports leave: 0 forces
     *                        before every drain that sends reports (journal durability batch), -1 never (none).
     */
    FixReportPublisher(final String[] symbols, final long forceIntervalNs)
    {
        this.symbols = symbols;
        this.forceIntervalNs = forceIntervalNs;
        this.thread = new Thread(this, "arbiter-fix-reports");
        this.thread.setDaemon(true);
    }

    void start()
    {
        thread.start();
    }

    /**
     * @param egress to drain from now on (control plane, at logon).
     */
    void add(final FixSessionEgress egress)
    {
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
    }

    @Override
    public void run()
    {
        while (running)
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
        drainAll();
    }

    private int drainAll()
    {
        int work = 0;
        for (final FixSessionEgress egress : egresses)
        {
            current = egress;
            released = egress.releasedSequence();
            forceOrderLog(egress);
            int read;
            do
            {
                read = egress.read(handler, READ_LIMIT);
                work += read;
            }
            while (read > 0);
            if (egress.overflowed() && !egress.session().closed)
            {
                egress.session().closedAtNs = System.nanoTime();
                egress.session().closed = true;
                final Session session = Session.lookupSession(egress.session().sessionId);
                if (session != null)
                {
                    session.logout("reports not consumed fast enough");
                }
            }
            if (egress.session().closed && egress.drained() &&
                System.nanoTime() - egress.session().closedAtNs > CLOSED_GRACE_NS)
            {
                egress.deactivate();
                egresses.remove(egress);
            }
        }
        current = null;
        return work;
    }

    /**
     * The order log lines of every order whose reports this drain may send were written before their commands
     * entered the ring: forcing the log now makes them durable before the reports leave (a force only when lines
     * were written since the last one).
     */
    private void forceOrderLog(final FixSessionEgress egress)
    {
        if (forceIntervalNs < 0 || egress.drained())
        {
            return;
        }
        egress.session().book.force(forceIntervalNs, forceIntervalNs == 0 ? 0 : System.nanoTime());
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
