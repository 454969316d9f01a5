package io.arbiter.server.matching;

import com.lmax.disruptor.EventHandler;
import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;
import io.arbiter.journal.JournalDescriptor;
import io.arbiter.journal.RecoveryListener;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.metrics.Stage;
import io.arbiter.server.metrics.StageTimestamps;
import io.arbiter.server.overload.OverloadMonitor;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.SessionRegistration;
import io.arbiter.server.tracing.OrderTraceSampler;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.EpochNanoClock;

import java.util.Arrays;

/**
 * The matching thread's handler of the command ring: it stamps each command with its ring sequence and the batch's
 * time, turns client order ids into exchange order ids, applies the node's checks (duplicate client order id,
 * open-order limit), runs the {@link MatchingEngine} and routes every event to the egress of the session that owns
 * the order, flushing the touched sessions once at the end of each batch. Single writer: only the matching thread
 * may call it after start. Steady state allocates nothing (maps are presized; they grow only beyond their sizing).
 * <p>
 * Every command that reaches the engine is numbered with the next journal sequence and appended to the journal
 * before it is matched ({@link CommandJournal}); the batch is committed before any reply of it is flushed, so an
 * acknowledgement is as durable as the journal's policy makes it. Exchange order ids are the NEW command's journal
 * sequence: unique across restarts and reproduced exactly by replay (the id is in the record).
 * <p>
 * Orders belong to the session that entered them. Orders no live session owns (recovered at start-up, where this
 * handler is the {@link RecoveryListener}, or left open by a session that ended without cancel-on-disconnect) are
 * parked with their account; the next session of that account to log on adopts them: it receives their reports and
 * addresses them by the client order ids they were entered with.
 */
public final class MatchingHandler implements EventHandler<CommandEvent>, ExecutionListener, RecoveryListener
{
    private static final long NO_ORDER = SessionState.NO_ORDER;
    /**
     * A ring batch longer than this many journaled commands is committed and flushed in parts: it bounds the reports
     * one session accumulates before a flush (its egress hands batches to the I/O thread only at flush, and a large
     * backlog after a slow fsync would otherwise overflow the egress queue or its batch buffer).
     */
    static final int MAX_COMMANDS_PER_COMMIT = 128;

    private final MatchingEngine engine;
    private final EpochNanoClock clock;
    private final int maxOpenOrdersPerAccount;
    private final boolean cancelOnDisconnect;
    private final int expectedOpenOrdersPerSession;
    private final Long2ObjectHashMap<SessionState> sessionsById = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<SessionState> sessionByExchangeId;
    private final Long2LongHashMap clientIdByExchangeId;
    private final Long2LongHashMap openOrdersByAccount = new Long2LongHashMap(64, 0.65f, 0);
    private final Long2ObjectHashMap<SessionState> parkedByAccount = new Long2ObjectHashMap<>();
    private long ordersWithoutClientOrderId;
    private final LongArrayList scratchOrderIds = new LongArrayList();
    private final Command scratchCancel = new Command();
    private SessionState[] dirtySessions = new SessionState[16];
    private int dirtyCount;

    private SessionState current;
    private long currentClientOrderId;
    private long currentClientTimestampNs;
    private long currentSequence;
    private int currentInstrumentId;
    private long batchTimestampNs;
    private boolean batchStarted;
    private volatile long processedCount;
    private long processed;
    private CommandJournal journal = new CommandJournal(0);
    private int uncommittedCommands;
    private Runnable onShutdownAction;

    private ServerMetrics metrics;
    private OrderTraceSampler traceSampler;
    private OverloadMonitor overloadMonitor;
    private RingStatus ringStatus;
    private boolean stamping;
    private CommandEvent[] batchEvents = new CommandEvent[0];
    private int batchEventCount;
    private int batchEventsSeen;
    private int batchEventsJournaled;
    private long batchSize;
    private long queueDepth;

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
        this.engine = new MatchingEngine(engineContext, this);
        this.clock = clock;
        this.maxOpenOrdersPerAccount = maxOpenOrdersPerAccount;
        this.cancelOnDisconnect = cancelOnDisconnect;
        this.expectedOpenOrdersPerSession = Math.min(maxOpenOrdersPerAccount, 1024);
        final int capacity = Math.max(16, engineContext.orderPoolSize() * 2);
        this.sessionByExchangeId = new Long2ObjectHashMap<>(capacity, 0.65f);
        this.clientIdByExchangeId = new Long2LongHashMap(capacity, 0.65f, NO_ORDER);
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
        this.traceSampler = traceSampler;
        this.overloadMonitor = overloadMonitor;
        this.ringStatus = ringStatus;
        this.stamping = metrics != null || (traceSampler != null && traceSampler.enabled());
        this.batchEvents = new CommandEvent[Math.max(16, ringSize)];
        return this;
    }

    /**
     * @return the engine; define instruments through it before the ring starts (control plane).
     */
    public MatchingEngine engine()
    {
        return engine;
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
     * @return commands and control messages handled so far (published once per batch; readable from any thread).
     */
    public long processedCount()
    {
        return processedCount;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        batchTimestampNs = clock.nanoTime();
        batchStarted = true;
        this.batchSize = batchSize;
        this.queueDepth = queueDepth;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        if (!batchStarted)
        {
            batchTimestampNs = clock.nanoTime();
            batchStarted = true;
        }
        switch (event.kind())
        {
            case ENGINE_COMMAND:
                if (stamping || overloadMonitor != null)
                {
                    onCommandTaken(event, sequence);
                }
                onEngineCommand(event, sequence);
                if (stamping)
                {
                    event.timestamps().matchEndNs(System.nanoTime());
                }
                break;
            case SESSION_OPENED:
                onSessionOpened(event.registration());
                event.registration(null);
                break;
            case SESSION_CLOSED:
                onSessionClosed(event.sessionId(), sequence);
                break;
            case CONTROL:
                onControl(event.control());
                event.control(null);
                break;
            default:
                break;
        }
        if (event.kind() != EventKind.TICK)
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

    private void commitAndFlush()
    {
        final boolean timed = stamping && uncommittedCommands > 0 && journal.enabled();
        uncommittedCommands = 0;
        final long commitStartNs = timed ? System.nanoTime() : 0;
        final boolean committed = journal.commit(batchTimestampNs);
        if (timed)
        {
            onJournalCommitted(commitStartNs, System.nanoTime());
        }
        if (committed)
        {
            flushDirtySessions();
        }
        else
        {
            discardDirtySessions();
        }
    }

    private void onJournalCommitted(final long startNs, final long endNs)
    {
        if (metrics != null)
        {
            metrics.onJournalFsync(endNs - startNs);
        }
        for (int i = batchEventsJournaled; i < batchEventCount; i++)
        {
            batchEvents[i].timestamps().journalStartNs(startNs).journalEndNs(endNs);
        }
        batchEventsJournaled = batchEventCount;
    }

    private void endBatch()
    {
        commitAndFlush();
        if (stamping || overloadMonitor != null)
        {
            onBatchFlushed();
        }
        batchEventsSeen = 0;
        batchStarted = false;
        processedCount = processed;
        journal.afterBatch(engine, clock.nanoTime());
    }

    private void onControl(final ControlRequest request)
    {
        if (request != null)
        {
            journal.onControl(request, engine, clock.nanoTime());
        }
    }

    private boolean journalCommand(final Command command, final boolean newOrder, final long clientOrderId)
    {
        uncommittedCommands++;
        final boolean appended = journal.append(command, newOrder, clientOrderId);
        if (appended && metrics != null && journal.enabled())
        {
            metrics.onJournalAppend(JournalDescriptor.COMMAND_RECORD_LENGTH);
        }
        return appended;
    }

    private void onCommandTaken(final CommandEvent event, final long sequence)
    {
        final long nowNs = System.nanoTime();
        if (overloadMonitor != null && event.command().type() != CommandType.CANCEL)
        {
            overloadMonitor.onNewOrderTaken(event.receivedNs(), nowNs);
        }
        if (stamping)
        {
            event.timestamps()
                .dequeuedNs(nowNs)
                .matchStartNs(nowNs)
                .sequence(sequence)
                .ringDepth(queueDepth)
                .batchSize(batchSize);
            if (batchEventCount < batchEvents.length)
            {
                batchEvents[batchEventCount++] = event;
            }
        }
    }

    /**
     * End of batch, after the egress flush: egress and total latency of each command of the batch (slots are not
     * reused before this handler's sequence advances), tracing, batch counters and the overload duty cycle.
     */
    private void onBatchFlushed()
    {
        final long nowNs = System.nanoTime();
        for (int i = 0; i < batchEventCount; i++)
        {
            final StageTimestamps timestamps = batchEvents[i].timestamps();
            batchEvents[i] = null;
            timestamps.egressStartNs(timestamps.matchEndNs()).egressEndNs(nowNs);
            final long totalNs = metrics != null ? metrics.stageLatency().record(timestamps) :
                timestamps.durationNs(Stage.TOTAL);
            if (traceSampler != null)
            {
                traceSampler.onOrderComplete(timestamps, totalNs);
            }
        }
        batchEventCount = 0;
        batchEventsJournaled = 0;
        if (metrics != null)
        {
            metrics.onBatch(batchEventsSeen);
        }
        if (overloadMonitor != null)
        {
            overloadMonitor.onDutyCycle(nowNs, ringStatus.occupancy(), ringStatus.capacity(), sessionsById.size());
        }
    }

    private void onEngineCommand(final CommandEvent event, final long sequence)
    {
        final SessionState session = sessionsById.get(event.sessionId());
        if (session == null || session.closed)
        {
            return;
        }
        final Command command = event.command();
        final long clientOrderId = event.clientOrderId();
        command.timestampNs(batchTimestampNs).account(session.account);
        current = session;
        currentClientOrderId = clientOrderId;
        currentClientTimestampNs = event.clientTimestampNs();
        currentSequence = sequence;
        if (command.type() == CommandType.NEW)
        {
            onNewOrder(session, command, clientOrderId, sequence);
        }
        else
        {
            final long exchangeOrderId = session.exchangeIdByClientId.get(clientOrderId);
            if (exchangeOrderId == NO_ORDER)
            {
                reject(session, clientOrderId, command.type(), RejectCode.UNKNOWN_CLIENT_ORDER_ID);
            }
            else
            {
                command.orderId(exchangeOrderId);
                if (journalCommand(command, false, clientOrderId))
                {
                    currentSequence = command.sequence();
                    engine.onCommand(command);
                }
            }
        }
        current = null;
    }

    private void onNewOrder(
        final SessionState session, final Command command, final long clientOrderId, final long sequence)
    {
        if (clientOrderId == NO_ORDER)
        {
            reject(session, clientOrderId, CommandType.NEW, RejectCode.INVALID_CLIENT_ORDER_ID);
            return;
        }
        if (session.exchangeIdByClientId.get(clientOrderId) != NO_ORDER)
        {
            reject(session, clientOrderId, CommandType.NEW, RejectCode.DUPLICATE_CLIENT_ORDER_ID);
            return;
        }
        final long open = openOrdersByAccount.get(session.account);
        if (open >= maxOpenOrdersPerAccount)
        {
            reject(session, clientOrderId, CommandType.NEW, RejectCode.OPEN_ORDER_LIMIT);
            return;
        }
        if (!journalCommand(command, true, clientOrderId))
        {
            return;
        }
        final long exchangeOrderId = command.orderId();
        currentSequence = command.sequence();
        session.exchangeIdByClientId.put(clientOrderId, exchangeOrderId);
        sessionByExchangeId.put(exchangeOrderId, session);
        clientIdByExchangeId.put(exchangeOrderId, clientOrderId);
        openOrdersByAccount.put(session.account, open + 1);
        currentInstrumentId = command.instrumentId();
        engine.onCommand(command);
    }

    private void reject(
        final SessionState session, final long clientOrderId, final CommandType type, final RejectCode code)
    {
        session.egress.onRejected(
            currentSequence, batchTimestampNs, clientOrderId, type, code, currentClientTimestampNs);
        markDirty(session);
        if (metrics != null)
        {
            metrics.onOrderRejected(code.ordinal());
        }
    }

    private void onSessionOpened(final SessionRegistration registration)
    {
        final SessionState session = new SessionState(
            registration.sessionId(), registration.account(), registration.egress(), expectedOpenOrdersPerSession);
        sessionsById.put(session.sessionId, session);
        adopt(session);
    }

    /**
     * The session takes over its account's parked orders. If two of them share a client order id (entered by
     * different sessions before a restart) it adopts the older one (lower exchange order id); the other stays parked
     * for the account's next logon.
     */
    private void adopt(final SessionState session)
    {
        final SessionState parked = parkedByAccount.remove(session.account);
        if (parked == null)
        {
            return;
        }
        final LongHashSet parkedIds = parked.parkedOrderIds;
        scratchOrderIds.clear();
        final LongHashSet.LongIterator orderIds = parkedIds.iterator();
        while (orderIds.hasNext())
        {
            scratchOrderIds.addLong(orderIds.nextValue());
        }
        parkedIds.clear();
        for (int i = 0, size = scratchOrderIds.size(); i < size; i++)
        {
            final long orderId = scratchOrderIds.getLong(i);
            final long clientOrderId = clientIdByExchangeId.get(orderId);
            final long taken = session.exchangeIdByClientId.get(clientOrderId);
            if (taken == NO_ORDER || orderId < taken)
            {
                session.exchangeIdByClientId.put(clientOrderId, orderId);
                sessionByExchangeId.put(orderId, session);
                if (taken != NO_ORDER)
                {
                    parkedIds.add(taken);
                    sessionByExchangeId.put(taken, parked);
                }
            }
            else
            {
                parkedIds.add(orderId);
            }
        }
        scratchOrderIds.clear();
        if (!parked.parkedOrderIds.isEmpty())
        {
            parkedByAccount.put(session.account, parked);
        }
    }

    /**
     * Hand an order no live session owns to its account's parked state (counting it as open if {@code count}).
     */
    private void park(final long orderId, final long account, final long clientOrderId, final boolean count)
    {
        SessionState parked = parkedByAccount.get(account);
        if (parked == null)
        {
            parked = SessionState.parked(account);
            parkedByAccount.put(account, parked);
        }
        parked.parkedOrderIds.add(orderId);
        sessionByExchangeId.put(orderId, parked);
        if (clientOrderId != NO_ORDER)
        {
            clientIdByExchangeId.put(orderId, clientOrderId);
        }
        else
        {
            ordersWithoutClientOrderId++;
        }
        if (count)
        {
            openOrdersByAccount.put(account, openOrdersByAccount.get(account) + 1);
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * Start-up recovery (control plane): the order is parked with its account.
     */
    @Override
    public void onRestoredOrder(final long orderId, final long account, final long clientOrderId)
    {
        park(orderId, account, clientOrderId, true);
    }

    /**
     * {@inheritDoc}
     * <p>
     * Start-up recovery (control plane): a replayed NEW order is parked with its account before the engine sees it,
     * so its fills and cancels keep the ownership maps and open-order counts exact; no report is sent.
     */
    @Override
    public void onReplay(final Command command, final long clientOrderId)
    {
        if (command.type() == CommandType.NEW)
        {
            park(command.orderId(), command.account(), clientOrderId, true);
        }
    }

    /**
     * Matching thread only (e.g. from a snapshot between batches).
     *
     * @param exchangeOrderId of an open order.
     * @return the client order id its owner entered it with, or {@link JournalDescriptor#NO_CLIENT_ORDER_ID}.
     */
    public long clientOrderId(final long exchangeOrderId)
    {
        final long clientOrderId = clientIdByExchangeId.get(exchangeOrderId);
        return clientOrderId == NO_ORDER ? JournalDescriptor.NO_CLIENT_ORDER_ID : clientOrderId;
    }

    /**
     * Orders recovered with client order id 2<sup>64</sup>-1 ({@link JournalDescriptor#NO_CLIENT_ORDER_ID}): a journal
     * written before the gateway rejected that id holds such NewOrders. They rest and are adopted like any other
     * order; their reports, and a Cancel or Replace naming them, carry client order id 2<sup>64</sup>-1.
     *
     * @return how many orders recovery parked without a client order id (control plane: before the ring starts).
     */
    public long ordersWithoutClientOrderId()
    {
        return ordersWithoutClientOrderId;
    }

    /**
     * @return accounts with orders that no live session owns (control plane: before the ring starts).
     */
    public int parkedAccountCount()
    {
        return parkedByAccount.size();
    }

    private void onSessionClosed(final long sessionId, final long sequence)
    {
        final SessionState session = sessionsById.remove(sessionId);
        if (session == null)
        {
            return;
        }
        session.closed = true;
        if (session.exchangeIdByClientId.isEmpty())
        {
            return;
        }
        if (cancelOnDisconnect)
        {
            cancelAll(session, sequence);
        }
        else
        {
            final Long2LongHashMap.EntryIterator entries = session.exchangeIdByClientId.entrySet().iterator();
            while (entries.hasNext())
            {
                entries.next();
                park(entries.getLongValue(), session.account, entries.getLongKey(), false);
            }
            session.exchangeIdByClientId.clear();
        }
    }

    private void cancelAll(final SessionState session, final long sequence)
    {
        scratchOrderIds.clear();
        final Long2LongHashMap.ValueIterator values = session.exchangeIdByClientId.values().iterator();
        while (values.hasNext())
        {
            scratchOrderIds.addLong(values.nextValue());
        }
        currentSequence = sequence;
        for (int i = 0, size = scratchOrderIds.size(); i < size; i++)
        {
            final long orderId = scratchOrderIds.getLong(i);
            scratchCancel.cancel(orderId, session.account).timestampNs(batchTimestampNs);
            if (journalCommand(scratchCancel, false, clientIdByExchangeId.get(orderId)))
            {
                currentSequence = scratchCancel.sequence();
                engine.onCommand(scratchCancel);
            }
        }
    }

    private void markDirty(final SessionState session)
    {
        if (!session.dirty)
        {
            session.dirty = true;
            if (dirtyCount == dirtySessions.length)
            {
                dirtySessions = Arrays.copyOf(dirtySessions, dirtyCount * 2);
            }
            dirtySessions[dirtyCount++] = session;
        }
    }

    private void flushDirtySessions()
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            final SessionState session = dirtySessions[i];
            session.dirty = false;
            dirtySessions[i] = null;
            if (!session.closed)
            {
                session.egress.flush();
            }
        }
        dirtyCount = 0;
    }

    private void discardDirtySessions()
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            dirtySessions[i].dirty = false;
            dirtySessions[i] = null;
        }
        dirtyCount = 0;
    }

    private void finish(final long exchangeOrderId, final SessionState session, final long clientOrderId)
    {
        sessionByExchangeId.remove(exchangeOrderId);
        clientIdByExchangeId.remove(exchangeOrderId);
        if (session.parked())
        {
            unpark(exchangeOrderId, session);
        }
        else if (session.exchangeIdByClientId.get(clientOrderId) == exchangeOrderId)
        {
            session.exchangeIdByClientId.remove(clientOrderId);
        }
        final long open = openOrdersByAccount.get(session.account);
        if (open <= 1)
        {
            openOrdersByAccount.remove(session.account);
        }
        else
        {
            openOrdersByAccount.put(session.account, open - 1);
        }
    }

    private void unpark(final long exchangeOrderId, final SessionState parked)
    {
        parked.parkedOrderIds.remove(exchangeOrderId);
        if (parked.parkedOrderIds.isEmpty() && parkedByAccount.get(parked.account) == parked)
        {
            parkedByAccount.remove(parked.account);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onAccepted(final long orderId, final long account)
    {
        if (metrics != null)
        {
            metrics.onOrderAccepted();
        }
        final SessionState session = sessionByExchangeId.get(orderId);
        if (session != null && !session.closed)
        {
            session.egress.onAccepted(
                currentSequence,
                batchTimestampNs,
                clientIdByExchangeId.get(orderId),
                orderId,
                currentInstrumentId,
                currentClientTimestampNs);
            markDirty(session);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTrade(
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide,
        final long makerOrderId,
        final long makerAccount,
        final long makerLeaves,
        final long takerOrderId,
        final long takerAccount,
        final long takerLeaves)
    {
        if (metrics != null)
        {
            metrics.onTrade(quantity);
        }
        final Side makerSide = takerSide == Side.BUY ? Side.SELL : Side.BUY;
        routeFill(makerOrderId, tradeId, instrumentId, makerSide, price, quantity, makerLeaves, true);
        routeFill(takerOrderId, tradeId, instrumentId, takerSide, price, quantity, takerLeaves, false);
    }

    private void routeFill(
        final long orderId,
        final long tradeId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final long leaves,
        final boolean maker)
    {
        final SessionState session = sessionByExchangeId.get(orderId);
        if (session == null)
        {
            return;
        }
        final long clientOrderId = clientIdByExchangeId.get(orderId);
        if (!session.closed)
        {
            session.egress.onFill(
                currentSequence, batchTimestampNs, clientOrderId, orderId, tradeId, instrumentId, side, price,
                quantity, leaves, maker);
            markDirty(session);
        }
        if (leaves == 0)
        {
            finish(orderId, session, clientOrderId);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
        if (metrics != null)
        {
            metrics.onCancel();
        }
        final SessionState session = sessionByExchangeId.get(orderId);
        if (session == null)
        {
            return;
        }
        final long clientOrderId = clientIdByExchangeId.get(orderId);
        if (!session.closed)
        {
            session.egress.onCanceled(currentSequence, batchTimestampNs, clientOrderId, orderId, remainingQty, reason);
            markDirty(session);
        }
        finish(orderId, session, clientOrderId);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
        final SessionState session = sessionByExchangeId.get(orderId);
        if (session != null && !session.closed)
        {
            session.egress.onReplaced(
                currentSequence, batchTimestampNs, clientIdByExchangeId.get(orderId), orderId, newPrice, newQty);
            markDirty(session);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
        final SessionState session = current;
        if (session != null)
        {
            reject(session, currentClientOrderId, type, RejectCode.of(reason));
        }
        if (type == CommandType.NEW)
        {
            final SessionState owner = sessionByExchangeId.get(orderId);
            if (owner != null && (owner == session || owner.parked()))
            {
                finish(orderId, owner, clientIdByExchangeId.get(orderId));
            }
        }
    }
}
