package io.arbiter.server.config;

import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.journal.RetentionPolicy;
import io.arbiter.server.overload.LimitScope;
import io.arbiter.server.overload.OverloadContext;
import io.arbiter.server.sequencer.SignalHoldingThread;
import io.arbiter.server.sequencer.WaitStrategyKind;
import io.arbiter.server.tracing.TracingContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static io.arbiter.server.config.SettingType.bool;
import static io.arbiter.server.config.SettingType.choice;
import static io.arbiter.server.config.SettingType.integer;
import static io.arbiter.server.config.SettingType.longInteger;
import static io.arbiter.server.config.SettingType.optionalHttpUrl;
import static io.arbiter.server.config.SettingType.powerOfTwo;
import static io.arbiter.server.config.SettingType.scaled;
import static io.arbiter.server.config.SettingType.text;
import static io.arbiter.server.config.SettingType.words;

/**
 * The table of every scalar setting of a node, in file order: one {@link Setting} row each (key, default,
 * description, type with its allowed values, and the {@link ServerContext} accessors). The defaults of a new
 * {@link ServerContext}, the loader, {@code arbiter-default.properties}, the options of {@code arbiter server} and
 * docs/configuration.md all come from here; {@link #validate(ServerContext)} checks every value and the rules between
 * settings. Instruments and accounts are lists, not rows: {@link ServerConfigLoader} reads them. Immutable; any
 * thread.
 */
public final class ServerSettings
{
    private static final long MS = 1_000_000L;
    private static final long MAX_MS = 86_400_000L;
    private static final int MAX_SIZE = 1 << 30;
    private static final Function<ServerContext, SocketContext> SOCKET = ServerContext::socket;
    private static final Function<ServerContext, OverloadContext> OVERLOAD = ServerContext::overload;
    private static final Function<ServerContext, TracingContext> TRACING = ServerContext::tracing;
    private static final Function<ServerContext, ClusterClientContext> CLUSTER = ServerContext::cluster;

    private static final List<Setting<?>> ROWS = new ArrayList<>();

    static
    {
        network();
        storage();
        engine();
        sessions();
        sockets();
        overload();
        observability();
        cluster();
    }

    private static final Map<String, Setting<?>> BY_KEY = index();

    private ServerSettings()
    {
    }

    private static void network()
    {
        row("server.port", "7001", "TCP port of the order gateway; 0 picks a free port.",
            integer(0, 65535), ServerContext::port, ServerContext::port);
        row("server.bindAddress", "127.0.0.1",
            "Address the order gateway and the admin server listen on: 127.0.0.1 serves this machine only, 0.0.0.0 " +
            "every interface (docs/configuration.md explains the default).",
            text(true), ServerContext::bindAddress, ServerContext::bindAddress);
        row("admin.port", "7002",
            "HTTP port of /health, /ready, /metrics and /debug/slow-orders; 0 picks a free port, -1 disables.",
            integer(-1, 65535), ServerContext::adminPort, ServerContext::adminPort);
        row("marketdata.port", "7003",
            "TCP port of the public market-data feed (book and trades, no logon; docs/market-data.md), bound on " +
            "server.bindAddress; 0 picks a free port, -1 disables the feed (the engine then reports no level " +
            "changes at all).",
            integer(-1, 65535), ServerContext::marketDataPort, ServerContext::marketDataPort);
        row("marketdata.subscriberBufferBytes", "1048576",
            "Bytes queued to a feed subscriber above which it gets no book updates and is owed a conflated " +
            "snapshot (its low water mark is a quarter of this); one that has more than four times this queued " +
            "beyond the low mark when a trade is due is closed with SLOW_CONSUMER (docs/market-data.md).",
            integer(4096, 64 * 1024 * 1024), ServerContext::marketDataSubscriberBufferBytes,
            ServerContext::marketDataSubscriberBufferBytes);
        row("marketdata.ioThreads", "1",
            "Netty event loop threads of the feed's subscriber connections (arbiter-md-io-*), apart from the " +
            "gateway's net.ioThreads so that writing to many subscribers never delays order entry's event loops.",
            integer(1, 1024), ServerContext::marketDataIoThreads, ServerContext::marketDataIoThreads);
        row("marketdata.fanOutNanosPerSubscriber", "250",
            "With 64 or more feed connections, the feed thread hands the messages of a batch to its subscribers at " +
            "most every this many ns per connection (250: every 250 us with 1,000), at most 10 ms apart: larger " +
            "values mean fewer, larger writes per subscriber and less CPU, for more market-data latency " +
            "(docs/market-data.md).",
            integer(0, 1_000_000), ServerContext::marketDataFanOutNanosPerSubscriber,
            ServerContext::marketDataFanOutNanosPerSubscriber);
        row("fix.port", "9878",
            "TCP port of the FIX 4.4 order-entry and market-data acceptor (docs/fix.md), bound on " +
            "server.bindAddress; 0 picks a free port, -1 disables it. Only a node started with the FIX module " +
            "(arbiter server) opens it.",
            integer(-1, 65535), ServerContext::fixPort, ServerContext::fixPort);
        row("fix.compId", "ARBITER",
            "The venue's CompID on FIX sessions (a client's TargetCompID); a client's SenderCompID is its account " +
            "name. Session stores live in data.dir/fix.",
            text(true), ServerContext::fixCompId, ServerContext::fixCompId);
        row("admin.bindAddress", "127.0.0.1",
            "Address the admin server listens on, loopback unless set (whatever server.bindAddress is); its " +
            "read-only endpoints need no credentials (docs/observability.md, \"Admin access\").",
            text(true), ServerContext::adminBindAddress, ServerContext::adminBindAddress);
        ROWS.add(new Setting<>("admin.token", "",
            "Bearer token that admin requests other than GET and HEAD (POST /admin/snapshot) must send as " +
            "'Authorization: Bearer <token>'; empty = they are refused with 403. Keep it in a --config file only " +
            "the operator can read (--print-config masks it).",
            text(false), ServerContext::adminToken, ServerContext::adminToken, true));
        row("tls.enabled", "false",
            "Serve order entry and the market-data feed over TLS (JDK provider); a plaintext client is then " +
            "disconnected. Needs " +
            "tls.certificateFile and tls.privateKeyFile.",
            bool(), ServerContext::tlsEnabled, ServerContext::tlsEnabled);
        row("tls.certificateFile", "", "PEM file with the server's certificate chain (leaf first).",
            text(false), ServerContext::tlsCertificateFile, ServerContext::tlsCertificateFile);
        row("tls.privateKeyFile", "", "PEM file with the server's unencrypted PKCS#8 private key.",
            text(false), ServerContext::tlsPrivateKeyFile, ServerContext::tlsPrivateKeyFile);
        row("net.transport", "auto", "auto = native epoll on Linux when available, else NIO; or force epoll or nio.",
            words("auto", "epoll", "nio"), ServerContext::transport, ServerContext::transport);
        row("net.ioThreads", "1", "Netty event loop threads of the gateway.",
            integer(1, 1024), ServerContext::ioThreads, ServerContext::ioThreads);
        row("net.durablePollMicros", "500",
            "Longest time, without progress, an event loop polls instead of sleeping while commands it published " +
            "wait for the journal's force (journal.durability=batch), µs: the reports then leave without waking " +
            "the loop, at the price of a busy core while forces are in flight; the loop sleeps for 20 ms instead " +
            "when it finds its core contended. 0 = always sleep. Measured on a 2-core machine: needed with a few " +
            "busy connections (at 300 k orders/s over 4 connections 0 raised the ack p50 1.6-4x), a cost with " +
            "thousands of quiet ones (2,000 connections at 20 k/s: p50 about a third lower with 0; " +
            "docs/benchmarks.md, sixteenth session).",
            integer(0, 1_000_000), ServerContext::durablePollMicros, ServerContext::durablePollMicros);
    }

    private static void storage()
    {
        row("data.dir", "./data", "Directory of the journal and snapshots.",
            text(true), ServerContext::dataDir, ServerContext::dataDir);
        row("journal.enabled", "true",
            "Journal every sequenced command before matching it and recover from it at start (docs/journal.md).",
            bool(), ServerContext::journalEnabled, ServerContext::journalEnabled);
        row("journal.durability", "batch",
            "When journal writes are forced to the device. none = page cache only: survives kill -9, not an OS " +
            "crash or power loss (acknowledgements may be lost). batch = fsync each batch before any reply of it " +
            "leaves: an acknowledgement means durable. interval = fsync at most every journal.forceIntervalMs: up " +
            "to one interval of acknowledgements may be lost on power loss.",
            choice(DurabilityPolicy.class), ServerContext::journalDurability, ServerContext::journalDurability);
        row("journal.forceIntervalMs", "10", "Longest time between forces under the interval policy, ms.",
            integer(1, 60_000), ServerContext::journalForceIntervalMs, ServerContext::journalForceIntervalMs);
        row("journal.segmentSizeBytes", "268435456",
            "Journal segment size in bytes; a segment rolls before it would exceed this.",
            longInteger(4096, 1L << 40), ServerContext::journalSegmentSizeBytes,
            ServerContext::journalSegmentSizeBytes);
        row("journal.preallocateBytes", "262144",
            "Under batch and interval, keep this many bytes of written zeros ahead of the journal's last record, " +
            "so that most forces write data only, not the file size (docs/journal.md); 0 = grow the file with each " +
            "write.",
            longInteger(0, 1L << 30), ServerContext::journalPreallocateBytes, ServerContext::journalPreallocateBytes);
        row("journal.writerThreads", "1",
            "Journal writer threads under batch. Each takes the commands waiting, writes them and forces them; with " +
            "2 or more, a group is written and its force started while the force before it still runs, so a " +
            "command waits for its own force, not also for the rest of the one in progress; on the two-core test " +
            "machine's disk two overlapping forces each took longer, so 1 (one force at a time) is the default " +
            "(docs/journal.md).",
            integer(1, 8), ServerContext::journalWriterThreads, ServerContext::journalWriterThreads);
        row("journal.retention", "keep",
            "What happens to segments wholly covered by the oldest kept snapshot: keep, delete or archive. Only " +
            "keep allows a full replay.",
            choice(RetentionPolicy.class), ServerContext::journalRetention, ServerContext::journalRetention);
        row("snapshot.intervalCommands", "1000000",
            "Snapshot after this many journaled commands; 0 = never. Snapshots are also taken on a clean shutdown " +
            "and on POST /admin/snapshot.",
            longInteger(0, Long.MAX_VALUE), ServerContext::snapshotIntervalCommands,
            ServerContext::snapshotIntervalCommands);
        row("snapshot.intervalSeconds", "0",
            "Snapshot when this many seconds have passed since the last one and commands arrived; 0 = never.",
            integer(0, 31_536_000), ServerContext::snapshotIntervalSeconds, ServerContext::snapshotIntervalSeconds);
        row("snapshot.keep", "2", "Snapshots kept; older ones are deleted after each snapshot.",
            integer(1, 1000), ServerContext::snapshotsToKeep, ServerContext::snapshotsToKeep);
    }

    private static void engine()
    {
        row("sequencer.ringSize", "65536", "Command ring slots. A full ring rejects new orders with BUSY.",
            powerOfTwo(2, MAX_SIZE), ServerContext::ringSize, ServerContext::ringSize);
        row("sequencer.waitStrategy", "lite-blocking",
            "How the matching thread waits on an empty ring. lite-blocking (block at once; a publisher signals only " +
            "while it sleeps) suits a shared machine: it wakes as fast as backoff (spin 10 µs, yield up to 1 ms, " +
            "then block) and takes no CPU while idle, where backoff's yielding kept a core busy at 10 k orders/s " +
            "(docs/benchmarks.md). busy-spin only on isolated cores. park (timed parks without publisher signals, " +
            "replies queued on the event loops without waking them; sequencer.parkMicros) trades up to one park of " +
            "latency for fewer wake-ups with many unbatched sessions at high rates, and costs extra wake-ups at low " +
            "rates; on a two-core machine it measured slower than lite-blocking at 2,000 connections (docs/" +
            "benchmarks.md, #21).",
            choice(WaitStrategyKind.class), ServerContext::waitStrategy, ServerContext::waitStrategy);
        row("sequencer.holdSignals", "true",
            "A gateway event loop publishes each command to the ring at once but signals a sleeping matching thread " +
            "once at the end of its I/O cycle (or after " + SignalHoldingThread.MAX_HELD_PUBLISHES + " commands), " +
            "not once per command: with many unbatched connections one cycle reads the commands of several, and " +
            "each signal can wake the matching thread (a system call on the event loop and a wake-up on the " +
            "matching thread). false signals at every publish (docs/architecture.md, \"Held ring signals\").",
            bool(), ServerContext::holdSignals, ServerContext::holdSignals);
        row("sequencer.parkMicros", "50",
            "With sequencer.waitStrategy=park: one timed park of the matching thread, µs (the kernel adds its timer " +
            "slack, about 50 µs on Linux). Commands that arrive meanwhile wait for its end and are matched as one " +
            "batch; publishers make no system call.",
            integer(1, 100_000), ServerContext::parkMicros, ServerContext::parkMicros);
        row("sequencer.parkBlockAfterMicros", "200",
            "With sequencer.waitStrategy=park: after this long without a command the matching thread blocks until a " +
            "publisher signals it (as lite-blocking), so an idle node stops waking; µs.",
            integer(0, 60_000_000), ServerContext::parkBlockAfterMicros, ServerContext::parkBlockAfterMicros);
        row("engine.orderPoolSize", "65536", "Orders preallocated by the engine.",
            integer(1, MAX_SIZE), ServerContext::orderPoolSize, ServerContext::orderPoolSize);
        row("engine.levelPoolSize", "4096", "Price levels preallocated by the engine.",
            integer(1, MAX_SIZE), ServerContext::levelPoolSize, ServerContext::levelPoolSize);
        row("engine.lookAhead", "0",
            "Before applying a command, the matching thread looks up the engine memory (order-id index slot, order, " +
            "queue neighbours, first maker) of the commands already published behind it, in stages this many " +
            "sequences apart, so that their cache misses overlap; it changes no event. 0 = off. Helps only when the " +
            "book is larger than the cache and commands arrive in batches; measure with bench pipeline --look-ahead " +
            "(docs/benchmarks.md).",
            integer(0, 1024), ServerContext::lookAhead, ServerContext::lookAhead);
        row("limits.maxFrameLength", "4096", "Largest accepted frame body in bytes.",
            integer(16, 1 << 24), ServerContext::maxFrameLength, ServerContext::maxFrameLength);
        row("limits.maxConnections", "4096", "Connections accepted at once over all addresses.",
            integer(1, 1_000_000), ServerContext::maxConnections, ServerContext::maxConnections);
        row("limits.maxConnectionsPerAddress", "4096",
            "Connections accepted at once from one remote address; at most limits.maxConnections.",
            integer(1, 1_000_000), ServerContext::maxConnectionsPerAddress, ServerContext::maxConnectionsPerAddress);
        row("limits.maxPendingLogons", "1024",
            "Connections at once that have not logged on yet. A new connection over this, or over " +
            "limits.maxConnections, closes the oldest connection not logged on and takes its slot.",
            integer(1, 1_000_000), ServerContext::maxPendingLogons, ServerContext::maxPendingLogons);
        row("limits.maxPendingLogonsPerAddress", "512",
            "Connections at once from one remote address that have not logged on yet. A new connection over this, " +
            "or over limits.maxConnectionsPerAddress, closes the oldest such connection of its address; at most " +
            "limits.maxPendingLogons.",
            integer(1, 1_000_000), ServerContext::maxPendingLogonsPerAddress,
            ServerContext::maxPendingLogonsPerAddress);
        row("limits.maxOpenOrdersPerAccount", "10000", "Open orders one account may have.",
            integer(1, MAX_SIZE), ServerContext::maxOpenOrdersPerAccount, ServerContext::maxOpenOrdersPerAccount);
    }

    private static void sessions()
    {
        row("session.heartbeatIntervalMs", "1000", "Heartbeat interval offered to clients that do not ask for one, ms.",
            integer(10, 3_600_000), ServerContext::heartbeatIntervalMs, ServerContext::heartbeatIntervalMs);
        row("session.idleTimeoutMs", "5000",
            "Close a connection that sends nothing (not even a heartbeat) for this long, before or after logon, " +
            "ms; above session.heartbeatIntervalMs.",
            integer(10, 3_600_000), ServerContext::idleTimeoutMs, ServerContext::idleTimeoutMs);
        row("session.logonTimeoutMs", "5000",
            "Close a connection that has not logged on this long after it was accepted, however many bytes it " +
            "sends, ms.",
            integer(10, 3_600_000), ServerContext::logonTimeoutMs, ServerContext::logonTimeoutMs);
        row("session.cancelOnDisconnect", "true", "Cancel a session's open orders when it ends.",
            bool(), ServerContext::cancelOnDisconnect, ServerContext::cancelOnDisconnect);
        row("session.egressBufferBytes", "8388608",
            "Most bytes of reports one session may have queued for its connection: the queue takes 16 KiB chunks " +
            "from a node-wide pool as it grows and gives them back as they are written, so an idle session holds " +
            "none; a session that needs more is closed as a slow consumer (docs/protocol.md \"Slow consumers\"). " +
            "Rounded up to whole chunks, at least 64 KiB.",
            integer(4096, MAX_SIZE), ServerContext::egressBufferBytes, ServerContext::egressBufferBytes);
        row("session.egressNodeBufferBytes", "268435456",
            "Bytes of report-queue chunks the node lends all its sessions together beyond each session's first " +
            "64 KiB; a session that needs another chunk beyond those while the node lends this much is closed as a " +
            "slow consumer.",
            longInteger(0, 1L << 40), ServerContext::egressNodeBufferBytes, ServerContext::egressNodeBufferBytes);
        row("shutdown.timeoutMs", "5000", "Longest wait for in-flight commands to drain on shutdown, ms.",
            integer(0, 3_600_000), ServerContext::shutdownTimeoutMs, ServerContext::shutdownTimeoutMs);
    }

    private static void sockets()
    {
        row(SOCKET, "socket.tcpNoDelay", "true", "Disable Nagle's algorithm on order-entry connections.",
            bool(), SocketContext::tcpNoDelay, SocketContext::tcpNoDelay);
        row(SOCKET, "socket.keepAlive", "true", "TCP keepalive probes on idle connections.",
            bool(), SocketContext::keepAlive, SocketContext::keepAlive);
        row(SOCKET, "socket.keepIdleSeconds", "60", "Idle seconds before the first keepalive probe (epoll only).",
            integer(1, 32767), SocketContext::keepIdleSeconds, SocketContext::keepIdleSeconds);
        row(SOCKET, "socket.keepIntervalSeconds", "10", "Seconds between keepalive probes (epoll only).",
            integer(1, 32767), SocketContext::keepIntervalSeconds, SocketContext::keepIntervalSeconds);
        row(SOCKET, "socket.keepCount", "5", "Unanswered probes before the connection is dropped (epoll only).",
            integer(1, 127), SocketContext::keepCount, SocketContext::keepCount);
        row(SOCKET, "socket.reuseAddress", "true", "SO_REUSEADDR on the listening socket.",
            bool(), SocketContext::reuseAddress, SocketContext::reuseAddress);
        row(SOCKET, "socket.sendBufferBytes", "0", "SO_SNDBUF in bytes; 0 keeps the OS default.",
            integer(0, MAX_SIZE), SocketContext::sendBufferBytes, SocketContext::sendBufferBytes);
        row(SOCKET, "socket.receiveBufferBytes", "0", "SO_RCVBUF in bytes; 0 keeps the OS default.",
            integer(0, MAX_SIZE), SocketContext::receiveBufferBytes, SocketContext::receiveBufferBytes);
        row(SOCKET, "socket.writeBufferLowWaterMark", "32768",
            "A channel becomes writable again below this many queued bytes; at most the high water mark.",
            integer(1, MAX_SIZE), SocketContext::writeBufferLowWaterMark, SocketContext::writeBufferLowWaterMark);
        row(SOCKET, "socket.writeBufferHighWaterMark", "262144",
            "A channel stops being writable above this many queued bytes.",
            integer(1, MAX_SIZE), SocketContext::writeBufferHighWaterMark, SocketContext::writeBufferHighWaterMark);
    }

    private static void overload()
    {
        row("overload.enabled", "true",
            "Rate-limit new orders at the gateway (NewOrder and Replace; never Cancel or Logout) and run the " +
            "circuit breaker fed by the matching thread (docs/overload.md).",
            bool(), ServerContext::overloadEnabled, ServerContext::overloadEnabled);
        row(OVERLOAD, "overload.limitScope", "session", "Budgets charged: session, account or both.",
            choice(LimitScope.class), OverloadContext::limitScope, OverloadContext::limitScope);
        row(OVERLOAD, "overload.burstCapacity", "50", "Orders a budget may send at once after idling.",
            longInteger(1, 1_000_000_000L), OverloadContext::burstCapacity, OverloadContext::burstCapacity);
        row(OVERLOAD, "overload.refillRatePerSecond", "1000", "Sustained new orders per second per budget.",
            longInteger(1, 1_000_000_000L), OverloadContext::refillRatePerSecond, OverloadContext::refillRatePerSecond);
        row(OVERLOAD, "overload.drainRatePerSecond", "2000",
            "Highest release rate of one budget; at least overload.refillRatePerSecond.",
            longInteger(1, 1_000_000_000L), OverloadContext::drainRatePerSecond, OverloadContext::drainRatePerSecond);
        row(OVERLOAD, "overload.maxQueueDelayMs", "25",
            "How far ahead of its drain rate a budget may run, ms (admitted orders are published at once).",
            milliseconds(0), OverloadContext::maxQueueDelayNs, OverloadContext::maxQueueDelayNs);
        row(OVERLOAD, "overload.windowMs", "100", "Measurement window of the matching thread, ms.",
            milliseconds(1), OverloadContext::windowNs, OverloadContext::windowNs);
        row(OVERLOAD, "overload.adaptiveDelayThresholdMs", "5",
            "Queueing delay above which a new order counts as slow, ms (see overload.adaptiveSlowPermille).",
            milliseconds(1), OverloadContext::adaptiveDelayThresholdNs, OverloadContext::adaptiveDelayThresholdNs);
        row(OVERLOAD, "overload.adaptiveBadWindows", "3",
            "Bad windows in a row that switch the limiters to leaky-only.",
            integer(1, 1_000_000), OverloadContext::adaptiveBadWindows, OverloadContext::adaptiveBadWindows);
        row(OVERLOAD, "overload.adaptiveHealthyWindows", "3", "Healthy windows in a row that leave leaky-only.",
            integer(1, 1_000_000), OverloadContext::adaptiveHealthyWindows, OverloadContext::adaptiveHealthyWindows);
        row(OVERLOAD, "overload.adaptiveSlowPermille", "500",
            "Share of a window's new orders, permille, that must have waited longer than " +
            "overload.adaptiveDelayThresholdMs for the window to be bad (500: the window's median delay is above " +
            "it). A stall that delays a few orders (JIT, GC, a late wake-up) makes no bad window; a backlog does.",
            integer(1, 1000), OverloadContext::adaptiveSlowPermille, OverloadContext::adaptiveSlowPermille);
        row(OVERLOAD, "overload.exhaustionThresholdPermille", "950", "Budget use counted as exhausted, permille.",
            integer(1, 1000), OverloadContext::exhaustionThresholdPermille,
            OverloadContext::exhaustionThresholdPermille);
        row(OVERLOAD, "overload.ringHighWatermarkPermille", "800", "Ring occupancy counted as high, permille.",
            integer(1, 1000), OverloadContext::ringHighWatermarkPermille, OverloadContext::ringHighWatermarkPermille);
        row(OVERLOAD, "overload.sustainMs", "5000",
            "Exhaustion or a high ring lasting this long opens the breaker, ms.",
            milliseconds(1), OverloadContext::sustainNs, OverloadContext::sustainNs);
        row(OVERLOAD, "overload.hardDelayLimitMs", "50",
            "Hard queueing-delay limit, ms; above overload.adaptiveDelayThresholdMs.",
            milliseconds(1), OverloadContext::hardDelayLimitNs, OverloadContext::hardDelayLimitNs);
        row(OVERLOAD, "overload.hardDelaySustainMs", "1000",
            "Delay above the hard limit this long opens the breaker, ms.",
            milliseconds(1), OverloadContext::hardDelaySustainNs, OverloadContext::hardDelaySustainNs);
        row(OVERLOAD, "overload.coolDownMs", "5000", "Time the breaker stays open before it turns half-open, ms.",
            milliseconds(1), OverloadContext::coolDownNs, OverloadContext::coolDownNs);
        row(OVERLOAD, "overload.halfOpenTricklePerSecond", "100", "Node-wide new orders per second while half-open.",
            longInteger(1, 1_000_000_000L), OverloadContext::halfOpenTricklePerSecond,
            OverloadContext::halfOpenTricklePerSecond);
        row(OVERLOAD, "overload.halfOpenHealthyWindows", "3", "Healthy windows that close a half-open breaker.",
            integer(1, 1_000_000), OverloadContext::halfOpenHealthyWindows, OverloadContext::halfOpenHealthyWindows);
    }

    private static void cluster()
    {
        row(CLUSTER, "cluster.enabled", "false",
            "Cluster mode (arbiter server --cluster, docs/cluster.md): the gateways send sequenced commands to an " +
            "Aeron Cluster running the engine and send each report once its command is committed; no local engine " +
            "or journal, the instruments are the cluster's and the market-data feed is rebuilt from the cluster's " +
            "reports.",
            bool(), ClusterClientContext::enabled, ClusterClientContext::enabled);
        row(CLUSTER, "cluster.config", "config/cluster-local.properties",
            "The cluster's configuration file (members and instruments, as arbiter cluster-node reads it); " +
            "several files, comma separated, make one shard each, routed by symbol.",
            text(true), ClusterClientContext::configFiles, ClusterClientContext::configFiles);
        row(CLUSTER, "cluster.gatewayId", "1",
            "This node's gateway id towards the cluster, unique among the cluster's gateways and kept across " +
            "restarts; shard k uses gatewayId + k.",
            integer(1, 1 << 22), ClusterClientContext::gatewayId, ClusterClientContext::gatewayId);
        row(CLUSTER, "cluster.egressEndpoint", "127.0.0.1:0",
            "host:port the cluster's members send this node's reports to: an address of this machine they reach " +
            "(port 0 picks a free one).",
            text(true), ClusterClientContext::egressEndpoint, ClusterClientContext::egressEndpoint);
        row(CLUSTER, "cluster.resyncTimeoutMs", "1000",
            "The gateway asks the cluster to resynchronise after this long without progress, ms.",
            longInteger(10, 60_000), ClusterClientContext::resyncTimeoutMs, ClusterClientContext::resyncTimeoutMs);
        row(CLUSTER, "cluster.aeronDir", "",
            "Aeron directory of a running media driver to use; empty starts one inside the node.",
            text(false), ClusterClientContext::aeronDir, ClusterClientContext::aeronDir);
    }

    private static void observability()
    {
        row("metrics.enabled", "true",
            "Record counters and per-stage latency histograms and serve /metrics; false = none of it (/metrics " +
            "answers 404), overload protection and tracing still work (docs/observability.md).",
            bool(), ServerContext::metricsEnabled, ServerContext::metricsEnabled);
        row(TRACING, "tracing.enabled", "false", "Export OpenTelemetry spans for sampled and slow orders.",
            bool(), TracingContext::tracingEnabled, TracingContext::tracingEnabled);
        row(TRACING, "tracing.sampleEvery", "0", "Trace 1 in this many orders; 0 = none.",
            longInteger(0, 1_000_000_000L), TracingContext::sampleEvery, TracingContext::sampleEvery);
        row(TRACING, "tracing.slowThresholdMicros", "0",
            "Orders slower than this in the server are slow, µs; 0 = dynamic (the window's p99.9).",
            scaled(1000L, longInteger(0, 1_000_000_000L)), TracingContext::slowThresholdNs,
            TracingContext::slowThresholdNs);
        row(TRACING, "tracing.slowOrderCapture", "true", "Keep slow orders for /debug/slow-orders.",
            bool(), TracingContext::slowOrderCapture, TracingContext::slowOrderCapture);
        row(TRACING, "tracing.slowOrdersKept", "64", "Slow orders kept.",
            integer(1, 1_000_000), TracingContext::slowOrdersKept, TracingContext::slowOrdersKept);
        row(TRACING, "tracing.otlpEndpoint", "",
            "OTLP/HTTP traces endpoint, e.g. http://collector:4318/v1/traces; empty = log spans.",
            optionalHttpUrl(), c -> c.otlpEndpoint() == null ? "" : c.otlpEndpoint(),
            (c, v) -> c.otlpEndpoint(v.isEmpty() ? null : v));
        row(TRACING, "tracing.serviceName", "arbiter", "service.name of exported spans.",
            text(true), TracingContext::serviceName, TracingContext::serviceName);
    }

    /**
     * @return every row, in file order.
     */
    public static List<Setting<?>> all()
    {
        return Collections.unmodifiableList(ROWS);
    }

    /**
     * @param key a configuration-file key.
     * @return its row, or null if no setting has that key.
     */
    public static Setting<?> find(final String key)
    {
        return BY_KEY.get(key);
    }

    /**
     * Set every setting to its default (used by the {@link ServerContext} constructor).
     *
     * @param context to fill.
     */
    static void applyDefaults(final ServerContext context)
    {
        for (final Setting<?> setting : ROWS)
        {
            setting.set(context, setting.defaultText());
        }
    }

    /**
     * Check every value against its row and the rules between settings; call before anything starts.
     *
     * @param context to check.
     * @throws ConfigException naming the first setting (or pair of settings) at fault, its value and what is allowed.
     */
    public static void validate(final ServerContext context)
    {
        for (final Setting<?> setting : ROWS)
        {
            try
            {
                setting.check(context);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(
                    "invalid setting " + setting.key() + "=" + setting.current(context) + ": " + ex.getMessage());
            }
        }
        if (context.tlsEnabled() && (context.tlsCertificateFile().isEmpty() || context.tlsPrivateKeyFile().isEmpty()))
        {
            throw new ConfigException(
                "invalid setting tls.enabled=true: needs tls.certificateFile and tls.privateKeyFile (PEM files)");
        }
        requireAtMost(context, "socket.writeBufferLowWaterMark", "socket.writeBufferHighWaterMark", false);
        requireAtMost(context, "session.heartbeatIntervalMs", "session.idleTimeoutMs", true);
        requireAtMost(context, "limits.maxConnectionsPerAddress", "limits.maxConnections", false);
        requireAtMost(context, "limits.maxPendingLogonsPerAddress", "limits.maxPendingLogons", false);
        if (context.overloadEnabled())
        {
            requireAtMost(context, "overload.refillRatePerSecond", "overload.drainRatePerSecond", false);
            requireAtMost(context, "overload.adaptiveDelayThresholdMs", "overload.hardDelayLimitMs", true);
            try
            {
                context.overload().validate();
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException("invalid overload.* settings: " + ex.getMessage());
            }
        }
        validateLists(context);
    }

    private static void requireAtMost(
        final ServerContext context, final String lowerKey, final String upperKey, final boolean strictly)
    {
        final Setting<?> lower = BY_KEY.get(lowerKey);
        final Setting<?> upper = BY_KEY.get(upperKey);
        final long low = Long.parseLong(lower.current(context));
        final long high = Long.parseLong(upper.current(context));
        if (strictly ? low >= high : low > high)
        {
            throw new ConfigException("invalid settings " + lowerKey + "=" + low + " and " + upperKey + "=" + high +
                ": " + upperKey + " must be " + (strictly ? "above " : "at least ") + lowerKey);
        }
    }

    private static void validateLists(final ServerContext context)
    {
        if (context.instruments().isEmpty() && !context.cluster().enabled())
        {
            throw new ConfigException("no instruments defined (instrument.<SYMBOL>=<tick>,<lot>)");
        }
        final Set<String> symbols = new HashSet<>();
        for (final InstrumentConfig instrument : context.instruments())
        {
            if (!symbols.add(instrument.symbol()))
            {
                throw new ConfigException("instrument." + instrument.symbol() + ": defined twice");
            }
        }
        if (context.accounts().isEmpty())
        {
            throw new ConfigException("no accounts defined (account.<name>.secret=...)");
        }
        final Set<Long> ids = new HashSet<>();
        for (final AccountConfig account : context.accounts())
        {
            if (!ids.add(account.id()))
            {
                throw new ConfigException("account." + account.name() + ".id: id " + account.id() + " is used twice");
            }
        }
    }

    private static SettingType<Long> milliseconds(final long min)
    {
        return scaled(MS, longInteger(min, MAX_MS));
    }

    private static <T> void row(
        final String key,
        final String defaultText,
        final String description,
        final SettingType<T> type,
        final Function<ServerContext, T> getter,
        final BiConsumer<ServerContext, T> setter)
    {
        ROWS.add(new Setting<>(key, defaultText, description, type, getter, setter, false));
    }

    /**
     * A row whose value lives in a part of the context ({@link #SOCKET}, {@link #OVERLOAD}, {@link #TRACING},
     * {@link #CLUSTER}).
     */
    private static <P, T> void row(
        final Function<ServerContext, P> part,
        final String key,
        final String defaultText,
        final String description,
        final SettingType<T> type,
        final Function<P, T> getter,
        final BiConsumer<P, T> setter)
    {
        row(key, defaultText, description, type, c -> getter.apply(part.apply(c)),
            (c, v) -> setter.accept(part.apply(c), v));
    }

    private static Map<String, Setting<?>> index()
    {
        final Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        for (final Setting<?> setting : ROWS)
        {
            if (byKey.put(setting.key(), setting) != null)
            {
                throw new IllegalStateException("setting " + setting.key() + " is defined twice");
            }
        }
        return byKey;
    }
}
