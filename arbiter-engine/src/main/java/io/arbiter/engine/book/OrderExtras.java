package io.arbiter.engine.book;

/**
 * The fields of an order that only some orders need: the expiry time (GTD), the display size and hidden quantity
 * (icebergs), and the stop fields and waiting-list links (stop orders). They live in a pool of records of their own,
 * one per order that has any of them, so a plain order pays nothing for them: {@link #attach} gives an order a record
 * and stores the record's index as the order's {@link OrderStore#tag} (with the {@link OrderStore#EXTRAS} flag), and
 * the record keeps the order's acceptance number in its place. The accessors take the order index and find the record
 * through the tag. The records are a {@link RecordPool}: free records are linked through their link field, and a page
 * is added (producing garbage) only when more orders have records at once than ever before. Owned by the matching
 * thread.
 * <pre>
 *   record (9 longs)
 *   0 acceptance number of the order
 *   1 expiry time (GTD)
 *   2 display size (iceberg)
 *   3 hidden quantity (iceberg)
 *   4 stop price in ticks (stop)
 *   5 limit price in ticks, or -1 for a stop market (stop)
 *   6 instrument id (high 32 bits) | side ordinal (bit 0) (stop)
 *   7 expiry queue position (high 32 bits) | next stop in its list, or the next free record (low 32 bits)
 *   8 previous stop in its list (low 32 bits; the high 32 bits are unused)
 * </pre>
 */
public final class OrderExtras
{
    private static final int STRIDE = 9;
    private static final int ACCEPTANCE = 0;
    private static final int EXPIRY = 1;
    private static final int DISPLAY = 2;
    private static final int HIDDEN = 3;
    private static final int STOP_TICKS = 4;
    private static final int LIMIT_TICKS = 5;
    private static final int STOP_META = 6;
    private static final int LINKS = 7;
    private static final int PREV_STOP = 8;

    private final OrderStore orders;
    private final RecordPool pool;

    /**
     * @param orders   whose orders the records belong to.
     * @param capacity records to make room for at once (rounded up to whole pages; 0 for none until needed).
     */
    public OrderExtras(final OrderStore orders, final int capacity)
    {
        this.orders = orders;
        this.pool = new RecordPool(STRIDE, LINKS, capacity);
    }

    /**
     * Give an order a record, if it has none yet, moving its acceptance number from its tag into the record.
     * Produces garbage only when every record is in use.
     *
     * @param order index of an open order whose tag is its acceptance number or which has a record already.
     */
    public void attach(final int order)
    {
        if ((orders.flags(order) & OrderStore.EXTRAS) != 0)
        {
            return;
        }
        final RecordPool pool = this.pool;
        final int record = pool.acquire();
        pool.set(record, ACCEPTANCE, orders.tag(order));
        pool.set(record, EXPIRY, 0);
        pool.set(record, DISPLAY, 0);
        pool.set(record, HIDDEN, 0);
        pool.set(record, STOP_TICKS, 0);
        pool.set(record, LIMIT_TICKS, 0);
        pool.set(record, STOP_META, 0);
        pool.set(record, LINKS, -1L);
        pool.set(record, PREV_STOP, -1L);
        orders.tag(order, record);
        orders.addFlags(order, OrderStore.EXTRAS);
    }

    /**
     * Return an order's record, if it has one, to the pool (the order is about to be released).
     *
     * @param order index of an order leaving the book.
     */
    public void detach(final int order)
    {
        if ((orders.flags(order) & OrderStore.EXTRAS) == 0)
        {
            return;
        }
        pool.release(orders.tagLow(order));
        orders.clearFlags(order, OrderStore.EXTRAS);
    }

    /**
     * @return records in use, i.e. open orders with optional fields.
     */
    public int inUse()
    {
        return pool.inUse();
    }

    /**
     * @return records the pool holds, in use or free.
     */
    public int capacity()
    {
        return pool.capacity();
    }

    /**
     * @param order index of an order with a record.
     * @return the order's acceptance number.
     */
    public long acceptance(final int order)
    {
        return get(order, ACCEPTANCE);
    }

    /**
     * @param order index of an order with a record.
     * @return the expiry time of a GTD order.
     */
    public long expiry(final int order)
    {
        return get(order, EXPIRY);
    }

    /**
     * @param order  index of an order with a record.
     * @param expiry time of a GTD order.
     */
    public void expiry(final int order, final long expiry)
    {
        set(order, EXPIRY, expiry);
    }

    /**
     * @param order index of an order with a record.
     * @return the display size of an iceberg.
     */
    public long display(final int order)
    {
        return get(order, DISPLAY);
    }

    /**
     * @param order   index of an order with a record.
     * @param display size of an iceberg's visible slice.
     */
    public void display(final int order, final long display)
    {
        set(order, DISPLAY, display);
    }

    /**
     * @param order index of an order with a record.
     * @return the hidden quantity of an iceberg (its remaining quantity beyond the visible slice).
     */
    public long hidden(final int order)
    {
        return get(order, HIDDEN);
    }

    /**
     * @param order  index of an order with a record.
     * @param hidden quantity of an iceberg.
     */
    public void hidden(final int order, final long hidden)
    {
        set(order, HIDDEN, hidden);
    }

    /**
     * @param order index of an order with a record.
     * @return the stop price in ticks of a stop order.
     */
    public long stopTicks(final int order)
    {
        return get(order, STOP_TICKS);
    }

    /**
     * @param order index of an order with a record.
     * @return the limit price in ticks of a stop limit, or -1 for a stop market.
     */
    public long limitTicks(final int order)
    {
        return get(order, LIMIT_TICKS);
    }

    /**
     * @param order index of an order with a record.
     * @return the instrument id of a stop order.
     */
    public int stopInstrument(final int order)
    {
        return (int)(get(order, STOP_META) >>> 32);
    }

    /**
     * @param order index of an order with a record.
     * @return the side ordinal of a stop order.
     */
    public int stopSide(final int order)
    {
        return (int)get(order, STOP_META) & 1;
    }

    /**
     * @param order        index of an order with a record.
     * @param instrumentId of the stop order.
     * @param sideOrdinal  of the stop order.
     * @param stopTicks    its stop price in ticks.
     * @param limitTicks   its limit price in ticks, or -1 for a stop market.
     */
    public void stop(
        final int order, final int instrumentId, final int sideOrdinal, final long stopTicks, final long limitTicks)
    {
        final int record = orders.tagLow(order);
        pool.set(record, STOP_TICKS, stopTicks);
        pool.set(record, LIMIT_TICKS, limitTicks);
        pool.set(record, STOP_META, (long)instrumentId << 32 | sideOrdinal);
    }

    /**
     * @param order index of an order with a record.
     * @return the next stop in the order's list, or {@link OrderStore#NONE}.
     */
    public int nextStop(final int order)
    {
        return (int)get(order, LINKS);
    }

    /**
     * @param order index of an order with a record.
     * @param next  the next stop in the order's list, or {@link OrderStore#NONE}.
     */
    public void nextStop(final int order, final int next)
    {
        setLow(order, LINKS, next);
    }

    /**
     * @param order index of an order with a record.
     * @return the previous stop in the order's list, or {@link OrderStore#NONE}.
     */
    public int prevStop(final int order)
    {
        return (int)get(order, PREV_STOP);
    }

    /**
     * @param order index of an order with a record.
     * @param prev  the previous stop in the order's list, or {@link OrderStore#NONE}.
     */
    public void prevStop(final int order, final int prev)
    {
        setLow(order, PREV_STOP, prev);
    }

    /**
     * @param order index of an order with a record.
     * @return the order's position in the expiry queue.
     */
    public int queuePosition(final int order)
    {
        return (int)(get(order, LINKS) >>> 32);
    }

    /**
     * @param order    index of an order with a record.
     * @param position the order's position in the expiry queue.
     */
    public void queuePosition(final int order, final int position)
    {
        setHigh(order, LINKS, position);
    }

    /**
     * @return records added beyond those preallocated at construction.
     */
    public long grown()
    {
        return pool.grown();
    }

    private long get(final int order, final int field)
    {
        return pool.get(orders.tagLow(order), field);
    }

    private void set(final int order, final int field, final long value)
    {
        pool.set(orders.tagLow(order), field, value);
    }

    private void setLow(final int order, final int field, final int value)
    {
        pool.setLow(orders.tagLow(order), field, value);
    }

    private void setHigh(final int order, final int field, final int value)
    {
        pool.setHigh(orders.tagLow(order), field, value);
    }
}
