package io.arbiter.engine.book;

import java.util.Arrays;

/**
 * The fields of an order that only some orders need, kept beside the {@link OrderStore} and addressed by the same
 * order index, so the record a fill reads stays small: the acceptance number of every open order (its place in
 * acceptance order), and for the orders that use them the expiry time (GTD), the display size and hidden quantity
 * (icebergs), and the stop fields and waiting-list links (stop orders). Primitive pages of
 * {@value OrderStore#PAGE_ORDERS} orders, added (producing garbage) only when the order store grew. Owned by the
 * matching thread.
 * <pre>
 *   record (9 longs per order)
 *   0 acceptance number
 *   1 expiry time (GTD)
 *   2 display size (iceberg)
 *   3 hidden quantity (iceberg)
 *   4 stop price in ticks (stop)
 *   5 limit price in ticks, or -1 for a stop market (stop)
 *   6 instrument id (high 32 bits) | side ordinal (bit 0) (stop)
 *   7 expiry queue position (high 32 bits) | next stop in its list (low 32 bits)
 *   8 previous stop in its list (stop)
 * </pre>
 */
public final class OrderExtras
{
    private static final int PAGE_SHIFT = 14;
    private static final int PAGE_MASK = OrderStore.PAGE_ORDERS - 1;
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
    private static final long LOW = 0xFFFF_FFFFL;

    private long[][] pages = new long[0][];

    /**
     * @param capacity orders to make room for at once.
     */
    public OrderExtras(final int capacity)
    {
        ensure(Math.max(0, capacity - 1));
    }

    /**
     * Make room for an order index (produces garbage only when the order store grew past the pages there are).
     *
     * @param order index about to be used.
     */
    public void ensure(final int order)
    {
        final int page = order >>> PAGE_SHIFT;
        if (page >= pages.length)
        {
            final int oldLength = pages.length;
            pages = Arrays.copyOf(pages, page + 1);
            for (int p = oldLength; p <= page; p++)
            {
                pages[p] = new long[OrderStore.PAGE_ORDERS * STRIDE];
            }
        }
    }

    /**
     * @param order index.
     * @return the order's acceptance number.
     */
    public long acceptance(final int order)
    {
        return get(order, ACCEPTANCE);
    }

    /**
     * @param order      index.
     * @param acceptance the order's acceptance number.
     */
    public void acceptance(final int order, final long acceptance)
    {
        set(order, ACCEPTANCE, acceptance);
    }

    /**
     * @param order index.
     * @return the expiry time of a GTD order.
     */
    public long expiry(final int order)
    {
        return get(order, EXPIRY);
    }

    /**
     * @param order  index.
     * @param expiry time of a GTD order.
     */
    public void expiry(final int order, final long expiry)
    {
        set(order, EXPIRY, expiry);
    }

    /**
     * @param order index.
     * @return the display size of an iceberg.
     */
    public long display(final int order)
    {
        return get(order, DISPLAY);
    }

    /**
     * @param order   index.
     * @param display size of an iceberg's visible slice.
     */
    public void display(final int order, final long display)
    {
        set(order, DISPLAY, display);
    }

    /**
     * @param order index.
     * @return the hidden quantity of an iceberg (its remaining quantity beyond the visible slice).
     */
    public long hidden(final int order)
    {
        return get(order, HIDDEN);
    }

    /**
     * @param order  index.
     * @param hidden quantity of an iceberg.
     */
    public void hidden(final int order, final long hidden)
    {
        set(order, HIDDEN, hidden);
    }

    /**
     * @param order index.
     * @return the stop price in ticks of a stop order.
     */
    public long stopTicks(final int order)
    {
        return get(order, STOP_TICKS);
    }

    /**
     * @param order index.
     * @return the limit price in ticks of a stop limit, or -1 for a stop market.
     */
    public long limitTicks(final int order)
    {
        return get(order, LIMIT_TICKS);
    }

    /**
     * @param order index.
     * @return the instrument id of a stop order.
     */
    public int stopInstrument(final int order)
    {
        return (int)(get(order, STOP_META) >>> 32);
    }

    /**
     * @param order index.
     * @return the side ordinal of a stop order.
     */
    public int stopSide(final int order)
    {
        return (int)get(order, STOP_META) & 1;
    }

    /**
     * @param order        index.
     * @param instrumentId of the stop order.
     * @param sideOrdinal  of the stop order.
     * @param stopTicks    its stop price in ticks.
     * @param limitTicks   its limit price in ticks, or -1 for a stop market.
     */
    public void stop(
        final int order, final int instrumentId, final int sideOrdinal, final long stopTicks, final long limitTicks)
    {
        set(order, STOP_TICKS, stopTicks);
        set(order, LIMIT_TICKS, limitTicks);
        set(order, STOP_META, (long)instrumentId << 32 | sideOrdinal);
    }

    /**
     * @param order index.
     * @return the next stop in the order's list, or {@link OrderStore#NONE}.
     */
    public int nextStop(final int order)
    {
        return (int)get(order, LINKS);
    }

    /**
     * @param order index.
     * @param next  the next stop in the order's list, or {@link OrderStore#NONE}.
     */
    public void nextStop(final int order, final int next)
    {
        final long[] page = pages[order >>> PAGE_SHIFT];
        final int i = (order & PAGE_MASK) * STRIDE + LINKS;
        page[i] = (page[i] & ~LOW) | (next & LOW);
    }

    /**
     * @param order index.
     * @return the previous stop in the order's list, or {@link OrderStore#NONE}.
     */
    public int prevStop(final int order)
    {
        return (int)get(order, PREV_STOP);
    }

    /**
     * @param order index.
     * @param prev  the previous stop in the order's list, or {@link OrderStore#NONE}.
     */
    public void prevStop(final int order, final int prev)
    {
        set(order, PREV_STOP, prev);
    }

    /**
     * @param order index.
     * @return the order's position in the expiry queue.
     */
    public int queuePosition(final int order)
    {
        return (int)(get(order, LINKS) >>> 32);
    }

    /**
     * @param order    index.
     * @param position the order's position in the expiry queue.
     */
    public void queuePosition(final int order, final int position)
    {
        final long[] page = pages[order >>> PAGE_SHIFT];
        final int i = (order & PAGE_MASK) * STRIDE + LINKS;
        page[i] = (page[i] & LOW) | (long)position << 32;
    }

    private long get(final int order, final int field)
    {
        return pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * STRIDE + field];
    }

    private void set(final int order, final int field, final long value)
    {
        pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * STRIDE + field] = value;
    }
}
