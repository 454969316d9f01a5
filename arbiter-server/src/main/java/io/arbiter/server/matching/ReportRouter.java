package io.arbiter.server.matching;

import io.arbiter.engine.BalanceListener;
import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;
import io.arbiter.engine.risk.BalanceLedger;
import io.arbiter.server.egress.EgressWakes;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.metrics.ServerMetrics;

import java.util.Arrays;

/**
 * The engine's listener: it sends every event of the command being applied forward to the egress of the session that
 * owns the order (looked up in {@link OrderOwnership}), tells the ownership when an order leaves the book, and keeps
 * the list of sessions that have reports waiting for the next {@link #flush()}. It holds the context of the command
 * being applied (its session, client order id and timestamps), set by {@link #beginCommand} before the engine runs.
 * Single writer: the matching thread. Allocates nothing per report (the dirty list grows only beyond its sizing).
 */
final class ReportRouter implements ExecutionListener, BalanceListener
{
    private final OrderOwnership ownership;
    private BalanceLedger balances;
    private ServerMetrics metrics;
    /** Wakes the event loops that have not run the drains queued at earlier flushes; null when drains wake at once. */
    EgressWakes egressWakes;
    /** True: wake them at the end of each flush (once per loop); false: at the next flush or idle park. */
    boolean wakeAtFlushEnd;
    private SessionState[] dirtySessions = new SessionState[16];
    private int dirtyCount;

    private SessionState current;
    private boolean inCommand;
    private long currentClientOrderId;
    private long currentClientTimestampNs;
    private int currentInstrumentId;
    private long timestampNs;

    /**
     * @param ownership who owns which order.
     */
    ReportRouter(final OrderOwnership ownership)
    {
        this.ownership = ownership;
    }

    /**
     * @param balances names the assets of the balance changes this router sends to sessions (the engine's ledger).
     */
    void balances(final BalanceLedger balances)
    {
        this.balances = balances;
    }

    /**
     * @param metrics counts accepted, traded, cancelled and rejected orders; null for none.
     */
    void metrics(final ServerMetrics metrics)
    {
        this.metrics = metrics;
    }

    /**
     * @param timestampNs stamped on the batch's commands and echoed in their reports.
     */
    void batchTimestamp(final long timestampNs)
    {
        this.timestampNs = timestampNs;
    }

    /**
     * The engine is about to apply a command of {@code session} (null for commands the node generates itself).
     *
     * @param session           that sent the command, or null.
     * @param clientOrderId     the command's client order id.
     * @param clientTimestampNs the client's timestamp from the request, echoed in the ACCEPTED or REJECTED report.
     * @param instrumentId      of the command's book.
     */
    void beginCommand(
        final SessionState session, final long clientOrderId, final long clientTimestampNs, final int instrumentId)
    {
        // Stored only when the session changes: a reference store pays the collector's write barrier, and runs of
        // commands from one session are the common case. endCommand leaves it set; inCommand says whether it counts.
        if (current != session)
        {
            current = session;
        }
        inCommand = true;
        currentClientOrderId = clientOrderId;
        currentClientTimestampNs = clientTimestampNs;
        currentInstrumentId = instrumentId;
    }

    /**
     * The command is applied: no report belongs to it any more.
     */
    void endCommand()
    {
        inCommand = false;
    }

    /**
     * Refuse the current command of {@code session} with a reject of the node (not of the engine).
     *
     * @param session       that sent it.
     * @param clientOrderId the command's client order id.
     * @param type          of the command.
     * @param code          why.
     */
    void reject(final SessionState session, final long clientOrderId, final CommandType type, final RejectCode code)
    {
        session.egress.onRejected(timestampNs, clientOrderId, type, code, currentClientTimestampNs);
        markDirty(session);
        if (metrics != null)
        {
            metrics.onOrderRejected(code.ordinal());
        }
    }

    /**
     * Hand the reports of every touched live session to its transport, to leave once the gate releases
     * {@code releaseSequence}.
     *
     * @param releaseSequence the last command sequence the reports depend on.
     */
    void flush(final long releaseSequence)
    {
        if (egressWakes != null && !wakeAtFlushEnd)
        {
            egressWakes.nudge();
        }
        for (int i = 0; i < dirtyCount; i++)
        {
            final SessionState session = dirtySessions[i];
            session.dirty = false;
            if (session.closed)
            {
                dirtySessions[i] = null;
            }
            if (!session.closed)
            {
                session.egress.flush(releaseSequence);
            }
        }
        dirtyCount = 0;
        if (wakeAtFlushEnd)
        {
            // one wake-up per event loop for every drain this flush queued on it
            egressWakes.nudge();
        }
    }

    /**
     * Drop the touched sessions' unflushed reports (the journal failed: they must never leave).
     */
    void discard()
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            final SessionState session = dirtySessions[i];
            session.dirty = false;
            if (session.closed)
            {
                dirtySessions[i] = null;
            }
            if (!session.closed)
            {
                session.egress.discard();
            }
        }
        dirtyCount = 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onAccepted(final long orderId, final long account)
    {
        if (metrics != null)
        {
            metrics.onOrderAccepted();
        }
        final SessionState session = ownership.owner(orderId);
        if (session != null && !session.closed)
        {
            session.egress.onAccepted(
                timestampNs,
                ownership.rawClientOrderId(orderId),
                orderId,
                currentInstrumentId,
                currentClientTimestampNs);
            markDirty(session);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTrade(
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide,
        final long makerOrderId,
        final long makerAccount,
        final long makerLeaves,
        final long takerOrderId,
        final long takerAccount,
        final long takerLeaves)
    {
        if (metrics != null)
        {
            metrics.onTrade(quantity);
        }
        final Side makerSide = takerSide == Side.BUY ? Side.SELL : Side.BUY;
        routeFill(makerOrderId, tradeId, instrumentId, makerSide, price, quantity, makerLeaves, true);
        routeFill(takerOrderId, tradeId, instrumentId, takerSide, price, quantity, takerLeaves, false);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
        if (metrics != null)
        {
            metrics.onCancel();
        }
        final SessionState session = ownership.owner(orderId);
        if (session == null)
        {
            return;
        }
        final long clientOrderId = ownership.rawClientOrderId(orderId);
        if (!session.closed)
        {
            session.egress.onCanceled(timestampNs, clientOrderId, orderId, remainingQty, reason);
            markDirty(session);
        }
        ownership.finish(orderId, session, clientOrderId);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
        final SessionState session = ownership.owner(orderId);
        if (session != null && !session.closed)
        {
            session.egress.onReplaced(timestampNs, ownership.rawClientOrderId(orderId), orderId, newPrice, newQty);
            markDirty(session);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
        final SessionState session = inCommand ? current : null;
        if (session != null)
        {
            reject(session, currentClientOrderId, type, RejectCode.of(reason));
        }
        if (type == CommandType.NEW)
        {
            final SessionState owner = ownership.owner(orderId);
            if (owner != null && (owner == session || owner.parked()))
            {
                ownership.finish(orderId, owner, ownership.rawClientOrderId(orderId));
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTriggered(final long orderId, final long account)
    {
        final SessionState session = ownership.owner(orderId);
        if (session != null && !session.closed)
        {
            session.egress.onTriggered(timestampNs, ownership.rawClientOrderId(orderId), orderId);
            markDirty(session);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onMassCanceled(final long account, final int instrumentId, final int count)
    {
        final SessionState session = inCommand ? current : null;
        if (session != null && !session.closed)
        {
            session.egress.onMassCanceled(timestampNs, currentClientOrderId, count);
            markDirty(session);
        }
    }

    /**
     * Send the changed balance to every live session of the account (none for an account without one, such as the
     * fee account).
     *
     * @param account   whose balance it is.
     * @param asset     id of the asset.
     * @param available amount free to trade or withdraw.
     * @param held      amount held for open orders.
     */
    @Override
    public void onBalance(final long account, final int asset, final long available, final long held)
    {
        if (ownership.firstLiveSession(account) != null)
        {
            onBalance(account, balances.assetName(asset), available, held);
        }
    }

    /**
     * Send the changed balance of a named asset to every live session of the account (cluster mode: the name comes
     * with the cluster's report).
     *
     * @param account   whose balance it is.
     * @param assetName name of the asset.
     * @param available amount free to trade or withdraw.
     * @param held      amount held for open orders.
     */
    void onBalance(final long account, final String assetName, final long available, final long held)
    {
        SessionState session = ownership.firstLiveSession(account);
        while (session != null)
        {
            session.egress.onBalance(timestampNs, assetName, available, held);
            markDirty(session);
            session = session.nextOfAccount;
        }
    }

    private void routeFill(
        final long orderId,
        final long tradeId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final long leaves,
        final boolean maker)
    {
        final SessionState session = ownership.owner(orderId);
        if (session == null)
        {
            return;
        }
        final long clientOrderId = ownership.rawClientOrderId(orderId);
        if (!session.closed)
        {
            session.egress.onFill(
                timestampNs, clientOrderId, orderId, tradeId, instrumentId, side, price, quantity, leaves, maker);
            markDirty(session);
        }
        if (leaves == 0)
        {
            ownership.finish(orderId, session, clientOrderId);
        }
    }

    /**
     * Include a session the matching thread wrote to outside a command (a query answer) in the next flush.
     *
     * @param session written to.
     */
    void touch(final SessionState session)
    {
        markDirty(session);
    }

    private void markDirty(final SessionState session)
    {
        if (!session.dirty)
        {
            session.dirty = true;
            if (dirtyCount == dirtySessions.length)
            {
                dirtySessions = Arrays.copyOf(dirtySessions, dirtyCount * 2);
            }
            if (dirtySessions[dirtyCount] != session)
            {
                dirtySessions[dirtyCount] = session;
            }
            dirtyCount++;
        }
    }
}
