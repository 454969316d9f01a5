package io.arbiter.server.config;

import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.journal.RetentionPolicy;
import io.arbiter.server.overload.OverloadContext;
import io.arbiter.server.sequencer.WaitStrategyKind;
import io.arbiter.server.tracing.TracingContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Configuration of an {@link ArbiterNode}: ports, instruments, accounts, limits, socket options and threading.
 * Filled on the control plane (by {@code io.arbiter.server.config.ServerConfigLoader} or by hand), then read by the
 * node at start; not thread safe while being filled. Each setting's configuration-file key is given in
 * {@link #KEYS}.
 */
public final class ServerContext
{
    /** Configuration-file key, default and meaning of every scalar setting, in file order. */
    public static final List<String[]> KEYS = List.of(
        new String[]{
            "server.port", "7001",
            "TCP port of the order gateway; 0 picks a free port"},
        new String[]{
            "server.bindAddress", "\"127.0.0.1\"",
            "address the gateway and admin server listen on (0.0.0.0 for every interface)"},
        new String[]{
            "admin.port", "7002",
            "HTTP port of /health and /ready; 0 picks a free port, -1 disables"},
        new String[]{
            "data.dir", "\"./data\"",
            "directory for the journal and snapshots"},
        new String[]{
            "journal.enabled", "true",
            "journal every sequenced command and recover from it at start"},
        new String[]{
            "journal.durability", "\"batch\"",
            "none, batch (fsync every batch before acknowledging) or interval (fsync at most every forceIntervalMs)"},
        new String[]{
            "journal.forceIntervalMs", "10",
            "longest time between forces under the interval policy"},
        new String[]{
            "journal.segmentSizeBytes", "256 << 20",
            "journal segment size; a segment rolls before it would exceed this"},
        new String[]{
            "journal.retention", "\"keep\"",
            "keep, delete or archive the segments covered by the oldest kept snapshot"},
        new String[]{
            "snapshot.intervalCommands", "1000000",
            "write a snapshot after this many journaled commands; 0 disables"},
        new String[]{
            "snapshot.intervalSeconds", "0",
            "write a snapshot when this many seconds have passed since the last one and commands arrived; 0 disables"},
        new String[]{
            "snapshot.keep", "2",
            "snapshots to keep (older ones are deleted after each snapshot)"},
        new String[]{
            "sequencer.ringSize", "1 << 16",
            "command ring slots, a power of two"},
        new String[]{
            "sequencer.waitStrategy", "WaitStrategyKind.BACKOFF",
            "how the matching thread waits on an empty ring"},
        new String[]{
            "engine.orderPoolSize", "1 << 16",
            "orders preallocated by the engine"},
        new String[]{
            "engine.levelPoolSize", "1 << 12",
            "price levels preallocated by the engine"},
        new String[]{
            "limits.maxFrameLength", "4096",
            "largest accepted frame body in bytes"},
        new String[]{
            "limits.maxConnections", "4096",
            "connections accepted at once over all addresses"},
        new String[]{
            "limits.maxConnectionsPerAddress", "4096",
            "connections accepted at once from one remote address"},
        new String[]{
            "limits.maxPendingLogons", "1024",
            "connections at once that have not logged on; a new one closes the oldest of them"},
        new String[]{
            "limits.maxPendingLogonsPerAddress", "512",
            "connections at once from one remote address that have not logged on; a new one closes the oldest of them"},
        new String[]{
            "limits.maxOpenOrdersPerAccount", "10000",
            "open orders one account may have"},
        new String[]{
            "session.heartbeatIntervalMs", "1000",
            "heartbeat interval offered to clients that do not ask for one"},
        new String[]{
            "session.idleTimeoutMs", "5000",
            "a connection that sends nothing for this long is closed (before and after logon)"},
        new String[]{
            "session.logonTimeoutMs", "5000",
            "a connection not logged on this long after it was accepted is closed"},
        new String[]{
            "session.cancelOnDisconnect", "true",
            "cancel a session's open orders when it ends"},
        new String[]{
            "session.egressBufferBytes", "1 << 16",
            "bytes of reports a session may have queued before it is closed as a slow consumer"},
        new String[]{
            "net.transport", "\"auto\"",
            "auto (epoll on Linux if available, else nio), epoll or nio"},
        new String[]{
            "net.ioThreads", "1",
            "Netty event loop threads of the gateway"},
        new String[]{
            "socket.tcpNoDelay", "true",
            "disable Nagle's algorithm"},
        new String[]{
            "socket.keepAlive", "true",
            "TCP keepalive probes on idle connections"},
        new String[]{
            "socket.keepIdleSeconds", "60",
            "idle seconds before the first keepalive probe (epoll only)"},
        new String[]{
            "socket.keepIntervalSeconds", "10",
            "seconds between keepalive probes (epoll only)"},
        new String[]{
            "socket.keepCount", "5",
            "unanswered probes before the connection is dropped (epoll only)"},
        new String[]{
            "socket.reuseAddress", "true",
            "SO_REUSEADDR on the listening socket"},
        new String[]{
            "socket.sendBufferBytes", "0",
            "SO_SNDBUF; 0 keeps the OS default"},
        new String[]{
            "socket.receiveBufferBytes", "0",
            "SO_RCVBUF; 0 keeps the OS default"},
        new String[]{
            "socket.writeBufferLowWaterMark", "32 * 1024",
            "a channel becomes writable again below this many queued bytes"},
        new String[]{
            "socket.writeBufferHighWaterMark", "256 * 1024",
            "a channel stops being writable above this many queued bytes"},
        new String[]{
            "shutdown.timeoutMs", "5000",
            "longest wait for in-flight commands to drain on shutdown"});

    private int port = 7001;
    private String bindAddress = "127.0.0.1";
    private int adminPort = 7002;
    private String dataDir = "./data";
    private boolean journalEnabled = true;
    private DurabilityPolicy journalDurability = DurabilityPolicy.BATCH;
    private int journalForceIntervalMs = 10;
    private long journalSegmentSizeBytes = 256L << 20;
    private RetentionPolicy journalRetention = RetentionPolicy.KEEP;
    private long snapshotIntervalCommands = 1_000_000;
    private int snapshotIntervalSeconds;
    private int snapshotsToKeep = 2;
    private int ringSize = 1 << 16;
    private WaitStrategyKind waitStrategy = WaitStrategyKind.BACKOFF;
    private int orderPoolSize = 1 << 16;
    private int levelPoolSize = 1 << 12;
    private int maxFrameLength = 4096;
    private int maxConnections = 4096;
    private int maxConnectionsPerAddress = 4096;
    private int maxPendingLogons = 1024;
    private int maxPendingLogonsPerAddress = 512;
    private int logonTimeoutMs = 5000;
    private int maxOpenOrdersPerAccount = 10000;
    private int heartbeatIntervalMs = 1000;
    private int idleTimeoutMs = 5000;
    private boolean cancelOnDisconnect = true;
    private int egressBufferBytes = 1 << 16;
    private String transport = "auto";
    private int ioThreads = 1;
    private boolean tcpNoDelay = true;
    private boolean keepAlive = true;
    private int keepIdleSeconds = 60;
    private int keepIntervalSeconds = 10;
    private int keepCount = 5;
    private boolean reuseAddress = true;
    private int sendBufferBytes = 0;
    private int receiveBufferBytes = 0;
    private int writeBufferLowWaterMark = 32 * 1024;
    private int writeBufferHighWaterMark = 256 * 1024;
    private int shutdownTimeoutMs = 5000;
    private boolean overloadEnabled = true;
    private boolean metricsEnabled = true;
    private final OverloadContext overload = new OverloadContext();
    private final TracingContext tracing = new TracingContext();
    private final List<InstrumentConfig> instruments = new ArrayList<>();
    private final List<AccountConfig> accounts = new ArrayList<>();

    /**
     * @return TCP port of the order gateway; 0 picks a free port (key {@code server.port}).
     */
    public int port()
    {
        return port;
    }

    /**
     * @param port TCP port of the order gateway; 0 picks a free port (key {@code server.port}).
     * @return this for fluent use.
     */
    public ServerContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @return address the gateway and admin server listen on (key {@code server.bindAddress}).
     */
    public String bindAddress()
    {
        return bindAddress;
    }

    /**
     * @param bindAddress address the gateway and admin server listen on (key {@code server.bindAddress}).
     * @return this for fluent use.
     */
    public ServerContext bindAddress(final String bindAddress)
    {
        this.bindAddress = bindAddress;
        return this;
    }

    /**
     * @return HTTP port of /health and /ready; 0 picks a free port, -1 disables (key {@code admin.port}).
     */
    public int adminPort()
    {
        return adminPort;
    }

    /**
     * @param adminPort HTTP port of /health and /ready; 0 picks a free port, -1 disables (key {@code admin.port}).
     * @return this for fluent use.
     */
    public ServerContext adminPort(final int adminPort)
    {
        this.adminPort = adminPort;
        return this;
    }

    /**
     * @return directory for the journal and snapshots (key {@code data.dir}).
     */
    public String dataDir()
    {
        return dataDir;
    }

    /**
     * @param dataDir directory for the journal and snapshots (key {@code data.dir}).
     * @return this for fluent use.
     */
    public ServerContext dataDir(final String dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    /**
     * @return journal every sequenced command and recover from it at start (key {@code journal.enabled}).
     */
    public boolean journalEnabled()
    {
        return journalEnabled;
    }

    /**
     * @param journalEnabled journal every sequenced command and recover from it at start (key {@code journal.enabled}).
     * @return this for fluent use.
     */
    public ServerContext journalEnabled(final boolean journalEnabled)
    {
        this.journalEnabled = journalEnabled;
        return this;
    }

    /**
     * @return when journal writes are forced to the device (key {@code journal.durability}).
     */
    public DurabilityPolicy journalDurability()
    {
        return journalDurability;
    }

    /**
     * @param journalDurability when journal writes are forced to the device (key {@code journal.durability}).
     * @return this for fluent use.
     */
    public ServerContext journalDurability(final DurabilityPolicy journalDurability)
    {
        this.journalDurability = journalDurability;
        return this;
    }

    /**
     * @return longest time between forces under the interval policy (key {@code journal.forceIntervalMs}).
     */
    public int journalForceIntervalMs()
    {
        return journalForceIntervalMs;
    }

    /**
     * @param journalForceIntervalMs longest time between forces under the interval policy
     *        (key {@code journal.forceIntervalMs}).
     * @return this for fluent use.
     */
    public ServerContext journalForceIntervalMs(final int journalForceIntervalMs)
    {
        this.journalForceIntervalMs = journalForceIntervalMs;
        return this;
    }

    /**
     * @return journal segment size in bytes (key {@code journal.segmentSizeBytes}).
     */
    public long journalSegmentSizeBytes()
    {
        return journalSegmentSizeBytes;
    }

    /**
     * @param journalSegmentSizeBytes journal segment size in bytes (key {@code journal.segmentSizeBytes}).
     * @return this for fluent use.
     */
    public ServerContext journalSegmentSizeBytes(final long journalSegmentSizeBytes)
    {
        this.journalSegmentSizeBytes = journalSegmentSizeBytes;
        return this;
    }

    /**
     * @return what happens to segments covered by the oldest kept snapshot (key {@code journal.retention}).
     */
    public RetentionPolicy journalRetention()
    {
        return journalRetention;
    }

    /**
     * @param journalRetention what happens to segments covered by the oldest kept snapshot
     *        (key {@code journal.retention}).
     * @return this for fluent use.
     */
    public ServerContext journalRetention(final RetentionPolicy journalRetention)
    {
        this.journalRetention = journalRetention;
        return this;
    }

    /**
     * @return journaled commands between snapshots, 0 for none (key {@code snapshot.intervalCommands}).
     */
    public long snapshotIntervalCommands()
    {
        return snapshotIntervalCommands;
    }

    /**
     * @param snapshotIntervalCommands journaled commands between snapshots, 0 for none
     *        (key {@code snapshot.intervalCommands}).
     * @return this for fluent use.
     */
    public ServerContext snapshotIntervalCommands(final long snapshotIntervalCommands)
    {
        this.snapshotIntervalCommands = snapshotIntervalCommands;
        return this;
    }

    /**
     * @return seconds between time-based snapshots, 0 for none (key {@code snapshot.intervalSeconds}).
     */
    public int snapshotIntervalSeconds()
    {
        return snapshotIntervalSeconds;
    }

    /**
     * @param snapshotIntervalSeconds seconds between time-based snapshots, 0 for none
     *        (key {@code snapshot.intervalSeconds}).
     * @return this for fluent use.
     */
    public ServerContext snapshotIntervalSeconds(final int snapshotIntervalSeconds)
    {
        this.snapshotIntervalSeconds = snapshotIntervalSeconds;
        return this;
    }

    /**
     * @return snapshots kept after each snapshot (key {@code snapshot.keep}).
     */
    public int snapshotsToKeep()
    {
        return snapshotsToKeep;
    }

    /**
     * @param snapshotsToKeep snapshots kept after each snapshot (key {@code snapshot.keep}).
     * @return this for fluent use.
     */
    public ServerContext snapshotsToKeep(final int snapshotsToKeep)
    {
        this.snapshotsToKeep = snapshotsToKeep;
        return this;
    }

    /**
     * @return command ring slots, a power of two (key {@code sequencer.ringSize}).
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @param ringSize command ring slots, a power of two (key {@code sequencer.ringSize}).
     * @return this for fluent use.
     */
    public ServerContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * @return how the matching thread waits on an empty ring (key {@code sequencer.waitStrategy}).
     */
    public WaitStrategyKind waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @param waitStrategy how the matching thread waits on an empty ring (key {@code sequencer.waitStrategy}).
     * @return this for fluent use.
     */
    public ServerContext waitStrategy(final WaitStrategyKind waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    /**
     * @return orders preallocated by the engine (key {@code engine.orderPoolSize}).
     */
    public int orderPoolSize()
    {
        return orderPoolSize;
    }

    /**
     * @param orderPoolSize orders preallocated by the engine (key {@code engine.orderPoolSize}).
     * @return this for fluent use.
     */
    public ServerContext orderPoolSize(final int orderPoolSize)
    {
        this.orderPoolSize = orderPoolSize;
        return this;
    }

    /**
     * @return price levels preallocated by the engine (key {@code engine.levelPoolSize}).
     */
    public int levelPoolSize()
    {
        return levelPoolSize;
    }

    /**
     * @param levelPoolSize price levels preallocated by the engine (key {@code engine.levelPoolSize}).
     * @return this for fluent use.
     */
    public ServerContext levelPoolSize(final int levelPoolSize)
    {
        this.levelPoolSize = levelPoolSize;
        return this;
    }

    /**
     * @return largest accepted frame body in bytes (key {@code limits.maxFrameLength}).
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * @param maxFrameLength largest accepted frame body in bytes (key {@code limits.maxFrameLength}).
     * @return this for fluent use.
     */
    public ServerContext maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /**
     * @return connections accepted at once over all addresses (key {@code limits.maxConnections}).
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    /**
     * @param maxConnections connections accepted at once over all addresses (key {@code limits.maxConnections}).
     * @return this for fluent use.
     */
    public ServerContext maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /**
     * @return connections accepted at once from one remote address (key {@code limits.maxConnectionsPerAddress}).
     */
    public int maxConnectionsPerAddress()
    {
        return maxConnectionsPerAddress;
    }

    /**
     * @param maxConnectionsPerAddress connections accepted at once from one remote address (key {@code
     *   limits.maxConnectionsPerAddress}).
     * @return this for fluent use.
     */
    public ServerContext maxConnectionsPerAddress(final int maxConnectionsPerAddress)
    {
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        return this;
    }

    /**
     * @return open orders one account may have (key {@code limits.maxOpenOrdersPerAccount}).
     */
    public int maxOpenOrdersPerAccount()
    {
        return maxOpenOrdersPerAccount;
    }

    /**
     * @param maxOpenOrdersPerAccount open orders one account may have (key {@code limits.maxOpenOrdersPerAccount}).
     * @return this for fluent use.
     */
    public ServerContext maxOpenOrdersPerAccount(final int maxOpenOrdersPerAccount)
    {
        this.maxOpenOrdersPerAccount = maxOpenOrdersPerAccount;
        return this;
    }

    /**
     * @return connections at once that have not logged on; a new one closes the oldest of them (key {@code
     *   limits.maxPendingLogons}).
     */
    public int maxPendingLogons()
    {
        return maxPendingLogons;
    }

    /**
     * @param maxPendingLogons connections at once that have not logged on; a new one closes the oldest of them (key
     *   {@code limits.maxPendingLogons}).
     * @return this for fluent use.
     */
    public ServerContext maxPendingLogons(final int maxPendingLogons)
    {
        this.maxPendingLogons = maxPendingLogons;
        return this;
    }

    /**
     * @return connections at once from one remote address that have not logged on; a new one closes the oldest of them (key {@code
     *   limits.maxPendingLogonsPerAddress}).
     */
    public int maxPendingLogonsPerAddress()
    {
        return maxPendingLogonsPerAddress;
    }

    /**
     * @param maxPendingLogonsPerAddress connections at once from one remote address that have not logged on; a new one
     *   closes the oldest of them (key {@code limits.maxPendingLogonsPerAddress}).
     * @return this for fluent use.
     */
    public ServerContext maxPendingLogonsPerAddress(final int maxPendingLogonsPerAddress)
    {
        this.maxPendingLogonsPerAddress = maxPendingLogonsPerAddress;
        return this;
    }

    /**
     * @return a connection not logged on this long after it was accepted is closed (key {@code
     *   session.logonTimeoutMs}).
     */
    public int logonTimeoutMs()
    {
        return logonTimeoutMs;
    }

    /**
     * @param logonTimeoutMs a connection not logged on this long after it was accepted is closed (key {@code
     *   session.logonTimeoutMs}).
     * @return this for fluent use.
     */
    public ServerContext logonTimeoutMs(final int logonTimeoutMs)
    {
        this.logonTimeoutMs = logonTimeoutMs;
        return this;
    }

    /**
     * @return heartbeat interval offered to clients that do not ask for one (key {@code session.heartbeatIntervalMs}).
     */
    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /**
     * @param heartbeatIntervalMs heartbeat interval offered to clients that do not ask for one (key {@code
     *   session.heartbeatIntervalMs}).
     * @return this for fluent use.
     */
    public ServerContext heartbeatIntervalMs(final int heartbeatIntervalMs)
    {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        return this;
    }

    /**
     * @return a connection that sends nothing for this long is closed (before and after logon) (key {@code
     *   session.idleTimeoutMs}).
     */
    public int idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    /**
     * @param idleTimeoutMs a connection that sends nothing for this long is closed (before and after logon) (key
     *   {@code session.idleTimeoutMs}).
     * @return this for fluent use.
     */
    public ServerContext idleTimeoutMs(final int idleTimeoutMs)
    {
        this.idleTimeoutMs = idleTimeoutMs;
        return this;
    }

    /**
     * @return cancel a session's open orders when it ends (key {@code session.cancelOnDisconnect}).
     */
    public boolean cancelOnDisconnect()
    {
        return cancelOnDisconnect;
    }

    /**
     * @param cancelOnDisconnect cancel a session's open orders when it ends (key {@code session.cancelOnDisconnect}).
     * @return this for fluent use.
     */
    public ServerContext cancelOnDisconnect(final boolean cancelOnDisconnect)
    {
        this.cancelOnDisconnect = cancelOnDisconnect;
        return this;
    }

    /**
     * @return bytes of reports a session may have queued before it is closed as a slow consumer (key {@code
     *   session.egressBufferBytes}).
     */
    public int egressBufferBytes()
    {
        return egressBufferBytes;
    }

    /**
     * @param egressBufferBytes bytes of reports a session may have queued before it is closed as a slow consumer
     *   (key {@code session.egressBufferBytes}).
     * @return this for fluent use.
     */
    public ServerContext egressBufferBytes(final int egressBufferBytes)
    {
        this.egressBufferBytes = egressBufferBytes;
        return this;
    }

    /**
     * @return auto (epoll on Linux if available, else nio), epoll or nio (key {@code net.transport}).
     */
    public String transport()
    {
        return transport;
    }

    /**
     * @param transport auto (epoll on Linux if available, else nio), epoll or nio (key {@code net.transport}).
     * @return this for fluent use.
     */
    public ServerContext transport(final String transport)
    {
        this.transport = transport;
        return this;
    }

    /**
     * @return Netty event loop threads of the gateway (key {@code net.ioThreads}).
     */
    public int ioThreads()
    {
        return ioThreads;
    }

    /**
     * @param ioThreads Netty event loop threads of the gateway (key {@code net.ioThreads}).
     * @return this for fluent use.
     */
    public ServerContext ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    /**
     * @return disable Nagle's algorithm (key {@code socket.tcpNoDelay}).
     */
    public boolean tcpNoDelay()
    {
        return tcpNoDelay;
    }

    /**
     * @param tcpNoDelay disable Nagle's algorithm (key {@code socket.tcpNoDelay}).
     * @return this for fluent use.
     */
    public ServerContext tcpNoDelay(final boolean tcpNoDelay)
    {
        this.tcpNoDelay = tcpNoDelay;
        return this;
    }

    /**
     * @return TCP keepalive probes on idle connections (key {@code socket.keepAlive}).
     */
    public boolean keepAlive()
    {
        return keepAlive;
    }

    /**
     * @param keepAlive TCP keepalive probes on idle connections (key {@code socket.keepAlive}).
     * @return this for fluent use.
     */
    public ServerContext keepAlive(final boolean keepAlive)
    {
        this.keepAlive = keepAlive;
        return this;
    }

    /**
     * @return idle seconds before the first keepalive probe (epoll only) (key {@code socket.keepIdleSeconds}).
     */
    public int keepIdleSeconds()
    {
        return keepIdleSeconds;
    }

    /**
     * @param keepIdleSeconds idle seconds before the first keepalive probe (epoll only) (key {@code
     *   socket.keepIdleSeconds}).
     * @return this for fluent use.
     */
    public ServerContext keepIdleSeconds(final int keepIdleSeconds)
    {
        this.keepIdleSeconds = keepIdleSeconds;
        return this;
    }

    /**
     * @return seconds between keepalive probes (epoll only) (key {@code socket.keepIntervalSeconds}).
     */
    public int keepIntervalSeconds()
    {
        return keepIntervalSeconds;
    }

    /**
     * @param keepIntervalSeconds seconds between keepalive probes (epoll only) (key {@code
     *   socket.keepIntervalSeconds}).
     * @return this for fluent use.
     */
    public ServerContext keepIntervalSeconds(final int keepIntervalSeconds)
    {
        this.keepIntervalSeconds = keepIntervalSeconds;
        return this;
    }

    /**
     * @return unanswered probes before the connection is dropped (epoll only) (key {@code socket.keepCount}).
     */
    public int keepCount()
    {
        return keepCount;
    }

    /**
     * @param keepCount unanswered probes before the connection is dropped (epoll only) (key {@code socket.keepCount}).
     * @return this for fluent use.
     */
    public ServerContext keepCount(final int keepCount)
    {
        this.keepCount = keepCount;
        return this;
    }

    /**
     * @return SO_REUSEADDR on the listening socket (key {@code socket.reuseAddress}).
     */
    public boolean reuseAddress()
    {
        return reuseAddress;
    }

    /**
     * @param reuseAddress SO_REUSEADDR on the listening socket (key {@code socket.reuseAddress}).
     * @return this for fluent use.
     */
    public ServerContext reuseAddress(final boolean reuseAddress)
    {
        this.reuseAddress = reuseAddress;
        return this;
    }

    /**
     * @return SO_SNDBUF; 0 keeps the OS default (key {@code socket.sendBufferBytes}).
     */
    public int sendBufferBytes()
    {
        return sendBufferBytes;
    }

    /**
     * @param sendBufferBytes SO_SNDBUF; 0 keeps the OS default (key {@code socket.sendBufferBytes}).
     * @return this for fluent use.
     */
    public ServerContext sendBufferBytes(final int sendBufferBytes)
    {
        this.sendBufferBytes = sendBufferBytes;
        return this;
    }

    /**
     * @return SO_RCVBUF; 0 keeps the OS default (key {@code socket.receiveBufferBytes}).
     */
    public int receiveBufferBytes()
    {
        return receiveBufferBytes;
    }

    /**
     * @param receiveBufferBytes SO_RCVBUF; 0 keeps the OS default (key {@code socket.receiveBufferBytes}).
     * @return this for fluent use.
     */
    public ServerContext receiveBufferBytes(final int receiveBufferBytes)
    {
        this.receiveBufferBytes = receiveBufferBytes;
        return this;
    }

    /**
     * @return a channel becomes writable again below this many queued bytes (key {@code
     *   socket.writeBufferLowWaterMark}).
     */
    public int writeBufferLowWaterMark()
    {
        return writeBufferLowWaterMark;
    }

    /**
     * @param writeBufferLowWaterMark a channel becomes writable again below this many queued bytes (key {@code
     *   socket.writeBufferLowWaterMark}).
     * @return this for fluent use.
     */
    public ServerContext writeBufferLowWaterMark(final int writeBufferLowWaterMark)
    {
        this.writeBufferLowWaterMark = writeBufferLowWaterMark;
        return this;
    }

    /**
     * @return a channel stops being writable above this many queued bytes (key {@code
     *   socket.writeBufferHighWaterMark}).
     */
    public int writeBufferHighWaterMark()
    {
        return writeBufferHighWaterMark;
    }

    /**
     * @param writeBufferHighWaterMark a channel stops being writable above this many queued bytes (key {@code
     *   socket.writeBufferHighWaterMark}).
     * @return this for fluent use.
     */
    public ServerContext writeBufferHighWaterMark(final int writeBufferHighWaterMark)
    {
        this.writeBufferHighWaterMark = writeBufferHighWaterMark;
        return this;
    }

    /**
     * @return longest wait for in-flight commands to drain on shutdown (key {@code shutdown.timeoutMs}).
     */
    public int shutdownTimeoutMs()
    {
        return shutdownTimeoutMs;
    }

    /**
     * @param shutdownTimeoutMs longest wait for in-flight commands to drain on shutdown (key {@code
     *   shutdown.timeoutMs}).
     * @return this for fluent use.
     */
    public ServerContext shutdownTimeoutMs(final int shutdownTimeoutMs)
    {
        this.shutdownTimeoutMs = shutdownTimeoutMs;
        return this;
    }

    /**
     * @return instruments in definition order (their engine ids are their indexes).
     */
    public List<InstrumentConfig> instruments()
    {
        return Collections.unmodifiableList(instruments);
    }

    /**
     * @param instrument to define after the ones already added.
     * @return this for fluent use.
     */
    public ServerContext addInstrument(final InstrumentConfig instrument)
    {
        instruments.add(instrument);
        return this;
    }

    /**
     * @return accounts allowed to log on.
     */
    public List<AccountConfig> accounts()
    {
        return Collections.unmodifiableList(accounts);
    }

    /**
     * @param account allowed to log on.
     * @return this for fluent use.
     */
    public ServerContext addAccount(final AccountConfig account)
    {
        accounts.add(account);
        return this;
    }

    /**
     * Drop every instrument (control plane).
     *
     * @return this for fluent use.
     */
    public ServerContext clearInstruments()
    {
        instruments.clear();
        return this;
    }

    /**
     * Drop every account (control plane).
     *
     * @return this for fluent use.
     */
    public ServerContext clearAccounts()
    {
        accounts.clear();
        return this;
    }

    /**
     * @return whether the gateway rate-limits new orders and the circuit breaker runs (key {@code overload.enabled}).
     */
    public boolean overloadEnabled()
    {
        return overloadEnabled;
    }

    /**
     * @param overloadEnabled whether the gateway rate-limits new orders and the circuit breaker runs.
     * @return this for fluent use.
     */
    public ServerContext overloadEnabled(final boolean overloadEnabled)
    {
        this.overloadEnabled = overloadEnabled;
        return this;
    }

    /**
     * @return whether the node keeps its metrics registry, counters and per-stage latency histograms and serves
     *     {@code /metrics} (key {@code metrics.enabled}, default true). Overload protection works either way.
     */
    public boolean metricsEnabled()
    {
        return metricsEnabled;
    }

    /**
     * @param metricsEnabled whether the node records metrics and serves {@code /metrics}.
     * @return this for fluent use.
     */
    public ServerContext metricsEnabled(final boolean metricsEnabled)
    {
        this.metricsEnabled = metricsEnabled;
        return this;
    }

    /**
     * @return overload protection settings (keys {@code overload.*}), changed in place on the control plane.
     */
    public OverloadContext overload()
    {
        return overload;
    }

    /**
     * @return tracing settings (keys {@code tracing.*}), changed in place on the control plane.
     */
    public TracingContext tracing()
    {
        return tracing;
    }
}
