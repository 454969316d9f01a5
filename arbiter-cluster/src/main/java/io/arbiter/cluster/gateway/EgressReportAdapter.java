package io.arbiter.cluster.gateway;

import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.ReportFlyweight;
import io.arbiter.engine.BalanceListener;
import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.matching.ReplicatedEngine;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Decodes a cluster's egress reports into the engine's listener calls, so code written against the local engine's
 * events (an {@link ExecutionListener} and a {@link BalanceListener}) can consume a cluster's reports unchanged. A
 * TRADE report is one party of a trade: it becomes an {@code onTrade} call that names this party and gives the other
 * party order id {@link #NO_ORDER} (no order has it) and account and leaves 0; a consumer that routes each party by
 * its order id, as the node's report router does, sees the same fills as from a local engine. Every other kind maps to
 * the callback of the same name; query answers and named balance changes go to a
 * {@link ReplicatedEngine.AnswerListener} when one is set. {@link BalanceListener#onBalancesEnd()} is not called: a
 * report does not say where one command's balances end. Runs on the thread that polls the {@link ClusterGateway};
 * allocates nothing in steady state.
 */
public final class EgressReportAdapter implements ReportListener
{
    /** The order id given for the party of a trade that a TRADE report does not describe. */
    public static final long NO_ORDER = 0;

    private final ExecutionListener listener;
    private final BalanceListener balances;
    private final int[][] instrumentIds;
    private final Long2ObjectHashMap<String> assetNames = new Long2ObjectHashMap<>();
    private ReplicatedEngine.AnswerListener answers;

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

    /**
     * Hand query answers (OPEN_ORDER, BALANCE_ENTRY, NO_ENTRIES) and named balance changes to this listener; a BALANCE
     * report then goes to it instead of the balance listener.
     *
     * @param listener the receiver, or null to drop answers.
     * @return this.
     */
    public EgressReportAdapter answers(final ReplicatedEngine.AnswerListener listener)
    {
        this.answers = listener;
        return this;
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
                if (answers != null)
                {
                    answers.onBalance(report.account(), assetName(report.orderId()), report.quantity(),
                        report.leaves());
                }
                else if (balances != null)
                {
                    balances.onBalance(report.account(), report.instrumentId(), report.quantity(), report.leaves());
                }
            }
            case EgressDescriptor.KIND_OPERATOR_RESULT ->
            {
                if (answers != null)
                {
                    answers.onOperatorResult(report.reason() != 0, report.price(), report.quantity(),
                        report.leaves(), report.tradeId());
                }
            }
            case EgressDescriptor.KIND_OPEN_ORDER, EgressDescriptor.KIND_BALANCE_ENTRY,
                EgressDescriptor.KIND_NO_ENTRIES -> onAnswer(shard, report);
            default ->
            {
            }
        }
    }

    private void onAnswer(final int shard, final ReportFlyweight report)
    {
        if (answers == null)
        {
            return;
        }
        final int flags = report.flags();
        final boolean last = (flags & EgressDescriptor.FLAG_LAST) != 0;
        switch (report.kind())
        {
            case EgressDescriptor.KIND_OPEN_ORDER -> answers.onOpenOrder(report.orderId(),
                instrument(shard, report.instrumentId()), report.side(), OrderType.get(report.reason()),
                TimeInForce.get((flags >> EgressDescriptor.TIME_IN_FORCE_SHIFT) & 7),
                SelfTradePrevention.get((flags >> EgressDescriptor.STP_SHIFT) & 7), report.price(),
                report.tradeId(), report.quantity(), report.leaves(), report.account(), last,
                (flags & EgressDescriptor.FLAG_MORE) != 0);
            case EgressDescriptor.KIND_BALANCE_ENTRY ->
                answers.onBalanceEntry(assetName(report.orderId()), report.quantity(), report.leaves(), last);
            default -> answers.onNoEntries();
        }
    }

    /**
     * The asset's name, made once per name (a handful of assets): allocates nothing in steady state.
     */
    private String assetName(final long packed)
    {
        String name = assetNames.get(packed);
        if (name == null)
        {
            name = EgressDescriptor.assetName(packed);
            assetNames.put(packed, name);
        }
        return name;
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
