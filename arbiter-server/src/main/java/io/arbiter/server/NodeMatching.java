package io.arbiter.server;

import com.lmax.disruptor.WaitStrategy;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.journal.RecoveryResult;
import io.arbiter.marketdata.MarketDataFeed;
import io.arbiter.protocol.SymbolTable;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.egress.EgressWakes;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.matching.CommandJournal;
import io.arbiter.server.matching.MatchingHandler;
import io.arbiter.server.matching.ReplicatedEngine;
import io.arbiter.server.matching.ReplicatedMatchingHandler;
import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.overload.NodeOverload;
import io.arbiter.server.sequencer.CommandRing;
import io.arbiter.server.sequencer.HeldSignalWaitStrategy;
import io.arbiter.server.sequencer.PollingWaitStrategy;
import io.arbiter.server.sequencer.SpinParkWaitStrategy;
import io.arbiter.server.sequencer.WaitStrategyKind;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The matching side of an {@link ArbiterNode}: the engine and its {@link MatchingHandler} with the node's journal
 * ({@link NodeJournal}), the reply gate, the command ring and its matching thread, and the ticks published into the
 * ring; in cluster mode the {@link ReplicatedMatchingHandler} instead of engine and journal. It also builds the
 * market-data feed, whose publisher the matching thread feeds. Built, started and stopped by the node's control-plane
 * thread in the node's order; the accessors may be read from any thread once the node has started.
 */
final class NodeMatching
{
    /** Period of the clock ticks while good-till-date orders are open: at least one TIME command per millisecond. */
    private static final long CLOCK_PERIOD_US = 500;
    /** How long cluster mode waits at start for the cluster to answer. */
    private static final long CLUSTER_CONNECT_TIMEOUT_MS = 30_000;
    private static final String MATCHING_THREAD = "arbiter-matching";

    private final ServerContext context;
    private ReplicatedEngine replicated;
    private MatchingHandler matchingHandler;
    private ReplicatedMatchingHandler replicatedHandler;
    private final ReplyGate replyGate = new ReplyGate();
    private CommandRing sequencer;
    /** The matching thread's lazy egress wakes with sequencer.waitStrategy=park (local mode), else null. */
    private EgressWakes egressWakes;
    private MarketDataFeed marketData;
    private ScheduledFuture<?> clockTicks;
    private final NodeJournal journal;

    /**
     * @param context the node's configuration.
     */
    NodeMatching(final ServerContext context)
    {
        this.context = context;
        this.journal = new NodeJournal(context);
    }

    /**
     * Run in cluster mode; call before {@link #build}.
     *
     * @param engine the cluster's client, not yet connected.
     */
    void replicated(final ReplicatedEngine engine)
    {
        this.replicated = engine;
    }

    /**
     * Build the engine (recovered from the journal) or connect to the cluster, and the ring with its handler; the
     * symbols of the listed instruments go into {@code symbols}.
     */
    void build(final SymbolTable symbols)
    {
        if (replicated != null)
        {
            startReplicated(symbols);
        }
        else
        {
            startLocal(symbols);
        }
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
        journal.start(matchingHandler);
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
            .onShutdownAction(journal::onClosed);
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
     * Give the handler the node's observers and, in local mode, start the journal writer threads.
     */
    void observe(final NodeObservability observability)
    {
        final ServerMetrics metrics = observability.metrics();
        final NodeOverload overload = observability.overload();
        final RingStatus ringStatus = observability.ringStatus();
        if (replicatedHandler != null)
        {
            replicatedHandler.observe(metrics, overload == null ? null : overload.monitor(), ringStatus,
                context.ringSize());
            return;
        }
        matchingHandler.observe(metrics, observability.tracing().sampler(),
            overload == null ? null : overload.monitor(), ringStatus, context.ringSize());
        // The writers spend their time in the disk's force, not in waiting for commands: they block when idle instead
        // of spinning or yielding beside the matching thread on a machine with few cores.
        matchingHandler.journal().writerThreads(context.journalWriterThreads()).start(CommandJournal.DEFAULT_RING_SIZE,
            WaitStrategyKind.LITE_BLOCKING, r -> new Thread(r, "arbiter-journal"), replyGate, metrics);
    }

    /**
     * Start the matching thread.
     */
    void startRing()
    {
        sequencer.start();
    }

    /**
     * Schedule the clock ticks that expire good-till-date orders on one of the gateway's event loops; local mode only.
     */
    void scheduleClockTicks(final EventLoopGroup group)
    {
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
    }

    /**
     * Cancel the clock ticks, then the journal's ticks.
     */
    void cancelTicks()
    {
        if (clockTicks != null)
        {
            clockTicks.cancel(false);
        }
        journal.cancelTick();
    }

    /**
     * Drain the ring, stop the matching thread and wait for it to close the journal (or the cluster's client).
     *
     * @param timeoutMs bound of each of the two waits.
     * @throws InterruptedException if interrupted while waiting.
     */
    void drainAndStop(final long timeoutMs) throws InterruptedException
    {
        sequencer.drainAndStop(Math.max(1, timeoutMs));
        journal.awaitClosed(timeoutMs);
    }

    /**
     * @return null while the node is healthy, else why not (the journal failed or the engine diverged).
     */
    String healthProblem()
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

    /**
     * @return whether the matching thread accepts orders (always in cluster mode).
     */
    boolean acceptingOrders()
    {
        return matchingHandler == null || matchingHandler.acceptingOrders();
    }

    /**
     * @return the last journal sequence committed (durable per the policy); readable from any thread.
     */
    long committedSequence()
    {
        return matchingHandler == null ? 0 : matchingHandler.journal().committedSequence();
    }

    /**
     * @return commands and control messages the matching thread has handled.
     */
    long processedCount()
    {
        return matchingHandler == null ? replicatedHandler.processedCount() : matchingHandler.processedCount();
    }

    /**
     * @return the command ring (after {@link #build}).
     */
    CommandRing sequencer()
    {
        return sequencer;
    }

    /**
     * @return the gate that releases replies once durable.
     */
    ReplyGate replyGate()
    {
        return replyGate;
    }

    /**
     * @return the matching thread's egress wakes (local mode), else null.
     */
    EgressWakes egressWakes()
    {
        return egressWakes;
    }

    /**
     * @return the market-data stage, or null when {@code marketdata.port=-1}.
     */
    MarketDataFeed marketData()
    {
        return marketData;
    }

    /**
     * Journal the configured fees that differ from the recovered ones (local mode; the matching thread must run).
     */
    void journalConfiguredFees()
    {
        if (matchingHandler != null)
        {
            journal.journalConfiguredFees(matchingHandler, sequencer);
        }
    }

    /**
     * Schedule the journal's control ticks on one of the gateway's event loops (local mode, journal on).
     */
    void scheduleJournalTick(final EventLoopGroup group)
    {
        journal.scheduleTick(group, matchingHandler, sequencer);
    }

    /**
     * @return what start-up recovery found, or null when the journal is disabled (or in cluster mode).
     */
    RecoveryResult recovery()
    {
        return journal.recovery();
    }

    /**
     * @return whether this node runs in cluster mode.
     */
    boolean isReplicated()
    {
        return replicated != null;
    }

    /**
     * @return whether the cluster answers session queries; only called in cluster mode.
     */
    boolean replicatedServesQueries()
    {
        return replicated.servesQueries();
    }
}
