package io.arbiter.cluster;

import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.ReportFlyweight;
import io.arbiter.cluster.gateway.ClusterGateway;
import io.arbiter.cluster.gateway.ShardMap;
import io.arbiter.cluster.gateway.ShardedGateway;
import io.arbiter.cluster.node.LocalCluster;
import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two shards (two clusters, one member each to spare the test machine), one gateway routing by symbol: orders reach
 * the shard of their symbol, reports of both come back through one listener, and a shard that is down leaves the other
 * trading. Liveness bounds are at least 10x a quiet run.
 */
@Tag("slow")
class ShardedGatewaySystemTest
{
    private static final long PRICE_UNIT = 100_000_000L;
    private static final long TIMEOUT_MS = 60_000;

    private final Long2LongHashMap acceptedByShard0 = new Long2LongHashMap(0);
    private final Long2LongHashMap acceptedByShard1 = new Long2LongHashMap(0);
    private final Command command = new Command();

    @Test
    void shouldRouteBySymbolAndKeepTradingWhenTheOtherShardIsDown() throws Exception
    {
        final ShardMap map = ShardMap.parse("BTC-USD=0,ETH-USD=1,SOL-USD=1");
        assertEquals(2, map.shardCount());
        assertEquals(1, map.instrumentId("SOL-USD"), "ids follow the sorted symbols of the shard");
        try (LocalCluster btc = new LocalCluster(1, "BTC-USD");
            LocalCluster eth = new LocalCluster(1, "ETH-USD", "SOL-USD"))
        {
            btc.startAll();
            eth.startAll();
            EngineClusterSystemTest.awaitLeader(btc);
            EngineClusterSystemTest.awaitLeader(eth);
            try (ShardedGateway gateway = new ShardedGateway(map,
                new ClusterGateway(1, 0, btc.clientContext(), this::onReport, 500),
                new ClusterGateway(1, 1, eth.clientContext(), this::onReport, 500)))
            {
                gateway.connect();
                final long btcOrder = gateway.submitNew("BTC-USD", buy(100));
                final long ethOrder = gateway.submitNew("ETH-USD", buy(200));
                final long solOrder = gateway.submitNew("SOL-USD", buy(300));
                assertTrue(gateway.submitNew("XRP-USD", buy(1)) < 0, "no shard trades XRP-USD");
                pumpUntil(gateway, () -> acceptedByShard0.size() == 1 && acceptedByShard1.size() == 2, "3 accepts");
                assertEquals(1, acceptedByShard0.get(btcOrder));
                assertEquals(1, acceptedByShard1.get(ethOrder));
                assertEquals(1, acceptedByShard1.get(solOrder));
                EngineClusterSystemTest.awaitEqualState(btc, 1);
                EngineClusterSystemTest.awaitEqualState(eth, 2);

                btc.stop(0);
                final long btcWhileDown = gateway.submitNew("BTC-USD", buy(101));
                final long[] ethWhileDown = new long[20];
                for (int i = 0; i < ethWhileDown.length; i++)
                {
                    ethWhileDown[i] = gateway.submitNew("ETH-USD", buy(201 + i));
                }
                pumpUntil(gateway, () -> acceptedByShard1.size() == 2 + ethWhileDown.length,
                    "the ETH shard to accept while the BTC shard is down");
                assertFalse(acceptedByShard0.containsKey(btcWhileDown), "the BTC shard is down");

                btc.start(0);
                EngineClusterSystemTest.awaitLeader(btc);
                pumpUntil(gateway, () -> acceptedByShard0.containsKey(btcWhileDown),
                    "the BTC order, resubmitted once its shard is back");
                assertEquals(1, acceptedByShard0.get(btcWhileDown));
                EngineClusterSystemTest.awaitEqualState(btc, 2);
                EngineClusterSystemTest.awaitEqualState(eth, 2 + ethWhileDown.length);
                assertEquals(2, btc.node(0).service().openOrders());
            }
        }
    }

    private Command buy(final long price)
    {
        return command.newOrder(0, 42, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, price * PRICE_UNIT, 1,
            SelfTradePrevention.NONE);
    }

    private void onReport(final int shard, final ReportFlyweight report)
    {
        if (report.kind() == EgressDescriptor.KIND_ACCEPTED)
        {
            final Long2LongHashMap accepted = shard == 0 ? acceptedByShard0 : acceptedByShard1;
            accepted.put(report.orderId(), accepted.get(report.orderId()) + 1);
        }
    }

    private static void pumpUntil(final ShardedGateway gateway, final BooleanSupplier condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            if (gateway.doWork(System.nanoTime()) == 0)
            {
                Thread.onSpinWait();
            }
        }
    }
}
