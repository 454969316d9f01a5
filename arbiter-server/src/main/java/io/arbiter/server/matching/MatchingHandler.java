package io.arbiter.server.matching;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lmax.disruptor.DataProvider;
import com.lmax.disruptor.EventHandler;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.TimeInForce;
import io.arbiter.journal.JournalDescriptor;
import io.arbiter.marketdata.MarketDataPublisher;
import io.arbiter.marketdata.TradeTapListener;
import io.arbiter.server.egress.EgressWakes;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.overload.OverloadMonitor;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.OperatorRefusal;
import io.arbiter.server.sequencer.SessionRegistration;
import io.arbiter.server.tracing.OrderTraceSampler;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.EpochNanoClock;

import java.util.function.ObjIntConsumer;

/**
 * The matching thread's handler of the command ring: the batch lifecycle. For each ring event it stamps the batch's
 * time, asks {@link OrderOwnership} for the node's checks (duplicate client order id, open-order limit, unknown
 * client order id), numbers and journals the command ({@link CommandJournal}), runs the {@link MatchingEngine}, whose
 * events land in the {@link ReportRouter} that sends them forward to the owning session's egress, and at the end of
 * each batch commits the journal before the router flushes the touched sessions. Stage stamps, tracing and the
 * overload monitor are {@link BatchStamps}. Single writer: only the matching thread may call it after start. Steady
 * state allocates nothing.
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
    private final MarketDataPublisher marketData;
    private final EpochNanoClock clock;
    private final boolean cancelOnDisconnect;
    private final OrderOwnership ownership;
    private final ReportRouter router;
    private final QueryResponder queries;
    private final BatchStamps stamps = new BatchStamps();
    private final LongArrayList ordersToCancel = new LongArrayList();
    private final Command scratchCancel = new Command();
    private final Command clockCommand = new Command();
    private final OperatorDesk desk;
    private RingLookAhead lookAhead;
    private ObjIntConsumer<String> instrumentListener;
    private boolean gtdOpenLocal;
    private volatile boolean gtdOpen;

    private long batchTimestampNs;
    private boolean batchStarted;
    private volatile long processedCount;
    private long processed;
    private CommandJournal journal = new CommandJournal(0);
    private int uncommittedCommands;
    private int batchEventsSeen;
    private ServerMetrics metrics;
    private Runnable onShutdownAction;
    private ReplyGate gate = ReplyGate.OPEN;
    private boolean stopped;
    private volatile boolean diverged;

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
        this.marketData = marketData;
        this.engine = marketData == null ? new MatchingEngine(engineContext, router) :
            new MatchingEngine(engineContext, new TradeTapListener(router, marketData), marketData);
        this.engine.balanceListener(router);
        this.router.balances(engine.balances());
        this.queries = new QueryResponder(engine, ownership);
        this.desk = new OperatorDesk(engine, ownership::clientOrderId);
        this.clock = clock;
        this.cancelOnDisconnect = cancelOnDisconnect;
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
        this.metrics = metrics;
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
        this.gate = gate;
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
        return diverged;
    }

    /**
     * @return true while the node takes orders: the journal has not failed and the engine has not diverged (readable
     *         from any thread).
     */
    public boolean acceptingOrders()
    {
        return !diverged && !journal.failed();
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
        this.instrumentListener = listener;
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
        this.journal = journal;
        return this;
    }

    /**
     * @return the journal stage (its sequences may be read from any thread).
     */
    public CommandJournal journal()
    {
        return journal;
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
        journal.close(engine, clock.nanoTime());
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
                onEngineCommand(event);
                if (stamps.stamping())
                {
                    stamps.onMatchEnd(event);
                }
                break;
            case SESSION_OPENED:
                onSessionOpened(event.registration());
                event.registration(null);
                break;
            case SESSION_CLOSED:
                onSessionClosed(event.sessionId());
                break;
            case TICK:
                journal.onTick();
                break;
            case CONTROL:
                onControl(event.control());
                event.control(null);
                break;
            case QUERY:
                onQuery(event);
                break;
            case CLOCK:
                onClock();
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
        else if (uncommittedCommands >= MAX_COMMANDS_PER_COMMIT)
        {
            commitAndFlush();
        }
    }

    private void startBatch()
    {
        batchTimestampNs = clock.nanoTime();
        batchStarted = true;
        router.batchTimestamp(batchTimestampNs);
    }

    /**
     * Hand the reports of the commands since the last hand-off to egress, gated on the journal's last sequence: they
     * leave once the journal writer has made it durable. Once the journal failed or the engine diverged, the reports
     * not yet handed over are dropped, and from then on only NODE_STOPPED rejects are sent (released at once).
     */
    private void commitAndFlush()
    {
        stamps.settleMatchEnd();
        final boolean timed = stamps.stamping() && uncommittedCommands > 0 && journal.enabled();
        uncommittedCommands = 0;
        final long commitStartNs = timed ? System.nanoTime() : 0;
        if (stopped)
        {
            router.flush(ReplyGate.RELEASE_NOW);
            return;
        }
        final boolean committed = journal.commit(batchTimestampNs);
        if (timed)
        {
            stamps.onJournalCommitted(commitStartNs, System.nanoTime());
        }
        if (committed)
        {
            router.flush(journal.lastSequence());
        }
        else
        {
            stopped = true;
            gate.freeze(journal.committedSequence());
            router.discard();
        }
    }

    private void endBatch()
    {
        commitAndFlush();
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
        journal.afterBatch(engine, clock.nanoTime());
    }

    /**
     * Answer a session's read-only request from the live state. Not journaled; the answer is flushed with the batch,
     * so it leaves once every command before it is durable.
     */
    private void onQuery(final CommandEvent event)
    {
        final SessionState session = ownership.liveSession(event.sessionId());
        if (session != null)
        {
            queries.answer(session, event.query(), event.clientOrderId(), event.command().instrumentId(),
                event.command().orderId());
            router.touch(session);
        }
    }

    private void onControl(final ControlRequest request)
    {
        if (request == null)
        {
            return;
        }
        if (request.type() == ControlRequest.Type.STATE)
        {
            NodeStateReport.answer(request, journal, engine);
        }
        else if (request.type() == ControlRequest.Type.TICK)
        {
            journal.onTick();
        }
        else if (request.type() == ControlRequest.Type.OPERATOR)
        {
            onOperator(request);
        }
        else if (request.type() == ControlRequest.Type.ACCOUNT)
        {
            desk.account(request);
        }
        else
        {
            journal.onControl(request, engine, clock.nanoTime());
        }
    }

    /**
     * The node's clock: journal and apply a TIME command (epoch milliseconds of the batch) while good-till-date orders
     * are open, so that they expire by themselves and a replay expires the same ones.
     */
    private void onClock()
    {
        if (engine.gtdOrderCount() > 0)
        {
            advanceClock();
        }
    }

    /**
     * Journal and apply a TIME command with the batch's epoch milliseconds if the engine's clock is behind it: on
     * every {@link EventKind#CLOCK} while good-till-date orders are open, and before every good-till-date order, so
     * that an expiry already past by the node's clock is rejected at once (INVALID_EXPIRY) however long the engine's
     * clock stood still while no such order was open.
     */
    private void advanceClock()
    {
        final long nowMs = batchTimestampNs / 1_000_000L;
        if (nowMs <= engine.clock() || stopped || !acceptingOrders())
        {
            return;
        }
        clockCommand.clock(nowMs).timestampNs(batchTimestampNs);
        if (journalCommand(clockCommand, false, JournalDescriptor.NO_CLIENT_ORDER_ID))
        {
            apply(clockCommand, null, 0);
        }
    }

    /**
     * Resolve, journal and apply an operator's command, then answer with its outcome (the admin side waits for the
     * journal to make its sequence durable before it replies). A request that names nothing defined is refused
     * before anything is journaled.
     */
    private void onOperator(final ControlRequest request)
    {
        if (stopped || !acceptingOrders())
        {
            request.result().completeExceptionally(new IllegalStateException("the node takes no commands: " +
                (diverged ? "the engine diverged from the journal" : journal.failure())));
            return;
        }
        final Command command = new Command();
        try
        {
            desk.prepare(request.operator(), command);
        }
        catch (final OperatorRefusal ex)
        {
            request.result().completeExceptionally(ex);
            return;
        }
        catch (final IllegalArgumentException ex)
        {
            request.result().completeExceptionally(new OperatorRefusal(400, ex.getMessage()));
            return;
        }
        command.timestampNs(batchTimestampNs);
        if (!journalCommand(command, false, JournalDescriptor.NO_CLIENT_ORDER_ID))
        {
            request.result().completeExceptionally(new IllegalStateException("journal failed: " + journal.failure()));
            return;
        }
        apply(command, null, 0);
        if (diverged)
        {
            request.result().completeExceptionally(new IllegalStateException("applying the command failed"));
            return;
        }
        final ObjectNode outcome = desk.outcome(command, request.operator()).put("journaled", journal.enabled());
        if (command.type() == CommandType.INSTRUMENT && engine.lastOperatorResult() >= 0 && instrumentListener != null)
        {
            instrumentListener.accept(request.operator().symbol(), (int)engine.lastOperatorResult());
        }
        request.result().complete(outcome.toString());
    }

    private boolean journalCommand(final Command command, final boolean newOrder, final long clientOrderId)
    {
        uncommittedCommands++;
        // the journal's appends are counted where they are appended (JournalHandler), not here a second time
        return journal.append(command, newOrder, clientOrderId);
    }

    private void onEngineCommand(final CommandEvent event)
    {
        final SessionState session = ownership.liveSession(event.sessionId());
        if (session == null)
        {
            return;
        }
        final Command command = event.command();
        final long clientOrderId = event.clientOrderId();
        if (command.type() == CommandType.NEW && command.timeInForce() == TimeInForce.GTD)
        {
            advanceClock();
        }
        command.timestampNs(batchTimestampNs).account(session.account);
        router.beginCommand(session, clientOrderId, event.clientTimestampNs(), command.instrumentId());
        if (stopped || journal.failed())
        {
            router.reject(session, clientOrderId, command.type(), RejectCode.NODE_STOPPED);
        }
        else if (command.type() == CommandType.NEW)
        {
            final RejectCode refused = ownership.checkNewOrder(session, clientOrderId);
            if (refused != null)
            {
                router.reject(session, clientOrderId, CommandType.NEW, refused);
            }
            else if (journalCommand(command, true, clientOrderId))
            {
                apply(command, session, clientOrderId);
            }
        }
        else if (command.type() == CommandType.MASS_CANCEL)
        {
            // the gateway wrote the session's own account (set again above): a client cancels only its own orders
            if (journalCommand(command, false, JournalDescriptor.NO_CLIENT_ORDER_ID))
            {
                apply(command, null, clientOrderId);
            }
        }
        else
        {
            final long exchangeOrderId = ownership.exchangeOrderId(session, clientOrderId);
            if (exchangeOrderId == OrderOwnership.NO_ORDER)
            {
                router.reject(session, clientOrderId, command.type(), RejectCode.UNKNOWN_CLIENT_ORDER_ID);
            }
            else
            {
                command.orderId(exchangeOrderId);
                if (journalCommand(command, false, clientOrderId))
                {
                    apply(command, null, clientOrderId);
                }
            }
        }
        router.endCommand();
    }

    /**
     * Apply a journaled command: record a NEW order's owner ({@code newOrderOwner}, null for any other command), then
     * run the engine. If either throws, the journal and the live state may now disagree: the node stops taking
     * orders, and the gate never releases the reports of this command or any later one.
     */
    private void apply(final Command command, final SessionState newOrderOwner, final long clientOrderId)
    {
        try
        {
            if (newOrderOwner != null)
            {
                ownership.onNewOrder(newOrderOwner, clientOrderId, command.orderId());
            }
            if (marketData != null)
            {
                marketData.beginCommand(command.sequence(), command.timestampNs());
            }
            engine.onCommand(command);
        }
        catch (final RuntimeException ex)
        {
            diverged = true;
            gate.freeze(command.sequence() - 1);
            journal.fail("applying journaled command " + command.sequence() + " threw " + ex +
                ": the engine may differ from the journal");
            if (metrics != null)
            {
                metrics.onEngineFailure();
            }
        }
    }

    private void onSessionOpened(final SessionRegistration registration)
    {
        registration.egress().gate(gate);
        if (registration.egress() instanceof ReplyGate.Waiter)
        {
            gate.register((ReplyGate.Waiter)registration.egress());
        }
        ownership.open(registration);
    }

    private void onSessionClosed(final long sessionId)
    {
        final SessionState session = ownership.close(sessionId, cancelOnDisconnect, ordersToCancel);
        if (session == null)
        {
            return;
        }

        for (int i = 0, size = ordersToCancel.size(); i < size; i++)
        {
            final long orderId = ordersToCancel.getLong(i);
            scratchCancel.cancel(orderId, session.account).timestampNs(batchTimestampNs);
            if (journalCommand(scratchCancel, false, ownership.rawClientOrderId(orderId)))
            {
                apply(scratchCancel, null, 0);
            }
        }
        ordersToCancel.clear();
    }
}
