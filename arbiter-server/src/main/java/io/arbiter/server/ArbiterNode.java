package io.arbiter.server;

import com.lmax.disruptor.WaitStrategy;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.JournalWriter;
import io.arbiter.journal.Recovery;
import io.arbiter.journal.RecoveryResult;
import io.arbiter.journal.SnapshotWriter;
import io.arbiter.protocol.SymbolTable;
import io.arbiter.marketdata.MarketDataFeed;
import io.arbiter.server.admin.AdminServer;
import io.arbiter.server.admin.OperatorApi;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerSettings;
import io.arbiter.server.egress.ChannelSessionEgress;
import io.arbiter.server.egress.EgressWakes;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.gateway.Gateway;
import io.arbiter.server.gateway.GatewayEventLoopGroup;
import io.arbiter.server.gateway.GatewayState;
import io.arbiter.server.gateway.GatewayTls;
import io.arbiter.server.gateway.GatewayTransport;
import io.arbiter.server.gateway.SessionHandler;
import io.arbiter.server.matching.CommandJournal;
import io.arbiter.server.matching.MatchingHandler;
import io.arbiter.server.matching.RecoveryDescription;
import io.arbiter.server.matching.ReplicatedEngine;
import io.arbiter.server.matching.ReplicatedMatchingHandler;
import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.overload.NodeOverload;
import io.arbiter.server.sequencer.CommandRing;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.OperatorCommand;
import io.arbiter.server.sequencer.HeldSignalWaitStrategy;
import io.arbiter.server.sequencer.PollingWaitStrategy;
import io.arbiter.server.sequencer.SpinParkWaitStrategy;
import io.arbiter.server.sequencer.WaitStrategyKind;
import io.arbiter.server.tracing.GcPauseMonitor;
import io.arbiter.server.tracing.OrderTracing;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One Arbiter node: the gateway's event loops, the command ring, the matching thread, the egress and the admin HTTP
 * server, built from a {@link ServerContext}. {@link #start()} and {@link #close()} are control-plane calls from one
 * thread; {@link #state()} may be read from any thread. Closing is graceful: stop accepting, stop reading, drain the
 * ring, deliver every reply, close the connections, stop the threads, then snapshot and close the journal.
 * <p>
 * With the journal on (the default) start-up recovers the engine from {@code data.dir} (latest valid snapshot plus
 * the journal after it) before any port is bound; orders recovered this way are parked with their account until a
 * session of that account logs on and adopts them (see {@code docs/journal.md}, "Server integration").
 */
public final class ArbiterNode implements AutoCloseable
{
    private static final int GC_PAUSES_KEPT = 16;
    private static final long LINGER_MS = 1_000;
    /** How long start-up waits for the matching thread to journal a configured fee: far beyond a working disk. */
    private static final long CONFIGURED_FEES_TIMEOUT_S = 60;
    /** Period of the clock ticks while good-till-date orders are open: at least one TIME command per millisecond. */
    private static final long CLOCK_PERIOD_US = 500;
    /** How long cluster mode waits at start for the cluster to answer. */
    private static final long CLUSTER_CONNECT_TIMEOUT_MS = 30_000;
    private static final String MATCHING_THREAD = "arbiter-matching";
    /** Body of the 404 that {@code GET /metrics} answers when {@code metrics.enabled=false}. */
    public static final String METRICS_DISABLED = "metrics disabled (metrics.enabled=false)\n";
    /** Lifecycle of a node. */
    public enum State
    {
        /** Built, not yet accepting orders. */
        STARTING,
        /** Accepting orders. */
        RUNNING,
        /** Shutting down: no new orders, in-flight ones drained. */
        DRAINING,
        /** Stopped. */
        STOPPED
    }

    private final ServerContext context;
    private volatile State state = State.STARTING;
    private MatchingHandler matchingHandler;
    private ReplicatedEngine replicated;
    private ReplicatedMatchingHandler replicatedHandler;
    private final ReplyGate replyGate = new ReplyGate();
    private CommandRing sequencer;
    private EventLoopGroup group;
    private EventLoopGroup marketDataGroup;
    private Gateway gateway;
    private GatewayState gatewayState;
    /** The matching thread's lazy egress wakes with sequencer.waitStrategy=park (local mode), else null. */
    private EgressWakes egressWakes;
    private AdminServer admin;
    private MarketDataFeed marketData;
    private int marketDataPort = -1;
    private ChannelGroup channels;
    private Thread shutdownHook;
    private int port;
    private int adminPort = -1;
    private ServerMetrics metrics;
    private GcPauseMonitor gcPauses;
    private OrderTracing tracing;
    private NodeOverload overload;
    private io.netty.util.concurrent.ScheduledFuture<?> overloadTicks;
    private RecoveryResult recovery;
    private ScheduledFuture<?> journalTick;
    private ScheduledFuture<?> clockTicks;
    private final CountDownLatch journalClosed = new CountDownLatch(1);
    private final ControlRequest tickRequest = new ControlRequest(ControlRequest.Type.TICK);
    private final List<NodeExtension> extensions = new ArrayList<>();

    /**
     * @param context configuration; validated at start.
     */
    public ArbiterNode(final ServerContext context)
    {
        this.context = context;
    }

    /**
     * Add a gateway of another module (the FIX acceptor) that starts and stops with this node; call before
     * {@link #start()} (control plane).
     *
     * @param extension started after the node's own gateway, closed after the ring has drained.
     * @return this.
     */
    public ArbiterNode extension(final NodeExtension extension)
    {
        extensions.add(extension);
        return this;
    }

    /**
     * Run in cluster mode: the gateways' commands go to this replicated engine instead of a local engine and journal
     * ({@link ReplicatedMatchingHandler}); the node's instruments must be the cluster's, in its id order. Call before
     * {@link #start()} (control plane); the matching thread closes it when the ring halts.
     *
     * @param engine the cluster's client, not yet connected.
     * @return this.
     */
    public ArbiterNode replicated(final ReplicatedEngine engine)
    {
        this.replicated = engine;
        return this;
    }

    /**
     * @return the command ring (after start).
     */
    public CommandRing sequencer()
    {
        return sequencer;
    }

    /**
     * Start every thread and bind the ports (control plane, produces garbage).
     *
     * @return this.
     * @throws InterruptedException if interrupted while binding.
     * @throws io.arbiter.server.config.ConfigException if the configuration is inconsistent.
     */
    public ArbiterNode start() throws InterruptedException
    {
        ServerSettings.validate(context);
        final GatewayTransport transport = GatewayTransport.select(context.transport());
        final SymbolTable symbols = new SymbolTable();
        if (replicated != null)
        {
            startReplicated(symbols);
        }
        else
        {
            startLocal(symbols);
        }
        buildObservability();
        sequencer.start();
        if (matchingHandler != null)
        {
            journalConfiguredFees();
        }

        final GatewayEventLoopGroup gatewayLoops = new GatewayEventLoopGroup(context.ioThreads(),
            GatewayEventLoopGroup.signalHoldingThreads("arbiter-io"), transport,
            TimeUnit.MICROSECONDS.toNanos(context.durablePollMicros()));
        if (replicated == null && context.journalEnabled() &&
            context.journalDurability() == io.arbiter.journal.DurabilityPolicy.BATCH)
        {
            // only a force holds reports long enough to poll for; under none and interval the matching thread's
            // own flush releases them
            gatewayLoops.watch(replyGate, sequencer.ringBuffer());
            if (metrics != null)
            {
                metrics.durablePolls(gatewayLoops::polls, gatewayLoops::pollBackoffs);
            }
        }
        group = gatewayLoops;
        channels = new DefaultChannelGroup("arbiter-sessions", GlobalEventExecutor.INSTANCE);
        gatewayState = new GatewayState(context, sequencer, symbols, channels).observe(metrics, overload)
            .egressWakes(egressWakes);
        if (replicated != null && !replicated.servesQueries())
        {
            gatewayState.refuseQueries();
        }
        gateway = new Gateway(context, gatewayState, transport);
        port = gateway.start(group);
        if (marketData != null)
        {
            marketDataGroup = new MultiThreadIoEventLoopGroup(context.marketDataIoThreads(),
                new DefaultThreadFactory("arbiter-md-io"), transport.ioHandlerFactory());
            marketDataPort = marketData.start(
                marketDataGroup, transport.serverChannelClass(), context.bindAddress(), context.marketDataPort(),
                GatewayTls.serverContext(context));
        }
        startOverloadTicks();
        scheduleJournalTick();
        if (matchingHandler != null)
        {
            clockTicks = group.next().scheduleAtFixedRate(() ->
            {
                if (matchingHandler.gtdOrdersOpen())
                {
                    sequencer.tryPublishClock();
                }
            }, CLOCK_PERIOD_US, CLOCK_PERIOD_US, TimeUnit.MICROSECONDS);
        }
        if (context.adminPort() >= 0)
        {
            admin = new AdminServer(() -> state == State.RUNNING && (matchingHandler == null ||
                matchingHandler.acceptingOrders()))
                .health(this::healthProblem);
            addObservabilityEndpoints(admin);
            admin.operatorRequests(this::operatorRequest);
            admin.operatorApi(new OperatorApi(this::publishControl, this::accountId, this::committedSequence));
            if (marketData != null)
            {
                admin.bookRequests(marketData::bookJsonAsync);
            }
            admin.authorizer(new io.arbiter.server.admin.AdminAuthorizer(context.adminToken()));
            adminPort = admin.start(
                group, transport.serverChannelClass(), context.adminBindAddress(), context.adminPort());
        }
        startExtensions();
        state = State.RUNNING;
        return this;
    }

    private void startLocal(final SymbolTable symbols)
    {
        marketData = context.marketDataPort() < 0 ? null :
            new MarketDataFeed(MarketDataFeed.DEFAULT_RING_BYTES, replyGate::releasedSequence,
                System.currentTimeMillis(), context.marketDataSubscriberBufferBytes());
        matchingHandler = new MatchingHandler(
            new EngineContext().orderPoolSize(context.orderPoolSize()).levelPoolSize(context.levelPoolSize()),
            context.maxOpenOrdersPerAccount(),
            context.cancelOnDisconnect(),
            new OffsetEpochNanoClock(),
            marketData == null ? null : marketData.publisher()).gate(replyGate);
        for (final InstrumentConfig instrument : context.instruments())
        {
            matchingHandler.engine().addInstrument(instrument.symbol(), instrument.tickSizeUnits(),
                instrument.lotSize(), instrument.baseAsset(), instrument.quoteAsset());
        }
        startJournal();
        // configured instruments and those an operator defined at run time (restored by recovery)
        final MatchingEngine engine = matchingHandler.engine();
        for (int id = 0; id < engine.instrumentCount(); id++)
        {
            if (engine.isListed(id))
            {
                symbols.put(engine.instrument(id).symbol(), id);
            }
        }
        matchingHandler.instrumentListener(symbols::put).primeClock();
        if (marketData != null)
        {
            marketData.agent().fanOutNanosPerConnection(context.marketDataFanOutNanosPerSubscriber());
            marketData.seed(matchingHandler.engine());
        }
        final long parkNs = TimeUnit.MICROSECONDS.toNanos(context.parkMicros());
        final long blockAfterNs = TimeUnit.MICROSECONDS.toNanos(context.parkBlockAfterMicros());
        WaitStrategy waitStrategy;
        if (context.waitStrategy() == WaitStrategyKind.PARK)
        {
            // the matching thread wakes on its own: it also wakes the event loops that have not drained its replies
            egressWakes = new EgressWakes();
            matchingHandler.egressWakes(egressWakes);
            waitStrategy = new SpinParkWaitStrategy(
                WaitStrategyKind.PARK_SPIN_TRIES, parkNs, blockAfterNs, egressWakes::nudge);
        }
        else
        {
            // the matching thread blocks when idle: it wakes each event loop once at the end of every flush
            egressWakes = new EgressWakes();
            matchingHandler.egressWakesAtFlush(egressWakes);
            waitStrategy = context.waitStrategy().newWaitStrategy(parkNs, blockAfterNs);
        }
        if (context.holdSignals())
        {
            // the gateway's event loops signal the matching thread once per I/O cycle, not once per command
            waitStrategy = new HeldSignalWaitStrategy(waitStrategy);
        }
        sequencer = new CommandRing(context.ringSize(), waitStrategy, matchingHandler,
            r -> new Thread(r, MATCHING_THREAD));
        matchingHandler.lookAhead(sequencer.ringBuffer(), context.lookAhead());
    }

    /**
     * Cluster mode: no journal or clock of the node's own; the matching thread forwards to the cluster, and the
     * market-data feed (if on) is fed from the cluster's egress.
     */
    private void startReplicated(final SymbolTable symbols)
    {
        for (int id = 0; id < context.instruments().size(); id++)
        {
            symbols.put(context.instruments().get(id).symbol(), id);
        }
        if (context.marketDataPort() >= 0)
        {
            // the feed is rebuilt from the cluster's egress, which carries committed commands only
            marketData = new MarketDataFeed(MarketDataFeed.DEFAULT_RING_BYTES, () -> Long.MAX_VALUE,
                System.currentTimeMillis(), context.marketDataSubscriberBufferBytes());
            for (int id = 0; id < context.instruments().size(); id++)
            {
                final InstrumentConfig instrument = context.instruments().get(id);
                marketData.agent().addInstrument(
                    id, instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
            }
            marketData.publisher().activate();
            marketData.agent().fanOutNanosPerConnection(context.marketDataFanOutNanosPerSubscriber());
            replicated.marketData(marketData.publisher());
        }
        replicatedHandler = new ReplicatedMatchingHandler(replicated, context.orderPoolSize(),
            context.maxOpenOrdersPerAccount(), context.cancelOnDisconnect(), new OffsetEpochNanoClock())
            .gate(replyGate)
            .onShutdownAction(journalClosed::countDown);
        try
        {
            replicatedHandler.connect(CLUSTER_CONNECT_TIMEOUT_MS);
        }
        catch (final RuntimeException ex)
        {
            replicated.close();
            throw ex;
        }
        sequencer = new CommandRing(context.ringSize(), new PollingWaitStrategy(), replicatedHandler,
            r -> new Thread(r, MATCHING_THREAD));
    }

    /**
     * Configured fees become a journaled FEES command when they differ from the recovered ones (a fresh journal has
     * none), so that the journal alone rebuilds the fees on replay and a changed configuration takes effect.
     */
    private void journalConfiguredFees()
    {
        final MatchingEngine engine = matchingHandler.engine();
        for (final InstrumentConfig instrument : context.instruments())
        {
            final int id = engine.instrumentId(instrument.symbol());
            if (!instrument.fees() || id < 0 || engine.risk().makerBps(id) == instrument.makerBps() &&
                engine.risk().takerBps(id) == instrument.takerBps())
            {
                continue;
            }
            final ControlRequest request = new ControlRequest(ControlRequest.Type.OPERATOR, new OperatorCommand(
                CommandType.FEES, instrument.symbol(), 0, null, instrument.makerBps(), instrument.takerBps(), null,
                null));
            if (!sequencer.tryPublishControl(request))
            {
                throw new IllegalStateException("ring full while journaling the fees of " + instrument.symbol());
            }
            try
            {
                request.result().get(CONFIGURED_FEES_TIMEOUT_S, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while journaling configured fees", ex);
            }
            catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
            {
                throw new IllegalStateException("could not journal the fees of " + instrument.symbol(), ex);
            }
            log("fees of " + instrument.symbol() + " set from the configuration: maker " + instrument.makerBps() +
                " bps, taker " + instrument.takerBps() + " bps (journaled)");
        }
    }

    private void startExtensions()
    {
        for (final NodeExtension extension : extensions)
        {
            try
            {
                extension.start(this);
            }
            catch (final RuntimeException ex)
            {
                throw ex;
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException("could not start " + extension + ": " + ex.getMessage(), ex);
            }
        }
    }

    private void buildObservability()
    {
        final com.lmax.disruptor.RingBuffer<?> ring = sequencer.ringBuffer();
        final RingStatus ringStatus = new RingStatus()
        {
            @Override
            public long capacity()
            {
                return ring.getBufferSize();
            }

            @Override
            public long occupancy()
            {
                return ring.getBufferSize() - ring.remainingCapacity();
            }
        };
        overload = context.overloadEnabled() ? new NodeOverload(context.overload()) : null;
        if (context.metricsEnabled())
        {
            final RejectCode[] codes = RejectCode.values();
            final String[] reasons = new String[codes.length];
            for (int i = 0; i < codes.length; i++)
            {
                reasons[i] = codes[i].name();
            }
            metrics = new ServerMetrics(reasons, 30_000_000_000L, true);
            metrics.ringStatus(ringStatus);
            metrics.maxConnections(context.maxConnections());
            gcPauses = new GcPauseMonitor(GC_PAUSES_KEPT).start();
            metrics.gcPauseMax(gcPauses::maxDurationMs);
            if (overload != null)
            {
                metrics.overloadStatus(overload);
            }
        }
        tracing = OrderTracing.create(context.tracing(), metrics).statusSources(ringStatus, overload).start();
        if (replicatedHandler != null)
        {
            replicatedHandler.observe(metrics, overload == null ? null : overload.monitor(), ringStatus,
                context.ringSize());
            return;
        }
        matchingHandler.observe(metrics, tracing.sampler(), overload == null ? null : overload.monitor(),
            ringStatus, context.ringSize());
        // The writers spend their time in the disk's force, not in waiting for commands: they block when idle instead
        // of spinning or yielding beside the matching thread on a machine with few cores.
        matchingHandler.journal().writerThreads(context.journalWriterThreads()).start(CommandJournal.DEFAULT_RING_SIZE,
            WaitStrategyKind.LITE_BLOCKING, r -> new Thread(r, "arbiter-journal"), replyGate, metrics);
    }

    private void startOverloadTicks()
    {
        if (overload != null)
        {
            final long periodNs = context.overload().windowNs();
            overloadTicks = group.next().scheduleAtFixedRate(
                sequencer::tryPublishTick, periodNs, periodNs, TimeUnit.NANOSECONDS);
        }
    }

    private void addObservabilityEndpoints(final AdminServer server)
    {
        if (metrics != null)
        {
            server.endpoint("/metrics", ServerMetrics.CONTENT_TYPE, metrics::scrape);
        }
        else
        {
            server.unavailable("/metrics", METRICS_DISABLED);
        }
        server.endpoint("/debug/slow-orders", "application/json", tracing::slowOrdersJson);
    }

    /**
     * @return the node's metrics (after start), or null when {@code metrics.enabled=false}.
     */
    public ServerMetrics metrics()
    {
        return metrics;
    }

    /**
     * @return what the gateway's sessions share, with its connection limiter and hygiene counters (after start).
     */
    public GatewayState gatewayState()
    {
        return gatewayState;
    }

    /**
     * @return the node's overload protection, or null when {@code overload.enabled=false} (after start).
     */
    public NodeOverload overload()
    {
        return overload;
    }

    /**
     * Build the journal context of a server configuration (control plane).
     *
     * @param context the configuration.
     * @return the journal settings; warnings go to standard error.
     */
    public static JournalContext journalContext(final ServerContext context)
    {
        return new JournalContext()
            .dataDir(Path.of(context.dataDir()))
            .durability(context.journalDurability())
            .forceIntervalNs(TimeUnit.MILLISECONDS.toNanos(context.journalForceIntervalMs()))
            .segmentSize(context.journalSegmentSizeBytes())
            .preallocateBytes(context.journalPreallocateBytes())
            .retention(context.journalRetention())
            .snapshotsToKeep(context.snapshotsToKeep())
            .warningSink(message -> log("warning: " + message));
    }

    private void startJournal()
    {
        matchingHandler.onShutdownAction(() ->
        {
            try
            {
                matchingHandler.closeJournal();
            }
            finally
            {
                journalClosed.countDown();
            }
        });
        if (!context.journalEnabled())
        {
            log("journal disabled (journal.enabled=false): nothing is durable, restart begins with an empty book");
            return;
        }
        final JournalContext journalContext = journalContext(context);
        recovery = new Recovery(journalContext).listener(matchingHandler.ownership()).recover(matchingHandler.engine());
        log(RecoveryDescription.describe(
            recovery, journalContext.dataDir(), matchingHandler, context.journalDurability()));
        final JournalWriter writer = new JournalWriter(journalContext, recovery.lastSequence());
        matchingHandler.journal(new CommandJournal(
            writer,
            new SnapshotWriter(journalContext).clientOrderIds(matchingHandler::clientOrderId),
            context.snapshotIntervalCommands(),
            TimeUnit.SECONDS.toNanos(context.snapshotIntervalSeconds()),
            recovery.snapshotSequence(),
            ArbiterNode::log));
    }

    private void scheduleJournalTick()
    {
        if (!context.journalEnabled() || matchingHandler == null)
        {
            return;
        }
        long periodMs = 0;
        if (context.journalDurability() == io.arbiter.journal.DurabilityPolicy.INTERVAL)
        {
            periodMs = context.journalForceIntervalMs();
        }
        if (context.snapshotIntervalSeconds() > 0)
        {
            periodMs = periodMs == 0 ? 1000 : Math.min(periodMs, 1000);
        }
        if (periodMs > 0)
        {
            journalTick = group.next().scheduleAtFixedRate(
                () -> sequencer.tryPublishControl(tickRequest), periodMs, periodMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @return null while the node is healthy, else why not (the journal failed or the engine diverged).
     */
    private String healthProblem()
    {
        if (matchingHandler == null)
        {
            return null;
        }
        if (matchingHandler.diverged())
        {
            return "engine diverged from the journal: " + matchingHandler.journal().failure();
        }
        return matchingHandler.journal().failed() ? "journal failed: " + matchingHandler.journal().failure() : null;
    }

    private CompletableFuture<String> operatorRequest(final ControlRequest.Type type)
    {
        return publishControl(new ControlRequest(type));
    }

    private long accountId(final String name)
    {
        for (final io.arbiter.server.config.AccountConfig account : context.accounts())
        {
            if (account.name().equals(name))
            {
                return account.id();
            }
        }
        return -1;
    }

    private CompletableFuture<String> publishControl(final ControlRequest request)
    {
        if (state != State.RUNNING || !sequencer.tryPublishControl(request))
        {
            request.result().completeExceptionally(new IllegalStateException("node not running or ring full"));
        }
        return request.result();
    }

    /**
     * @return what start-up recovery found, or null when the journal is disabled.
     */
    public RecoveryResult recovery()
    {
        return recovery;
    }

    /**
     * @return the last journal sequence committed (durable per the policy); readable from any thread.
     */
    public long committedSequence()
    {
        return matchingHandler == null ? 0 : matchingHandler.journal().committedSequence();
    }

    private static void log(final String line)
    {
        System.err.println("arbiter journal: " + line);
        System.err.flush();
    }

    /**
     * Register a JVM shutdown hook that closes this node gracefully (control plane).
     *
     * @return this.
     */
    public ArbiterNode registerShutdownHook()
    {
        shutdownHook = new Thread(this::closeQuietly, "arbiter-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        return this;
    }

    /**
     * @return the lifecycle state.
     */
    public State state()
    {
        return state;
    }

    /**
     * @return the bound gateway port.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return the bound market-data port, or -1 when the feed is disabled.
     */
    public int marketDataPort()
    {
        return marketDataPort;
    }

    /**
     * @return the market-data stage (after start), or null when {@code marketdata.port=-1}.
     */
    public MarketDataFeed marketData()
    {
        return marketData;
    }

    /**
     * @return the bound admin port, or -1 when disabled.
     */
    public int adminPort()
    {
        return adminPort;
    }

    /**
     * @return the transport in use.
     */
    public GatewayTransport transport()
    {
        return gateway.transport();
    }

    /**
     * @return commands and control messages the matching thread has handled.
     */
    public long processedCount()
    {
        return matchingHandler == null ? replicatedHandler.processedCount() : matchingHandler.processedCount();
    }

    /**
     * @return exceptions the matching handler threw (each logged and skipped); 0 in a healthy node.
     */
    public long handlerErrors()
    {
        return sequencer.handlerErrors();
    }

    /**
     * @return the configuration.
     */
    public ServerContext context()
    {
        return context;
    }

    private void closeQuietly()
    {
        try
        {
            shutdown();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Shut down gracefully; see the class comment. Idempotent.
     */
    @Override
    public void close()
    {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (final IllegalStateException ignore)
            {
                // JVM already shutting down: the hook runs close itself.
            }
        }
        closeQuietly();
    }

    /**
     * Close a session's connection without losing the replies already written: half-close the output (the peer reads
     * every reply, then end of stream), discard whatever the peer still sends, and close when the peer does or after
     * {@link #LINGER_MS}. Closing with unread input instead would make the kernel reset the connection, and a reset
     * discards the replies the peer has not read yet. Runs on the channel's event loop.
     */
    private static void closeGracefully(final Channel channel)
    {
        if (!(channel instanceof DuplexChannel) || !channel.isActive())
        {
            channel.close();
            return;
        }
        channel.pipeline().addFirst("discard-after-shutdown", new ChannelInboundHandlerAdapter()
        {
            @Override
            public void channelRead(final ChannelHandlerContext ctx, final Object msg)
            {
                ReferenceCountUtil.release(msg);
            }
        });
        ((DuplexChannel)channel).shutdownOutput().addListener(shutdown ->
        {
            channel.config().setAutoRead(true);
            channel.eventLoop().schedule(() -> channel.close(), LINGER_MS, TimeUnit.MILLISECONDS);
        });
    }

    private synchronized void shutdown() throws InterruptedException
    {
        if (state == State.STOPPED || state == State.DRAINING || group == null)
        {
            return;
        }
        state = State.DRAINING;
        final long timeoutMs = context.shutdownTimeoutMs();
        gateway.stopAccepting();
        gatewayState.stopAcceptingCommands();
        for (final Channel channel : channels)
        {
            channel.config().setAutoRead(false);
        }
        if (overloadTicks != null)
        {
            overloadTicks.cancel(false);
        }
        awaitEventLoops(timeoutMs);
        if (clockTicks != null)
        {
            clockTicks.cancel(false);
        }
        if (journalTick != null)
        {
            journalTick.cancel(false);
        }
        sequencer.drainAndStop(Math.max(1, timeoutMs));
        if (!journalClosed.await(Math.max(1, timeoutMs), TimeUnit.MILLISECONDS))
        {
            log("warning: the matching thread did not close the journal within " + timeoutMs + " ms");
        }
        gatewayState.onSequencerStopped();
        for (final NodeExtension extension : extensions)
        {
            extension.close();
        }
        if (marketData != null)
        {
            marketData.close();
        }
        if (marketDataGroup != null)
        {
            marketDataGroup.shutdownGracefully(0, Math.max(1, timeoutMs), TimeUnit.MILLISECONDS)
                .await(timeoutMs + 1000);
        }

        final List<Future<?>> closes = new ArrayList<>();
        for (final Channel channel : channels)
        {
            closes.add(channel.eventLoop().submit(() ->
            {
                final SessionHandler handler = channel.pipeline().get(SessionHandler.class);
                final ChannelSessionEgress egress = handler != null ? handler.egress() : null;
                if (egress != null)
                {
                    egress.drainAll();
                }
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> closeGracefully(channel));
            }));
        }
        for (final Future<?> close : closes)
        {
            close.await(timeoutMs, TimeUnit.MILLISECONDS);
        }
        final long closeDeadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (final Channel channel : channels)
        {
            channel.closeFuture().await(Math.max(0, closeDeadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        channels.close().await(timeoutMs, TimeUnit.MILLISECONDS);
        if (admin != null)
        {
            admin.stop();
        }
        group.shutdownGracefully(0, Math.max(1, timeoutMs), TimeUnit.MILLISECONDS).await(timeoutMs + 1000);
        if (gcPauses != null)
        {
            gcPauses.close();
        }
        if (tracing != null)
        {
            tracing.close();
        }
        state = State.STOPPED;
    }

    private void awaitEventLoops(final long timeoutMs) throws InterruptedException
    {
        final List<Future<?>> barriers = new ArrayList<>();
        for (final EventExecutor executor : group)
        {
            barriers.add(((EventLoop)executor).submit(() -> { }));
        }
        for (final Future<?> barrier : barriers)
        {
            barrier.await(timeoutMs, TimeUnit.MILLISECONDS);
        }
    }
}
