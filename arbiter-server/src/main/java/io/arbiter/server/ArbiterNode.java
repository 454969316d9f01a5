package io.arbiter.server;

import io.arbiter.journal.JournalContext;
import io.arbiter.journal.RecoveryResult;
import io.arbiter.marketdata.MarketDataFeed;
import io.arbiter.protocol.SymbolTable;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerSettings;
import io.arbiter.server.gateway.GatewayState;
import io.arbiter.server.gateway.GatewayTransport;
import io.arbiter.server.matching.ReplicatedEngine;
import io.arbiter.server.matching.ReplicatedMatchingHandler;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.overload.NodeOverload;
import io.arbiter.server.sequencer.CommandRing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private final NodeMatching matching;
    private final NodeObservability observability;
    private final NodeNetwork network;
    private final NodeAdmin admin;
    private Thread shutdownHook;
    private final List<NodeExtension> extensions = new ArrayList<>();

    /**
     * @param context configuration; validated at start.
     */
    public ArbiterNode(final ServerContext context)
    {
        this.context = context;
        this.matching = new NodeMatching(context);
        this.observability = new NodeObservability(context);
        this.network = new NodeNetwork(context);
        this.admin = new NodeAdmin(this, context, matching);
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
        matching.replicated(engine);
        return this;
    }

    /**
     * @return the command ring (after start).
     */
    public CommandRing sequencer()
    {
        return matching.sequencer();
    }

    /**
     * Start every thread and bind the ports (control plane, produces garbage). The order: the engine (recovered from
     * the journal) or the cluster's client and the ring; metrics, overload protection and tracing, and the journal
     * writer threads; the matching thread; the configured fees journaled; the gateway's event loops and port; the
     * market-data port; the overload, journal and clock ticks; the admin port; the extensions.
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
        matching.build(symbols);
        observability.build(matching.sequencer());
        matching.observe(observability);
        matching.startRing();
        matching.journalConfiguredFees();

        network.startGateway(transport, symbols, matching, observability);
        network.startMarketData(transport, matching.marketData());
        observability.startOverloadTicks(network.group(), matching.sequencer());
        matching.scheduleJournalTick(network.group());
        matching.scheduleClockTicks(network.group());
        admin.start(network.group(), transport, observability, matching.marketData());
        startExtensions();
        state = State.RUNNING;
        return this;
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

    /**
     * @return the node's metrics (after start), or null when {@code metrics.enabled=false}.
     */
    public ServerMetrics metrics()
    {
        return observability.metrics();
    }

    /**
     * @return what the gateway's sessions share, with its connection limiter and hygiene counters (after start).
     */
    public GatewayState gatewayState()
    {
        return network.gatewayState();
    }

    /**
     * @return the node's overload protection, or null when {@code overload.enabled=false} (after start).
     */
    public NodeOverload overload()
    {
        return observability.overload();
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
            .warningSink(message -> NodeJournal.log("warning: " + message));
    }

    /**
     * @return what start-up recovery found, or null when the journal is disabled.
     */
    public RecoveryResult recovery()
    {
        return matching.recovery();
    }

    /**
     * @return the last journal sequence committed (durable per the policy); readable from any thread.
     */
    public long committedSequence()
    {
        return matching.committedSequence();
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
        return network.port();
    }

    /**
     * @return the bound market-data port, or -1 when the feed is disabled.
     */
    public int marketDataPort()
    {
        return network.marketDataPort();
    }

    /**
     * @return the market-data stage (after start), or null when {@code marketdata.port=-1}.
     */
    public MarketDataFeed marketData()
    {
        return matching.marketData();
    }

    /**
     * @return the bound admin port, or -1 when disabled.
     */
    public int adminPort()
    {
        return admin.port();
    }

    /**
     * @return the transport in use.
     */
    public GatewayTransport transport()
    {
        return network.gateway().transport();
    }

    /**
     * @return commands and control messages the matching thread has handled.
     */
    public long processedCount()
    {
        return matching.processedCount();
    }

    /**
     * @return exceptions the matching handler threw (each logged and skipped); 0 in a healthy node.
     */
    public long handlerErrors()
    {
        return matching.sequencer().handlerErrors();
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

    private synchronized void shutdown() throws InterruptedException
    {
        if (state == State.STOPPED || state == State.DRAINING || network.group() == null)
        {
            return;
        }
        state = State.DRAINING;
        final long timeoutMs = context.shutdownTimeoutMs();
        network.stopAccepting();
        observability.cancelOverloadTicks();
        network.awaitEventLoops(timeoutMs);
        matching.cancelTicks();
        matching.drainAndStop(timeoutMs);
        network.onSequencerStopped();
        for (final NodeExtension extension : extensions)
        {
            extension.close();
        }
        network.closeMarketData(matching.marketData(), timeoutMs);
        network.closeSessions(timeoutMs);
        admin.stop();
        network.shutdownEventLoops(timeoutMs);
        observability.close();
        state = State.STOPPED;
    }
}
