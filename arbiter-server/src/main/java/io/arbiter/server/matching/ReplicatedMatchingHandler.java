package io.arbiter.server.matching;

import com.lmax.disruptor.EventHandler;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.overload.OverloadMonitor;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.OperatorRefusal;
import io.arbiter.server.sequencer.SessionQuery;
import io.arbiter.server.sequencer.SessionRegistration;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;

/**
 * The matching thread's handler of the command ring in cluster mode: the same node checks as
 * {@link MatchingHandler} ({@link OrderOwnership}: duplicate client order id, open-order limit, unknown client order
 * id), but each command that passes them goes to the {@link ReplicatedEngine} (the cluster's leader) instead of the
 * local engine and journal. The command's session, client order id, client timestamp and instrument are kept by its
 * ticket, so that the reports, which come back from the cluster only once the command is committed by a majority,
 * reach the {@link ReportRouter} with the same context as from a local engine, and leave at once (they are already
 * durable). The handler polls the cluster after each ring batch and whenever the ring is idle (the ring's wait
 * strategy times out at once: {@link #onTimeout(long)}), backing off while neither has work. Single writer: the
 * matching thread. Steady state allocates nothing.
 * <p>
 * Queries: the instrument list is answered here (the cluster's instruments are fixed by its configuration, which the
 * node reads too); open orders and balances go through the cluster's log like a command (in order with the session's
 * commands) and their answer reaches the session by ticket, as do balance changes, with the asset names the cluster
 * sends. The operator's engine commands (halts, bands, fees, limits, deposits, withdrawals, account disable/enable)
 * go through the cluster's log too ({@link ReplicatedOperatorDesk}); defining instruments, the account query, snapshots
 * and node state are not served in cluster mode (their requests fail). The market-data feed is
 * written by the {@link ReplicatedEngine} from the cluster's egress, on this thread, while it polls.
 */
public final class ReplicatedMatchingHandler
    implements EventHandler<CommandEvent>, ReplicatedEngine.TicketListener, ReplicatedEngine.AnswerListener
{
    private static final String NOT_IN_CLUSTER_MODE = "not available in cluster mode: the cluster runs the engine";

    private final ReplicatedEngine remote;
    private final EpochNanoClock clock;
    private final boolean cancelOnDisconnect;
    private final OrderOwnership ownership;
    private final ReportRouter router;
    private final BatchStamps stamps = new BatchStamps();
    private final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 50_000);
    private final LongArrayList ordersToCancel = new LongArrayList();
    private final Command scratchCancel = new Command();
    private final SessionState[] ticketSessions;
    private final long[] ticketClientOrderIds;
    private final long[] ticketClientTimestamps;
    private final int[] ticketInstruments;
    private final SessionQuery.Type[] ticketQueries;
    private final ReplicatedOperatorDesk.Pending[] ticketOperators;
    private final ReplicatedOperatorDesk operatorDesk;
    private final Instrument[] instruments;
    private SessionState answerSession;
    private long answerRequestId;
    private SessionQuery.Type answerType;
    private ReplicatedOperatorDesk.Pending answerOperator;
    private ReplicatedOperatorDesk.Pending submitOperator;
    private ReplyGate gate = ReplyGate.OPEN;
    private SessionState submitSession;
    private long submitClientOrderId;
    private long submitClientTimestampNs;
    private int submitInstrumentId;
    private SessionQuery.Type submitQuery;
    private volatile long processedCount;
    private long processed;
    private volatile long refusedCount;
    private Runnable onShutdownAction;

    /**
     * Produces garbage (control plane).
     *
     * @param remote                  the replicated engine; connected by {@link #connect(long)}.
     * @param orderCapacity           open orders the node tracks before its ownership maps grow.
     * @param maxOpenOrdersPerAccount NEW orders beyond this many open orders of one account are rejected.
     * @param cancelOnDisconnect      cancel a session's open orders when it goes away.
     * @param clock                   stamps the reports (read once per poll).
     */
    public ReplicatedMatchingHandler(
        final ReplicatedEngine remote,
        final int orderCapacity,
        final int maxOpenOrdersPerAccount,
        final boolean cancelOnDisconnect,
        final EpochNanoClock clock)
    {
        this.remote = remote;
        this.clock = clock;
        this.cancelOnDisconnect = cancelOnDisconnect;
        this.ownership = new OrderOwnership(orderCapacity, maxOpenOrdersPerAccount);
        this.router = new ReportRouter(ownership);
        final int tickets = remote.ticketCapacity();
        this.ticketSessions = new SessionState[tickets];
        this.ticketClientOrderIds = new long[tickets];
        this.ticketClientTimestamps = new long[tickets];
        this.ticketInstruments = new int[tickets];
        this.ticketQueries = new SessionQuery.Type[tickets];
        this.ticketOperators = new ReplicatedOperatorDesk.Pending[tickets];
        this.instruments = new Instrument[remote.instruments().size()];
        for (int id = 0; id < instruments.length; id++)
        {
            final InstrumentConfig instrument = remote.instruments().get(id);
            instruments[id] = new Instrument(id, instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize(),
                Long.MAX_VALUE / instrument.tickSizeUnits(), instrument.baseAsset(), instrument.quoteAsset());
        }
        this.operatorDesk = new ReplicatedOperatorDesk(instruments);
        remote.answers(this);
    }

    /**
     * Connect to the cluster (blocking, control plane, before the ring starts).
     *
     * @param timeoutMs how long to wait for the cluster's answer.
     * @return this.
     */
    public ReplicatedMatchingHandler connect(final long timeoutMs)
    {
        remote.connect(router, this, timeoutMs);
        return this;
    }

    /**
     * Count reports in the metrics and feed the overload monitor with each command's queueing delay (control plane,
     * before the ring starts).
     *
     * @param metrics         counts accepted, traded, cancelled and rejected orders; null for none.
     * @param overloadMonitor fed with queueing delay and ring occupancy; null for none.
     * @param ringStatus      occupancy of the command ring (required with an overload monitor).
     * @param ringSize        slots in the ring (largest possible batch).
     * @return this.
     */
    public ReplicatedMatchingHandler observe(
        final ServerMetrics metrics, final OverloadMonitor overloadMonitor, final RingStatus ringStatus,
        final int ringSize)
    {
        router.metrics(metrics);
        stamps.configure(null, null, overloadMonitor, ringStatus, ringSize);
        return this;
    }

    /**
     * Give every session's egress the node's reply gate (control plane, before the ring starts); reports are flushed
     * to be released at once.
     *
     * @param gate the node's gate.
     * @return this.
     */
    public ReplicatedMatchingHandler gate(final ReplyGate gate)
    {
        this.gate = gate;
        return this;
    }

    /**
     * @param action run on the matching thread when the ring halts, after the cluster's client is closed.
     * @return this.
     */
    public ReplicatedMatchingHandler onShutdownAction(final Runnable action)
    {
        this.onShutdownAction = action;
        return this;
    }

    /**
     * Close the cluster's client on the thread that used it (the ring has halted), then run the shutdown action.
     */
    @Override
    public void onShutdown()
    {
        try
        {
            remote.close();
        }
        finally
        {
            if (onShutdownAction != null)
            {
                onShutdownAction.run();
            }
        }
    }

    /**
     * @return commands and control messages handled so far (published once per batch; readable from any thread).
     */
    public long processedCount()
    {
        return processedCount;
    }

    /**
     * @return commands rejected with BUSY because too many were not yet applied by the cluster (any thread).
     */
    public long refusedCount()
    {
        return refusedCount;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        router.batchTimestamp(clock.nanoTime());
        stamps.onBatchStart(batchSize, queueDepth);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        switch (event.kind())
        {
            case ENGINE_COMMAND:
                if (stamps.active())
                {
                    stamps.onCommandTaken(event, sequence);
                }
                onEngineCommand(event);
                break;
            case SESSION_OPENED:
                onSessionOpened(event.registration());
                event.registration(null);
                break;
            case SESSION_CLOSED:
                onSessionClosed(event.sessionId());
                break;
            case CONTROL:
                onControl(event.control());
                event.control(null);
                break;
            case QUERY:
                onQuery(event);
                break;
            default:
                break;
        }
        processed++;
        if (endOfBatch)
        {
            processedCount = processed;
            poll();
            router.flush(ReplyGate.RELEASE_NOW);
            if (stamps.active())
            {
                stamps.onBatchFlushed(0, ownership.sessionCount());
            }
            idle.reset();
        }
    }

    /**
     * The ring is empty: poll the cluster for reports, back off while nothing arrives.
     *
     * @param sequence the last sequence handled.
     */
    @Override
    public void onTimeout(final long sequence)
    {
        final int work = poll();
        if (work > 0)
        {
            router.flush(ReplyGate.RELEASE_NOW);
        }
        idle.idle(work);
    }

    private int poll()
    {
        router.batchTimestamp(clock.nanoTime());
        final int work = remote.doWork(System.nanoTime());
        router.endCommand();
        return work;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onSubmitted(final int ticket)
    {
        ticketQueries[ticket] = submitQuery;
        ticketOperators[ticket] = submitOperator;
        ticketSessions[ticket] = submitSession;
        ticketClientOrderIds[ticket] = submitClientOrderId;
        ticketClientTimestamps[ticket] = submitClientTimestampNs;
        ticketInstruments[ticket] = submitInstrumentId;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onReportsOf(final int ticket)
    {
        answerSession = null;
        answerOperator = null;
        if (ticket == ReplicatedEngine.NO_TICKET)
        {
            router.endCommand();
        }
        else
        {
            answerOperator = ticketOperators[ticket];
            ticketOperators[ticket] = null;
            // the sender may have gone since: its command's own reports (a reject) then reach no one
            final SessionState session = ticketSessions[ticket];
            final SessionState live = session == null || session.closed ? null : session;
            router.beginCommand(live, ticketClientOrderIds[ticket], ticketClientTimestamps[ticket],
                ticketInstruments[ticket]);
            if (ticketQueries[ticket] != null)
            {
                answerSession = live;
                answerRequestId = ticketClientOrderIds[ticket];
                answerType = ticketQueries[ticket];
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onOpenOrder(
        final long orderId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final SelfTradePrevention stp,
        final long price,
        final long stopPrice,
        final long remaining,
        final long display,
        final long expiryMs,
        final boolean last,
        final boolean more)
    {
        final SessionState session = answerSession;
        if (session != null)
        {
            session.egress.onOpenOrder(answerRequestId, last, more, orderId, ownership.clientOrderId(orderId),
                instrumentId, instruments[instrumentId].symbol(), side, orderType, timeInForce, price, stopPrice,
                remaining, display, expiryMs, stp);
            router.touch(session);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBalanceEntry(final String asset, final long available, final long held, final boolean last)
    {
        final SessionState session = answerSession;
        if (session != null)
        {
            session.egress.onBalanceReport(answerRequestId, asset, available, held, last);
            router.touch(session);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onNoEntries()
    {
        final SessionState session = answerSession;
        if (session == null)
        {
            return;
        }
        if (answerType == SessionQuery.Type.BALANCES)
        {
            session.egress.onBalanceReport(answerRequestId, null, 0, 0, true);
        }
        else
        {
            session.egress.onNoOpenOrders(answerRequestId);
        }
        router.touch(session);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBalance(final long account, final String asset, final long available, final long held)
    {
        router.onBalance(account, asset, available, held);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onOperatorResult(
        final boolean refused, final long result, final long sequence, final long available, final long held)
    {
        final ReplicatedOperatorDesk.Pending pending = answerOperator;
        if (pending != null)
        {
            answerOperator = null;
            pending.onOutcome(refused, result, sequence, available, held);
        }
    }

    /**
     * A session's read-only request: the instrument list from the cluster's instruments, open orders and balances
     * through the cluster's log (answered by ticket); refused BUSY while too many commands wait for the cluster.
     */
    private void onQuery(final CommandEvent event)
    {
        final SessionState session = ownership.liveSession(event.sessionId());
        if (session == null)
        {
            return;
        }
        final SessionQuery.Type type = event.query();
        final long requestId = event.clientOrderId();
        if (type == SessionQuery.Type.INSTRUMENT_LIST)
        {
            answerInstruments(session, requestId);
        }
        else
        {
            submitSession = session;
            submitClientOrderId = requestId;
            submitClientTimestampNs = 0;
            submitInstrumentId = event.command().instrumentId();
            submitQuery = type;
            final boolean sent = remote.submitQuery(type, session.account, event.command().instrumentId(),
                event.command().orderId());
            submitSession = null;
            submitQuery = null;
            if (!sent)
            {
                session.egress.onQueryRejected(clock.nanoTime(), requestId, type == SessionQuery.Type.BALANCES ?
                    RequestType.REQUEST_BALANCE_VALUE : RequestType.REQUEST_OPEN_ORDERS_VALUE, RejectCode.BUSY);
            }
        }
        router.touch(session);
    }

    private void answerInstruments(final SessionState session, final long requestId)
    {
        if (instruments.length == 0)
        {
            session.egress.onNoInstruments(requestId);
            return;
        }
        for (int id = 0; id < instruments.length; id++)
        {
            session.egress.onInstrument(requestId, id == instruments.length - 1, instruments[id]);
        }
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
        command.account(session.account);
        router.beginCommand(session, clientOrderId, event.clientTimestampNs(), command.instrumentId());
        if (command.type() == CommandType.NEW)
        {
            final RejectCode refused = ownership.checkNewOrder(session, clientOrderId);
            if (refused != null)
            {
                router.reject(session, clientOrderId, CommandType.NEW, refused);
            }
            else if (submit(command, session, clientOrderId, event.clientTimestampNs()))
            {
                ownership.onNewOrder(session, clientOrderId, command.orderId());
            }
        }
        else if (command.type() == CommandType.MASS_CANCEL)
        {
            submit(command, session, clientOrderId, event.clientTimestampNs());
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
                submit(command, session, clientOrderId, event.clientTimestampNs());
            }
        }
        router.endCommand();
    }

    /**
     * Send a command to the cluster with the context its reports need; a refusal (too many commands in flight) is
     * answered with BUSY to a session, and only counted for a command the node makes itself.
     */
    private boolean submit(
        final Command command, final SessionState session, final long clientOrderId, final long clientTimestampNs)
    {
        submitSession = session;
        submitClientOrderId = clientOrderId;
        submitClientTimestampNs = clientTimestampNs;
        submitInstrumentId = command.instrumentId();
        final boolean sent = remote.submit(command);
        submitSession = null;
        if (!sent)
        {
            refusedCount++;
            if (session != null)
            {
                router.reject(session, clientOrderId, command.type(), RejectCode.BUSY);
            }
        }
        return sent;
    }

    private void onControl(final ControlRequest request)
    {
        if (request != null && request.type() == ControlRequest.Type.OPERATOR)
        {
            onOperator(request);
        }
        else if (request != null && request.type() != ControlRequest.Type.TICK)
        {
            request.result().completeExceptionally(new IllegalStateException(NOT_IN_CLUSTER_MODE));
        }
    }

    /**
     * An operator's command goes through the cluster's log to the shard (or shards) it concerns; its request is
     * answered when every shard reported the outcome, which it does only once a majority holds the command. Control
     * plane (produces garbage).
     */
    private void onOperator(final ControlRequest request)
    {
        final Command command = new Command();
        final ReplicatedOperatorDesk.Pending pending;
        final int shards;
        try
        {
            final int pair = operatorDesk.prepare(request.operator(), command);
            pending = new ReplicatedOperatorDesk.Pending(request, command);
            submitOperator = pending;
            submitSession = null;
            submitClientOrderId = 0;
            submitClientTimestampNs = 0;
            submitInstrumentId = command.instrumentId();
            shards = remote.submitOperator(command, request.operator().asset(), pair);
        }
        catch (final OperatorRefusal ex)
        {
            request.result().completeExceptionally(ex);
            return;
        }
        catch (final IllegalArgumentException ex)
        {
            request.result().completeExceptionally(new OperatorRefusal(409, ex.getMessage()));
            return;
        }
        finally
        {
            submitOperator = null;
        }
        if (shards == 0)
        {
            refusedCount++;
            request.result().completeExceptionally(new IllegalStateException(
                "too many commands wait for the cluster; try again"));
            return;
        }
        pending.sentTo(shards);
    }

    private void onSessionOpened(final SessionRegistration registration)
    {
        registration.egress().gate(gate);
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
            scratchCancel.cancel(orderId, session.account);
            // the node's own cancel: its reports find the (closed) owner by order id, which ends the ownership
            submit(scratchCancel, null, ownership.rawClientOrderId(orderId), 0);
        }
        ordersToCancel.clear();
    }
}
