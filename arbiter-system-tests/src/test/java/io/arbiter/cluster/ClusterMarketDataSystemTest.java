package io.arbiter.cluster;

import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientContext;
import io.arbiter.client.MarketDataClient;
import io.arbiter.cluster.gateway.ReplicatedEngineClient;
import io.arbiter.cluster.node.LocalCluster;
import io.arbiter.marketdata.LevelBook;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.arbiter.cluster.ClusterServerSystemTest.logon;
import static io.arbiter.cluster.EngineClusterSystemTest.await;
import static io.arbiter.cluster.EngineClusterSystemTest.awaitLeader;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Market data of {@code arbiter server --cluster}: two nodes (gateways 1 and 2) in front of three members in this JVM,
 * each with its feed. The second node starts after orders rest and gets the book from the cluster; both feeds show the
 * trades and the book of orders placed through either node, and a leader killed between trades loses and repeats no
 * trade on either feed (its sequence numbers go on without a gap). Liveness bounds are at least 10x a quiet run.
 */
@Tag("slow")
class ClusterMarketDataSystemTest
{
    private static final long UNIT = 100_000_000L;
    private static final String SYMBOL = "BTC-USD";
    private static final int BIDS = 40;

    @TempDir
    Path dir;

    @Test
    void shouldPublishTheClustersTradesAndBookOnEveryNodesFeedThroughAFailover() throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(3, SYMBOL))
        {
            cluster.startAll();
            awaitLeader(cluster);
            final ArbiterNode first = startNode(ReplicatedEngineClient.local(cluster, 1, 500), "first");
            ArbiterNode second = null;
            final ClientContext clients = ClientContext.builder().build();
            final ClusterServerSystemTest.Reports makerReports = new ClusterServerSystemTest.Reports();
            final ClusterServerSystemTest.Reports takerReports = new ClusterServerSystemTest.Reports();
            final Feed firstFeed = new Feed();
            final Feed secondFeed = new Feed();
            final List<MarketDataClient> feeds = new ArrayList<>();
            try
            {
                feeds.add(subscribe(first, firstFeed));
                final ArbiterClient maker = logon(clients, first, makerReports, "demo1");
                for (int i = 1; i <= BIDS; i++)
                {
                    maker.sendNewOrder(i, SYMBOL, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, (100 + i % 4) * UNIT, 1,
                        SelfTradePrevention.STP_NONE, 0);
                }
                maker.flush();
                await(() -> makerReports.acknowledged() == BIDS, "the bids acknowledged; maker " + makerReports);
                await(() -> firstFeed.bidQuantity() == BIDS, "the first feed's book holds every bid: " + firstFeed);

                // a node that starts now asks the cluster for the book
                second = startNode(ReplicatedEngineClient.local(cluster, 2, 500), "second");
                feeds.add(subscribe(second, secondFeed));
                await(() -> secondFeed.bidQuantity() == BIDS, "the second feed's book from the cluster: " + secondFeed);

                final ArbiterClient taker = logon(clients, second, takerReports, "demo2");
                int sells = 0;
                for (int round = 0; round < 3; round++)
                {
                    if (round == 1)
                    {
                        cluster.stop(awaitLeader(cluster).memberId());
                    }
                    for (int i = 0; i < 8; i++)
                    {
                        // through the second node, and every fourth through the first
                        final ArbiterClient client = (i & 3) == 3 ? maker : taker;
                        client.sendNewOrder(1000 + ++sells, SYMBOL, Side.SELL, OrderType.LIMIT, TimeInForce.IOC,
                            100 * UNIT, 1, SelfTradePrevention.STP_NONE, 0);
                        client.flush();
                    }
                    final int sent = sells;
                    // two fills per trade: the maker's bid and the sell (a sell through the first node is the maker's
                    // own, which self-trade prevention NONE lets trade)
                    await(() -> makerReports.fills.size() + takerReports.fills.size() == 2 * sent,
                        "every sell filled; maker " + makerReports + ", taker " + takerReports);
                }
                final Set<Long> tradeIds = new HashSet<>();
                for (final long[] fill : makerReports.fills)
                {
                    tradeIds.add(fill[1]);
                }
                for (final long[] fill : takerReports.fills)
                {
                    tradeIds.add(fill[1]);
                }
                assertEquals(sells, tradeIds.size(), "one trade per sell");
                final int remaining = BIDS - sells;
                await(() -> firstFeed.trades.size() >= tradeIds.size() && secondFeed.trades.size() >= tradeIds.size(),
                    "every trade on both feeds: " + firstFeed + " / " + secondFeed);
                await(() -> firstFeed.bidQuantity() == remaining && secondFeed.bidQuantity() == remaining,
                    "both books without the taken bids: " + firstFeed + " / " + secondFeed);
                for (final Feed feed : List.of(firstFeed, secondFeed))
                {
                    assertEquals(new ArrayList<>(tradeIds).stream().sorted().toList(),
                        feed.trades.stream().sorted().toList(), "each trade once on the feed");
                    assertEquals(List.of(), new ArrayList<>(feed.gaps), "no sequence gap on the feed");
                }
                for (final MarketDataClient feed : feeds)
                {
                    assertEquals(0, feed.resyncs(), "no snapshot asked again");
                }
            }
            finally
            {
                feeds.forEach(MarketDataClient::close);
                clients.close();
                first.close();
                if (second != null)
                {
                    second.close();
                }
            }
            assertEquals(0, first.handlerErrors(), "matching handler threw");
        }
    }

    private ArbiterNode startNode(final ReplicatedEngineClient engine, final String name) throws InterruptedException
    {
        final ServerContext context = engine.applyTo(new ServerConfigLoader().loadDefaults().overloadEnabled(false)
            .port(0).marketDataPort(0).adminPort(-1).dataDir(dir.resolve(name).toString()));
        return new ArbiterNode(context).replicated(engine).start();
    }

    private static MarketDataClient subscribe(final ArbiterNode node, final Feed feed) throws InterruptedException
    {
        final MarketDataClient client = MarketDataClient.connect("127.0.0.1", node.marketDataPort(), feed);
        client.subscribe(List.of(SYMBOL), 0, false);
        return client;
    }

    /**
     * What one feed subscriber saw, from its I/O thread.
     */
    private static final class Feed implements MarketDataClient.Listener
    {
        final ConcurrentLinkedQueue<Long> trades = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> gaps = new ConcurrentLinkedQueue<>();
        private volatile long bids;

        long bidQuantity()
        {
            return bids;
        }

        @Override
        public void onBook(final String symbol, final LevelBook book, final long sequence, final boolean snapshot)
        {
            long total = 0;
            for (int rank = 0; rank < book.depth(io.arbiter.engine.Side.BUY); rank++)
            {
                total += book.quantity(io.arbiter.engine.Side.BUY, rank);
            }
            bids = total;
        }

        @Override
        public void onTrade(final String symbol, final long tradeId, final long price, final long quantity,
            final io.arbiter.engine.Side aggressorSide, final long timestampNs)
        {
            trades.add(tradeId);
        }

        @Override
        public void onGap(final String symbol, final long expected, final long received)
        {
            gaps.add(symbol + " expected " + expected + " received " + received);
        }

        @Override
        public String toString()
        {
            return "bids " + bids + ", " + trades.size() + " trades, gaps " + gaps;
        }
    }
}
