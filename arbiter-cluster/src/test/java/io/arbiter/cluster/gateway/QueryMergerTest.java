package io.arbiter.cluster.gateway;

import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.matching.ReplicatedEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two shards' answers to one query become the one answer a single node gives: open orders ranked by order id, at most
 * 256 with {@code more} on the last page; balances summed per asset in the node's asset order; an answer empty on
 * every shard is one empty page; pages of a query not sent to several shards pass through.
 */
class QueryMergerTest
{
    private static final int SHARD_0 = 5;
    private static final int SHARD_1 = 70_000;

    private final List<String> out = new ArrayList<>();
    private final QueryMerger merger = new QueryMerger(new Recorder(), List.of(
        new InstrumentConfig("BTC-USD", 1, 1, "BTC", "USD", 0, 0, false),
        new InstrumentConfig("ETH-USD", 1, 1, "ETH", "USD", 0, 0, false)), 2 << 16);

    @Test
    void shouldRankTheShardsOpenOrdersByOrderIdAndCutAt256()
    {
        merger.expect(new int[]{SHARD_0, SHARD_1});
        merger.current(SHARD_1);
        for (int i = 0; i < 200; i++)
        {
            order(2_000 + i, i == 199, false);
        }
        assertEquals(List.of(), out, "nothing before every shard answered");
        merger.current(SHARD_0);
        for (int i = 0; i < 100; i++)
        {
            order(1_000 + i, i == 99, false);
        }
        assertEquals(256, out.size());
        assertEquals("order 1000 last=false more=false", out.get(0));
        assertEquals("order 1099 last=false more=false", out.get(99));
        assertEquals("order 2000 last=false more=false", out.get(100));
        assertEquals("order 2155 last=true more=true", out.get(255));
    }

    @Test
    void shouldSayMoreWhenAShardHadMore()
    {
        merger.expect(new int[]{SHARD_0, SHARD_1});
        merger.current(SHARD_0);
        order(7, true, true);
        merger.current(SHARD_1);
        merger.onNoEntries();
        assertEquals(List.of("order 7 last=true more=true"), out);
    }

    @Test
    void shouldSumTheShardsBalancesPerAssetInAssetOrder()
    {
        merger.expect(new int[]{SHARD_0, SHARD_1});
        merger.current(SHARD_1);
        merger.onBalanceEntry("USD", 40, 0, false);
        merger.onBalanceEntry("ETH", 3, 1, true);
        merger.current(SHARD_0);
        merger.onBalanceEntry("USD", 60, 5, true);
        assertEquals(List.of("balance USD 100 5 last=false", "balance ETH 3 1 last=true"), out);
    }

    @Test
    void shouldAnswerOneEmptyPageWhenEveryShardIsEmptyAndPassOtherPagesThrough()
    {
        merger.expect(new int[]{SHARD_0, SHARD_1});
        merger.current(SHARD_0);
        merger.onNoEntries();
        merger.current(SHARD_1);
        merger.onNoEntries();
        assertEquals(List.of("empty"), out);
        merger.current(SHARD_0);
        merger.onBalanceEntry("BTC", 1, 0, true);
        assertEquals(List.of("empty", "balance BTC 1 0 last=true"), out, "a single shard's query passes through");
    }

    private void order(final long orderId, final boolean last, final boolean more)
    {
        merger.onOpenOrder(orderId, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, SelfTradePrevention.NONE, 1, 0, 1,
            1, Command.NO_TIME, last, more);
    }

    private final class Recorder implements ReplicatedEngine.AnswerListener
    {
        @Override
        public void onOpenOrder(final long orderId, final int instrumentId, final Side side, final OrderType orderType,
            final TimeInForce timeInForce, final SelfTradePrevention stp, final long price, final long stopPrice,
            final long remaining, final long display, final long expiryMs, final boolean last, final boolean more)
        {
            out.add("order " + orderId + " last=" + last + " more=" + more);
        }

        @Override
        public void onBalanceEntry(final String asset, final long available, final long held, final boolean last)
        {
            out.add("balance " + asset + " " + available + " " + held + " last=" + last);
        }

        @Override
        public void onNoEntries()
        {
            out.add("empty");
        }

        @Override
        public void onBalance(final long account, final String asset, final long available, final long held)
        {
            out.add("update " + asset);
        }
    }
}
