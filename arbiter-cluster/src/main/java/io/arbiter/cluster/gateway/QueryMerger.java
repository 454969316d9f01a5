package io.arbiter.cluster.gateway;

import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.matching.OpenOrderCollector;
import io.arbiter.server.matching.ReplicatedEngine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the answers of several shards to one session query into the one answer a single node gives (docs/cluster.md,
 * "Queries with several shards"): it stands between the shards' decoded answers and the node's
 * {@link ReplicatedEngine.AnswerListener}, keeps each shard's pages until every shard answered, then hands on open
 * orders ranked by (unsigned) order id, at most {@value OpenOrderCollector#MAX_ORDERS_PER_ANSWER}, the last page saying
 * whether more match, or per asset, in the node's asset definition order, the sum of the shards' balances. Everything
 * else passes through. The merged answer is handed on under the ticket of the shard that answered last, whose query
 * context (session, request id) is the same as the others'. Single threaded (the polling thread); produces garbage
 * per merged query (at most ten a second per session).
 */
final class QueryMerger implements ReplicatedEngine.AnswerListener
{
    private final ReplicatedEngine.AnswerListener downstream;
    private final List<String> assetOrder = new ArrayList<>();
    private final Query[] byTicket;
    private int currentTicket = ReplicatedEngine.NO_TICKET;

    /**
     * @param downstream  the node's listener.
     * @param instruments the node's instruments in id order (their assets, base then quote, give the asset order).
     * @param tickets     tickets are below this.
     */
    QueryMerger(final ReplicatedEngine.AnswerListener downstream, final List<InstrumentConfig> instruments,
        final int tickets)
    {
        this.downstream = downstream;
        this.byTicket = new Query[tickets];
        for (final InstrumentConfig instrument : instruments)
        {
            if (instrument.hasAssets())
            {
                addAsset(instrument.baseAsset());
                addAsset(instrument.quoteAsset());
            }
        }
    }

    private void addAsset(final String asset)
    {
        if (!assetOrder.contains(asset))
        {
            assetOrder.add(asset);
        }
    }

    /**
     * A query was sent to several shards under these tickets.
     *
     * @param shardTickets one ticket per shard asked.
     */
    void expect(final int[] shardTickets)
    {
        final Query query = new Query(shardTickets.length);
        for (final int ticket : shardTickets)
        {
            byTicket[ticket] = query;
        }
    }

    /**
     * @param ticket the ticket the reports that follow belong to.
     */
    void current(final int ticket)
    {
        currentTicket = ticket;
    }

    private Query query()
    {
        return currentTicket == ReplicatedEngine.NO_TICKET ? null : byTicket[currentTicket];
    }

    @Override
    public void onOpenOrder(final long orderId, final int instrumentId, final Side side, final OrderType orderType,
        final TimeInForce timeInForce, final SelfTradePrevention stp, final long price, final long stopPrice,
        final long remaining, final long display, final long expiryMs, final boolean last, final boolean more)
    {
        final Query query = query();
        if (query == null)
        {
            downstream.onOpenOrder(orderId, instrumentId, side, orderType, timeInForce, stp, price, stopPrice,
                remaining, display, expiryMs, last, more);
            return;
        }
        query.orders.add(new OpenOrder(orderId, instrumentId, side, orderType, timeInForce, stp, price, stopPrice,
            remaining, display, expiryMs));
        query.more |= more;
        if (last)
        {
            shardAnswered(query);
        }
    }

    @Override
    public void onBalanceEntry(final String asset, final long available, final long held, final boolean last)
    {
        final Query query = query();
        if (query == null)
        {
            downstream.onBalanceEntry(asset, available, held, last);
            return;
        }
        query.balances.merge(asset, new long[]{available, held}, (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]});
        query.balanceAnswer = true;
        if (last)
        {
            shardAnswered(query);
        }
    }

    @Override
    public void onNoEntries()
    {
        final Query query = query();
        if (query == null)
        {
            downstream.onNoEntries();
            return;
        }
        shardAnswered(query);
    }

    @Override
    public void onBalance(final long account, final String asset, final long available, final long held)
    {
        downstream.onBalance(account, asset, available, held);
    }

    @Override
    public void onOperatorResult(
        final boolean refused, final long result, final long sequence, final long available, final long held)
    {
        downstream.onOperatorResult(refused, result, sequence, available, held);
    }

    private void shardAnswered(final Query query)
    {
        byTicket[currentTicket] = null;
        if (--query.remaining > 0)
        {
            return;
        }
        if (query.balanceAnswer)
        {
            answerBalances(query);
        }
        else
        {
            answerOpenOrders(query);
        }
    }

    private void answerOpenOrders(final Query query)
    {
        final List<OpenOrder> orders = query.orders;
        if (orders.isEmpty())
        {
            downstream.onNoEntries();
            return;
        }
        orders.sort(Comparator.comparing(OpenOrder::orderId, Long::compareUnsigned));
        final boolean more = query.more || orders.size() > OpenOrderCollector.MAX_ORDERS_PER_ANSWER;
        final int answered = Math.min(orders.size(), OpenOrderCollector.MAX_ORDERS_PER_ANSWER);
        for (int i = 0; i < answered; i++)
        {
            final OpenOrder order = orders.get(i);
            final boolean last = i == answered - 1;
            downstream.onOpenOrder(order.orderId(), order.instrumentId(), order.side(), order.orderType(),
                order.timeInForce(), order.stp(), order.price(), order.stopPrice(), order.remaining(),
                order.display(), order.expiryMs(), last, last && more);
        }
    }

    private void answerBalances(final Query query)
    {
        final List<Map.Entry<String, long[]>> entries = new ArrayList<>(query.balances.entrySet());
        entries.removeIf(entry -> entry.getValue()[0] == 0 && entry.getValue()[1] == 0);
        if (entries.isEmpty())
        {
            downstream.onNoEntries();
            return;
        }
        entries.sort(Comparator.comparingInt(entry -> rank(entry.getKey())));
        for (int i = 0; i < entries.size(); i++)
        {
            final Map.Entry<String, long[]> entry = entries.get(i);
            downstream.onBalanceEntry(entry.getKey(), entry.getValue()[0], entry.getValue()[1],
                i == entries.size() - 1);
        }
    }

    private int rank(final String asset)
    {
        final int rank = assetOrder.indexOf(asset);
        return rank < 0 ? Integer.MAX_VALUE : rank;
    }

    /**
     * One query's pages gathered so far.
     */
    private static final class Query
    {
        private final List<OpenOrder> orders = new ArrayList<>();
        private final Map<String, long[]> balances = new LinkedHashMap<>();
        private int remaining;
        private boolean more;
        private boolean balanceAnswer;

        Query(final int shards)
        {
            this.remaining = shards;
        }
    }

    /**
     * One open order of a shard's answer.
     */
    private record OpenOrder(long orderId, int instrumentId, Side side, OrderType orderType, TimeInForce timeInForce,
        SelfTradePrevention stp, long price, long stopPrice, long remaining, long display, long expiryMs)
    {
    }
}
