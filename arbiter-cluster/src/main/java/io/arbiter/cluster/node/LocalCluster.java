package io.arbiter.cluster.node;

import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.arbiter.server.config.InstrumentConfig;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A whole cluster in this JVM, for tests and benchmarks: members on loopback with UDP ports found free at start
 * (so parallel builds on one machine do not collide), data and Aeron directories with random suffixes, short
 * timeouts, and a media driver for gateways. Members can be stopped and started again one by one. Closing it stops
 * everything and deletes the data. Control plane; produces garbage; not thread safe.
 */
public final class LocalCluster implements AutoCloseable
{
    /** The loopback address every member binds. */
    public static final String HOST = "127.0.0.1";

    private final ClusterMembers members;
    private final Path dataDir;
    private final String aeronPrefix;
    private final ClusterNode[] nodes;
    private final List<InstrumentConfig> instruments;
    private final MediaDriver clientDriver;
    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private Supplier<? extends ClusteredService> services;

    /**
     * Prepare the members (none runs until {@link #start(int)} or {@link #startAll()}) and start the client driver.
     *
     * @param memberCount members of the cluster.
     * @param symbols     instruments of the fresh cluster (tick 0.01, lot 1), in id order.
     * @throws IOException if no free ports or no temporary directory can be had.
     */
    public LocalCluster(final int memberCount, final String... symbols) throws IOException
    {
        this(memberCount, definitions(symbols));
    }

    /**
     * Prepare the members (none runs until {@link #start(int)} or {@link #startAll()}) and start the client driver.
     *
     * @param memberCount members of the cluster.
     * @param instruments instruments of the fresh cluster, in id order.
     * @throws IOException if no free ports or no temporary directory can be had.
     */
    public LocalCluster(final int memberCount, final List<InstrumentConfig> instruments) throws IOException
    {
        final String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.dataDir = Files.createTempDirectory("arbiter-cluster-");
        final Path shm = Path.of("/dev/shm");
        this.aeronPrefix = (Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")))
            .resolve("arbiter-local-" + suffix).toString();
        this.members = freeMembers(memberCount);
        this.instruments = List.copyOf(instruments);
        this.nodes = new ClusterNode[memberCount];
        this.clientDriver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronPrefix + "-client")
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errors::add));
    }

    private static List<InstrumentConfig> definitions(final String... symbols)
    {
        final List<InstrumentConfig> definitions = new ArrayList<>();
        for (final String symbol : symbols)
        {
            definitions.add(new InstrumentConfig(symbol, 1_000_000L, 1));
        }
        return definitions;
    }

    /**
     * Members on loopback whose UDP ports are free now (bound and released), for tests that run members elsewhere.
     *
     * @param memberCount how many.
     * @return the members.
     * @throws IOException if no free port range is found.
     */
    public static ClusterMembers freeMembers(final int memberCount) throws IOException
    {
        final List<String> hosts = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < memberCount; i++)
        {
            hosts.add(HOST);
            ports.add(freeBasePort(ports));
        }
        return ClusterMembers.of(hosts, ports);
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

    /**
     * @param memberId a member.
     * @return its configuration: short timeouts (a second to detect a dead leader), loose enough for a busy machine.
     */
    public ClusterNodeConfig config(final int memberId)
    {
        final ClusterNodeConfig config = new ClusterNodeConfig()
            .members(members)
            .memberId(memberId)
            .dataDir(dataDir)
            .aeronDirPrefix(aeronPrefix)
            .timeouts(1_000, 50, 500, 2_000, 5_000);
        for (final InstrumentConfig instrument : instruments)
        {
            config.service().instrument(instrument);
        }
        return config;
    }

    /**
     * Run another service than the engine on every member started from now on (the floor benchmark's echo), with
     * the same Aeron settings.
     *
     * @param services makes one service per member start; null for the engine.
     * @return this.
     */
    public LocalCluster services(final Supplier<? extends ClusteredService> services)
    {
        this.services = services;
        return this;
    }

    /**
     * Start (or start again) one member.
     *
     * @param memberId the member.
     */
    public void start(final int memberId)
    {
        nodes[memberId] = ClusterNode.launch(config(memberId), errors::add, services == null ? null : services.get());
    }

    /**
     * Start every member.
     */
    public void startAll()
    {
        for (int i = 0; i < nodes.length; i++)
        {
            start(i);
        }
    }

    /**
     * Stop one member (its data stays).
     *
     * @param memberId the member.
     */
    public void stop(final int memberId)
    {
        CloseHelper.quietClose(nodes[memberId]);
        nodes[memberId] = null;
    }

    /**
     * @param memberId the member.
     * @return it, or null while stopped.
     */
    public ClusterNode node(final int memberId)
    {
        return nodes[memberId];
    }

    /**
     * @return number of members.
     */
    public int size()
    {
        return nodes.length;
    }

    /**
     * @return errors reported by the members' and the client driver's agents.
     */
    public ConcurrentLinkedQueue<Throwable> errors()
    {
        return errors;
    }

    /**
     * @return the member that leads now, or null.
     */
    public ClusterNode leader()
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
    public boolean snapshot()
    {
        final ClusterNode leader = leader();
        return leader != null && ClusterControl.ToggleState.SNAPSHOT.toggle(
            leader.consensusContext().controlToggleCounter());
    }

    /**
     * @return a client context for this cluster through the local client driver (each call a new one).
     */
    public AeronCluster.Context clientContext()
    {
        return new AeronCluster.Context()
            .aeronDirectoryName(clientDriver.aeronDirectoryName())
            .ingressChannel("aeron:udp")
            .ingressEndpoints(members.ingressEndpoints())
            .egressChannel("aeron:udp?endpoint=" + HOST + ":0")
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(5));
    }

    /**
     * Stop every member and the client driver, and delete the data.
     */
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
