package io.arbiter.cluster;

import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientContext;
import io.arbiter.client.ClientListener;
import io.arbiter.cluster.gateway.ReplicatedEngineClient;
import io.arbiter.cluster.node.LocalCluster;
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
import io.arbiter.testsupport.AdminHttp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.arbiter.cluster.ClusterServerSystemTest.logon;
import static io.arbiter.cluster.EngineClusterSystemTest.await;
import static io.arbiter.cluster.EngineClusterSystemTest.awaitLeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Risk in cluster mode: instruments with assets and fees in the members' configuration, deposits, withdrawals and other
 * operator commands through the admin API of {@code server --cluster} and the cluster's log, orders that hold and
 * trade, balance updates and balance queries: the same session script gives the same admin answers and the same
 * reports on a single node and on three members, also across a leader kill, and the members end with equal state
 * hashes. With two shards, open-order and balance queries are merged into the one answer a single node gives.
 * Liveness bounds are at least 10x a quiet run.
 */
@Tag("slow")
class ClusterRiskSystemTest
{
    private static final long UNIT = 100_000_000L;
    private static final long TICK_UNITS = 1_000_000L;
    private static final InstrumentConfig BTC_USD = new InstrumentConfig("BTC-USD", TICK_UNITS, 1, "BTC", "USD", 1, 5,
        true);
    private static final InstrumentConfig ETH_USD = new InstrumentConfig("ETH-USD", TICK_UNITS, 1, "ETH", "USD", 0, 0,
        false);

    @TempDir
    Path dir;

    @Test
    void shouldKeepBalancesAndAnswerOperatorCommandsAsASingleNodeDoesAlsoAcrossALeaderKill() throws Exception
    {
        final List<String> single;
        final ServerContext singleContext = nodeContext(new ServerConfigLoader().loadDefaults(), "single");
        singleContext.clearInstruments();
        singleContext.addInstrument(BTC_USD);
        try (ArbiterNode node = new ArbiterNode(singleContext).start())
        {
            single = runRiskScript(node, null);
        }
        // the maker's two BTC bought, 1 bp maker fee paid, the rest of its bids held
        assertTrue(single.contains("demo1 balance BTC 200000000 0") &&
            single.contains("demo1 balance USD 950175100000 29822900000"), single.toString());

        try (LocalCluster cluster = new LocalCluster(3, List.of(BTC_USD)))
        {
            cluster.startAll();
            awaitLeader(cluster);
            final ReplicatedEngineClient engine = ReplicatedEngineClient.local(cluster, 1, 500);
            final ArbiterNode node = new ArbiterNode(engine.applyTo(
                nodeContext(new ServerConfigLoader().loadDefaults(), "cluster"))).replicated(engine).start();
            try
            {
                assertEquals(single, runRiskScript(node, cluster), "the cluster answers as a single node");
            }
            finally
            {
                node.close();
            }
            assertEquals(0, node.handlerErrors(), "matching handler threw");
            await(() -> cluster.leader() != null, "a leader after the restart");
            final long applied = cluster.leader().service().appliedCommands();
            // commands may still arrive after this count (the closed node's cancels of its sessions' orders), and a
            // member that has applied every command may still lack a last log entry that only moved the clock (a
            // resubmitted message after the failover): wait until every member has applied the same number, at least
            // this one, with equal hashes, which a divergence never reaches
            await(() -> equalStateHashes(cluster, applied), "every member to apply the same number of commands (at " +
                "least " + applied + ") with equal state hashes");
        }
    }

    @Test
    void shouldMergeTheQueryAnswersOfTwoShardsIntoTheAnswerOfASingleNode() throws Exception
    {
        final List<String> single;
        final ServerContext singleContext = nodeContext(new ServerConfigLoader().loadDefaults(), "single");
        singleContext.clearInstruments();
        singleContext.addInstrument(BTC_USD);
        singleContext.addInstrument(ETH_USD);
        try (ArbiterNode node = new ArbiterNode(singleContext).start())
        {
            assertEquals("200 DEPOSITED available 100000 held 0",
                post(node, "/admin/accounts/demo1/deposit", "asset=USD&amount=100000"));
            single = runQueryScript(node);
        }
        try (LocalCluster btc = new LocalCluster(1, List.of(BTC_USD));
            LocalCluster eth = new LocalCluster(1, List.of(ETH_USD)))
        {
            btc.startAll();
            eth.startAll();
            awaitLeader(btc);
            awaitLeader(eth);
            final ReplicatedEngineClient engine = new ReplicatedEngineClient(1, 500,
                List.of(btc.clientContext(), eth.clientContext()),
                List.of(btc.config(0).service().instruments(), eth.config(0).service().instruments()), null);
            final ArbiterNode node = new ArbiterNode(engine.applyTo(
                nodeContext(new ServerConfigLoader().loadDefaults(), "cluster"))).replicated(engine).start();
            try
            {
                assertEquals("409 asset USD is held on several shards (pairs [BTC-USD, ETH-USD]): name the pair " +
                    "whose shard holds the balance (parameter symbol)",
                    post(node, "/admin/accounts/demo1/deposit", "asset=USD&amount=100000"));
                // one balance per shard: funded separately, the balance answer holds their sum
                assertEquals("200 DEPOSITED available 60000 held 0",
                    post(node, "/admin/accounts/demo1/deposit", "asset=USD&amount=60000&symbol=BTC-USD"));
                assertEquals("200 DEPOSITED available 40000 held 0",
                    post(node, "/admin/accounts/demo1/deposit", "asset=USD&amount=40000&symbol=ETH-USD"));
                assertEquals(single, runQueryScript(node), "merged answers of two shards");
            }
            finally
            {
                node.close();
            }
            assertEquals(0, node.handlerErrors(), "matching handler threw");
        }
    }

    private static boolean equalStateHashes(final LocalCluster cluster, final long atLeast)
    {
        if (cluster.node(0) == null)
        {
            return false;
        }
        final long applied = cluster.node(0).service().appliedCommands();
        if (applied < atLeast)
        {
            return false;
        }
        long hash = 0;
        for (int i = 0; i < cluster.size(); i++)
        {
            if (cluster.node(i) == null || cluster.node(i).service().appliedCommands() != applied)
            {
                return false;
            }
            final long memberHash = cluster.node(i).service().stateHash();
            if (i > 0 && memberHash != hash)
            {
                return false;
            }
            hash = memberHash;
        }
        return true;
    }

    private ServerContext nodeContext(final ServerContext context, final String name) throws Exception
    {
        return context.overloadEnabled(false).port(0).marketDataPort(-1).adminPort(0).adminToken(AdminHttp.TOKEN)
            .dataDir(Files.createDirectory(dir.resolve(name)).toString());
    }

    /**
     * Deposits, orders that hold and trade (with fees), balance queries, a refused and an accepted withdrawal, a price
     * band, a halt and a resume; with a cluster the leader is killed before a last deposit and balance query. Returns
     * the admin answers (without sequence numbers) and every balance update and answer page of both sessions.
     */
    private static List<String> runRiskScript(final ArbiterNode node, final LocalCluster cluster) throws Exception
    {
        final ClientContext clients = ClientContext.builder().build();
        try
        {
            final Session maker = new Session("demo1");
            final Session taker = new Session("demo2");
            final ArbiterClient makerClient = logon(clients, node, maker, "demo1");
            final ArbiterClient takerClient = logon(clients, node, taker, "demo2");
            final List<String> answers = new ArrayList<>();
            answers.add(post(node, "/admin/accounts/demo1/deposit", "asset=USD&amount=10000"));
            answers.add(post(node, "/admin/accounts/demo2/deposit", "asset=BTC&amount=10"));
            makerClient.sendNewOrder(1, "BTC-USD", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 3,
                SelfTradePrevention.STP_NONE, 0);
            makerClient.sendNewOrder(2, "BTC-USD", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 99 * UNIT, 2,
                SelfTradePrevention.STP_NONE, 0);
            makerClient.flush();
            await(() -> maker.orderIds.size() == 2, "maker's bids acknowledged " + maker);
            takerClient.sendNewOrder(3, "BTC-USD", Side.SELL, OrderType.LIMIT, TimeInForce.IOC, 100 * UNIT, 2,
                SelfTradePrevention.STP_NONE, 0);
            takerClient.flush();
            await(() -> maker.fills == 1 && taker.fills == 1, "the trade reported to both " + maker + taker);
            makerClient.sendBalanceRequest(10);
            takerClient.sendBalanceRequest(11);
            makerClient.flush();
            takerClient.flush();
            await(() -> maker.ends == 1 && taker.ends == 1, "balances answered " + maker + taker);
            answers.add(post(node, "/admin/accounts/demo1/withdraw", "asset=USD&amount=1000000"));
            answers.add(post(node, "/admin/accounts/demo2/withdraw", "asset=BTC&amount=1"));
            answers.add(post(node, "/admin/instruments/BTC-USD/band", "percent=10"));
            answers.add(post(node, "/admin/instruments/BTC-USD/halt", ""));
            answers.add(post(node, "/admin/instruments/BTC-USD/resume", ""));
            if (cluster != null)
            {
                final int leader = cluster.leader().memberId();
                cluster.stop(leader);
                answers.add(post(node, "/admin/accounts/demo1/deposit", "asset=USD&amount=5"));
                cluster.start(leader);
            }
            else
            {
                answers.add(post(node, "/admin/accounts/demo1/deposit", "asset=USD&amount=5"));
            }
            Thread.sleep(150); // at most ten queries a second per session
            makerClient.sendBalanceRequest(12);
            makerClient.flush();
            await(() -> maker.ends == 2, "balances answered again " + maker);
            assertEquals(List.of(), maker.rejects, "maker's rejects");
            assertEquals(List.of(), taker.rejects, "taker's rejects");
            answers.addAll(maker.events());
            answers.addAll(taker.events());
            return answers;
        }
        finally
        {
            clients.close();
        }
    }

    /**
     * 150 bids on BTC-USD, then 120 on ETH-USD (so acceptance order is order id order on both kinds of node), then
     * the open orders page by page (more than one answer holds) and the balances.
     */
    private static List<String> runQueryScript(final ArbiterNode node) throws Exception
    {
        final ClientContext clients = ClientContext.builder().build();
        try
        {
            final Session maker = new Session("demo1");
            final ArbiterClient client = logon(clients, node, maker, "demo1");
            long clientOrderId = 0;
            for (int i = 0; i < 150; i++)
            {
                client.sendNewOrder(++clientOrderId, "BTC-USD", Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                    (50 + i % 7) * UNIT, 1, SelfTradePrevention.STP_NONE, 0);
            }
            for (int i = 0; i < 120; i++)
            {
                client.sendNewOrder(++clientOrderId, "ETH-USD", Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                    (20 + i % 5) * UNIT, 2, SelfTradePrevention.STP_NONE, 0);
            }
            client.flush();
            await(() -> maker.orderIds.size() == 270, "270 bids acknowledged " + maker);
            client.sendOpenOrdersRequest(100, "", 0);
            client.flush();
            await(() -> maker.ends == 1, "first page of open orders " + maker);
            Thread.sleep(150); // at most ten queries a second per session
            client.sendOpenOrdersRequest(101, "", maker.lastOpenOrderId);
            client.flush();
            await(() -> maker.ends == 2, "second page of open orders " + maker);
            Thread.sleep(150);
            client.sendBalanceRequest(102);
            client.flush();
            await(() -> maker.ends == 3, "balances " + maker);
            Thread.sleep(150);
            client.sendOpenOrdersRequest(103, "ETH-USD", 0);
            client.flush();
            await(() -> maker.ends == 4, "ETH-USD's open orders " + maker);
            assertEquals(List.of(), maker.rejects, "rejects");
            final List<String> answers = new ArrayList<>();
            for (final String event : maker.events())
            {
                if (!event.startsWith("demo1 update"))
                {
                    answers.add(event);
                }
            }
            return answers;
        }
        finally
        {
            clients.close();
        }
    }

    /**
     * POST a form to the node's admin API.
     *
     * @return the status and the answer's result (or error), without sequence numbers.
     */
    private static String post(final ArbiterNode node, final String path, final String form) throws Exception
    {
        // liveness bound: a deposit sent during an election waits for the new leader (a second or two)
        final HttpResponse<String> response = AdminHttp.postForm(node.adminPort(), path, form, 60_000);
        final String body = response.body();
        final String result = field(body, "result");
        if (result == null)
        {
            return response.statusCode() + " " + field(body, "error");
        }
        final String available = field(body, "available");
        return response.statusCode() + " " + result + (available == null ? "" :
            " available " + available + " held " + field(body, "held")) +
            (field(body, "reason") == null ? "" : " " + field(body, "reason"));
    }

    private static String field(final String json, final String name)
    {
        final String key = "\"" + name + "\":\"";
        final int start = json.indexOf(key);
        if (start < 0)
        {
            return null;
        }
        return json.substring(start + key.length(), json.indexOf('"', start + key.length()));
    }

    /**
     * What one session received, from its I/O thread: balance updates, answer pages, rejects.
     */
    static final class Session implements ClientListener
    {
        final Map<Long, Long> orderIds = new ConcurrentHashMap<>();
        final List<String> rejects = new ArrayList<>();
        private final String account;
        private final List<String> events = new ArrayList<>();
        private final Map<Long, Long> clientOrderIdsByOrderId = new ConcurrentHashMap<>();
        volatile int fills;
        volatile int ends;
        volatile long lastOpenOrderId;

        Session(final String account)
        {
            this.account = account;
        }

        @Override
        public void onAccepted(final ArbiterClient client, final long clientOrderId, final long orderId,
            final long clientTimestampNs, final int instrumentId, final long timestampNs)
        {
            clientOrderIdsByOrderId.put(orderId, clientOrderId);
            orderIds.put(clientOrderId, orderId);
        }

        @Override
        public synchronized void onFill(final ArbiterClient client, final long clientOrderId, final long orderId,
            final long tradeId, final long price, final long quantity, final long leavesQuantity,
            final Liquidity liquidity, final int instrumentId, final Side side, final long timestampNs)
        {
            events.add(account + " fill " + clientOrderId + " " + price + " " + quantity + " " + leavesQuantity + " " +
                liquidity);
            fills++;
        }

        @Override
        public synchronized void onRejected(final ArbiterClient client, final long clientOrderId,
            final RejectReason reason, final RequestType requestType, final long clientTimestampNs,
            final long timestampNs, final CharSequence text)
        {
            rejects.add(clientOrderId + " " + requestType + " " + reason + " " + text);
        }

        @Override
        public synchronized void onBalance(final ArbiterClient client, final CharSequence asset,
            final long available, final long held, final long timestampNs)
        {
            events.add(account + " update " + asset + " " + available + " " + held);
        }

        @Override
        public synchronized void onBalanceReport(final ArbiterClient client, final long requestId,
            final CharSequence asset, final long available, final long held)
        {
            events.add(account + " balance " + asset + " " + available + " " + held);
        }

        @Override
        public synchronized void onBalanceReportEnd(final ArbiterClient client, final long requestId)
        {
            events.add(account + " end balances");
            ends++;
        }

        @Override
        public synchronized void onOpenOrder(final ArbiterClient client, final long requestId, final long orderId,
            final long clientOrderId, final int instrumentId, final CharSequence symbol, final Side side,
            final OrderType orderType, final TimeInForce timeInForce, final long price,
            final long remainingQuantity, final SelfTradePrevention stp, final long stopPrice,
            final long displayQuantity, final long expireTimeMs)
        {
            assertEquals(orderIds.get(clientOrderId), orderId, "order id of " + clientOrderId);
            events.add(account + " open " + clientOrderId + " " + symbol + " " + price + " " + remainingQuantity);
            lastOpenOrderId = orderId;
        }

        @Override
        public synchronized void onOpenOrdersEnd(final ArbiterClient client, final long requestId, final boolean more)
        {
            events.add(account + " end open orders more=" + more);
            ends++;
        }

        synchronized List<String> events()
        {
            return new ArrayList<>(events);
        }

        @Override
        public synchronized String toString()
        {
            return account + ": " + orderIds.size() + " acknowledged, " + fills + " fills, " + ends + " answers, " +
                "rejects " + rejects + "; ";
        }
    }
}
