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
    private int marketDataPort;
    private int marketDataSubscriberBufferBytes;
    private int marketDataIoThreads;
    private int marketDataFanOutNanosPerSubscriber;
    private int fixPort;
    private String fixCompId;
    private String adminBindAddress;
    private String adminToken;
    private boolean tlsEnabled;
    private String tlsCertificateFile;
    private String tlsPrivateKeyFile;
    private String dataDir;
    private boolean journalEnabled;
    private DurabilityPolicy journalDurability;
    private int journalForceIntervalMs;
    private long journalSegmentSizeBytes;
    private long journalPreallocateBytes;
    private int journalWriterThreads;
    private RetentionPolicy journalRetention;
    private long snapshotIntervalCommands;
    private int snapshotIntervalSeconds;
    private int snapshotsToKeep;
    private int ringSize;
    private WaitStrategyKind waitStrategy;
    private boolean holdSignals;
    private int parkMicros;
    private int parkBlockAfterMicros;
    private int orderPoolSize;
    private int levelPoolSize;
    private int lookAhead;
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
    private long egressNodeBufferBytes = 256L * 1024 * 1024;
    private String transport;
    private int ioThreads;
    private int durablePollMicros;
    private int shutdownTimeoutMs;
    private boolean overloadEnabled;
    private boolean metricsEnabled;
    private final SocketContext socket = new SocketContext();
    private final ClusterClientContext cluster = new ClusterClientContext();
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
     * @return the value of {@code server.port} ({@link ServerSettings}).
     */
    public int port()
    {
        return port;
    }

    /**
     * @param port the value of {@code server.port} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @return the value of {@code server.bindAddress} ({@link ServerSettings}).
     */
    public String bindAddress()
    {
        return bindAddress;
    }

    /**
     * @param bindAddress the value of {@code server.bindAddress} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext bindAddress(final String bindAddress)
    {
        this.bindAddress = bindAddress;
        return this;
    }

    /**
     * @return address the admin HTTP server listens on (key {@code admin.bindAddress}).
     */
    public String adminBindAddress()
    {
        return adminBindAddress;
    }

    /**
     * @param adminBindAddress address the admin HTTP server listens on (key {@code admin.bindAddress}).
     * @return this for fluent use.
     */
    public ServerContext adminBindAddress(final String adminBindAddress)
    {
        this.adminBindAddress = adminBindAddress;
        return this;
    }

    /**
     * @return bearer token of mutating admin requests, empty when they are refused (key {@code admin.token}).
     */
    public String adminToken()
    {
        return adminToken;
    }

    /**
     * @param adminToken bearer token of mutating admin requests; empty refuses them (key {@code admin.token}).
     * @return this for fluent use.
     */
    public ServerContext adminToken(final String adminToken)
    {
        this.adminToken = adminToken;
        return this;
    }

    /**
     * @return true if order entry is served over TLS (key {@code tls.enabled}).
     */
    public boolean tlsEnabled()
    {
        return tlsEnabled;
    }

    /**
     * @param tlsEnabled serve order entry over TLS (key {@code tls.enabled}).
     * @return this for fluent use.
     */
    public ServerContext tlsEnabled(final boolean tlsEnabled)
    {
        this.tlsEnabled = tlsEnabled;
        return this;
    }

    /**
     * @return PEM file of the server's certificate chain (key {@code tls.certificateFile}).
     */
    public String tlsCertificateFile()
    {
        return tlsCertificateFile;
    }

    /**
     * @param tlsCertificateFile PEM file of the server's certificate chain (key {@code tls.certificateFile}).
     * @return this for fluent use.
     */
    public ServerContext tlsCertificateFile(final String tlsCertificateFile)
    {
        this.tlsCertificateFile = tlsCertificateFile;
        return this;
    }

    /**
     * @return PEM file of the server's PKCS#8 private key (key {@code tls.privateKeyFile}).
     */
    public String tlsPrivateKeyFile()
    {
        return tlsPrivateKeyFile;
    }

    /**
     * @param tlsPrivateKeyFile PEM file of the server's PKCS#8 private key (key {@code tls.privateKeyFile}).
     * @return this for fluent use.
     */
    public ServerContext tlsPrivateKeyFile(final String tlsPrivateKeyFile)
    {
        this.tlsPrivateKeyFile = tlsPrivateKeyFile;
        return this;
    }

    /**
     * @return the value of {@code marketdata.port} ({@link ServerSettings}).
     */
    public int marketDataPort()
    {
        return marketDataPort;
    }

    /**
     * @param marketDataPort the value of {@code marketdata.port} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext marketDataPort(final int marketDataPort)
    {
        this.marketDataPort = marketDataPort;
        return this;
    }

    /**
     * @return the value of {@code marketdata.subscriberBufferBytes} ({@link ServerSettings}).
     */
    public int marketDataSubscriberBufferBytes()
    {
        return marketDataSubscriberBufferBytes;
    }

    /**
     * @param marketDataSubscriberBufferBytes the value of {@code marketdata.subscriberBufferBytes}
     *                                        ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext marketDataSubscriberBufferBytes(final int marketDataSubscriberBufferBytes)
    {
        this.marketDataSubscriberBufferBytes = marketDataSubscriberBufferBytes;
        return this;
    }

    /**
     * @return the value of {@code marketdata.ioThreads} ({@link ServerSettings}).
     */
    public int marketDataIoThreads()
    {
        return marketDataIoThreads;
    }

    /**
     * @param marketDataIoThreads the value of {@code marketdata.ioThreads} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext marketDataIoThreads(final int marketDataIoThreads)
    {
        this.marketDataIoThreads = marketDataIoThreads;
        return this;
    }

    /**
     * @return the value of {@code marketdata.fanOutNanosPerSubscriber} ({@link ServerSettings}).
     */
    public int marketDataFanOutNanosPerSubscriber()
    {
        return marketDataFanOutNanosPerSubscriber;
    }

    /**
     * @param marketDataFanOutNanosPerSubscriber the value of {@code marketdata.fanOutNanosPerSubscriber}
     *                                           ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext marketDataFanOutNanosPerSubscriber(final int marketDataFanOutNanosPerSubscriber)
    {
        this.marketDataFanOutNanosPerSubscriber = marketDataFanOutNanosPerSubscriber;
        return this;
    }

    /**
     * @return the value of {@code fix.port} ({@link ServerSettings}).
     */
    public int fixPort()
    {
        return fixPort;
    }

    /**
     * @param fixPort the value of {@code fix.port} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext fixPort(final int fixPort)
    {
        this.fixPort = fixPort;
        return this;
    }

    /**
     * @return the value of {@code fix.compId} ({@link ServerSettings}).
     */
    public String fixCompId()
    {
        return fixCompId;
    }

    /**
     * @param fixCompId the value of {@code fix.compId} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext fixCompId(final String fixCompId)
    {
        this.fixCompId = fixCompId;
        return this;
    }

    /**
     * @return the value of {@code admin.port} ({@link ServerSettings}).
     */
    public int adminPort()
    {
        return adminPort;
    }

    /**
     * @param adminPort the value of {@code admin.port} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext adminPort(final int adminPort)
    {
        this.adminPort = adminPort;
        return this;
    }

    /**
     * @return the value of {@code data.dir} ({@link ServerSettings}).
     */
    public String dataDir()
    {
        return dataDir;
    }

    /**
     * @param dataDir the value of {@code data.dir} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext dataDir(final String dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    /**
     * @return the value of {@code journal.enabled} ({@link ServerSettings}).
     */
    public boolean journalEnabled()
    {
        return journalEnabled;
    }

    /**
     * @param journalEnabled the value of {@code journal.enabled} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext journalEnabled(final boolean journalEnabled)
    {
        this.journalEnabled = journalEnabled;
        return this;
    }

    /**
     * @return the value of {@code journal.durability} ({@link ServerSettings}).
     */
    public DurabilityPolicy journalDurability()
    {
        return journalDurability;
    }

    /**
     * @param journalDurability the value of {@code journal.durability} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext journalDurability(final DurabilityPolicy journalDurability)
    {
        this.journalDurability = journalDurability;
        return this;
    }

    /**
     * @return the value of {@code journal.forceIntervalMs} ({@link ServerSettings}).
     */
    public int journalForceIntervalMs()
    {
        return journalForceIntervalMs;
    }

    /**
     * @param journalForceIntervalMs the value of {@code journal.forceIntervalMs} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext journalForceIntervalMs(final int journalForceIntervalMs)
    {
        this.journalForceIntervalMs = journalForceIntervalMs;
        return this;
    }

    /**
     * @return the value of {@code journal.segmentSizeBytes} ({@link ServerSettings}).
     */
    public long journalSegmentSizeBytes()
    {
        return journalSegmentSizeBytes;
    }

    /**
     * @param journalSegmentSizeBytes the value of {@code journal.segmentSizeBytes} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext journalSegmentSizeBytes(final long journalSegmentSizeBytes)
    {
        this.journalSegmentSizeBytes = journalSegmentSizeBytes;
        return this;
    }

    /**
     * @return the value of {@code journal.preallocateBytes} ({@link ServerSettings}).
     */
    public long journalPreallocateBytes()
    {
        return journalPreallocateBytes;
    }

    /**
     * @param journalPreallocateBytes the value of {@code journal.preallocateBytes} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext journalPreallocateBytes(final long journalPreallocateBytes)
    {
        this.journalPreallocateBytes = journalPreallocateBytes;
        return this;
    }

    /**
     * @return the value of {@code journal.writerThreads} ({@link ServerSettings}).
     */
    public int journalWriterThreads()
    {
        return journalWriterThreads;
    }

    /**
     * @param journalWriterThreads the value of {@code journal.writerThreads} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext journalWriterThreads(final int journalWriterThreads)
    {
        this.journalWriterThreads = journalWriterThreads;
        return this;
    }

    /**
     * @return the value of {@code journal.retention} ({@link ServerSettings}).
     */
    public RetentionPolicy journalRetention()
    {
        return journalRetention;
    }

    /**
     * @param journalRetention the value of {@code journal.retention} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext journalRetention(final RetentionPolicy journalRetention)
    {
        this.journalRetention = journalRetention;
        return this;
    }

    /**
     * @return the value of {@code snapshot.intervalCommands} ({@link ServerSettings}).
     */
    public long snapshotIntervalCommands()
    {
        return snapshotIntervalCommands;
    }

    /**
     * @param snapshotIntervalCommands the value of {@code snapshot.intervalCommands} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext snapshotIntervalCommands(final long snapshotIntervalCommands)
    {
        this.snapshotIntervalCommands = snapshotIntervalCommands;
        return this;
    }

    /**
     * @return the value of {@code snapshot.intervalSeconds} ({@link ServerSettings}).
     */
    public int snapshotIntervalSeconds()
    {
        return snapshotIntervalSeconds;
    }

    /**
     * @param snapshotIntervalSeconds the value of {@code snapshot.intervalSeconds} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext snapshotIntervalSeconds(final int snapshotIntervalSeconds)
    {
        this.snapshotIntervalSeconds = snapshotIntervalSeconds;
        return this;
    }

    /**
     * @return the value of {@code snapshot.keep} ({@link ServerSettings}).
     */
    public int snapshotsToKeep()
    {
        return snapshotsToKeep;
    }

    /**
     * @param snapshotsToKeep the value of {@code snapshot.keep} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext snapshotsToKeep(final int snapshotsToKeep)
    {
        this.snapshotsToKeep = snapshotsToKeep;
        return this;
    }

    /**
     * @return the value of {@code sequencer.ringSize} ({@link ServerSettings}).
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @param ringSize the value of {@code sequencer.ringSize} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * @return the value of {@code sequencer.waitStrategy} ({@link ServerSettings}).
     */
    public WaitStrategyKind waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @param waitStrategy the value of {@code sequencer.waitStrategy} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext waitStrategy(final WaitStrategyKind waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    /**
     * @return the value of {@code sequencer.holdSignals} ({@link ServerSettings}).
     */
    public boolean holdSignals()
    {
        return holdSignals;
    }

    /**
     * @param holdSignals the value of {@code sequencer.holdSignals} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext holdSignals(final boolean holdSignals)
    {
        this.holdSignals = holdSignals;
        return this;
    }

    /**
     * @return the value of {@code sequencer.parkMicros} ({@link ServerSettings}).
     */
    public int parkMicros()
    {
        return parkMicros;
    }

    /**
     * @param parkMicros the value of {@code sequencer.parkMicros} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext parkMicros(final int parkMicros)
    {
        this.parkMicros = parkMicros;
        return this;
    }

    /**
     * @return the value of {@code sequencer.parkBlockAfterMicros} ({@link ServerSettings}).
     */
    public int parkBlockAfterMicros()
    {
        return parkBlockAfterMicros;
    }

    /**
     * @param parkBlockAfterMicros the value of {@code sequencer.parkBlockAfterMicros} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext parkBlockAfterMicros(final int parkBlockAfterMicros)
    {
        this.parkBlockAfterMicros = parkBlockAfterMicros;
        return this;
    }

    /**
     * @return the value of {@code engine.orderPoolSize} ({@link ServerSettings}).
     */
    public int orderPoolSize()
    {
        return orderPoolSize;
    }

    /**
     * @param orderPoolSize the value of {@code engine.orderPoolSize} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext orderPoolSize(final int orderPoolSize)
    {
        this.orderPoolSize = orderPoolSize;
        return this;
    }

    /**
     * @return the value of {@code engine.levelPoolSize} ({@link ServerSettings}).
     */
    public int levelPoolSize()
    {
        return levelPoolSize;
    }

    /**
     * @param levelPoolSize the value of {@code engine.levelPoolSize} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext levelPoolSize(final int levelPoolSize)
    {
        this.levelPoolSize = levelPoolSize;
        return this;
    }

    /**
     * @return the value of {@code engine.lookAhead} ({@link ServerSettings}).
     */
    public int lookAhead()
    {
        return lookAhead;
    }

    /**
     * @param lookAhead the value of {@code engine.lookAhead} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext lookAhead(final int lookAhead)
    {
        this.lookAhead = lookAhead;
        return this;
    }

    /**
     * @return the value of {@code limits.maxFrameLength} ({@link ServerSettings}).
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * @param maxFrameLength the value of {@code limits.maxFrameLength} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /**
     * @return the value of {@code limits.maxConnections} ({@link ServerSettings}).
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    /**
     * @param maxConnections the value of {@code limits.maxConnections} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /**
     * @return the value of {@code limits.maxConnectionsPerAddress} ({@link ServerSettings}).
     */
    public int maxConnectionsPerAddress()
    {
        return maxConnectionsPerAddress;
    }

    /**
     * @param maxConnectionsPerAddress the value of {@code limits.maxConnectionsPerAddress} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext maxConnectionsPerAddress(final int maxConnectionsPerAddress)
    {
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        return this;
    }

    /**
     * @return the value of {@code limits.maxOpenOrdersPerAccount} ({@link ServerSettings}).
     */
    public int maxOpenOrdersPerAccount()
    {
        return maxOpenOrdersPerAccount;
    }

    /**
     * @param maxOpenOrdersPerAccount the value of {@code limits.maxOpenOrdersPerAccount} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext maxOpenOrdersPerAccount(final int maxOpenOrdersPerAccount)
    {
        this.maxOpenOrdersPerAccount = maxOpenOrdersPerAccount;
        return this;
    }

    /**
     * @return the value of {@code limits.maxPendingLogons} ({@link ServerSettings}).
     */
    public int maxPendingLogons()
    {
        return maxPendingLogons;
    }

    /**
     * @param maxPendingLogons the value of {@code limits.maxPendingLogons} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext maxPendingLogons(final int maxPendingLogons)
    {
        this.maxPendingLogons = maxPendingLogons;
        return this;
    }

    /**
     * @return the value of {@code limits.maxPendingLogonsPerAddress} ({@link ServerSettings}).
     */
    public int maxPendingLogonsPerAddress()
    {
        return maxPendingLogonsPerAddress;
    }

    /**
     * @param maxPendingLogonsPerAddress the value of {@code limits.maxPendingLogonsPerAddress}
     *     ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext maxPendingLogonsPerAddress(final int maxPendingLogonsPerAddress)
    {
        this.maxPendingLogonsPerAddress = maxPendingLogonsPerAddress;
        return this;
    }

    /**
     * @return the value of {@code session.logonTimeoutMs} ({@link ServerSettings}).
     */
    public int logonTimeoutMs()
    {
        return logonTimeoutMs;
    }

    /**
     * @param logonTimeoutMs the value of {@code session.logonTimeoutMs} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext logonTimeoutMs(final int logonTimeoutMs)
    {
        this.logonTimeoutMs = logonTimeoutMs;
        return this;
    }

    /**
     * @return the value of {@code session.heartbeatIntervalMs} ({@link ServerSettings}).
     */
    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /**
     * @param heartbeatIntervalMs the value of {@code session.heartbeatIntervalMs} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext heartbeatIntervalMs(final int heartbeatIntervalMs)
    {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        return this;
    }

    /**
     * @return the value of {@code session.idleTimeoutMs} ({@link ServerSettings}).
     */
    public int idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    /**
     * @param idleTimeoutMs the value of {@code session.idleTimeoutMs} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext idleTimeoutMs(final int idleTimeoutMs)
    {
        this.idleTimeoutMs = idleTimeoutMs;
        return this;
    }

    /**
     * @return the value of {@code session.cancelOnDisconnect} ({@link ServerSettings}).
     */
    public boolean cancelOnDisconnect()
    {
        return cancelOnDisconnect;
    }

    /**
     * @param cancelOnDisconnect the value of {@code session.cancelOnDisconnect} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext cancelOnDisconnect(final boolean cancelOnDisconnect)
    {
        this.cancelOnDisconnect = cancelOnDisconnect;
        return this;
    }

    /**
     * @return the value of {@code session.egressBufferBytes} ({@link ServerSettings}).
     */
    public int egressBufferBytes()
    {
        return egressBufferBytes;
    }

    /**
     * @param egressBufferBytes the value of {@code session.egressBufferBytes} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext egressBufferBytes(final int egressBufferBytes)
    {
        this.egressBufferBytes = egressBufferBytes;
        return this;
    }

    /**
     * @return the value of {@code session.egressNodeBufferBytes} ({@link ServerSettings}).
     */
    public long egressNodeBufferBytes()
    {
        return egressNodeBufferBytes;
    }

    /**
     * @param egressNodeBufferBytes the value of {@code session.egressNodeBufferBytes} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext egressNodeBufferBytes(final long egressNodeBufferBytes)
    {
        this.egressNodeBufferBytes = egressNodeBufferBytes;
        return this;
    }

    /**
     * @return the value of {@code net.transport} ({@link ServerSettings}).
     */
    public String transport()
    {
        return transport;
    }

    /**
     * @param transport the value of {@code net.transport} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext transport(final String transport)
    {
        this.transport = transport;
        return this;
    }

    /**
     * @return the value of {@code net.ioThreads} ({@link ServerSettings}).
     */
    public int ioThreads()
    {
        return ioThreads;
    }

    /**
     * @param ioThreads the value of {@code net.ioThreads} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    /**
     * @return the value of {@code net.durablePollMicros} ({@link ServerSettings}).
     */
    public int durablePollMicros()
    {
        return durablePollMicros;
    }

    /**
     * @param durablePollMicros the value of {@code net.durablePollMicros} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ServerContext durablePollMicros(final int durablePollMicros)
    {
        this.durablePollMicros = durablePollMicros;
        return this;
    }

    /**
     * @return the value of {@code shutdown.timeoutMs} ({@link ServerSettings}).
     */
    public int shutdownTimeoutMs()
    {
        return shutdownTimeoutMs;
    }

    /**
     * @param shutdownTimeoutMs the value of {@code shutdown.timeoutMs} ({@link ServerSettings}).
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
     * @return the value of {@code overload.enabled} ({@link ServerSettings}).
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
     * @return the value of {@code metrics.enabled} ({@link ServerSettings}).
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
     * @return socket options of the order gateway (keys {@code socket.*}), changed in place on the control plane.
     */
    public SocketContext socket()
    {
        return socket;
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

    /**
     * @return cluster mode settings (keys {@code cluster.*}), changed in place on the control plane.
     */
    public ClusterClientContext cluster()
    {
        return cluster;
    }
}
