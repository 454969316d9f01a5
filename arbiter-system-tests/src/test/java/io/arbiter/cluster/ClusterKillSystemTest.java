package io.arbiter.cluster;

import io.aeron.Aeron;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.service.Cluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.gateway.ClusterGateway;
import io.arbiter.cluster.node.ClusterMembers;
import io.arbiter.cluster.node.LocalCluster;
import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three {@code arbiter cluster-node} processes from one configuration file; the leader's process is killed with
 * SIGKILL while orders are in flight, twice, and started again each time. Every order is acknowledged exactly once and
 * each crossing order trades exactly once. Liveness bounds are at least 10x a quiet run.
 */
@Tag("slow")
class ClusterKillSystemTest
{
    private static final long PRICE_UNIT = 100_000_000L;
    private static final long TIMEOUT_MS = 120_000;

    @TempDir
    Path dir;

    private final Long2LongHashMap accepted = new Long2LongHashMap(0);
    private final Command command = new Command();
    private long tradeReports;
    private long lastCheckMs;

    @Test
    void shouldLoseNoAcknowledgementAndRepeatNoExecutionWhenTheLeaderIsKilled() throws Exception
    {
        final ClusterMembers members = LocalCluster.freeMembers(3);
        final Path shm = Path.of("/dev/shm");
        final String aeronPrefix = (Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")))
            .resolve("arbiter-kill-" + Long.toHexString(ThreadLocalRandom.current().nextLong())).toString();
        final Path config = dir.resolve("cluster.properties");
        Files.writeString(config, "cluster.members=" + members + "\n" +
            "cluster.dataDir=data\n" +
            "cluster.aeronDir=" + aeronPrefix + "\n" +
            "cluster.leaderHeartbeatTimeoutMs=1000\n" +
            "cluster.startupCanvassTimeoutMs=3000\n" +
            "cluster.sessionTimeoutMs=5000\n" +
            "instrument.BTC-USD=0.01,1\n");
        final Process[] processes = new Process[3];
        final MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronPrefix + "-client")
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        try
        {
            for (int id = 0; id < 3; id++)
            {
                processes[id] = start(config, id);
            }
            final AeronCluster.Context context = new AeronCluster.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .ingressChannel("aeron:udp")
                .ingressEndpoints(members.ingressEndpoints())
                .egressChannel("aeron:udp?endpoint=" + LocalCluster.HOST + ":0")
                .messageTimeoutNs(TimeUnit.SECONDS.toNanos(60));
            try (ClusterGateway gateway = new ClusterGateway(1, 0, context, (shard, report) ->
            {
                if (report.kind() == EgressDescriptor.KIND_ACCEPTED)
                {
                    accepted.put(report.orderId(), accepted.get(report.orderId()) + 1);
                }
                else if (report.kind() == EgressDescriptor.KIND_TRADE)
                {
                    tradeReports++;
                }
            }, 1_000))
            {
                gateway.connect();
                int submitted = 0;
                int crossing = 0;
                for (int kill = 0; kill < 2; kill++)
                {
                    for (int i = 0; i < 100; i++)
                    {
                        submitted += buy(gateway, submitted);
                        pump(gateway);
                    }
                    pumpUntil(gateway, () -> gateway.appliedSequence() == gateway.lastSequence(), "a quiet point");
                    final int leader = gateway.leaderMemberId();
                    for (int i = 0; i < 30; i++)
                    {
                        submitted += buy(gateway, submitted);
                    }
                    pump(gateway);
                    processes[leader].destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    for (int i = 0; i < 100; i++)
                    {
                        if (i % 10 == 0)
                        {
                            gateway.submit(command.newOrder(0, 5, 0, Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                                100 * PRICE_UNIT, 1, SelfTradePrevention.NONE));
                            submitted++;
                            crossing++;
                        }
                        else
                        {
                            submitted += buy(gateway, submitted);
                        }
                        pump(gateway);
                    }
                    pumpUntil(gateway, () -> gateway.appliedSequence() == gateway.lastSequence(),
                        "every command applied by the new leader");
                    processes[leader] = start(config, leader);
                    // before the next kill the restarted member must have caught up (its election closed as a
                    // follower), or killing the leader would leave no majority
                    final String memberAeronDir = aeronPrefix + "-member-" + leader;
                    pumpUntil(gateway, () -> caughtUp(memberAeronDir), "member " + leader + " to catch up");
                }
                final int total = submitted;
                pumpUntil(gateway, () -> accepted.size() == total, "every acknowledgement");
                accepted.forEach((orderId, count) -> assertEquals(1, count, "order " + orderId + " acknowledged once"));
                assertEquals(2L * crossing, tradeReports, "each crossing sell traded exactly once (two parties)");
                assertTrue(gateway.resyncCount() >= 2, "a resync after each kill");
            }
        }
        finally
        {
            for (final Process process : processes)
            {
                if (process != null)
                {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
            CloseHelper.quietClose(driver);
            for (int id = 0; id < 3; id++)
            {
                IoUtil.delete(new File(aeronPrefix + "-member-" + id), true);
            }
        }
    }

    /**
     * @return true once the member's consensus module has closed its election as a follower (read from its counters).
     */
    private boolean caughtUp(final String aeronDir)
    {
        final long nowMs = System.currentTimeMillis();
        if (nowMs - lastCheckMs < 250 || !new File(aeronDir, "cnc.dat").exists())
        {
            return false;
        }
        lastCheckMs = nowMs;
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
            .driverTimeoutMs(2_000)))
        {
            final long[] election = {-1};
            final long[] role = {-1};
            final CountersReader counters = aeron.countersReader();
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                if (typeId == ConsensusModule.Configuration.ELECTION_STATE_TYPE_ID)
                {
                    election[0] = counters.getCounterValue(counterId);
                }
                else if (typeId == ConsensusModule.Configuration.CLUSTER_NODE_ROLE_TYPE_ID)
                {
                    role[0] = counters.getCounterValue(counterId);
                }
            });
            return election[0] == ElectionState.CLOSED.code() && role[0] == Cluster.Role.FOLLOWER.code();
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    private int buy(final ClusterGateway gateway, final int n)
    {
        gateway.submit(command.newOrder(0, 1000 + n, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            (100 + n % 50) * PRICE_UNIT, 1, SelfTradePrevention.NONE));
        return 1;
    }

    private static Process start(final Path config, final int id) throws IOException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            "io.arbiter.app.ArbiterMain", "cluster-node", "--id", Integer.toString(id),
            "--config", config.toString()));
        return new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(config.resolveSibling("member-" + id + ".log").toFile())
            .start();
    }

    private void printMemberLogs()
    {
        for (int id = 0; id < 3; id++)
        {
            final Path log = dir.resolve("member-" + id + ".log");
            try
            {
                System.out.println("---- member " + id + " log ----");
                System.out.println(Files.exists(log) ? Files.readString(log) : "(none)");
            }
            catch (final IOException ex)
            {
                System.out.println("member " + id + " log unreadable: " + ex);
            }
        }
    }

    private static void pump(final ClusterGateway gateway)
    {
        if (gateway.doWork(System.nanoTime()) == 0)
        {
            Thread.onSpinWait();
        }
    }

    private void pumpUntil(final ClusterGateway gateway, final BooleanSupplier condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                printMemberLogs();
                fail("timed out after " + TIMEOUT_MS + " ms waiting for " + what + "; applied " +
                    gateway.appliedSequence() + " of " + gateway.lastSequence() + " (leader " +
                    gateway.leaderMemberId() + ", resyncs " + gateway.resyncCount() + ", reconnects " +
                    gateway.reconnectCount() + ", ready " + gateway.ready() + ")");
            }
            pump(gateway);
        }
    }
}
