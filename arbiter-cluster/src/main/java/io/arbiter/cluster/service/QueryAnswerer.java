package io.arbiter.cluster.service;

import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.IngressDescriptor;
import io.arbiter.cluster.codec.OrderIds;
import io.arbiter.engine.Command;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.risk.BalanceLedger;
import io.arbiter.journal.JournalDescriptor;
import io.arbiter.server.matching.OpenOrderCollector;

import java.nio.ByteBuffer;

/**
 * Answers a session's query record ({@link IngressDescriptor#RECORD_TYPE_QUERY}) from the engine's state at its
 * place in the log, into the asking gateway's stream: the account's open orders sent through that gateway, ranked by
 * order id, at most {@value OpenOrderCollector#MAX_ORDERS_PER_ANSWER} (the last page then says more), or the account's
 * non-zero balances in asset order. Reads the engine and changes nothing in it: every member writes the same answer
 * and the state hash is untouched. Service thread only; steady state allocates nothing.
 */
final class QueryAnswerer implements OpenOrderCollector.Filter
{
    private final MatchingEngine engine;
    private final ReportCollector reports;
    private final OpenOrderCollector orders = new OpenOrderCollector();
    private final BalanceLedger.BalanceVisitor balanceReporter = this::balance;
    private GatewayStream askingStream;
    private long askingAccount;
    private int askingGatewayId;

    QueryAnswerer(final MatchingEngine engine, final ReportCollector reports)
    {
        this.engine = engine;
        this.reports = reports;
    }

    /**
     * Answer one query record (its checksum checked).
     *
     * @param stream the asking gateway's.
     * @param record the query record, little-endian, at position 0.
     */
    void answer(final GatewayStream stream, final ByteBuffer record)
    {
        final int kind = record.get(JournalDescriptor.COMMAND_TYPE_OFFSET);
        final long account = record.getLong(JournalDescriptor.ACCOUNT_OFFSET);
        if (kind == IngressDescriptor.QUERY_BALANCES)
        {
            answerBalances(stream, account);
        }
        else
        {
            final int instrumentId = record.getInt(JournalDescriptor.INSTRUMENT_ID_OFFSET);
            answerOpenOrders(stream, account,
                instrumentId == Command.ALL_INSTRUMENTS ? OpenOrderCollector.ALL_INSTRUMENTS : instrumentId,
                record.getLong(JournalDescriptor.ORDER_ID_OFFSET));
        }
    }

    private void answerOpenOrders(
        final GatewayStream stream, final long account, final int instrumentId, final long afterOrderId)
    {
        askingAccount = account;
        askingGatewayId = stream.gatewayId();
        final int count = orders.collect(engine, this, instrumentId, afterOrderId);
        if (count == 0)
        {
            reports.noEntries(stream, IngressDescriptor.QUERY_OPEN_ORDERS);
            return;
        }
        final boolean more = count > OpenOrderCollector.MAX_ORDERS_PER_ANSWER;
        final int answered = more ? OpenOrderCollector.MAX_ORDERS_PER_ANSWER : count;
        for (int i = 0; i < answered; i++)
        {
            final boolean last = i == answered - 1;
            final int flags = (last ? EgressDescriptor.FLAG_LAST : 0) |
                (more && last ? EgressDescriptor.FLAG_MORE : 0) |
                orders.timeInForce(i).ordinal() << EgressDescriptor.TIME_IN_FORCE_SHIFT |
                orders.selfTradePrevention(i).ordinal() << EgressDescriptor.STP_SHIFT;
            reports.openOrder(stream, orders.orderId(i), orders.instrumentId(i), orders.side(i),
                orders.orderType(i), flags, orders.price(i), orders.stopPrice(i), orders.remaining(i),
                orders.displayQuantity(i), orders.expiry(i));
        }
        orders.clear();
    }

    private void answerBalances(final GatewayStream stream, final long account)
    {
        askingStream = stream;
        final int told = engine.balances().forEachNonZero(account, balanceReporter);
        askingStream = null;
        if (told == 0)
        {
            reports.noEntries(stream, IngressDescriptor.QUERY_BALANCES);
        }
    }

    private void balance(final int asset, final long available, final long held, final boolean last)
    {
        reports.balanceEntry(askingStream, asset,
            EgressDescriptor.packAssetName(engine.balances().assetName(asset)), available, held, last);
    }

    /**
     * The account's orders sent through the asking gateway.
     *
     * @param orderId an open order's exchange id.
     * @param account its account.
     * @return true if the answer holds it.
     */
    @Override
    public boolean wanted(final long orderId, final long account)
    {
        return account == askingAccount && OrderIds.gatewayId(orderId) == askingGatewayId;
    }
}
