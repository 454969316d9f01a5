package io.arbiter.server.matching;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotListener;
import io.arbiter.engine.TimeInForce;
import io.arbiter.engine.risk.BalanceLedger;
import io.arbiter.server.sequencer.SessionQuery;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Answers the read-only requests of sessions on the matching thread, from the engine's live state: a session's open
 * orders (those {@link OrderOwnership} says it owns, adopted ones included; resting orders and waiting stops) in
 * acceptance order, the engine's instruments in definition order, and the balances of the session's account, one
 * report page per entry, the last one marked. An open-orders answer holds at most {@value #MAX_ORDERS_PER_ANSWER}
 * orders; its last page then says {@code more}, and the client continues with {@code after_order_id}. Nothing is
 * journaled; the pages go to the session's egress and leave with the batch's other reports, after the commands
 * before them are durable.
 * <p>
 * An open-orders answer walks every resting order of the engine (its snapshot walk), so it costs time proportional
 * to the whole book, not to the session's orders; it is meant for reconnects, not for polling. Its working arrays
 * grow to the largest answer and are then reused: steady state allocates nothing. Matching thread only.
 */
final class QueryResponder implements SnapshotListener
{
    /**
     * Most orders in one answer (its last page then says {@code more}): bounds the bytes one answer puts in the
     * session's egress queue (about 60 bytes a page) far below its smallest size.
     */
    static final int MAX_ORDERS_PER_ANSWER = 256;

    private static final int INITIAL_CAPACITY = 64;

    private final MatchingEngine engine;
    private final OrderOwnership ownership;
    private final Long2LongHashMap indexByOrderId = new Long2LongHashMap(INITIAL_CAPACITY * 2, 0.65f, -1);
    private SessionState asking;
    private int filterInstrumentId;
    private long filterAfterOrderId;
    private int count;
    private long[] orderIds = new long[INITIAL_CAPACITY];
    private long[] sortedOrderIds = new long[INITIAL_CAPACITY];
    private int[] instrumentIds = new int[INITIAL_CAPACITY];
    private Side[] sides = new Side[INITIAL_CAPACITY];
    private long[] prices = new long[INITIAL_CAPACITY];
    private long[] remainings = new long[INITIAL_CAPACITY];
    private TimeInForce[] timesInForce = new TimeInForce[INITIAL_CAPACITY];
    private SelfTradePrevention[] stps = new SelfTradePrevention[INITIAL_CAPACITY];
    private OrderType[] orderTypes = new OrderType[INITIAL_CAPACITY];
    private long[] stopPrices = new long[INITIAL_CAPACITY];
    private long[] displays = new long[INITIAL_CAPACITY];
    private long[] expiries = new long[INITIAL_CAPACITY];

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
        final BalanceLedger ledger = engine.balances();
        final int accountIndex = ledger.accountIndex(session.account);
        int pending = BalanceLedger.NONE;
        if (accountIndex != BalanceLedger.NONE)
        {
            for (int asset = 0, assets = ledger.assetCount(); asset < assets; asset++)
            {
                final int slot = ledger.slot(accountIndex, asset);
                if (ledger.available(slot) != 0 || ledger.held(slot) != 0)
                {
                    if (pending != BalanceLedger.NONE)
                    {
                        reportBalance(session, requestId, ledger, accountIndex, pending, false);
                    }
                    pending = asset;
                }
            }
        }
        if (pending == BalanceLedger.NONE)
        {
            session.egress.onBalanceReport(requestId, null, 0, 0, true);
        }
        else
        {
            reportBalance(session, requestId, ledger, accountIndex, pending, true);
        }
    }

    private static void reportBalance(
        final SessionState session,
        final long requestId,
        final BalanceLedger ledger,
        final int accountIndex,
        final int asset,
        final boolean last)
    {
        final int slot = ledger.slot(accountIndex, asset);
        session.egress.onBalanceReport(
            requestId, ledger.assetName(asset), ledger.available(slot), ledger.held(slot), last);
    }

    private void answerOpenOrders(
        final SessionState session, final long requestId, final int instrumentId, final long afterOrderId)
    {
        asking = session;
        filterInstrumentId = instrumentId;
        filterAfterOrderId = afterOrderId;
        count = 0;
        indexByOrderId.clear();
        engine.snapshot(this);
        asking = null;
        if (count == 0)
        {
            session.egress.onNoOpenOrders(requestId);
            return;
        }
        System.arraycopy(orderIds, 0, sortedOrderIds, 0, count);
        Arrays.sort(sortedOrderIds, 0, count);
        final boolean more = count > MAX_ORDERS_PER_ANSWER;
        final int answered = more ? MAX_ORDERS_PER_ANSWER : count;
        for (int i = 0; i < answered; i++)
        {
            final long orderId = sortedOrderIds[i];
            final int index = (int)indexByOrderId.get(orderId);
            final int instrument = instrumentIds[index];
            session.egress.onOpenOrder(
                requestId,
                i == answered - 1,
                more && i == answered - 1,
                orderId,
                ownership.clientOrderId(orderId),
                instrument,
                engine.instrument(instrument).symbol(),
                sides[index],
                orderTypes[index],
                timesInForce[index],
                prices[index],
                stopPrices[index],
                remainings[index],
                displays[index],
                expiries[index],
                stps[index]);
        }
        Arrays.fill(sides, 0, count, null);
        Arrays.fill(orderTypes, 0, count, null);
        Arrays.fill(timesInForce, 0, count, null);
        Arrays.fill(stps, 0, count, null);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onInstrument(final Instrument instrument)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onInstrumentState(
        final int instrumentId,
        final boolean halted,
        final boolean delisted,
        final long bandHundredths,
        final long lastTradePrice)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onOrder(
        final int instrumentId,
        final Side side,
        final long orderId,
        final long account,
        final long priceUnits,
        final long remaining,
        final long hidden,
        final long display,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention,
        final long expiry,
        final long acceptance)
    {
        if (!wanted(instrumentId, orderId))
        {
            return;
        }
        record(orderId, instrumentId, side, OrderType.LIMIT, priceUnits, Prices.NULL_PRICE, remaining + hidden,
            display, timeInForce, selfTradePrevention, expiry);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onStop(
        final int instrumentId,
        final Side side,
        final long orderId,
        final long account,
        final OrderType orderType,
        final long priceUnits,
        final long stopUnits,
        final long quantity,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention,
        final long expiry,
        final long acceptance)
    {
        if (wanted(instrumentId, orderId))
        {
            record(orderId, instrumentId, side, orderType, priceUnits, stopUnits, quantity, 0, timeInForce,
                selfTradePrevention, expiry);
        }
    }

    private boolean wanted(final int instrumentId, final long orderId)
    {
        return (filterInstrumentId == SessionQuery.ALL_INSTRUMENTS || filterInstrumentId == instrumentId) &&
            Long.compareUnsigned(orderId, filterAfterOrderId) > 0 && ownership.owner(orderId) == asking;
    }

    private void record(
        final long orderId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final long priceUnits,
        final long stopUnits,
        final long remaining,
        final long display,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention,
        final long expiry)
    {
        if (count == orderIds.length)
        {
            grow();
        }
        final int index = count++;
        orderIds[index] = orderId;
        instrumentIds[index] = instrumentId;
        sides[index] = side;
        orderTypes[index] = orderType;
        prices[index] = priceUnits;
        stopPrices[index] = stopUnits;
        remainings[index] = remaining;
        displays[index] = display;
        expiries[index] = expiry;
        timesInForce[index] = timeInForce;
        stps[index] = selfTradePrevention;
        indexByOrderId.put(orderId, index);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCounters(final long tradeCount, final long clock, final long acceptances)
    {
    }

    private void grow()
    {
        final int capacity = orderIds.length * 2;
        orderIds = Arrays.copyOf(orderIds, capacity);
        sortedOrderIds = Arrays.copyOf(sortedOrderIds, capacity);
        instrumentIds = Arrays.copyOf(instrumentIds, capacity);
        sides = Arrays.copyOf(sides, capacity);
        prices = Arrays.copyOf(prices, capacity);
        remainings = Arrays.copyOf(remainings, capacity);
        timesInForce = Arrays.copyOf(timesInForce, capacity);
        stps = Arrays.copyOf(stps, capacity);
        orderTypes = Arrays.copyOf(orderTypes, capacity);
        stopPrices = Arrays.copyOf(stopPrices, capacity);
        displays = Arrays.copyOf(displays, capacity);
        expiries = Arrays.copyOf(expiries, capacity);
    }
}
