package io.arbiter.app.server;

import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ConfigException;
import io.arbiter.server.config.ServerConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code arbiter server}: run one Arbiter node until the process is stopped (SIGINT/SIGTERM shut it down gracefully).
 * Configuration layers: the embedded default ({@code arbiter-default.properties}), then {@code --config FILE}, then
 * the flags. Main thread only.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run an Arbiter node: TCP order gateway (default port 7001), matching",
        "thread, admin HTTP (/health, /ready; default port 7002). Settings come",
        "from the embedded default configuration, then --config FILE (Java",
        "properties, same keys), then these flags. Ctrl-C shuts down gracefully.",
        ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = { "0:stopped normally", "1:could not start (message on stderr)", "2:bad configuration or usage" })
public final class ServerCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file applied on top of the embedded default (see arbiter-default.properties).")
    private Path config;

    @Option(names = "--instrument", paramLabel = "SYMBOL=TICK,LOT",
        description = "Define an instrument (repeatable); any use replaces the configured instruments.")
    private List<String> instruments;

    @Option(names = "--account", paramLabel = "NAME=SECRET",
        description = "Allow an account (repeatable); any use replaces the configured accounts.")
    private List<String> accounts;

    @Option(names = "--port", paramLabel = "VALUE",
        description = "TCP port of the order gateway; 0 picks a free port (key server.port; embedded default " +
            "7001).")
    private String port;

    @Option(names = "--bind-address", paramLabel = "VALUE",
        description = "Address the gateway and admin server listen on (key server.bindAddress; embedded default " +
            "0.0.0.0).")
    private String bindAddress;

    @Option(names = "--admin-port", paramLabel = "VALUE",
        description = "HTTP port of /health and /ready; 0 picks a free port, -1 disables (key admin.port; " +
            "embedded default 7002).")
    private String adminPort;

    @Option(names = "--data-dir", paramLabel = "VALUE",
        description = "Directory for the journal and snapshots (key data.dir; embedded default ./data).")
    private String dataDir;

    @Option(names = "--journal-enabled", paramLabel = "VALUE",
        description = "Journal every sequenced command and recover from it at start (key journal.enabled; " +
            "embedded default true).")
    private String journalEnabled;

    @Option(names = "--journal-durability", paramLabel = "VALUE",
        description = "none | batch | interval: batch fsyncs every batch before its replies leave, so an " +
            "acknowledgement survives power loss; none and interval may lose acknowledged orders on an " +
            "OS crash (key journal.durability; embedded default batch).")
    private String journalDurability;

    @Option(names = "--journal-force-interval-ms", paramLabel = "VALUE",
        description = "Longest time between forces under the interval policy (key journal.forceIntervalMs; " +
            "embedded default 10).")
    private String journalForceIntervalMs;

    @Option(names = "--journal-segment-size-bytes", paramLabel = "VALUE",
        description = "Journal segment size (key journal.segmentSizeBytes; embedded default 268435456).")
    private String journalSegmentSizeBytes;

    @Option(names = "--journal-retention", paramLabel = "VALUE",
        description = "keep | delete | archive the segments covered by the oldest kept snapshot (key " +
            "journal.retention; embedded default keep).")
    private String journalRetention;

    @Option(names = "--snapshot-interval-commands", paramLabel = "VALUE",
        description = "Snapshot after this many journaled commands, 0 for never (key snapshot.intervalCommands; " +
            "embedded default 1000000).")
    private String snapshotIntervalCommands;

    @Option(names = "--snapshot-interval-seconds", paramLabel = "VALUE",
        description = "Snapshot every this many seconds if commands arrived, 0 for never (key " +
            "snapshot.intervalSeconds; embedded default 0).")
    private String snapshotIntervalSeconds;

    @Option(names = "--snapshot-keep", paramLabel = "VALUE",
        description = "Snapshots to keep (key snapshot.keep; embedded default 2).")
    private String snapshotKeep;

    @Option(names = "--sequencer-ring-size", paramLabel = "VALUE",
        description = "Command ring slots, a power of two (key sequencer.ringSize; embedded default 1 << 16).")
    private String sequencerRingSize;

    @Option(names = "--sequencer-wait-strategy", paramLabel = "VALUE",
        description = "How the matching thread waits on an empty ring (key sequencer.waitStrategy; embedded " +
            "default WaitStrategyKind.BACKOFF).")
    private String sequencerWaitStrategy;

    @Option(names = "--engine-order-pool-size", paramLabel = "VALUE",
        description = "Orders preallocated by the engine (key engine.orderPoolSize; embedded default 1 << 16).")
    private String engineOrderPoolSize;

    @Option(names = "--engine-level-pool-size", paramLabel = "VALUE",
        description = "Price levels preallocated by the engine (key engine.levelPoolSize; embedded default 1 << " +
            "12).")
    private String engineLevelPoolSize;

    @Option(names = "--limits-max-frame-length", paramLabel = "VALUE",
        description = "Largest accepted frame body in bytes (key limits.maxFrameLength; embedded default 4096).")
    private String limitsMaxFrameLength;

    @Option(names = "--limits-max-connections", paramLabel = "VALUE",
        description = "Connections accepted at once over all addresses (key limits.maxConnections; embedded " +
            "default 1024).")
    private String limitsMaxConnections;

    @Option(names = "--limits-max-connections-per-address", paramLabel = "VALUE",
        description = "Connections accepted at once from one remote address (key " +
            "limits.maxConnectionsPerAddress; embedded default 64).")
    private String limitsMaxConnectionsPerAddress;

    @Option(names = "--limits-max-pending-logons", paramLabel = "VALUE",
        description = "Connections at once that have not logged on; a new one closes the oldest of them (key " +
            "limits.maxPendingLogons; embedded default 1024).")
    private String limitsMaxPendingLogons;

    @Option(names = "--limits-max-pending-logons-per-address", paramLabel = "VALUE",
        description = "Connections at once from one remote address that have not logged on; a new one closes the " +
            "oldest of them (key limits.maxPendingLogonsPerAddress; embedded default 512).")
    private String limitsMaxPendingLogonsPerAddress;

    @Option(names = "--limits-max-open-orders-per-account", paramLabel = "VALUE",
        description = "Open orders one account may have (key limits.maxOpenOrdersPerAccount; embedded default " +
            "10000).")
    private String limitsMaxOpenOrdersPerAccount;

    @Option(names = "--session-heartbeat-interval-ms", paramLabel = "VALUE",
        description = "Heartbeat interval offered to clients that do not ask for one (key " +
            "session.heartbeatIntervalMs; embedded default 1000).")
    private String sessionHeartbeatIntervalMs;

    @Option(names = "--session-idle-timeout-ms", paramLabel = "VALUE",
        description = "A connection that sends nothing for this long is closed (before and after logon) (key " +
            "session.idleTimeoutMs; embedded default 5000).")
    private String sessionIdleTimeoutMs;

    @Option(names = "--session-logon-timeout-ms", paramLabel = "VALUE",
        description = "A connection not logged on this long after it was accepted is closed (key " +
            "session.logonTimeoutMs; embedded default 5000).")
    private String sessionLogonTimeoutMs;

    @Option(names = "--session-cancel-on-disconnect", paramLabel = "VALUE",
        description = "Cancel a session's open orders when it ends (key session.cancelOnDisconnect; embedded " +
            "default true).")
    private String sessionCancelOnDisconnect;

    @Option(names = "--session-egress-buffer-bytes", paramLabel = "VALUE",
        description = "Bytes of reports a session may have queued before it is closed as a slow consumer (key " +
            "session.egressBufferBytes; embedded default 1 << 20).")
    private String sessionEgressBufferBytes;

    @Option(names = "--net-transport", paramLabel = "VALUE",
        description = "Auto (epoll on Linux if available, else nio), epoll or nio (key net.transport; embedded " +
            "default auto).")
    private String netTransport;

    @Option(names = "--net-io-threads", paramLabel = "VALUE",
        description = "Netty event loop threads of the gateway (key net.ioThreads; embedded default 1).")
    private String netIoThreads;

    @Option(names = "--socket-tcp-no-delay", paramLabel = "VALUE",
        description = "Disable Nagle's algorithm (key socket.tcpNoDelay; embedded default true).")
    private String socketTcpNoDelay;

    @Option(names = "--socket-keep-alive", paramLabel = "VALUE",
        description = "TCP keepalive probes on idle connections (key socket.keepAlive; embedded default true).")
    private String socketKeepAlive;

    @Option(names = "--socket-keep-idle-seconds", paramLabel = "VALUE",
        description = "Idle seconds before the first keepalive probe (epoll only) (key socket.keepIdleSeconds; " +
            "embedded default 60).")
    private String socketKeepIdleSeconds;

    @Option(names = "--socket-keep-interval-seconds", paramLabel = "VALUE",
        description = "Seconds between keepalive probes (epoll only) (key socket.keepIntervalSeconds; embedded " +
            "default 10).")
    private String socketKeepIntervalSeconds;

    @Option(names = "--socket-keep-count", paramLabel = "VALUE",
        description = "Unanswered probes before the connection is dropped (epoll only) (key socket.keepCount; " +
            "embedded default 5).")
    private String socketKeepCount;

    @Option(names = "--socket-reuse-address", paramLabel = "VALUE",
        description = "SO_REUSEADDR on the listening socket (key socket.reuseAddress; embedded default true).")
    private String socketReuseAddress;

    @Option(names = "--socket-send-buffer-bytes", paramLabel = "VALUE",
        description = "SO_SNDBUF; 0 keeps the OS default (key socket.sendBufferBytes; embedded default 0).")
    private String socketSendBufferBytes;

    @Option(names = "--socket-receive-buffer-bytes", paramLabel = "VALUE",
        description = "SO_RCVBUF; 0 keeps the OS default (key socket.receiveBufferBytes; embedded default 0).")
    private String socketReceiveBufferBytes;

    @Option(names = "--socket-write-buffer-low-water-mark", paramLabel = "VALUE",
        description = "A channel becomes writable again below this many queued bytes (key " +
            "socket.writeBufferLowWaterMark; embedded default 32 * 1024).")
    private String socketWriteBufferLowWaterMark;

    @Option(names = "--socket-write-buffer-high-water-mark", paramLabel = "VALUE",
        description = "A channel stops being writable above this many queued bytes (key " +
            "socket.writeBufferHighWaterMark; embedded default 256 * 1024).")
    private String socketWriteBufferHighWaterMark;

    @Option(names = "--shutdown-timeout-ms", paramLabel = "VALUE",
        description = "Longest wait for in-flight commands to drain on shutdown (key shutdown.timeoutMs; " +
            "embedded default 5000).")
    private String shutdownTimeoutMs;

    @Option(names = "--overload-enabled", paramLabel = "VALUE",
        description = "Rate-limit new orders at the gateway and run the circuit breaker (key " +
            "overload.enabled; true/false; embedded default true).")
    private String overloadEnabled;

    @Option(names = "--overload-limit-scope", paramLabel = "VALUE",
        description = "Budgets charged: session, account or both (key overload.limitScope; embedded " +
            "default session).")
    private String overloadLimitScope;

    @Option(names = "--overload-burst-capacity", paramLabel = "VALUE",
        description = "Orders a budget may send at once after idling (key overload.burstCapacity; " +
            "embedded default 50).")
    private String overloadBurstCapacity;

    @Option(names = "--overload-refill-rate-per-second", paramLabel = "VALUE",
        description = "Sustained new orders per second per budget (key overload.refillRatePerSecond; " +
            "embedded default 1000).")
    private String overloadRefillRatePerSecond;

    @Option(names = "--overload-drain-rate-per-second", paramLabel = "VALUE",
        description = "Highest release rate of one budget (key overload.drainRatePerSecond; >= refill; " +
            "embedded default 2000).")
    private String overloadDrainRatePerSecond;

    @Option(names = "--overload-max-queue-delay-ms", paramLabel = "VALUE",
        description = "How far ahead of its drain rate a budget may run, ms (key " +
            "overload.maxQueueDelayMs; embedded default 25).")
    private String overloadMaxQueueDelayMs;

    @Option(names = "--overload-window-ms", paramLabel = "VALUE",
        description = "Measurement window of the matching thread, ms (key overload.windowMs; embedded " +
            "default 100).")
    private String overloadWindowMs;

    @Option(names = "--overload-adaptive-delay-threshold-ms", paramLabel = "VALUE",
        description = "Queueing delay that makes a window bad, ms (key " +
            "overload.adaptiveDelayThresholdMs; embedded default 5).")
    private String overloadAdaptiveDelayThresholdMs;

    @Option(names = "--overload-adaptive-bad-windows", paramLabel = "VALUE",
        description = "Bad windows in a row that switch to leaky-only (key overload.adaptiveBadWindows; " +
            "embedded default 3).")
    private String overloadAdaptiveBadWindows;

    @Option(names = "--overload-adaptive-healthy-windows", paramLabel = "VALUE",
        description = "Healthy windows in a row that leave leaky-only (key " +
            "overload.adaptiveHealthyWindows; embedded default 3).")
    private String overloadAdaptiveHealthyWindows;

    @Option(names = "--overload-exhaustion-threshold-permille", paramLabel = "VALUE",
        description = "Budget use counted as exhausted, permille (key " +
            "overload.exhaustionThresholdPermille; embedded default 950).")
    private String overloadExhaustionThresholdPermille;

    @Option(names = "--overload-ring-high-watermark-permille", paramLabel = "VALUE",
        description = "Ring occupancy counted as high, permille (key " +
            "overload.ringHighWatermarkPermille; embedded default 800).")
    private String overloadRingHighWatermarkPermille;

    @Option(names = "--overload-sustain-ms", paramLabel = "VALUE",
        description = "Exhaustion or high ring lasting this long opens the breaker, ms (key " +
            "overload.sustainMs; embedded default 5000).")
    private String overloadSustainMs;

    @Option(names = "--overload-hard-delay-limit-ms", paramLabel = "VALUE",
        description = "Hard queueing-delay limit, ms (key overload.hardDelayLimitMs; embedded default " +
            "50).")
    private String overloadHardDelayLimitMs;

    @Option(names = "--overload-hard-delay-sustain-ms", paramLabel = "VALUE",
        description = "Delay above the hard limit this long opens the breaker, ms (key " +
            "overload.hardDelaySustainMs; embedded default 1000).")
    private String overloadHardDelaySustainMs;

    @Option(names = "--overload-cool-down-ms", paramLabel = "VALUE",
        description = "Time the breaker stays open before half-open, ms (key overload.coolDownMs; " +
            "embedded default 5000).")
    private String overloadCoolDownMs;

    @Option(names = "--overload-half-open-trickle-per-second", paramLabel = "VALUE",
        description = "Node-wide new orders per second while half-open (key " +
            "overload.halfOpenTricklePerSecond; embedded default 100).")
    private String overloadHalfOpenTricklePerSecond;

    @Option(names = "--overload-half-open-healthy-windows", paramLabel = "VALUE",
        description = "Healthy windows that close a half-open breaker (key " +
            "overload.halfOpenHealthyWindows; embedded default 3).")
    private String overloadHalfOpenHealthyWindows;

    @Option(names = "--metrics-enabled", paramLabel = "VALUE",
        description = "Record counters and per-stage latency histograms and serve /metrics; false = none of it " +
            "(/metrics answers 404), overload protection still works (key metrics.enabled; true/false; embedded " +
            "default true).")
    private String metricsEnabled;

    @Option(names = "--tracing-enabled", paramLabel = "VALUE",
        description = "Export OpenTelemetry spans for sampled and slow orders (key tracing.enabled; " +
            "true/false; embedded default false).")
    private String tracingEnabled;

    @Option(names = "--tracing-sample-every", paramLabel = "VALUE",
        description = "Trace 1 in N orders, 0 = none (key tracing.sampleEvery; embedded default 0).")
    private String tracingSampleEvery;

    @Option(names = "--tracing-slow-threshold-micros", paramLabel = "VALUE",
        description = "Orders slower than this are slow, microseconds; 0 = window p99.9 (key " +
            "tracing.slowThresholdMicros; embedded default 0).")
    private String tracingSlowThresholdMicros;

    @Option(names = "--tracing-slow-order-capture", paramLabel = "VALUE",
        description = "Keep slow orders for /debug/slow-orders (key tracing.slowOrderCapture; " +
            "true/false; embedded default true).")
    private String tracingSlowOrderCapture;

    @Option(names = "--tracing-slow-orders-kept", paramLabel = "VALUE",
        description = "Slow orders kept (key tracing.slowOrdersKept; embedded default 64).")
    private String tracingSlowOrdersKept;

    @Option(names = "--tracing-otlp-endpoint", paramLabel = "VALUE",
        description = "OTLP/HTTP traces endpoint; empty = log spans (key tracing.otlpEndpoint; embedded " +
            "default empty).")
    private String tracingOtlpEndpoint;

    @Option(names = "--tracing-service-name", paramLabel = "VALUE",
        description = "service.name of exported spans (key tracing.serviceName; embedded default " +
            "arbiter).")
    private String tracingServiceName;

    /**
     * Load the configuration, start the node and wait until the JVM shuts down.
     *
     * @return the exit code.
     * @throws InterruptedException if interrupted while waiting.
     */
    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter err = spec.commandLine().getErr();
        final PrintWriter out = spec.commandLine().getOut();
        final ServerContext context;
        try
        {
            context = loadContext();
        }
        catch (final ConfigException ex)
        {
            err.println("arbiter server: bad configuration: " + ex.getMessage());
            err.flush();
            return 2;
        }
        final ArbiterNode node = new ArbiterNode(context);
        try
        {
            node.start();
        }
        catch (final ConfigException ex)
        {
            err.println("arbiter server: bad configuration: " + ex.getMessage());
            err.flush();
            return 2;
        }
        catch (final RuntimeException ex)
        {
            err.println("arbiter server: cannot start: " + ex);
            err.flush();
            node.close();
            return 1;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        node.registerShutdownHook();
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "arbiter-stopped"));
        out.println("arbiter server: listening on " + context.bindAddress() + ":" + node.port() + " (" +
            node.transport().name().toLowerCase(java.util.Locale.ROOT) + "), admin on port " + node.adminPort() +
            ", " + context.instruments().size() + " instruments, " + context.accounts().size() + " accounts");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Produces garbage.
     *
     * @return the configuration from the embedded default, --config and the flags.
     * @throws ConfigException naming the flag or key at fault.
     */
    ServerContext loadContext()
    {
        final ServerConfigLoader loader = new ServerConfigLoader();
        final ServerContext context = loader.loadDefaults();
        if (config != null)
        {
            loader.applyFile(context, config);
        }
        final Properties overlay = new Properties();
        put(overlay, "server.port", port);
        put(overlay, "server.bindAddress", bindAddress);
        put(overlay, "admin.port", adminPort);
        put(overlay, "data.dir", dataDir);
        put(overlay, "sequencer.ringSize", sequencerRingSize);
        put(overlay, "sequencer.waitStrategy", sequencerWaitStrategy);
        put(overlay, "engine.orderPoolSize", engineOrderPoolSize);
        put(overlay, "engine.levelPoolSize", engineLevelPoolSize);
        put(overlay, "limits.maxFrameLength", limitsMaxFrameLength);
        put(overlay, "limits.maxConnections", limitsMaxConnections);
        put(overlay, "limits.maxConnectionsPerAddress", limitsMaxConnectionsPerAddress);
        put(overlay, "limits.maxPendingLogons", limitsMaxPendingLogons);
        put(overlay, "limits.maxPendingLogonsPerAddress", limitsMaxPendingLogonsPerAddress);
        put(overlay, "limits.maxOpenOrdersPerAccount", limitsMaxOpenOrdersPerAccount);
        put(overlay, "session.heartbeatIntervalMs", sessionHeartbeatIntervalMs);
        put(overlay, "session.idleTimeoutMs", sessionIdleTimeoutMs);
        put(overlay, "session.logonTimeoutMs", sessionLogonTimeoutMs);
        put(overlay, "session.cancelOnDisconnect", sessionCancelOnDisconnect);
        put(overlay, "session.egressBufferBytes", sessionEgressBufferBytes);
        put(overlay, "net.transport", netTransport);
        put(overlay, "net.ioThreads", netIoThreads);
        put(overlay, "socket.tcpNoDelay", socketTcpNoDelay);
        put(overlay, "socket.keepAlive", socketKeepAlive);
        put(overlay, "socket.keepIdleSeconds", socketKeepIdleSeconds);
        put(overlay, "socket.keepIntervalSeconds", socketKeepIntervalSeconds);
        put(overlay, "socket.keepCount", socketKeepCount);
        put(overlay, "socket.reuseAddress", socketReuseAddress);
        put(overlay, "socket.sendBufferBytes", socketSendBufferBytes);
        put(overlay, "socket.receiveBufferBytes", socketReceiveBufferBytes);
        put(overlay, "socket.writeBufferLowWaterMark", socketWriteBufferLowWaterMark);
        put(overlay, "socket.writeBufferHighWaterMark", socketWriteBufferHighWaterMark);
        put(overlay, "shutdown.timeoutMs", shutdownTimeoutMs);
        put(overlay, "overload.enabled", overloadEnabled);
        put(overlay, "overload.limitScope", overloadLimitScope);
        put(overlay, "overload.burstCapacity", overloadBurstCapacity);
        put(overlay, "overload.refillRatePerSecond", overloadRefillRatePerSecond);
        put(overlay, "overload.drainRatePerSecond", overloadDrainRatePerSecond);
        put(overlay, "overload.maxQueueDelayMs", overloadMaxQueueDelayMs);
        put(overlay, "overload.windowMs", overloadWindowMs);
        put(overlay, "overload.adaptiveDelayThresholdMs", overloadAdaptiveDelayThresholdMs);
        put(overlay, "overload.adaptiveBadWindows", overloadAdaptiveBadWindows);
        put(overlay, "overload.adaptiveHealthyWindows", overloadAdaptiveHealthyWindows);
        put(overlay, "overload.exhaustionThresholdPermille", overloadExhaustionThresholdPermille);
        put(overlay, "overload.ringHighWatermarkPermille", overloadRingHighWatermarkPermille);
        put(overlay, "overload.sustainMs", overloadSustainMs);
        put(overlay, "overload.hardDelayLimitMs", overloadHardDelayLimitMs);
        put(overlay, "overload.hardDelaySustainMs", overloadHardDelaySustainMs);
        put(overlay, "overload.coolDownMs", overloadCoolDownMs);
        put(overlay, "overload.halfOpenTricklePerSecond", overloadHalfOpenTricklePerSecond);
        put(overlay, "overload.halfOpenHealthyWindows", overloadHalfOpenHealthyWindows);
        put(overlay, "metrics.enabled", metricsEnabled);
        put(overlay, "tracing.enabled", tracingEnabled);
        put(overlay, "tracing.sampleEvery", tracingSampleEvery);
        put(overlay, "tracing.slowThresholdMicros", tracingSlowThresholdMicros);
        put(overlay, "tracing.slowOrderCapture", tracingSlowOrderCapture);
        put(overlay, "tracing.slowOrdersKept", tracingSlowOrdersKept);
        put(overlay, "tracing.otlpEndpoint", tracingOtlpEndpoint);
        put(overlay, "tracing.serviceName", tracingServiceName);
        put(overlay, "journal.enabled", journalEnabled);
        put(overlay, "journal.durability", journalDurability);
        put(overlay, "journal.forceIntervalMs", journalForceIntervalMs);
        put(overlay, "journal.segmentSizeBytes", journalSegmentSizeBytes);
        put(overlay, "journal.retention", journalRetention);
        put(overlay, "snapshot.intervalCommands", snapshotIntervalCommands);
        put(overlay, "snapshot.intervalSeconds", snapshotIntervalSeconds);
        put(overlay, "snapshot.keep", snapshotKeep);
        if (instruments != null)
        {
            for (final String instrument : instruments)
            {
                final String[] parts = split("--instrument", instrument);
                overlay.setProperty("instrument." + parts[0], parts[1]);
            }
        }
        if (accounts != null)
        {
            for (final String account : accounts)
            {
                final String[] parts = split("--account", account);
                overlay.setProperty("account." + parts[0] + ".secret", parts[1]);
            }
        }
        return loader.apply(context, overlay, "command line");
    }

    private static String[] split(final String flag, final String value)
    {
        final int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1)
        {
            throw new ConfigException("command line: " + flag + ": '" + value + "' is not NAME=VALUE");
        }
        return new String[]{value.substring(0, eq), value.substring(eq + 1)};
    }

    private static void put(final Properties overlay, final String key, final String value)
    {
        if (value != null)
        {
            overlay.setProperty(key, value);
        }
    }
}
