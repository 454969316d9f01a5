package io.arbiter.server.matching;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.journal.JournalDescriptor;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.OperatorRefusal;
import io.arbiter.server.sequencer.SessionRegistration;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.EpochNanoClock;

import java.util.function.ObjIntConsumer;

/**
 * The control side of {@link MatchingHandler}: the ring events that are not a session's order command. Sessions
 * opening and closing (with cancel-on-disconnect), session queries ({@link QueryResponder}), operator and account
 * requests ({@link OperatorDesk}), node state, journal ticks and snapshots ({@link CommandJournal}), and the node's
 * clock. Commands it makes are journaled and applied through the {@link CommandApplier}. Matching thread only;
 * operator and control requests produce garbage, the rest allocates nothing in steady state.
 */
final class MatchingControl
{
    private final MatchingEngine engine;
    private final OrderOwnership ownership;
    private final ReportRouter router;
    private final CommandApplier applier;
    private final EpochNanoClock clock;
    private final boolean cancelOnDisconnect;
    private final QueryResponder queries;
    private final OperatorDesk desk;
    private final LongArrayList ordersToCancel = new LongArrayList();
    private final Command scratchCancel = new Command();
    private ObjIntConsumer<String> instrumentListener;

    /**
     * Produces garbage (control plane).
     *
     * @param engine             the node's engine.
     * @param ownership          sessions and the owners of open orders.
     * @param router             sends query answers with the batch.
     * @param applier            journals and applies the commands made here.
     * @param clock              stamps control requests the journal handles.
     * @param cancelOnDisconnect cancel a session's open orders when it goes away.
     */
    MatchingControl(
        final MatchingEngine engine,
        final OrderOwnership ownership,
        final ReportRouter router,
        final CommandApplier applier,
        final EpochNanoClock clock,
        final boolean cancelOnDisconnect)
    {
        this.engine = engine;
        this.ownership = ownership;
        this.router = router;
        this.applier = applier;
        this.clock = clock;
        this.cancelOnDisconnect = cancelOnDisconnect;
        this.queries = new QueryResponder(engine, ownership);
        this.desk = new OperatorDesk(engine, ownership::clientOrderId);
    }

    void instrumentListener(final ObjIntConsumer<String> listener)
    {
        this.instrumentListener = listener;
    }

    void onTick()
    {
        applier.journal().onTick();
    }

    /**
     * Answer a session's read-only request from the live state. Not journaled; the answer is flushed with the batch,
     * so it leaves once every command before it is durable.
     */
    void onQuery(final CommandEvent event)
    {
        final SessionState session = ownership.liveSession(event.sessionId());
        if (session != null)
        {
            queries.answer(session, event.query(), event.clientOrderId(), event.command().instrumentId(),
                event.command().orderId());
            router.touch(session);
        }
    }

    void onControl(final ControlRequest request)
    {
        if (request == null)
        {
            return;
        }
        final CommandJournal journal = applier.journal();
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
    void onClock()
    {
        if (engine.gtdOrderCount() > 0)
        {
            applier.advanceClock();
        }
    }

    /**
     * Resolve, journal and apply an operator's command, then answer with its outcome (the admin side waits for the
     * journal to make its sequence durable before it replies). A request that names nothing defined is refused
     * before anything is journaled.
     */
    private void onOperator(final ControlRequest request)
    {
        final CommandJournal journal = applier.journal();
        if (applier.stopped() || !applier.acceptingOrders())
        {
            request.result().completeExceptionally(new IllegalStateException("the node takes no commands: " +
                (applier.diverged() ? "the engine diverged from the journal" : journal.failure())));
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
        command.timestampNs(applier.batchTimestampNs());
        if (!applier.journalCommand(command, false, JournalDescriptor.NO_CLIENT_ORDER_ID))
        {
            request.result().completeExceptionally(new IllegalStateException("journal failed: " + journal.failure()));
            return;
        }
        applier.apply(command, null, 0);
        if (applier.diverged())
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

    void onSessionOpened(final SessionRegistration registration)
    {
        final ReplyGate gate = applier.gate();
        registration.egress().gate(gate);
        if (registration.egress() instanceof ReplyGate.Waiter)
        {
            gate.register((ReplyGate.Waiter)registration.egress());
        }
        ownership.open(registration);
    }

    void onSessionClosed(final long sessionId)
    {
        final SessionState session = ownership.close(sessionId, cancelOnDisconnect, ordersToCancel);
        if (session == null)
        {
            return;
        }

        final long batchTimestampNs = applier.batchTimestampNs();
        for (int i = 0, size = ordersToCancel.size(); i < size; i++)
        {
            final long orderId = ordersToCancel.getLong(i);
            scratchCancel.cancel(orderId, session.account).timestampNs(batchTimestampNs);
            if (applier.journalCommand(scratchCancel, false, ownership.rawClientOrderId(orderId)))
            {
                applier.apply(scratchCancel, null, 0);
            }
        }
        ordersToCancel.clear();
    }
}
