package io.arbiter.cluster;

import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientContext;
import io.arbiter.client.ClientListener;
import io.arbiter.cluster.gateway.ReplicatedEngineClient;
import io.arbiter.cluster.node.LocalCluster;
import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.arbiter.cluster.ClusterServerSystemTest.logon;
import static io.arbiter.cluster.EngineClusterSystemTest.await;
import static io.arbiter.cluster.EngineClusterSystemTest.awaitLeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queries in cluster mode: a session of {@code server --cluster} (three members in this JVM) that places, trades and
 * cancels orders of several kinds gets the same answers to its open-orders, instrument-list and balance requests as
 * the same session script on a single node, also after the leader was killed. Exchange order ids differ between the
 * two (the cluster's carry the gateway id), so answers are compared by client order id, and each answer's order id is
 * checked against the one the order was acknowledged with. Liveness bounds are at least 10x a quiet run.
 */
@Tag("slow")
class ClusterQuerySystemTest
{
    private static final long UNIT = 100_000_000L;
    private static final String SYMBOL = "BTC-USD";
    private static final long TICK_UNITS = 1_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldAnswerQueriesAsASingleNodeDoesAlsoAfterALeaderFailover() throws Exception
    {
        final long expiryMs = System.currentTimeMillis() + TimeUnit.HOURS.toMillis(2);
        final List<String> single;
        final ServerContext singleContext = new ServerConfigLoader().loadDefaults().overloadEnabled(false)
            .port(0).marketDataPort(-1).adminPort(-1).dataDir(Files.createDirectory(dir.resolve("single")).toString());
        singleContext.clearInstruments();
        singleContext.addInstrument(new InstrumentConfig(SYMBOL, TICK_UNITS, 1));
        try (ArbiterNode node = new ArbiterNode(singleContext).start())
        {
            single = runScript(node, expiryMs, null);
        }
        assertTrue(single.contains("open 1 BTC-USD BUY LIMIT GTC 10000000000 2 STP_NONE 0 0 0"), single.toString());

        try (LocalCluster cluster = new LocalCluster(3, SYMBOL))
        {
            cluster.startAll();
            awaitLeader(cluster);
            final ReplicatedEngineClient engine = ReplicatedEngineClient.local(cluster, 1, 500);
            final ServerContext context = engine.applyTo(new ServerConfigLoader().loadDefaults()
                .overloadEnabled(false).port(0).marketDataPort(-1).adminPort(-1)
                .dataDir(Files.createDirectory(dir.resolve("cluster")).toString()));
            final ArbiterNode node = new ArbiterNode(context).replicated(engine).start();
            try
            {
                final List<String> clustered = runScript(node, expiryMs, cluster);
                assertEquals(single, clustered.subList(0, single.size()), "cluster answers as a single node");
                assertEquals(single.subList(0, openOrdersEnd(single) + 1), clustered.subList(single.size(),
                    clustered.size()), "open orders asked again after the leader was killed");
            }
            finally
            {
                node.close();
            }
            assertEquals(0, node.handlerErrors(), "matching handler threw");
        }
    }

    private static int openOrdersEnd(final List<String> answers)
    {
        return answers.indexOf("end open orders more=false");
    }

    /**
     * Places a maker's orders of several kinds, trades one partly with a taker, cancels one, then asks for open
     * orders, the instrument list, balances and one instrument's open orders; with a cluster, kills its leader and
     * asks for open orders again. Returns every answer in order.
     */
    private static List<String> runScript(final ArbiterNode node, final long expiryMs, final LocalCluster cluster)
        throws Exception
    {
        final ClientContext clients = ClientContext.builder().build();
        try
        {
            final Answers maker = new Answers();
            final Answers taker = new Answers();
            final ArbiterClient makerClient = logon(clients, node, maker, "demo1");
            final ArbiterClient takerClient = logon(clients, node, taker, "demo2");
            makerClient.sendNewOrder(1, SYMBOL, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 3,
                SelfTradePrevention.STP_NONE, 0);
            makerClient.sendNewOrder(2, SYMBOL, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 99 * UNIT, 2,
                SelfTradePrevention.STP_CANCEL_TAKER, 0);
            makerClient.sendNewOrder(3, SYMBOL, Side.SELL, OrderType.LIMIT, TimeInForce.POST_ONLY, 105 * UNIT, 1,
                SelfTradePrevention.STP_CANCEL_MAKER, 0);
            makerClient.sendNewOrder(4, SYMBOL, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 98 * UNIT, 10,
                SelfTradePrevention.STP_NONE, 0, 0, 2, 0);
            makerClient.sendNewOrder(5, SYMBOL, Side.BUY, OrderType.LIMIT, TimeInForce.GTD, 97 * UNIT, 1,
                SelfTradePrevention.STP_NONE, 0, 0, 0, expiryMs);
            makerClient.sendNewOrder(6, SYMBOL, Side.SELL, OrderType.STOP_LIMIT, TimeInForce.GTC, 90 * UNIT, 1,
                SelfTradePrevention.STP_NONE, 0, 95 * UNIT, 0, 0);
            makerClient.sendCancel(2, 0);
            makerClient.flush();
            await(() -> maker.orderIds.size() == 6 && maker.canceled == 1, "maker's orders acknowledged " + maker);
            takerClient.sendNewOrder(7, SYMBOL, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, 100 * UNIT, 1,
                SelfTradePrevention.STP_NONE, 0);
            takerClient.flush();
            await(() -> maker.fills == 1, "maker's bid partly filled " + maker);

            makerClient.sendOpenOrdersRequest(100, "", 0);
            makerClient.flush();
            await(() -> maker.ends == 1, "open orders answered " + maker);
            pauseForQueryThrottle();
            makerClient.sendInstrumentListRequest(101);
            makerClient.flush();
            await(() -> maker.ends == 2, "instrument list answered " + maker);
            pauseForQueryThrottle();
            makerClient.sendBalanceRequest(102);
            makerClient.flush();
            await(() -> maker.ends == 3, "balances answered " + maker);
            pauseForQueryThrottle();
            makerClient.sendOpenOrdersRequest(103, SYMBOL, maker.orderIds.get(3L));
            makerClient.flush();
            await(() -> maker.ends == 4, "open orders after order 3 answered " + maker);
            if (cluster != null)
            {
                final int leader = cluster.leader().memberId();
                cluster.stop(leader);
                pauseForQueryThrottle();
                makerClient.sendOpenOrdersRequest(104, "", 0);
                makerClient.flush();
                await(() -> maker.ends == 5, "open orders answered by the new leader " + maker);
                cluster.start(leader);
            }
            assertEquals(List.of(), maker.rejects, "maker's rejects");
            return maker.answers(maker.orderIds);
        }
        finally
        {
            clients.close();
        }
    }

    /**
     * A session may ask at most ten queries a second (SessionHandler's 100 ms between two): wait that long and a bit.
     */
    private static void pauseForQueryThrottle() throws InterruptedException
    {
        Thread.sleep(150);
    }

    /**
     * What one client received, from its I/O thread: acknowledgements and every page of every answer.
     */
    static final class Answers implements ClientListener
    {
        final Map<Long, Long> orderIds = new ConcurrentHashMap<>();
        final List<String> rejects = new ArrayList<>();
        private final List<Object[]> pages = new ArrayList<>();
        volatile int canceled;
        volatile int fills;
        volatile int ends;

        @Override
        public void onAccepted(
            final ArbiterClient client,
            final long clientOrderId,
            final long orderId,
            final long clientTimestampNs,
            final int instrumentId,
            final long timestampNs)
        {
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
            fills++;
        }

        @Override
        public void onCanceled(
            final ArbiterClient client,
            final long clientOrderId,
            final long orderId,
            final long canceledQuantity,
            final CancelReason reason,
            final long timestampNs)
        {
            canceled++;
        }

        @Override
        public synchronized void onRejected(
            final ArbiterClient client,
            final long clientOrderId,
            final RejectReason reason,
            final RequestType requestType,
            final long clientTimestampNs,
            final long timestampNs,
            final CharSequence text)
        {
            rejects.add(clientOrderId + " " + requestType + " " + reason + " " + text);
        }

        @Override
        public synchronized void onOpenOrder(
            final ArbiterClient client,
            final long requestId,
            final long orderId,
            final long clientOrderId,
            final int instrumentId,
            final CharSequence symbol,
            final Side side,
            final OrderType orderType,
            final TimeInForce timeInForce,
            final long price,
            final long remainingQuantity,
            final SelfTradePrevention stp,
            final long stopPrice,
            final long displayQuantity,
            final long expireTimeMs)
        {
            pages.add(new Object[]{orderId, clientOrderId, "open " + clientOrderId + " " + symbol + " " + side + " " +
                orderType + " " + timeInForce + " " + price + " " + remainingQuantity + " " + stp + " " + stopPrice +
                " " + displayQuantity + " " + (expireTimeMs == 0 ? "0" : "expiry")});
        }

        @Override
        public synchronized void onOpenOrdersEnd(final ArbiterClient client, final long requestId, final boolean more)
        {
            pages.add(new Object[]{0L, 0L, "end open orders more=" + more});
            ends++;
        }

        @Override
        public synchronized void onInstrument(
            final ArbiterClient client,
            final long requestId,
            final int instrumentId,
            final CharSequence symbol,
            final long tickSize,
            final long lotSize)
        {
            pages.add(new Object[]{0L, 0L, "instrument " + instrumentId + " " + symbol + " " + tickSize + " " +
                lotSize});
        }

        @Override
        public synchronized void onInstrumentListEnd(final ArbiterClient client, final long requestId)
        {
            pages.add(new Object[]{0L, 0L, "end instruments"});
            ends++;
        }

        @Override
        public synchronized void onBalanceReport(
            final ArbiterClient client,
            final long requestId,
            final CharSequence asset,
            final long available,
            final long held)
        {
            pages.add(new Object[]{0L, 0L, "balance " + asset + " " + available + " " + held});
        }

        @Override
        public synchronized void onBalanceReportEnd(final ArbiterClient client, final long requestId)
        {
            pages.add(new Object[]{0L, 0L, "end balances"});
            ends++;
        }

        /**
         * Every page as text, after checking that each open order's id is the one its order was acknowledged with.
         */
        synchronized List<String> answers(final Map<Long, Long> acknowledged)
        {
            final List<String> answers = new ArrayList<>();
            for (final Object[] page : pages)
            {
                final long clientOrderId = (Long)page[1];
                if (clientOrderId != 0)
                {
                    assertEquals(acknowledged.get(clientOrderId), page[0], "order id of " + page[2]);
                }
                answers.add((String)page[2]);
            }
            return answers;
        }

        @Override
        public synchronized String toString()
        {
            return orderIds.size() + " acknowledged, " + canceled + " canceled, " + fills + " fills, " + ends +
                " answers, rejects " + rejects;
        }
    }
}
