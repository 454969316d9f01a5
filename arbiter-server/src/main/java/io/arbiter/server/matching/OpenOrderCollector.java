package io.arbiter.server.matching;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotListener;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.sequencer.SessionQuery;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Collects the open orders an open-orders query answers (resting orders and waiting stops that pass a filter) from
 * the engine's snapshot walk and ranks them by ascending order id: the node's {@link QueryResponder} and, in cluster
 * mode, the clustered service answer the same query with it. The walk visits every resting order of the engine, so a
 * collection costs time proportional to the whole book. Its working arrays grow to the largest answer and are then
 * reused: steady state allocates nothing. Single threaded (the thread that owns the engine).
 */
public final class OpenOrderCollector implements SnapshotListener
{
    /**
     * Most orders in one answer (its last page then says {@code more}): bounds the bytes one answer puts in the
     * session's egress queue (about 60 bytes a page) far below its smallest size.
     */
    public static final int MAX_ORDERS_PER_ANSWER = 256;
    /** Collect the open orders of every instrument. */
    public static final int ALL_INSTRUMENTS = SessionQuery.ALL_INSTRUMENTS;

    private static final int INITIAL_CAPACITY = 64;

    /**
     * Which orders an answer holds.
     */
    @FunctionalInterface
    public interface Filter
    {
        /**
         * @param orderId an open order's exchange id.
         * @param account its account.
         * @return true if the answer holds it.
         */
        boolean wanted(long orderId, long account);
    }

    private final Long2LongHashMap indexByOrderId = new Long2LongHashMap(INITIAL_CAPACITY * 2, 0.65f, -1);
    private Filter filter;
    private int filterInstrumentId;
    private long filterAfterOrderId;
    private int count;
    private long[] orderIds = new long[INITIAL_CAPACITY];
    private long[] sortedOrderIds = new long[INITIAL_CAPACITY];
    private int[] rankIndex = new int[INITIAL_CAPACITY];
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
     * Collect the wanted open orders, ranked by ascending (unsigned) order id; read them by rank until the next call
     * and then {@link #clear()}.
     *
     * @param engine       whose orders are collected.
     * @param filter       which orders are wanted.
     * @param instrumentId orders of this instrument only, or {@link #ALL_INSTRUMENTS}.
     * @param afterOrderId orders with a larger (unsigned) exchange order id only.
     * @return how many were collected (all of them, possibly more than {@link #MAX_ORDERS_PER_ANSWER}).
     */
    public int collect(
        final MatchingEngine engine, final Filter filter, final int instrumentId, final long afterOrderId)
    {
        this.filter = filter;
        filterInstrumentId = instrumentId;
        filterAfterOrderId = afterOrderId;
        count = 0;
        indexByOrderId.clear();
        engine.snapshot(this);
        this.filter = null;
        System.arraycopy(orderIds, 0, sortedOrderIds, 0, count);
        Arrays.sort(sortedOrderIds, 0, count);
        for (int rank = 0; rank < count; rank++)
        {
            rankIndex[rank] = (int)indexByOrderId.get(sortedOrderIds[rank]);
        }
        return count;
    }

    /**
     * Drop the references of the last collection.
     */
    public void clear()
    {
        Arrays.fill(sides, 0, count, null);
        Arrays.fill(orderTypes, 0, count, null);
        Arrays.fill(timesInForce, 0, count, null);
        Arrays.fill(stps, 0, count, null);
        count = 0;
    }

    /**
     * @param rank below the collected count.
     * @return the order's exchange id.
     */
    public long orderId(final int rank)
    {
        return sortedOrderIds[rank];
    }

    /**
     * @param rank below the collected count.
     * @return its instrument id.
     */
    public int instrumentId(final int rank)
    {
        return instrumentIds[rankIndex[rank]];
    }

    /**
     * @param rank below the collected count.
     * @return its side.
     */
    public Side side(final int rank)
    {
        return sides[rankIndex[rank]];
    }

    /**
     * @param rank below the collected count.
     * @return its order type (LIMIT for a resting order).
     */
    public OrderType orderType(final int rank)
    {
        return orderTypes[rankIndex[rank]];
    }

    /**
     * @param rank below the collected count.
     * @return its time in force.
     */
    public TimeInForce timeInForce(final int rank)
    {
        return timesInForce[rankIndex[rank]];
    }

    /**
     * @param rank below the collected count.
     * @return its self-trade prevention.
     */
    public SelfTradePrevention selfTradePrevention(final int rank)
    {
        return stps[rankIndex[rank]];
    }

    /**
     * @param rank below the collected count.
     * @return its limit price in units ({@link Prices#NULL_PRICE} for a stop-market order).
     */
    public long price(final int rank)
    {
        return prices[rankIndex[rank]];
    }

    /**
     * @param rank below the collected count.
     * @return its stop price in units ({@link Prices#NULL_PRICE} for a resting order).
     */
    public long stopPrice(final int rank)
    {
        return stopPrices[rankIndex[rank]];
    }

    /**
     * @param rank below the collected count.
     * @return its remaining quantity, hidden part included.
     */
    public long remaining(final int rank)
    {
        return remainings[rankIndex[rank]];
    }

    /**
     * @param rank below the collected count.
     * @return its display quantity (0 unless an iceberg).
     */
    public long displayQuantity(final int rank)
    {
        return displays[rankIndex[rank]];
    }

    /**
     * @param rank below the collected count.
     * @return its expiry in epoch ms, or {@link io.arbiter.engine.Command#NO_TIME}.
     */
    public long expiry(final int rank)
    {
        return expiries[rankIndex[rank]];
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
        if (wanted(instrumentId, orderId, account))
        {
            record(orderId, instrumentId, side, OrderType.LIMIT, priceUnits, Prices.NULL_PRICE, remaining + hidden,
                display, timeInForce, selfTradePrevention, expiry);
        }
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
        if (wanted(instrumentId, orderId, account))
        {
            record(orderId, instrumentId, side, orderType, priceUnits, stopUnits, quantity, 0, timeInForce,
                selfTradePrevention, expiry);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCounters(final long tradeCount, final long clock, final long acceptances)
    {
    }

    private boolean wanted(final int instrumentId, final long orderId, final long account)
    {
        return (filterInstrumentId == ALL_INSTRUMENTS || filterInstrumentId == instrumentId) &&
            Long.compareUnsigned(orderId, filterAfterOrderId) > 0 && filter.wanted(orderId, account);
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

    private void grow()
    {
        final int capacity = orderIds.length * 2;
        orderIds = Arrays.copyOf(orderIds, capacity);
        sortedOrderIds = Arrays.copyOf(sortedOrderIds, capacity);
        rankIndex = Arrays.copyOf(rankIndex, capacity);
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
