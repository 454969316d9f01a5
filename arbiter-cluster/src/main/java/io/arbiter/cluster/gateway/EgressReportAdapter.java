package io.arbiter.cluster.gateway;

import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.ReportFlyweight;
import io.arbiter.engine.BalanceListener;
import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;

/**
 * Decodes a cluster's egress reports into the engine's listener calls, so code written against the local engine's
 * events (an {@link ExecutionListener} and a {@link BalanceListener}) can consume a cluster's reports unchanged. A
 * TRADE report is one party of a trade: it becomes an {@code onTrade} call that names this party and gives the other
 * party order id {@link #NO_ORDER} (no order has it) and account and leaves 0; a consumer that routes each party by
 * its order id, as the node's report router does, sees the same fills as from a local engine. Every other kind maps to
 * the callback of the same name. {@link BalanceListener#onBalancesEnd()} is not called: a report does not say where
 * one command's balances end. Runs on the thread that polls the {@link ClusterGateway}; allocates nothing.
 */
public final class EgressReportAdapter implements ReportListener
{
    /** The order id given for the party of a trade that a TRADE report does not describe. */
    public static final long NO_ORDER = 0;

    private final ExecutionListener listener;
    private final BalanceListener balances;
    private final int[][] instrumentIds;

    /**
     * @param listener receives the order events.
     * @param balances receives the balance changes, or null to drop them.
     */
    public EgressReportAdapter(final ExecutionListener listener, final BalanceListener balances)
    {
        this(listener, balances, null);
    }

    /**
     * @param listener      receives the order events.
     * @param balances      receives the balance changes, or null to drop them.
     * @param instrumentIds for each shard, the listener's instrument id of each of the shard's instrument ids (the
     *                      ids a gateway in front of several shards gives their instruments); null to pass the
     *                      shard's ids on unchanged.
     */
    public EgressReportAdapter(
        final ExecutionListener listener, final BalanceListener balances, final int[][] instrumentIds)
    {
        this.listener = listener;
        this.balances = balances;
        this.instrumentIds = instrumentIds;
    }

    private int instrument(final int shard, final int instrumentId)
    {
        if (instrumentIds == null || instrumentId < 0 || instrumentId >= instrumentIds[shard].length)
        {
            return instrumentId;
        }
        return instrumentIds[shard][instrumentId];
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onReport(final int shard, final ReportFlyweight report)
    {
        switch (report.kind())
        {
            case EgressDescriptor.KIND_ACCEPTED -> listener.onAccepted(report.orderId(), report.account());
            case EgressDescriptor.KIND_TRADE -> onTrade(instrument(shard, report.instrumentId()), report);
            case EgressDescriptor.KIND_CANCELED -> listener.onCanceled(
                report.orderId(), report.account(), report.quantity(), CancelReason.get(report.reason()));
            case EgressDescriptor.KIND_REPLACED ->
                listener.onReplaced(report.orderId(), report.account(), report.price(), report.quantity());
            case EgressDescriptor.KIND_REJECTED -> listener.onRejected(CommandType.get(report.commandType()),
                report.orderId(), report.account(), RejectReason.get(report.reason()));
            case EgressDescriptor.KIND_TRIGGERED -> listener.onTriggered(report.orderId(), report.account());
            case EgressDescriptor.KIND_MASS_CANCELED ->
                listener.onMassCanceled(
                    report.account(), instrument(shard, report.instrumentId()), (int)report.quantity());
            case EgressDescriptor.KIND_INSTRUMENT_STATE -> listener.onInstrumentState(
                CommandType.get(report.commandType()), instrument(shard, report.instrumentId()), report.price());
            case EgressDescriptor.KIND_BALANCE ->
            {
                if (balances != null)
                {
                    balances.onBalance(report.account(), report.instrumentId(), report.quantity(), report.leaves());
                }
            }
            default ->
            {
            }
        }
    }

    private void onTrade(final int instrumentId, final ReportFlyweight report)
    {
        final Side side = report.side();
        if (report.maker())
        {
            listener.onTrade(report.tradeId(), instrumentId, report.price(), report.quantity(),
                side == Side.BUY ? Side.SELL : Side.BUY, report.orderId(), report.account(), report.leaves(),
                NO_ORDER, 0, 0);
        }
        else
        {
            listener.onTrade(report.tradeId(), instrumentId, report.price(), report.quantity(), side,
                NO_ORDER, 0, 0, report.orderId(), report.account(), report.leaves());
        }
    }
}
