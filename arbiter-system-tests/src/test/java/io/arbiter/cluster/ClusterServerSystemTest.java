package io.arbiter.cluster;

import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientContext;
import io.arbiter.client.ClientListener;
import io.arbiter.client.LogonResult;
import io.arbiter.cluster.gateway.ReplicatedEngineClient;
import io.arbiter.cluster.node.ClusterNode;
import io.arbiter.cluster.node.LocalCluster;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.arbiter.cluster.EngineClusterSystemTest.await;
import static io.arbiter.cluster.EngineClusterSystemTest.awaitLeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code arbiter server --cluster} in this JVM in front of three members (LocalCluster), with real TCP clients: a
 * maker's bids and a taker's crossing sells flow while the leader is killed. The clients stay connected, every order
 * is acknowledged exactly once, each trade is reported exactly once to each side, every acknowledged bid not taken
 * rests on the new leader (read from its engine), and all members end with the same state hash. Liveness bounds are at
 * least 10x a quiet run.
 */
@Tag("slow")
class ClusterServerSystemTest
{
    private static final long TIMEOUT_S = 60;
    private static final long UNIT = 100_000_000L;
    private static final String SYMBOL = "BTC-USD";
    private static final int ROUNDS = 150;

    @TempDir
    Path dir;

    @Test
    void shouldKeepClientsConnectedAndLoseOrRepeatNothingWhenTheLeaderDiesUnderLoad() throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(3, SYMBOL))
        {
            cluster.startAll();
            awaitLeader(cluster);
            final ReplicatedEngineClient engine = ReplicatedEngineClient.local(cluster, 1, 500);
            final ArbiterNode node = startNode(engine);
            final ClientContext clients = ClientContext.builder().build();
            final Reports makerReports = new Reports();
            final Reports takerReports = new Reports();
            try
            {
                final ArbiterClient maker = logon(clients, node, makerReports, "demo1");
                final ArbiterClient taker = logon(clients, node, takerReports, "demo2");
                int killed = -1;
                int bids = 0;
                int sells = 0;
                for (int round = 0; round < ROUNDS; round++)
                {
                    if (round == ROUNDS / 3)
                    {
                        // orders are in flight on the node and in the cluster: kill the leader now
                        killed = awaitLeader(cluster).memberId();
                        cluster.stop(killed);
                    }
                    maker.sendNewOrder(++bids, SYMBOL, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 1,
                        SelfTradePrevention.STP_NONE, 0);
                    maker.sendNewOrder(++bids, SYMBOL, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 1,
                        SelfTradePrevention.STP_NONE, 0);
                    taker.sendNewOrder(++sells, SYMBOL, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 1,
                        SelfTradePrevention.STP_NONE, 0);
                    maker.flush();
                    taker.flush();
                    Thread.sleep(2);
                }
                final int bidCount = bids;
                final int sellCount = sells;
                await(() -> makerReports.acknowledged() == bidCount && takerReports.acknowledged() == sellCount &&
                    takerReports.fills.size() == sellCount && makerReports.fills.size() == sellCount,
                    "every order acknowledged and every sell filled; maker " + makerReports + ", taker " +
                    takerReports);

                assertEquals(ArbiterClient.State.LOGGED_ON, maker.state(), "the maker stayed connected");
                assertEquals(ArbiterClient.State.LOGGED_ON, taker.state(), "the taker stayed connected");
                assertEquals(List.of(), makerReports.rejects, "no maker order rejected");
                assertEquals(List.of(), takerReports.rejects, "no taker order rejected");
                makerReports.accepted.forEach((clientOrderId, count) ->
                    assertEquals(1, count.get(), "bid " + clientOrderId + " acknowledged once"));
                takerReports.accepted.forEach((clientOrderId, count) ->
                    assertEquals(1, count.get(), "sell " + clientOrderId + " acknowledged once"));
                final Set<Long> makerTrades = uniqueTradeIds(makerReports);
                final Set<Long> takerTrades = uniqueTradeIds(takerReports);
                assertEquals(sellCount, takerTrades.size(), "each sell traded once");
                assertEquals(takerTrades, makerTrades, "each trade reported once to each side");

                cluster.start(killed);
                await(() -> allApplied(cluster, bidCount + sellCount), "every member to apply every order");
                final long hash = cluster.node(0).service().stateHash();
                for (int i = 1; i < cluster.size(); i++)
                {
                    assertEquals(hash, cluster.node(i).service().stateHash(), "state hash of member " + i);
                }
                final ClusterNode leader = awaitLeader(cluster);
                final Long2LongHashMap resting = leader.service().restingOrdersWhenIdle();
                final Set<Long> filledBids = new HashSet<>();
                for (final long[] fill : makerReports.fills)
                {
                    filledBids.add(fill[0]);
                }
                for (final Map.Entry<Long, Long> bid : makerReports.orderIds.entrySet())
                {
                    final boolean taken = filledBids.contains(bid.getKey());
                    assertEquals(taken ? 0L : 1L, resting.get(bid.getValue().longValue()),
                        "bid " + bid.getKey() + (taken ? " was taken" : " rests on the new leader"));
                }
                assertEquals(bidCount - sellCount, resting.size(), "nothing else rests");
                assertTrue(engine.shard(0).resyncCount() > 0, "the node's gateway resynchronised after the kill");
            }
            finally
            {
                clients.close();
                node.close();
            }
            assertEquals(0, node.handlerErrors(), "matching handler threw");
        }
    }

    /**
     * Two shards, one member each: the node's instrument ids are BTC-USD 0 (shard 0), ETH-USD 1 and SOL-USD 2 (shard
     * 1). Orders reach the shard of their symbol, and fills come back under the node's instrument ids.
     */
    @Test
    void shouldRouteOrdersBySymbolToTheirShardAndReportFillsUnderTheNodesInstrumentIds() throws Exception
    {
        try (LocalCluster btc = new LocalCluster(1, SYMBOL);
            LocalCluster others = new LocalCluster(1, "ETH-USD", "SOL-USD"))
        {
            btc.startAll();
            others.startAll();
            awaitLeader(btc);
            awaitLeader(others);
            final ReplicatedEngineClient engine = new ReplicatedEngineClient(1, 500,
                List.of(btc.clientContext(), others.clientContext()),
                List.of(btc.config(0).service().instruments(), others.config(0).service().instruments()), null);
            final ArbiterNode node = startNode(engine);
            final ClientContext clients = ClientContext.builder().build();
            final Reports makerReports = new Reports();
            final Reports takerReports = new Reports();
            try
            {
                final ArbiterClient maker = logon(clients, node, makerReports, "demo1");
                final ArbiterClient taker = logon(clients, node, takerReports, "demo2");
                maker.sendNewOrder(1, "SOL-USD", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 2,
                    SelfTradePrevention.STP_NONE, 0);
                maker.sendNewOrder(2, SYMBOL, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 1,
                    SelfTradePrevention.STP_NONE, 0);
                maker.flush();
                await(() -> makerReports.acknowledged() == 2, "the bids acknowledged; maker " + makerReports);
                taker.sendNewOrder(3, "SOL-USD", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 2,
                    SelfTradePrevention.STP_NONE, 0);
                taker.sendNewOrder(4, SYMBOL, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 1,
                    SelfTradePrevention.STP_NONE, 0);
                taker.flush();
                await(() -> takerReports.fills.size() == 2 && makerReports.fills.size() == 2,
                    "both sells filled; maker " + makerReports + ", taker " + takerReports);

                final Map<Long, Long> instrumentByOrder = new ConcurrentHashMap<>();
                for (final long[] fill : takerReports.fills)
                {
                    instrumentByOrder.put(fill[0], fill[2]);
                }
                for (final long[] fill : makerReports.fills)
                {
                    instrumentByOrder.put(fill[0], fill[2]);
                }
                assertEquals(Map.of(1L, 2L, 2L, 0L, 3L, 2L, 4L, 0L), instrumentByOrder,
                    "fills under the node's ids: SOL-USD 2, BTC-USD 0");
                assertEquals(List.of(), makerReports.rejects);
                assertEquals(List.of(), takerReports.rejects);
                await(() -> allApplied(btc, 2) && allApplied(others, 2), "each shard applied its two orders");
                assertEquals(0, btc.node(0).service().openOrders());
                assertEquals(0, others.node(0).service().openOrders());
            }
            finally
            {
                clients.close();
                node.close();
            }
            assertEquals(0, node.handlerErrors(), "matching handler threw");
        }
    }

    /**
     * {@code arbiter server --cluster} in this JVM: the embedded defaults with the cluster's instruments, free port,
     * no market data, admin or overload protection.
     */
    private ArbiterNode startNode(final ReplicatedEngineClient engine) throws InterruptedException
    {
        final ServerContext context = engine.applyTo(new ServerConfigLoader().loadDefaults().overloadEnabled(false)
            .port(0).marketDataPort(-1).adminPort(-1).dataDir(dir.toString()));
        return new ArbiterNode(context).replicated(engine).start();
    }

    private static boolean allApplied(final LocalCluster cluster, final long commands)
    {
        for (int i = 0; i < cluster.size(); i++)
        {
            final ClusterNode member = cluster.node(i);
            if (member == null || member.service().appliedCommands() != commands)
            {
                return false;
            }
        }
        return true;
    }

    private static Set<Long> uniqueTradeIds(final Reports reports)
    {
        final Set<Long> tradeIds = new HashSet<>();
        for (final long[] fill : reports.fills)
        {
            assertTrue(tradeIds.add(fill[1]), "trade " + fill[1] + " reported twice");
        }
        return tradeIds;
    }

    static ArbiterClient logon(
        final ClientContext clients, final ArbiterNode node, final ClientListener reports, final String account)
        throws Exception
    {
        final ArbiterClient client =
            clients.connect("127.0.0.1", node.port(), reports).get(TIMEOUT_S, TimeUnit.SECONDS);
        final LogonResult result = client.logon(account, account + "-secret").get(TIMEOUT_S, TimeUnit.SECONDS);
        assertTrue(result.accepted(), result.toString());
        return client;
    }

    /**
     * What one client received, from its I/O thread.
     */
    static final class Reports implements ClientListener
    {
        final Map<Long, AtomicInteger> accepted = new ConcurrentHashMap<>();
        final Map<Long, Long> orderIds = new ConcurrentHashMap<>();
        /** Client order id, trade id and instrument id of each fill. */
        final ConcurrentLinkedQueue<long[]> fills = new ConcurrentLinkedQueue<>();
        final List<String> rejects = new ArrayList<>();

        int acknowledged()
        {
            return accepted.size();
        }

        @Override
        public void onAccepted(
            final ArbiterClient client,
            final long clientOrderId,
            final long orderId,
            final long clientTimestampNs,
            final int instrumentId,
            final long timestampNs)
        {
            accepted.computeIfAbsent(clientOrderId, id -> new AtomicInteger()).incrementAndGet();
            orderIds.put(clientOrderId, orderId);
        }

        @Override
        public void onFill(
            final ArbiterClient client,
            final long clientOrderId,
            final long orderId,
            final long tradeId,
            final long price,
            final long quantity,
            final long leavesQuantity,
            final Liquidity liquidity,
            final int instrumentId,
            final Side side,
            final long timestampNs)
        {
            fills.add(new long[]{clientOrderId, tradeId, instrumentId});
        }

        @Override
        public void onRejected(
            final ArbiterClient client,
            final long clientOrderId,
            final RejectReason reason,
            final RequestType requestType,
            final long clientTimestampNs,
            final long timestampNs,
            final CharSequence text)
        {
            synchronized (rejects)
            {
                rejects.add(clientOrderId + " " + reason + " " + text);
            }
        }

        @Override
        public String toString()
        {
            return accepted.size() + " acknowledged, " + fills.size() + " fills, rejects " + rejects;
        }
    }
}
