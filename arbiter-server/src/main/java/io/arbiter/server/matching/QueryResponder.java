package io.arbiter.server.matching;

import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.risk.BalanceLedger;
import io.arbiter.server.sequencer.SessionQuery;

/**
 * Answers the read-only requests of sessions on the matching thread, from the engine's live state: a session's open
 * orders (those {@link OrderOwnership} says it owns, adopted ones included; resting orders and waiting stops) in
 * acceptance order, the engine's instruments in definition order, and the balances of the session's account, one
 * report page per entry, the last one marked. An open-orders answer holds at most
 * {@value OpenOrderCollector#MAX_ORDERS_PER_ANSWER} orders; its last page then says {@code more}, and the client
 * continues with {@code after_order_id}. Nothing is journaled; the pages go to the session's egress and leave with
 * the batch's other reports, after the commands before them are durable.
 * <p>
 * An open-orders answer walks every resting order of the engine ({@link OpenOrderCollector}), so it costs time
 * proportional to the whole book, not to the session's orders; it is meant for reconnects, not for polling. Steady
 * state allocates nothing. Matching thread only.
 */
final class QueryResponder implements OpenOrderCollector.Filter
{
    private final MatchingEngine engine;
    private final OrderOwnership ownership;
    private final OpenOrderCollector orders = new OpenOrderCollector();
    private final BalanceLedger.BalanceVisitor balanceReporter = this::reportBalance;
    private SessionState asking;
    private long askingRequestId;

    /**
     * @param engine    whose state is reported.
     * @param ownership who owns which order, with client order ids.
     */
    QueryResponder(final MatchingEngine engine, final OrderOwnership ownership)
    {
        this.engine = engine;
        this.ownership = ownership;
    }

    /**
     * Write the whole answer to the session's egress (it is flushed with the batch).
     *
     * @param session      that asked (live).
     * @param type         what it asked for.
     * @param requestId    echoed in every page.
     * @param instrumentId open orders of this instrument only, or {@link SessionQuery#ALL_INSTRUMENTS}.
     * @param afterOrderId open orders with a larger (unsigned) exchange order id only.
     */
    void answer(
        final SessionState session,
        final SessionQuery.Type type,
        final long requestId,
        final int instrumentId,
        final long afterOrderId)
    {
        if (type == SessionQuery.Type.INSTRUMENT_LIST)
        {
            answerInstruments(session, requestId);
        }
        else if (type == SessionQuery.Type.BALANCES)
        {
            answerBalances(session, requestId);
        }
        else
        {
            answerOpenOrders(session, requestId, instrumentId, afterOrderId);
        }
    }

    private void answerInstruments(final SessionState session, final long requestId)
    {
        final int instruments = engine.instrumentCount();
        if (instruments == 0)
        {
            session.egress.onNoInstruments(requestId);
            return;
        }
        for (int id = 0; id < instruments; id++)
        {
            session.egress.onInstrument(requestId, id == instruments - 1, engine.instrument(id));
        }
    }

    /**
     * The account's balances whose available or held amount is not 0, in asset definition order.
     */
    private void answerBalances(final SessionState session, final long requestId)
    {
        asking = session;
        askingRequestId = requestId;
        final int told = engine.balances().forEachNonZero(session.account, balanceReporter);
        asking = null;
        if (told == 0)
        {
            session.egress.onBalanceReport(requestId, null, 0, 0, true);
        }
    }

    private void reportBalance(final int asset, final long available, final long held, final boolean last)
    {
        asking.egress.onBalanceReport(askingRequestId, engine.balances().assetName(asset), available, held, last);
    }

    private void answerOpenOrders(
        final SessionState session, final long requestId, final int instrumentId, final long afterOrderId)
    {
        asking = session;
        final int count = orders.collect(engine, this, instrumentId, afterOrderId);
        asking = null;
        if (count == 0)
        {
            session.egress.onNoOpenOrders(requestId);
            return;
        }
        final boolean more = count > OpenOrderCollector.MAX_ORDERS_PER_ANSWER;
        final int answered = more ? OpenOrderCollector.MAX_ORDERS_PER_ANSWER : count;
        for (int i = 0; i < answered; i++)
        {
            final long orderId = orders.orderId(i);
            final int instrument = orders.instrumentId(i);
            session.egress.onOpenOrder(
                requestId,
                i == answered - 1,
                more && i == answered - 1,
                orderId,
                ownership.clientOrderId(orderId),
                instrument,
                engine.instrument(instrument).symbol(),
                orders.side(i),
                orders.orderType(i),
                orders.timeInForce(i),
                orders.price(i),
                orders.stopPrice(i),
                orders.remaining(i),
                orders.displayQuantity(i),
                orders.expiry(i),
                orders.selfTradePrevention(i));
        }
        orders.clear();
    }

    /**
     * The session's own orders (adopted ones included).
     *
     * @param orderId an open order's exchange id.
     * @param account its account.
     * @return true if the asking session owns it.
     */
    @Override
    public boolean wanted(final long orderId, final long account)
    {
        return ownership.owner(orderId) == asking;
    }
}
