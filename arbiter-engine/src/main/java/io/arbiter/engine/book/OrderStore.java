package io.arbiter.engine.book;

import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.TimeInForce;

import java.util.Arrays;

/**
 * All orders of an engine as primitive columns addressed by an {@code int} order index: what the matching loop reads
 * and writes together (id, account, remaining quantity and the two queue links) sits in one 32-byte record of a
 * {@code long[]}, and what only cancels, replaces and snapshots need (the order's price level, time in force and
 * self-trade prevention) in a parallel {@code int[]}. Storing a link is a primitive store, so no collector write
 * barrier runs on the matching path. Free orders are linked through their {@link #next} link; the store is filled at
 * construction and grows (producing garbage) only when more orders are in use than it was sized for. Owned by the
 * matching thread.
 * <pre>
 *   record (4 longs per order)                        meta (1 int per order)
 *   0 order id                                        bits 31..4  price level index
 *   1 account                                         bits  3..2  time in force ordinal
 *   2 remaining quantity                              bits  1..0  self-trade prevention ordinal
 *   3 prev order (high 32 bits) | next order (low 32 bits), {@link #NONE} at either end
 * </pre>
 */
public final class OrderStore
{
    /** The null order index: no order. */
    public static final int NONE = -1;
    /** Longs per order record. */
    static final int STRIDE = 4;
    private static final int ORDER_ID = 0;
    private static final int ACCOUNT = 1;
    private static final int REMAINING = 2;
    private static final int LINKS = 3;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long HIGH = ~LOW;
    private static final int LEVEL_SHIFT = 4;
    private static final int TIF_SHIFT = 2;
    private static final int MODE_MASK = 3;
    /** Highest price level index the meta column can hold. */
    public static final int MAX_LEVEL = Integer.MAX_VALUE >>> LEVEL_SHIFT;

    private long[] records;
    private int[] meta;
    private int capacity;
    private int free = NONE;
    private long grown;

    /**
     * @param capacity orders preallocated, at least 1.
     * @throws IllegalArgumentException if the capacity is not positive or too large for one {@code long[]}.
     */
    public OrderStore(final int capacity)
    {
        if (capacity < 1 || capacity > Integer.MAX_VALUE / STRIDE - 8)
        {
            throw new IllegalArgumentException("order capacity out of range: " + capacity);
        }
        records = new long[capacity * STRIDE];
        meta = new int[capacity];
        extendFreeList(0, capacity);
        this.capacity = capacity;
    }

    /**
     * Take a free order; its fields are left as they were and must all be set with {@link #set}. Produces garbage
     * only when no order is free.
     *
     * @return the order index.
     */
    public int acquire()
    {
        int order = free;
        if (order == NONE)
        {
            grow();
            order = free;
        }
        free = (int)records[order * STRIDE + LINKS];
        return order;
    }

    /**
     * Return an order to the free list.
     *
     * @param order index of an order in use.
     */
    public void release(final int order)
    {
        records[order * STRIDE + LINKS] = free & LOW;
        free = order;
    }

    /**
     * Set every field of an acquired order; its links become {@link #NONE} and its level {@code 0} until it is
     * appended to a level.
     *
     * @param order               index.
     * @param orderId             the order's id.
     * @param account             that owns it.
     * @param remaining           its remaining quantity.
     * @param timeInForce         its time in force.
     * @param selfTradePrevention its self-trade prevention mode.
     */
    public void set(
        final int order,
        final long orderId,
        final long account,
        final long remaining,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention)
    {
        final long[] records = this.records;
        final int base = order * STRIDE;
        records[base + ORDER_ID] = orderId;
        records[base + ACCOUNT] = account;
        records[base + REMAINING] = remaining;
        records[base + LINKS] = -1L;
        meta[order] = timeInForce.ordinal() << TIF_SHIFT | selfTradePrevention.ordinal();
    }

    /**
     * @param order index.
     * @return the order's id.
     */
    public long orderId(final int order)
    {
        return records[order * STRIDE + ORDER_ID];
    }

    /**
     * @param order index.
     * @return the account that owns the order.
     */
    public long account(final int order)
    {
        return records[order * STRIDE + ACCOUNT];
    }

    /**
     * @param order index.
     * @return the order's remaining quantity.
     */
    public long remaining(final int order)
    {
        return records[order * STRIDE + REMAINING];
    }

    /**
     * @param order     index.
     * @param remaining the order's new remaining quantity.
     */
    public void remaining(final int order, final long remaining)
    {
        records[order * STRIDE + REMAINING] = remaining;
    }

    /**
     * @param order index.
     * @return the order before it in its level's queue, or {@link #NONE}.
     */
    public int prev(final int order)
    {
        return (int)(records[order * STRIDE + LINKS] >>> 32);
    }

    /**
     * @param order index.
     * @return the order after it in its level's queue (or in the free list), or {@link #NONE}.
     */
    public int next(final int order)
    {
        return (int)records[order * STRIDE + LINKS];
    }

    /**
     * @param order index.
     * @return both links in one read: {@link #prev} in the high 32 bits, {@link #next} in the low 32 bits.
     */
    public long links(final int order)
    {
        return records[order * STRIDE + LINKS];
    }

    /**
     * @param order index.
     * @param prev  the order before it, or {@link #NONE}.
     * @param next  the order after it, or {@link #NONE}.
     */
    public void links(final int order, final int prev, final int next)
    {
        records[order * STRIDE + LINKS] = (long)prev << 32 | (next & LOW);
    }

    /**
     * @param order index.
     * @param prev  the order before it, or {@link #NONE}.
     */
    public void prev(final int order, final int prev)
    {
        final int i = order * STRIDE + LINKS;
        records[i] = (records[i] & LOW) | (long)prev << 32;
    }

    /**
     * @param order index.
     * @param next  the order after it, or {@link #NONE}.
     */
    public void next(final int order, final int next)
    {
        final int i = order * STRIDE + LINKS;
        records[i] = (records[i] & HIGH) | (next & LOW);
    }

    /**
     * @param order index.
     * @return the index of the price level the order rests at.
     */
    public int level(final int order)
    {
        return meta[order] >>> LEVEL_SHIFT;
    }

    /**
     * @param order index.
     * @param level index of the price level it rests at, at most {@link #MAX_LEVEL}.
     */
    public void level(final int order, final int level)
    {
        meta[order] = level << LEVEL_SHIFT | (meta[order] & ((1 << LEVEL_SHIFT) - 1));
    }

    /**
     * @param order index.
     * @return the order's time in force.
     */
    public TimeInForce timeInForce(final int order)
    {
        return TimeInForce.get((meta[order] >>> TIF_SHIFT) & MODE_MASK);
    }

    /**
     * @param order index.
     * @return the order's self-trade prevention mode.
     */
    public SelfTradePrevention selfTradePrevention(final int order)
    {
        return SelfTradePrevention.get(meta[order] & MODE_MASK);
    }

    /**
     * @return orders the store holds now, free or in use.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return orders acquired beyond the capacity given at construction, i.e. how far the store grew.
     */
    public long grown()
    {
        return grown;
    }

    private void grow()
    {
        final int oldCapacity = capacity;
        final int newCapacity = (int)Math.min((long)oldCapacity << 1, Integer.MAX_VALUE / STRIDE - 8);
        if (newCapacity <= oldCapacity)
        {
            throw new IllegalStateException("order store full: " + oldCapacity);
        }
        records = Arrays.copyOf(records, newCapacity * STRIDE);
        meta = Arrays.copyOf(meta, newCapacity);
        extendFreeList(oldCapacity, newCapacity);
        capacity = newCapacity;
        grown += newCapacity - oldCapacity;
    }

    private void extendFreeList(final int from, final int to)
    {
        for (int order = to - 1; order >= from; order--)
        {
            release(order);
        }
    }
}
