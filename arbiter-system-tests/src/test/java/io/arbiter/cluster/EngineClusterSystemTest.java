package io.arbiter.cluster;

import io.arbiter.cluster.node.ClusterNode;
import io.arbiter.cluster.node.LocalCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three members in this JVM: replication, failover, catch-up and restart, each checked by the members' state hashes
 * and by the reports one gateway received. Liveness bounds are at least 10x a quiet run.
 */
@Tag("slow")
class EngineClusterSystemTest
{
    private static final long PRICE_UNIT = 100_000_000L;
    private static final long TIMEOUT_MS = 60_000;

    @Test
    void shouldReplicateCommandsToEveryMemberWithEqualStateHashes() throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(3, "BTC-USD", "ETH-USD"))
        {
            cluster.startAll();
            awaitLeader(cluster);
            try (TestGateway gateway = new TestGateway(cluster, 1).connect())
            {
                for (int i = 0; i < 100; i++)
                {
                    gateway.buy(7, (100 + i % 10) * PRICE_UNIT, 10);
                    gateway.sell(8, (200 + i % 10) * PRICE_UNIT, 10);
                }
                gateway.sell(9, 100 * PRICE_UNIT, 25);
                gateway.drain(TIMEOUT_MS);

                assertEquals(201, gateway.acceptedCount.size());
                assertTrue(gateway.trades >= 2, "the crossing sell traded: " + gateway.trades);
                awaitEqualState(cluster, 201);
                assertEquals(200 - 2, cluster.node(0).service().openOrders(), "25 lots filled 2 of the 10-lot bids");
            }
        }
    }

    @Test
    void shouldKeepEveryAcknowledgedOrderAndExecuteNoneTwiceAcrossRepeatedLeaderFailovers() throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(3, "BTC-USD", "ETH-USD"))
        {
            cluster.startAll();
            awaitLeader(cluster);
            try (TestGateway gateway = new TestGateway(cluster, 1).connect())
            {
                int submitted = 0;
                int crossingSells = 0;
                for (int kill = 0; kill < 3; kill++)
                {
                    submitted += submitUnderLoad(gateway, 300, submitted);
                    final ClusterNode leader = awaitLeader(cluster);
                    final int leaderId = leader.memberId();
                    // kill the leader while commands are in flight
                    submitted += submitUnderLoad(gateway, 0, submitted);
                    for (int i = 0; i < 50; i++)
                    {
                        gateway.buy(1000 + submitted, (100 + submitted % 50) * PRICE_UNIT, 1);
                        submitted++;
                    }
                    gateway.pump();
                    cluster.stop(leaderId);
                    for (int i = 0; i < 200; i++)
                    {
                        if (i % 10 == 0)
                        {
                            // a sell that crosses: it trades with exactly one resting 1-lot bid
                            gateway.sell(5, 100 * PRICE_UNIT, 1);
                            crossingSells++;
                        }
                        else
                        {
                            gateway.buy(1000 + submitted, (100 + submitted % 50) * PRICE_UNIT, 1);
                        }
                        submitted++;
                        gateway.pump();
                    }
                    gateway.drain(TIMEOUT_MS);
                    cluster.start(leaderId);
                }
                gateway.drain(TIMEOUT_MS);
                final int total = submitted;

                assertEquals(total, gateway.acceptedCount.size(), "every order acknowledged");
                gateway.acceptedCount.forEach((orderId, count) ->
                    assertEquals(1, count, "order " + orderId + " acknowledged once"));
                assertEquals(0, gateway.rejectedCount.size());
                assertTrue(gateway.gateway.resyncCount() >= 3, "a resync after each failover");
                awaitEqualState(cluster, total);
                assertEquals(2L * crossingSells, gateway.trades, "each crossing sell traded once (two parties)");
                assertEquals(total - 2 * crossingSells, cluster.node(0).service().openOrders(),
                    "every acknowledged bid rests on every member unless a sell took it, none twice");
            }
        }
    }

    @Test
    void shouldRecoverFromSnapshotAndLogAfterAFullRestart() throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(3, "BTC-USD", "ETH-USD"))
        {
            cluster.startAll();
            awaitLeader(cluster);
            final long hashBefore;
            try (TestGateway gateway = new TestGateway(cluster, 1).connect())
            {
                submitUnderLoad(gateway, 100, 0);
                gateway.drain(TIMEOUT_MS);
                assertTrue(cluster.snapshot(), "snapshot requested");
                gateway.buy(5, 90 * PRICE_UNIT, 3);
                gateway.sell(6, 300 * PRICE_UNIT, 3);
                gateway.drain(TIMEOUT_MS);
                awaitEqualState(cluster, 102);
                hashBefore = cluster.node(0).service().stateHash();
            }
            for (int i = 0; i < cluster.size(); i++)
            {
                cluster.stop(i);
            }
            cluster.startAll();
            awaitLeader(cluster);
            awaitEqualState(cluster, 102);
            assertEquals(hashBefore, cluster.node(1).service().stateHash(), "state rebuilt from snapshot and log");

            try (TestGateway restarted = new TestGateway(cluster, 1).connect())
            {
                assertEquals(102, restarted.gateway.appliedSequence(), "the cluster remembers the gateway's numbering");
                final long orderId = restarted.buy(5, 91 * PRICE_UNIT, 1);
                restarted.drain(TIMEOUT_MS);
                assertEquals(1, restarted.acceptedCount.get(orderId));
                awaitEqualState(cluster, 103);
            }
        }
    }

    /**
     * The engine's clock is the log's timestamp: a GTD order expires by the cluster's timer, at the same log position
     * on every member, with one EXPIRED report to its gateway.
     */
    @Test
    void shouldExpireAGtdOrderOnEveryMemberByTheClusterClock() throws Exception
    {
        try (LocalCluster cluster = new LocalCluster(3, "BTC-USD", "ETH-USD"))
        {
            cluster.startAll();
            awaitLeader(cluster);
            try (TestGateway gateway = new TestGateway(cluster, 1).connect())
            {
                // cluster time is the leader's epoch clock in milliseconds, the engine clock's unit (as on one node).
                // The GTD order is the last command: nothing but the cluster's timer can expire it. Its expiry is
                // far enough ahead (5 s) that a slow machine still applies it before it is due.
                final long gtc = gateway.buy(7, 99 * PRICE_UNIT, 1);
                final long expiryMs = System.currentTimeMillis() + 5_000;
                final long gtd = gateway.buyUntil(7, 100 * PRICE_UNIT, 1, expiryMs);
                gateway.drain(TIMEOUT_MS);
                assertEquals(1, gateway.acceptedCount.get(gtc));
                assertEquals(1, gateway.acceptedCount.get(gtd), "the GTD order was accepted before it expired");

                gateway.pumpUntil(() -> gateway.expiredCount.get(gtd) == 1, TIMEOUT_MS, "the GTD order's expiry");
                await(() ->
                {
                    for (int i = 0; i < cluster.size(); i++)
                    {
                        // both commands applied (read first: published after the hash, before the open orders)
                        // and then one order left: the expiry was applied too
                        if (cluster.node(i).service().appliedCommands() != 2 ||
                            cluster.node(i).service().openOrders() != 1)
                        {
                            return false;
                        }
                    }
                    return true;
                }, "the expiry on every member");
                for (int i = 1; i < cluster.size(); i++)
                {
                    assertEquals(cluster.node(0).service().stateHash(), cluster.node(i).service().stateHash(),
                        "state hash of member " + i);
                }
                assertEquals(0, gateway.expiredCount.get(gtc));
                assertEquals(1, gateway.expiredCount.size(), "one EXPIRED report, for the GTD order only");
            }
        }
    }

    private static int submitUnderLoad(final TestGateway gateway, final int count, final int from)
    {
        for (int i = 0; i < count; i++)
        {
            final int n = from + i;
            gateway.buy(1000 + n, (100 + n % 50) * PRICE_UNIT, 1);
            gateway.pump();
        }
        return count;
    }

    static ClusterNode awaitLeader(final LocalCluster cluster)
    {
        await(() -> cluster.leader() != null, "a leader; errors: " + cluster.errors());
        return cluster.leader();
    }

    static void awaitEqualState(final LocalCluster cluster, final long appliedCommands)
    {
        await(() ->
        {
            for (int i = 0; i < cluster.size(); i++)
            {
                final ClusterNode node = cluster.node(i);
                if (node == null || node.service().appliedCommands() != appliedCommands)
                {
                    return false;
                }
            }
            return true;
        }, "every member to apply " + appliedCommands + " commands");
        final long hash = cluster.node(0).service().stateHash();
        for (int i = 1; i < cluster.size(); i++)
        {
            assertEquals(hash, cluster.node(i).service().stateHash(), "state hash of member " + i);
        }
    }

    static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
