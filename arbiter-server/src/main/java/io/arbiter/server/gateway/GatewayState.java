package io.arbiter.server.gateway;

import io.arbiter.protocol.SymbolTable;
import io.arbiter.server.config.AccountConfig;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.egress.EgressBufferPool;
import io.arbiter.server.egress.EgressWakes;
import io.arbiter.server.metrics.ConnectionHygieneSource;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.overload.NodeOverload;
import io.arbiter.server.sequencer.CommandRing;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every session handler of one gateway shares: configuration, accounts by name, the symbol table, the
 * sequencer, the connection limiter, the channel group, the accepting flags, the clock and one {@link GatewayTimer} per
 * event loop. Immutable after start except for the volatile flags and the timers made on first use; any event loop may
 * read it.
 */
public final class GatewayState implements ConnectionHygieneSource
{
    final ServerContext context;
    final CommandRing sequencer;
    final SymbolTable symbols;
    final ConnectionLimiter limiter;
    final ChannelGroup channels;
    final Map<String, AccountConfig> accountsByName = new HashMap<>();
    final AtomicLong sessionIds = new AtomicLong();
    volatile boolean acceptingCommands = true;
    /** False in cluster mode: the node holds no live state to answer queries from. */
    boolean queriesServed = true;
    volatile boolean sequencerRunning = true;
    final Map<EventExecutor, GatewayTimer> timers = new ConcurrentHashMap<>();
    final Map<EventExecutor, UnsafeBuffer> replyScratches = new ConcurrentHashMap<>();
    ServerMetrics metrics;
    NodeOverload overload;
    NanoClock clock = SystemNanoClock.INSTANCE;
    EpochNanoClock epochClock = new OffsetEpochNanoClock();
    final AtomicLong logonTimeouts = new AtomicLong();
    final AtomicLong slowConsumerCloses = new AtomicLong();
    final AtomicLong maxSessionBufferedBytes = new AtomicLong();
    final long sessionBufferLimitBytes;
    /**
     * Bytes a session's connection may hold unsent beyond {@code socket.writeBufferHighWaterMark}: one write buffer
     * of the egress drain, which may cross the mark, and the gateway's replies of one read.
     */
    public static final int UNSENT_SLACK_BYTES = 64 * 1024;
    /** Lends the sessions' reply buffers: an idle session holds none. */
    final EgressBufferPool egressBuffers;
    /** Queues the sessions' drains without waking their loops (sequencer.waitStrategy=park); null to wake at once. */
    EgressWakes egressWakes;

    /**
     * Produces garbage (control plane).
     *
     * @param context   configuration.
     * @param sequencer the command ring.
     * @param symbols   symbol to instrument id, read only after start.
     * @param channels  group every session channel joins.
     */
    public GatewayState(
        final ServerContext context,
        final CommandRing sequencer,
        final SymbolTable symbols,
        final ChannelGroup channels)
    {
        this.context = context;
        this.sequencer = sequencer;
        this.symbols = symbols;
        this.channels = channels;
        this.limiter = new ConnectionLimiter(context.maxConnections(), context.maxConnectionsPerAddress(),
            context.maxPendingLogons(), context.maxPendingLogonsPerAddress());
        this.sessionBufferLimitBytes = (long)context.socket().writeBufferHighWaterMark() + UNSENT_SLACK_BYTES;
        this.egressBuffers = new EgressBufferPool(context.egressBufferBytes(), context.egressNodeBufferBytes(),
            EgressBufferPool.DEFAULT_CHUNK_BYTES, EgressBufferPool.DEFAULT_MAX_FREE_CHUNKS);
        for (final AccountConfig account : context.accounts())
        {
            accountsByName.put(account.name(), account);
        }
    }

    /**
     * Queue the drains the matching thread releases at flush without waking the event loops (control plane, before
     * the gateway starts); the matching thread must nudge the same {@link EgressWakes}.
     *
     * @param wakes the node's lazy egress wakes; null to wake a loop for every drain.
     * @return this for fluent use.
     */
    public GatewayState egressWakes(final EgressWakes wakes)
    {
        this.egressWakes = wakes;
        return this;
    }

    /**
     * @return the pool that lends the sessions' reply buffers.
     */
    public EgressBufferPool egressBuffers()
    {
        return egressBuffers;
    }

    /**
     * Reject every query (open orders, balances, instrument list) at the gateway: a node in cluster mode whose
     * replicated engine serves no queries. Control plane, before the gateway starts.
     *
     * @return this for fluent use.
     */
    public GatewayState refuseQueries()
    {
        queriesServed = false;
        return this;
    }

    /**
     * Stop taking commands: later ones are rejected BUSY ("server shutting down").
     */
    public void stopAcceptingCommands()
    {
        acceptingCommands = false;
    }

    /**
     * The ring has stopped: session ends are no longer announced to it.
     */
    public void onSequencerStopped()
    {
        sequencerRunning = false;
    }

    /**
     * @return the connection limiter.
     */
    public ConnectionLimiter limiter()
    {
        return limiter;
    }

    /**
     * Attach metrics and overload protection; call before the gateway starts (control plane).
     *
     * @param metrics  counts received orders, gateway rejects, connections and sessions; null for none.
     * @param overload rate limiters and breaker; null to admit every order.
     * @return this for fluent use.
     */
    public GatewayState observe(final ServerMetrics metrics, final NodeOverload overload)
    {
        this.metrics = metrics;
        this.overload = overload;
        if (metrics != null)
        {
            metrics.connectionHygiene(this);
        }
        return this;
    }

    /**
     * Replace the gateway's time source (tests); call before the gateway starts (control plane).
     *
     * @param clock read by the session handlers for receive times, limiter decisions and holds.
     * @return this for fluent use.
     */
    public GatewayState clock(final NanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long pendingLogons()
    {
        return limiter.pending();
    }

    /**
     * @return connections closed because they had not logged on within {@code session.logonTimeoutMs}.
     */
    @Override
    public long logonTimeouts()
    {
        return logonTimeouts.get();
    }

    /**
     * @return connections not logged on that were closed to make room for newer ones ({@code limits.maxPendingLogons}).
     */
    @Override
    public long pendingLogonEvictions()
    {
        return limiter.evictions();
    }

    /**
     * @return sessions the gateway closed as slow consumers (replies over the session's limit, not read for
     * {@code session.idleTimeoutMs}, or a report queue refused a chunk).
     */
    @Override
    public long slowConsumerCloses()
    {
        return slowConsumerCloses.get();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long egressBytesLent()
    {
        return egressBuffers.bytesLent();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long egressNodeCapRefusals()
    {
        return egressBuffers.nodeCapRefusals();
    }

    /**
     * @return the most bytes any session had waiting in its channel's outbound buffer when the gateway wrote a reply
     * of its own (what the per-session limit bounds).
     */
    public long maxSessionBufferedBytes()
    {
        return maxSessionBufferedBytes.get();
    }

    /**
     * @return bytes a session's channel may hold unsent ({@code socket.writeBufferHighWaterMark} +
     * {@link #UNSENT_SLACK_BYTES}); a gateway reply that would exceed it closes the session as SLOW_CONSUMER.
     */
    public long sessionBufferLimitBytes()
    {
        return sessionBufferLimitBytes;
    }

    /**
     * Replace the wall clock that stamps gateway rejects (tests); call before the gateway starts (control plane).
     *
     * @param epochClock epoch nanoseconds for {@code timestamp_ns} of the gateway's own rejects.
     * @return this for fluent use.
     */
    public GatewayState epochClock(final EpochNanoClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    /**
     * The session timers of an event loop, made on first use (control plane: call at connect, keep the result).
     *
     * @param executor the event loop.
     * @return its timer.
     */
    GatewayTimer timerFor(final EventExecutor executor)
    {
        return timers.computeIfAbsent(executor, e -> new GatewayTimer(e, clock));
    }

    /**
     * The buffer an event loop's sessions encode their local replies in before copying them to the reply batch, made
     * on first use (control plane: call at connect, keep the result). One per event loop, not per session: a reply is
     * encoded and copied within one call on that loop.
     *
     * @param executor the event loop.
     * @return its scratch buffer of {@link LocalReplyPublisher#SCRATCH_BYTES}.
     */
    UnsafeBuffer replyScratchFor(final EventExecutor executor)
    {
        return replyScratches.computeIfAbsent(executor,
            e -> new UnsafeBuffer(ByteBuffer.allocateDirect(LocalReplyPublisher.SCRATCH_BYTES)));
    }

    /**
     * @return the configuration.
     */
    public ServerContext context()
    {
        return context;
    }

    /**
     * @return the command ring every gateway (binary or FIX) publishes to.
     */
    public CommandRing sequencer()
    {
        return sequencer;
    }

    /**
     * @return symbol to instrument id; read only after start.
     */
    public SymbolTable symbols()
    {
        return symbols;
    }

    /**
     * @param name an account name.
     * @return its configuration, or null if no account has that name.
     */
    public AccountConfig account(final String name)
    {
        return accountsByName.get(name);
    }

    /**
     * @return a new session id, unique for the node's lifetime across every gateway.
     */
    public long nextSessionId()
    {
        return sessionIds.incrementAndGet();
    }

    /**
     * @return false once the node stopped taking commands (shutting down).
     */
    public boolean acceptingCommands()
    {
        return acceptingCommands;
    }

    /**
     * @return false once the ring has stopped: session ends are no longer announced to it.
     */
    public boolean sequencerRunning()
    {
        return sequencerRunning;
    }

    /**
     * @return the node's metrics, or null.
     */
    public ServerMetrics metrics()
    {
        return metrics;
    }

    /**
     * @return the node's rate limiters and breaker, or null to admit every order.
     */
    public NodeOverload overload()
    {
        return overload;
    }

    /**
     * @return the gateway's monotonic clock (receive times, limiter decisions).
     */
    public NanoClock clock()
    {
        return clock;
    }

    /**
     * @return the wall clock that stamps the gateway's own rejects.
     */
    public EpochNanoClock epochClock()
    {
        return epochClock;
    }
}
