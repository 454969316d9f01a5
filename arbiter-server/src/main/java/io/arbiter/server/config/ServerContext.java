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
 * Configuration of an {@code io.arbiter.server.ArbiterNode}: the values of the scalar settings (one typed accessor
 * pair per row of {@link ServerSettings}, where each key, default, meaning and allowed range is written), plus the
 * instruments, the accounts and the overload and tracing sub-contexts. A new context holds the defaults of the table.
 * Filled on the control plane (by {@link ServerConfigLoader} or by hand with the fluent setters), checked by
 * {@link ServerSettings#validate(ServerContext)}, then read by the node at start; not thread safe while being filled.
 */
public final class ServerContext
{
    private int port;
    private String bindAddress;
    private int adminPort;
    private String dataDir;
    private boolean journalEnabled;
    private DurabilityPolicy journalDurability;
    private int journalForceIntervalMs;
    private long journalSegmentSizeBytes;
    private RetentionPolicy journalRetention;
    private long snapshotIntervalCommands;
    private int snapshotIntervalSeconds;
    private int snapshotsToKeep;
    private int ringSize;
    private WaitStrategyKind waitStrategy;
    private int orderPoolSize;
    private int levelPoolSize;
    private int maxFrameLength;
    private int maxConnections;
    private int maxConnectionsPerAddress;
    private int maxPendingLogons;
    private int maxPendingLogonsPerAddress;
    private int logonTimeoutMs;
    private int maxOpenOrdersPerAccount;
    private int heartbeatIntervalMs;
    private int idleTimeoutMs;
    private boolean cancelOnDisconnect;
    private int egressBufferBytes;
    private String transport;
    private int ioThreads;
    private boolean tcpNoDelay;
    private boolean keepAlive;
    private int keepIdleSeconds;
    private int keepIntervalSeconds;
    private int keepCount;
    private boolean reuseAddress;
    private int sendBufferBytes;
    private int receiveBufferBytes;
    private int writeBufferLowWaterMark;
    private int writeBufferHighWaterMark;
    private int shutdownTimeoutMs;
    private boolean overloadEnabled;
    private boolean metricsEnabled;
    private final OverloadContext overload = new OverloadContext();
    private final TracingContext tracing = new TracingContext();
    private final List<InstrumentConfig> instruments = new ArrayList<>();
    private final List<AccountConfig> accounts = new ArrayList<>();

    /**
     * A context holding the default of every setting ({@link ServerSettings}), with no instruments and no accounts.
     * Produces garbage.
     */
    public ServerContext()
    {
        ServerSettings.applyDefaults(this);
    }

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
     * @return connections at once that have not logged on (key {@code limits.maxPendingLogons}).
     */
    public int maxPendingLogons()
    {
        return maxPendingLogons;
    }

    /**
     * @param maxPendingLogons connections at once that have not logged on (key {@code limits.maxPendingLogons}).
     * @return this for fluent use.
     */
    public ServerContext maxPendingLogons(final int maxPendingLogons)
    {
        this.maxPendingLogons = maxPendingLogons;
        return this;
    }

    /**
     * @return connections at once from one remote address that have not logged on (key {@code
     *   limits.maxPendingLogonsPerAddress}).
     */
    public int maxPendingLogonsPerAddress()
    {
        return maxPendingLogonsPerAddress;
    }

    /**
     * @param maxPendingLogonsPerAddress connections at once from one remote address that have not logged on (key
     *   {@code limits.maxPendingLogonsPerAddress}).
     * @return this for fluent use.
     */
    public ServerContext maxPendingLogonsPerAddress(final int maxPendingLogonsPerAddress)
    {
        this.maxPendingLogonsPerAddress = maxPendingLogonsPerAddress;
        return this;
    }

    /**
     * @return a connection not logged on this long after it was accepted is closed, ms (key {@code
     *   session.logonTimeoutMs}).
     */
    public int logonTimeoutMs()
    {
        return logonTimeoutMs;
    }

    /**
     * @param logonTimeoutMs a connection not logged on this long after it was accepted is closed, ms (key {@code
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
