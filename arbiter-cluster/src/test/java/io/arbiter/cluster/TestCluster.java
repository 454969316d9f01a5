package io.arbiter.cluster;

import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.arbiter.cluster.node.ClusterMembers;
import io.arbiter.cluster.node.ClusterNode;
import io.arbiter.cluster.node.ClusterNodeConfig;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Three (or more) members in this JVM on loopback, with free UDP ports chosen at start, unique directories and short
 * timeouts, plus a media driver for gateways. Closing it stops everything and deletes the directories.
 */
final class TestCluster implements AutoCloseable
{
    static final String HOST = "127.0.0.1";

    private final ClusterMembers members;
    private final Path dataDir;
    private final String aeronPrefix;
    private final ClusterNode[] nodes;
    private final String[] symbols;
    private final MediaDriver clientDriver;
    final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

    TestCluster(final int memberCount) throws IOException
    {
        this(memberCount, "BTC-USD", "ETH-USD");
    }

    TestCluster(final int memberCount, final String... symbols) throws IOException
    {
        final String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.dataDir = Files.createTempDirectory("arbiter-cluster-test-");
        final Path shm = Path.of("/dev/shm");
        this.aeronPrefix = (Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")))
            .resolve("arbiter-test-" + suffix).toString();
        final List<String> hosts = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < memberCount; i++)
        {
            hosts.add(HOST);
            ports.add(freeBasePort(ports));
        }
        this.members = ClusterMembers.of(hosts, ports);
        this.symbols = symbols.clone();
        this.nodes = new ClusterNode[memberCount];
        this.clientDriver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronPrefix + "-client")
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errors::add));
    }

    /**
     * A base port whose five UDP ports are free now (bound and released), away from those already taken.
     */
    private static int freeBasePort(final List<Integer> taken) throws IOException
    {
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            final int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            boolean clash = false;
            for (final int other : taken)
            {
                clash |= Math.abs(other - base) < ClusterMembers.PORTS_PER_MEMBER;
            }
            if (!clash && allFree(base))
            {
                return base;
            }
        }
        throw new IOException("no free UDP port range found");
    }

    private static boolean allFree(final int base)
    {
        for (int i = 0; i < ClusterMembers.PORTS_PER_MEMBER; i++)
        {
            try (DatagramSocket socket =
                new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), base + i)))
            {
                socket.getLocalPort();
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        return true;
    }

    ClusterNodeConfig config(final int memberId)
    {
        final ClusterNodeConfig config = new ClusterNodeConfig()
            .members(members)
            .memberId(memberId)
            .dataDir(dataDir)
            .aeronDirPrefix(aeronPrefix)
            // short timeouts so that elections take well under a second, yet loose enough for a busy 2-core machine
            .timeouts(1_000, 50, 500, 2_000, 5_000);
        for (final String symbol : symbols)
        {
            config.service().instrument(symbol, 1_000_000L, 1);
        }
        return config;
    }

    void start(final int memberId)
    {
        nodes[memberId] = ClusterNode.launch(config(memberId), errors::add);
    }

    void startAll()
    {
        for (int i = 0; i < nodes.length; i++)
        {
            start(i);
        }
    }

    void stop(final int memberId)
    {
        CloseHelper.quietClose(nodes[memberId]);
        nodes[memberId] = null;
    }

    ClusterNode node(final int memberId)
    {
        return nodes[memberId];
    }

    int size()
    {
        return nodes.length;
    }

    /**
     * @return the member that leads now, or null.
     */
    ClusterNode leader()
    {
        for (final ClusterNode node : nodes)
        {
            if (node != null && node.isLeader())
            {
                return node;
            }
        }
        return null;
    }

    /**
     * Ask the leader to take a snapshot (through the consensus module's control toggle).
     *
     * @return true if the toggle was set.
     */
    boolean snapshot()
    {
        final ClusterNode leader = leader();
        return leader != null && ClusterControl.ToggleState.SNAPSHOT.toggle(
            leader.consensusContext().controlToggleCounter());
    }

    AeronCluster.Context clientContext()
    {
        return new AeronCluster.Context()
            .aeronDirectoryName(clientDriver.aeronDirectoryName())
            .ingressChannel("aeron:udp")
            .ingressEndpoints(members.ingressEndpoints())
            .egressChannel("aeron:udp?endpoint=" + HOST + ":0")
            .messageTimeoutNs(java.util.concurrent.TimeUnit.SECONDS.toNanos(5));
    }

    @Override
    public void close()
    {
        for (int i = nodes.length - 1; i >= 0; i--)
        {
            stop(i);
        }
        CloseHelper.quietClose(clientDriver);
        IoUtil.delete(dataDir.toFile(), true);
    }
}
