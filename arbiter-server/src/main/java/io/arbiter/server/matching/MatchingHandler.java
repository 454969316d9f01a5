package io.arbiter.server.matching;

import com.lmax.disruptor.DataProvider;
import com.lmax.disruptor.EventHandler;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.journal.JournalDescriptor;
import io.arbiter.marketdata.MarketDataPublisher;
import io.arbiter.marketdata.TradeTapListener;
import io.arbiter.server.egress.EgressWakes;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.overload.OverloadMonitor;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.tracing.OrderTraceSampler;
import org.agrona.concurrent.EpochNanoClock;

import java.util.function.ObjIntConsumer;

/**
 * The matching thread's handler of the command ring: the batch lifecycle. It stamps each batch's time and hands
 * each ring event on: a session's command to the {@link CommandApplier}, which asks {@link OrderOwnership} for the
 * node's checks (duplicate client order id, open-order limit, unknown client order id), numbers and journals the
 * command ({@link CommandJournal}) and runs the {@link MatchingEngine}, whose events land in the {@link ReportRouter}
 * that sends them forward to the owning session's egress; every other event (sessions, queries, operator and control
 * requests, ticks, the clock) to {@link MatchingControl}. At the end of each batch the applier commits the journal
 * before the router flushes the touched sessions. Stage stamps, tracing and the overload monitor are
 * {@link BatchStamps}. Single writer: only the matching thread may call it after start. Steady state allocates
 * nothing.
 * <p>
 * Every command that reaches the engine is numbered with the next journal sequence and appended to the journal
 * before it is matched; the batch is committed before any reply of it is flushed, so an acknowledgement is as durable
 * as the journal's policy makes it. Exchange order ids are the NEW command's journal sequence: unique across restarts
 * and reproduced exactly by replay (the id is in the record).
 */
public final class MatchingHandler implements EventHandler<CommandEvent>
{
    /**
     * A ring batch longer than this many journaled commands is committed and flushed in parts: it bounds the reports
     * one session accumulates before a flush (its egress hands batches to the I/O thread only at flush, and a large
     * backlog after a slow fsync would otherwise overflow the egress queue or its batch buffer).
     */
    static final int MAX_COMMANDS_PER_COMMIT = 128;

    private final MatchingEngine engine;
    private final EpochNanoClock clock;
    private final OrderOwnership ownership;
    private final ReportRouter router;
    private final BatchStamps stamps = new BatchStamps();
    private final CommandApplier applier;
    private final MatchingControl control;
    private RingLookAhead lookAhead;
    private boolean gtdOpenLocal;
    private volatile boolean gtdOpen;

    private boolean batchStarted;
    private volatile long processedCount;
    private long processed;
    private int batchEventsSeen;
    private Runnable onShutdownAction;

    /**
     * Produces garbage (control plane).
     *
     * @param engineContext           pool sizes and limits of the engine.
     * @param maxOpenOrdersPerAccount NEW orders beyond this many open orders of one account are rejected.
     * @param cancelOnDisconnect      cancel a session's open orders when it goes away.
     * @param clock                   stamps each batch's commands (read once per batch).
     */
    public MatchingHandler(
        final EngineContext engineContext,
        final int maxOpenOrdersPerAccount,
        final boolean cancelOnDisconnect,
        final EpochNanoClock clock)
    {
        this(engineContext, maxOpenOrdersPerAccount, cancelOnDisconnect, clock, null);
    }

    /**
     * Produces garbage (control plane).
     *
     * @param engineContext           pool sizes and limits of the engine.
     * @param maxOpenOrdersPerAccount NEW orders beyond this many open orders of one account are rejected.
     * @param cancelOnDisconnect      cancel a session's open orders when it goes away.
     * @param clock                   stamps each batch's commands (read once per batch).
     * @param marketData              receives each command's public trades and level changes, tagged with its
     *                                journal sequence; null for no market data (the engine then records no level
     *                                changes).
     */
    public MatchingHandler(
        final EngineContext engineContext,
        final int maxOpenOrdersPerAccount,
        final boolean cancelOnDisconnect,
        final EpochNanoClock clock,
        final MarketDataPublisher marketData)
    {
        this.ownership = new OrderOwnership(engineContext.orderPoolSize(), maxOpenOrdersPerAccount);
        this.router = new ReportRouter(ownership);
        this.engine = marketData == null ? new MatchingEngine(engineContext, router) :
            new MatchingEngine(engineContext, new TradeTapListener(router, marketData), marketData);
        this.engine.balanceListener(router);
        this.router.balances(engine.balances());
        this.applier = new CommandApplier(engine, ownership, router, marketData, stamps);
        this.control = new MatchingControl(engine, ownership, router, applier, clock, cancelOnDisconnect);
        this.clock = clock;
    }

    /**
     * Attach observability and the overload monitor; call before the ring starts (control plane, produces garbage).
     * Stage timestamps are stamped only when something reads them: the metrics, or a trace sampler that can capture.
     * The overload monitor is fed whether or not there are metrics.
     *
     * @param metrics         counts and per-stage latency; null for none ({@code metrics.enabled=false}).
     * @param traceSampler    told of each completed command; null for none.
     * @param overloadMonitor fed with queueing delay and ring occupancy; null for none.
     * @param ringStatus      occupancy of the command ring (required with an overload monitor).
     * @param ringSize        slots in the ring (largest possible batch).
     * @return this for fluent use.
     */
    public MatchingHandler observe(
        final ServerMetrics metrics,
        final OrderTraceSampler traceSampler,
        final OverloadMonitor overloadMonitor,
        final RingStatus ringStatus,
        final int ringSize)
    {
        applier.metrics(metrics);
        router.metrics(metrics);
        stamps.configure(metrics, traceSampler, overloadMonitor, ringStatus, ringSize);
        return this;
    }

    /**
     * Hold every session's reports at the node's reply gate (control plane, before the ring starts). Without it
     * reports leave at each flush.
     *
     * @param gate releases reports once the commands they wait for are durable.
     * @return this.
     */
    public MatchingHandler gate(final ReplyGate gate)
    {
        applier.gate(gate);
        return this;
    }

    /**
     * Sessions whose egress queues drains lazily ({@link EgressWakes}) need the matching thread to wake their event
     * loops when they fall behind: at each flush, and through {@link EgressWakes#nudge()} from the wait strategy when
     * idle (control plane, before the ring starts).
     *
     * @param wakes the node's lazy egress wakes.
     * @return this.
     */
    public MatchingHandler egressWakes(final EgressWakes wakes)
    {
        router.egressWakes = wakes;
        router.wakeAtFlushEnd = false;
        return this;
    }

    /**
     * Sessions whose egress queues drains lazily ({@link EgressWakes}) have their event loops woken at the end of
     * each flush, once per loop however many of its sessions the flush handed reports to (for wait strategies that
     * block, where the matching thread has no idle park to nudge from; control plane, before the ring starts).
     *
     * @param wakes the node's egress wakes.
     * @return this.
     */
    public MatchingHandler egressWakesAtFlush(final EgressWakes wakes)
    {
        router.egressWakes = wakes;
        router.wakeAtFlushEnd = true;
        return this;
    }

    /**
     * @return true once applying a journaled command threw: the engine may differ from the journal, the node takes no
     *         more orders and the gate releases nothing past the command before it (readable from any thread).
     */
    public boolean diverged()
    {
        return applier.diverged();
    }

    /**
     * @return true while the node takes orders: the journal has not failed and the engine has not diverged (readable
     *         from any thread).
     */
    public boolean acceptingOrders()
    {
        return applier.acceptingOrders();
    }

    /**
     * Be told of every instrument an operator defines at run time, on the matching thread right after the engine
     * applied it (control plane, before the ring starts).
     *
     * @param listener receives the symbol and the new instrument id.
     * @return this.
     */
    public MatchingHandler instrumentListener(final ObjIntConsumer<String> listener)
    {
        control.instrumentListener(listener);
        return this;
    }

    /**
     * Read, once recovery has filled the engine, whether good-till-date orders are open (control plane, before the
     * ring starts), so that the node's clock runs from the start.
     *
     * @return this.
     */
    public MatchingHandler primeClock()
    {
        gtdOpenLocal = engine.gtdOrderCount() > 0;
        gtdOpen = gtdOpenLocal;
        return this;
    }

    /**
     * @return true while good-till-date orders are open (as of the last batch; readable from any thread): the node's
     *         clock then publishes {@link EventKind#CLOCK} events.
     */
    public boolean gtdOrdersOpen()
    {
        return gtdOpen;
    }

    /**
     * @return the engine; define instruments through it before the ring starts (control plane).
     */
    public MatchingEngine engine()
    {
        return engine;
    }

    /**
     * @return who owns which order; the {@link io.arbiter.journal.RecoveryListener} of start-up recovery and the
     *         source of client order ids for snapshots (matching thread only after start).
     */
    public OrderOwnership ownership()
    {
        return ownership;
    }

    /**
     * Attach the journal (control plane, before the ring starts; after recovery). Without it commands are numbered
     * from 1 and nothing is written.
     *
     * @param journal numbers, journals and snapshots commands.
     * @return this.
     */
    public MatchingHandler journal(final CommandJournal journal)
    {
        applier.journal(journal);
        return this;
    }

    /**
     * @return the journal stage (its sequences may be read from any thread).
     */
    public CommandJournal journal()
    {
        return applier.journal();
    }

    /**
     * @param action run on the matching thread when the ring halts (after the last batch); e.g. a final snapshot.
     * @return this.
     */
    public MatchingHandler onShutdownAction(final Runnable action)
    {
        this.onShutdownAction = action;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onShutdown()
    {
        if (onShutdownAction != null)
        {
            onShutdownAction.run();
        }
    }

    /**
     * Commit, snapshot if anything changed and close the journal; call once no batch can run any more.
     */
    public void closeJournal()
    {
        applier.journal().close(engine, clock.nanoTime());
    }

    /**
     * Look ahead over the command ring this handler consumes: before applying a command, bring in the engine memory
     * of the commands already published behind it (see {@link MatchingEngine#prefetch}), so that their cache misses
     * overlap. Changes no event or decision. Control plane: call before the ring starts.
     *
     * @param events   the ring this handler consumes (read up to the last sequence published at a batch's start).
     * @param distance sequences between the look-ahead stages; 0 for no look-ahead.
     * @throws IllegalArgumentException if the distance is negative.
     */
    public void lookAhead(final DataProvider<CommandEvent> events, final int distance)
    {
        if (distance < 0)
        {
            throw new IllegalArgumentException("look-ahead distance must not be negative: " + distance);
        }
        lookAhead = distance == 0 ? null : new RingLookAhead(engine, ownership, events, distance);
    }

    /**
     * @return commands and control messages handled so far (published once per batch; readable from any thread).
     */
    public long processedCount()
    {
        return processedCount;
    }

    /**
     * Matching thread only (e.g. from a snapshot between batches).
     *
     * @param exchangeOrderId of an open order.
     * @return the client order id its owner entered it with, or {@link JournalDescriptor#NO_CLIENT_ORDER_ID}.
     */
    public long clientOrderId(final long exchangeOrderId)
    {
        return ownership.clientOrderId(exchangeOrderId);
    }

    /**
     * @return accounts with orders that no live session owns (control plane: before the ring starts).
     */
    public int parkedAccountCount()
    {
        return ownership.parkedAccountCount();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        startBatch();
        if (lookAhead != null)
        {
            lookAhead.onBatchStart(queueDepth);
        }
        stamps.onBatchStart(batchSize, queueDepth);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        if (!batchStarted)
        {
            startBatch();
        }
        if (event.kind() != EventKind.ENGINE_COMMAND)
        {
            stamps.settleMatchEnd();
        }
        switch (event.kind())
        {
            case ENGINE_COMMAND:
                if (stamps.active())
                {
                    stamps.onCommandTaken(event, sequence);
                }
                if (lookAhead != null)
                {
                    lookAhead.ahead(sequence);
                }
                applier.onEngineCommand(event);
                if (stamps.stamping())
                {
                    stamps.onMatchEnd(event);
                }
                break;
            case SESSION_OPENED:
                control.onSessionOpened(event.registration());
                event.registration(null);
                break;
            case SESSION_CLOSED:
                control.onSessionClosed(event.sessionId());
                break;
            case TICK:
                control.onTick();
                break;
            case CONTROL:
                control.onControl(event.control());
                event.control(null);
                break;
            case QUERY:
                control.onQuery(event);
                break;
            case CLOCK:
                control.onClock();
                break;
            default:
                break;
        }
        if (event.kind() != EventKind.TICK && event.kind() != EventKind.CLOCK)
        {
            processed++;
        }
        batchEventsSeen++;
        if (endOfBatch)
        {
            endBatch();
        }
        else if (applier.uncommittedCommands() >= MAX_COMMANDS_PER_COMMIT)
        {
            applier.commitAndFlush();
        }
    }

    private void startBatch()
    {
        final long batchTimestampNs = clock.nanoTime();
        applier.batchTimestampNs(batchTimestampNs);
        batchStarted = true;
        router.batchTimestamp(batchTimestampNs);
    }

    private void endBatch()
    {
        applier.commitAndFlush();
        if (stamps.active())
        {
            stamps.onBatchFlushed(batchEventsSeen, ownership.sessionCount());
        }
        batchEventsSeen = 0;
        batchStarted = false;
        processedCount = processed;
        final boolean gtd = engine.gtdOrderCount() > 0;
        if (gtd != gtdOpenLocal)
        {
            gtdOpenLocal = gtd;
            gtdOpen = gtd;
        }
        applier.journal().afterBatch(engine, clock.nanoTime());
    }
}
