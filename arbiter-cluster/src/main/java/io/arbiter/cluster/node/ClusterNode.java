package io.arbiter.cluster.node;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.arbiter.cluster.service.EngineClusteredService;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * One running cluster member: a media driver, an archive and a consensus module ({@link ClusteredMediaDriver}) and a
 * service container running an {@link EngineClusteredService} (or, for the floor benchmark, another service).
 * {@link #close()} stops them all; the data directory
 * stays, so a member started again with the same configuration catches up from its archive, the snapshots and the
 * leader's log. Control plane; produces garbage.
 */
public final class ClusterNode implements AutoCloseable
{
    /** How long a start waits for a killed predecessor's mark files to go stale (Aeron's liveness timeout is 10 s). */
    static final long STALE_MARK_FILE_WAIT_MS = 30_000;

    private final ClusterNodeConfig config;
    private final EngineClusteredService service;
    private final ClusteredMediaDriver clusteredMediaDriver;
    private final ClusteredServiceContainer container;

    private ClusterNode(
        final ClusterNodeConfig config,
        final EngineClusteredService service,
        final ClusteredMediaDriver clusteredMediaDriver,
        final ClusteredServiceContainer container)
    {
        this.config = config;
        this.service = service;
        this.clusteredMediaDriver = clusteredMediaDriver;
        this.container = container;
    }

    /**
     * Start a member.
     *
     * @param config       the member's configuration.
     * @param errorHandler receives errors of every Aeron agent of the member.
     * @return the running member.
     */
    public static ClusterNode launch(final ClusterNodeConfig config, final ErrorHandler errorHandler)
    {
        return launch(config, errorHandler, null);
    }

    /**
     * Start a member running the given service instead of the engine, with the same Aeron settings (the floor
     * benchmark's echo service).
     *
     * @param config       the member's configuration (its service part is unused with another service).
     * @param errorHandler receives errors of every Aeron agent of the member.
     * @param service      the service to run, or null for the engine ({@link EngineClusteredService}).
     * @return the running member.
     */
    public static ClusterNode launch(
        final ClusterNodeConfig config, final ErrorHandler errorHandler, final ClusteredService service)
    {
        // a member started again soon after its process was killed finds the mark files (archive, consensus module,
        // service) of the dead process still fresh: Aeron refuses to start until their activity timestamp is older
        // than its liveness timeout (10 s), so wait for that rather than fail the restart
        final long deadlineMs = System.currentTimeMillis() + STALE_MARK_FILE_WAIT_MS;
        while (true)
        {
            try
            {
                return launchOnce(config, errorHandler, service);
            }
            catch (final IllegalStateException ex)
            {
                if (!isActiveMarkFile(ex) || System.currentTimeMillis() > deadlineMs)
                {
                    throw ex;
                }
            }
            try
            {
                Thread.sleep(500);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for a dead member's mark files to go stale", ex);
            }
        }
    }

    private static boolean isActiveMarkFile(final Throwable ex)
    {
        for (Throwable cause = ex; cause != null; cause = cause.getCause())
        {
            final String message = cause.getMessage();
            if (message != null && message.contains("active mark file detected"))
            {
                return true;
            }
        }
        return false;
    }

    private static ClusterNode launchOnce(
        final ClusterNodeConfig config, final ErrorHandler errorHandler, final ClusteredService otherService)
    {
        final int id = config.memberId();
        final ClusterMembers members = config.members();
        final String host = members.host(id);
        final String aeronDir = config.aeronDir();
        final File baseDir = config.memberDir().toFile();
        final File clusterDir = new File(baseDir, "cluster");

        final MediaDriver.Context driver = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errorHandler);

        final Archive.Context archive = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(new File(baseDir, "archive"))
            .controlChannel("aeron:udp?endpoint=" + members.endpoint(id, ClusterMembers.ARCHIVE_OFFSET))
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .recordingEventsEnabled(false)
            .archiveId(id)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .errorHandler(errorHandler);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(archive.localControlChannel())
            .controlRequestStreamId(archive.localControlStreamId())
            .controlResponseChannel(archive.localControlChannel())
            .aeronDirectoryName(aeronDir);

        final ConsensusModule.Context consensus = new ConsensusModule.Context()
            .clusterMemberId(id)
            .clusterMembers(members.consensusMembers())
            .clusterDir(clusterDir)
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .serviceCount(1)
            .ingressChannel("aeron:udp")
            .logChannel("aeron:udp?term-length=" + config.logTermLength())
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(config.leaderHeartbeatTimeoutMs()))
            .leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(config.leaderHeartbeatIntervalMs()))
            .electionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(config.electionTimeoutMs()))
            .startupCanvassTimeoutNs(TimeUnit.MILLISECONDS.toNanos(config.startupCanvassTimeoutMs()))
            .sessionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(config.sessionTimeoutMs()))
            .errorHandler(errorHandler);

        final EngineClusteredService service = otherService == null ?
            new EngineClusteredService(config.service()) : null;
        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .clusterDir(clusterDir)
            .clusteredService(otherService == null ? service : otherService)
            .serviceId(0)
            .errorHandler(errorHandler);

        ClusteredMediaDriver clusteredMediaDriver = null;
        try
        {
            clusteredMediaDriver = ClusteredMediaDriver.launch(driver, archive, consensus);
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(serviceContext);
            return new ClusterNode(config, service, clusteredMediaDriver, container);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(clusteredMediaDriver);
            throw ex;
        }
    }

    /**
     * @return this member's id.
     */
    public int memberId()
    {
        return config.memberId();
    }

    /**
     * @return the engine service of this member (its state hash and counters are readable from any thread); null
     *         when the member runs another service.
     */
    public EngineClusteredService service()
    {
        return service;
    }

    /**
     * @return this member's consensus module context (its role counter tells whether it leads).
     */
    public ConsensusModule.Context consensusContext()
    {
        return clusteredMediaDriver.consensusModule().context();
    }

    /**
     * @return true while this member's consensus module is the leader.
     */
    public boolean isLeader()
    {
        final AtomicCounter role = consensusContext().clusterNodeRoleCounter();
        return !role.isClosed() && role.get() == Cluster.Role.LEADER.code();
    }

    /**
     * Stop the member (service first, then consensus, archive and driver); its data directory stays.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(container, clusteredMediaDriver);
    }
}
