package io.arbiter.engine.book;

import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.TimeInForce;

import java.util.Arrays;

/**
 * All orders of an engine as primitive records addressed by an {@code int} order index: one 40-byte record of a
 * {@code long[]} per order holds everything a fill, a cancel or a replace reads (id, account, remaining quantity, the
 * two queue links, the order's price level, time in force and self-trade prevention), so each touches one record and
 * no second column. Each order also has a {@linkplain #tag tag} of {@value #TAG_BITS} bits, the record's top bits
 * and a 4-byte {@code int[]} column beside the records: the order's acceptance number, or, for an order with the
 * {@link #EXTRAS} flag, the index of its record in the pool of those (which then keeps the acceptance number), so the
 * fields that only some orders need take no room in the others. Storing a link is a primitive store,
 * so no collector write barrier runs on the matching path. The records are split into pages of {@value #PAGE_ORDERS}
 * orders (640 KiB), small enough never to be a humongous object under G1 with regions of 2 MiB or more, so a large
 * store wastes no part of a region. Free orders are linked through
 * their {@link #next} link; the store is filled at construction and grows (producing garbage) only when more orders
 * are in use than it was sized for. Owned by the matching thread.
 * <pre>
 *   record (5 longs per order)
 *   0 order id
 *   1 account
 *   2 remaining quantity
 *   3 prev order (high 32 bits) | next order (low 32 bits), {@link #NONE} at either end
 *   4 high bits of the tag (bits 63..41) | price level index (bits 40..9) | hold flag (bit 8) | extras flag (bit 7)
 *     | stop flag (bit 6) | iceberg flag (bit 5) | time in force ordinal (bits 4..2)
 *     | self-trade prevention ordinal (bits 1..0)
 *   tag column (int per order): low 32 bits of the tag
 * </pre>
 */
public final class OrderStore
{
    /** The null order index: no order. */
    public static final int NONE = -1;
    /** Orders per page of records. */
    public static final int PAGE_ORDERS = 1 << 14;
    private static final int PAGE_SHIFT = 14;
    private static final int PAGE_MASK = PAGE_ORDERS - 1;
    private static final int STRIDE = 5;
    private static final int MAX_CAPACITY = 1 << 30;
    private static final int ORDER_ID = 0;
    private static final int ACCOUNT = 1;
    private static final int REMAINING = 2;
    private static final int LINKS = 3;
    private static final int META = 4;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long HIGH = ~LOW;
    private static final int LEVEL_SHIFT = 9;
    private static final int TAG_SHIFT = 41;
    private static final long LEVEL_BITS = ((1L << TAG_SHIFT) - 1) & ~((1L << LEVEL_SHIFT) - 1);
    /** Bits of an order's tag: an acceptance number must be below 2 to this power. */
    public static final int TAG_BITS = 64 - TAG_SHIFT + 32;
    private static final int TIF_SHIFT = 2;
    private static final int TIF_MASK = 7;
    private static final int MODE_MASK = 3;
    /** Flag of an iceberg order: its remaining quantity is the visible slice, more is hidden in {@link OrderExtras}. */
    public static final int ICEBERG = 1 << 5;
    /** Flag of a stop order waiting outside the book (it rests at no level). */
    public static final int STOP = 1 << 6;
    /** Flag of an order with a record in the pool of optional fields; its tag is that record's index. */
    public static final int EXTRAS = 1 << 7;
    /** Flag of an order with a hold (an order of an instrument with assets), kept in {@code risk.OrderHolds}. */
    public static final int HOLD = 1 << 8;
    private static final int FLAGS = ICEBERG | STOP | EXTRAS | HOLD;

    private long[][] records = new long[0][];
    private int[][] tags = new int[0][];
    private int capacity;
    private int free = NONE;
    private long grown;

    /**
     * @param capacity orders preallocated, at least 1.
     * @throws IllegalArgumentException if the capacity is not positive or too large for one {@code long[]}.
     */
    public OrderStore(final int capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("order capacity out of range: " + capacity);
        }
        resize(capacity);
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
        free = (int)records[order >>> PAGE_SHIFT][offset(order) + LINKS];
        return order;
    }

    /**
     * Return an order to the free list.
     *
     * @param order index of an order in use.
     */
    public void release(final int order)
    {
        records[order >>> PAGE_SHIFT][offset(order) + LINKS] = free & LOW;
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
        final long[] page = records[order >>> PAGE_SHIFT];
        final int base = offset(order);
        page[base + ORDER_ID] = orderId;
        page[base + ACCOUNT] = account;
        page[base + REMAINING] = remaining;
        page[base + LINKS] = -1L;
        page[base + META] = timeInForce.ordinal() << TIF_SHIFT | selfTradePrevention.ordinal();
    }

    /**
     * @param order index.
     * @param flags {@link #ICEBERG}, {@link #STOP}, {@link #EXTRAS} and/or {@link #HOLD} to set.
     */
    public void addFlags(final int order, final int flags)
    {
        records[order >>> PAGE_SHIFT][offset(order) + META] |= flags & FLAGS;
    }

    /**
     * @param order index.
     * @param flags {@link #EXTRAS} and/or {@link #HOLD} to clear.
     */
    public void clearFlags(final int order, final int flags)
    {
        records[order >>> PAGE_SHIFT][offset(order) + META] &= ~(long)(flags & FLAGS);
    }

    /**
     * @param order index.
     * @return the order's {@link #ICEBERG}, {@link #STOP}, {@link #EXTRAS} and {@link #HOLD} flags.
     */
    public int flags(final int order)
    {
        return (int)records[order >>> PAGE_SHIFT][offset(order) + META] & FLAGS;
    }

    /**
     * Read an order's record and change nothing: a look-ahead load of both ends of the 40-byte record (which may
     * span two cache lines) before a later command reads or updates it.
     *
     * @param order index of an order in use.
     * @return a value derived from the record's first and last words; only for the caller to consume, so the loads
     *         are not dropped.
     */
    public long touch(final int order)
    {
        final long[] page = records[order >>> PAGE_SHIFT];
        final int base = offset(order);
        return page[base + ORDER_ID] + page[base + META];
    }

    /**
     * @param order index.
     * @return the order's id.
     */
    public long orderId(final int order)
    {
        return records[order >>> PAGE_SHIFT][offset(order) + ORDER_ID];
    }

    /**
     * @param order index.
     * @return the account that owns the order.
     */
    public long account(final int order)
    {
        return records[order >>> PAGE_SHIFT][offset(order) + ACCOUNT];
    }

    /**
     * @param order index.
     * @return the order's remaining quantity.
     */
    public long remaining(final int order)
    {
        return records[order >>> PAGE_SHIFT][offset(order) + REMAINING];
    }

    /**
     * @param order     index.
     * @param remaining the order's new remaining quantity.
     */
    public void remaining(final int order, final long remaining)
    {
        records[order >>> PAGE_SHIFT][offset(order) + REMAINING] = remaining;
    }

    /**
     * @param order index.
     * @return the order before it in its level's queue, or {@link #NONE}.
     */
    public int prev(final int order)
    {
        return (int)(records[order >>> PAGE_SHIFT][offset(order) + LINKS] >>> 32);
    }

    /**
     * @param order index.
     * @return the order after it in its level's queue (or in the free list), or {@link #NONE}.
     */
    public int next(final int order)
    {
        return (int)records[order >>> PAGE_SHIFT][offset(order) + LINKS];
    }

    /**
     * @param order index.
     * @return both links in one read: {@link #prev} in the high 32 bits, {@link #next} in the low 32 bits.
     */
    public long links(final int order)
    {
        return records[order >>> PAGE_SHIFT][offset(order) + LINKS];
    }

    /**
     * @param order index.
     * @param prev  the order before it, or {@link #NONE}.
     * @param next  the order after it, or {@link #NONE}.
     */
    public void links(final int order, final int prev, final int next)
    {
        records[order >>> PAGE_SHIFT][offset(order) + LINKS] = (long)prev << 32 | (next & LOW);
    }

    /**
     * @param order index.
     * @param prev  the order before it, or {@link #NONE}.
     */
    public void prev(final int order, final int prev)
    {
        final long[] page = records[order >>> PAGE_SHIFT];
        final int i = offset(order) + LINKS;
        page[i] = (page[i] & LOW) | (long)prev << 32;
    }

    /**
     * @param order index.
     * @param next  the order after it, or {@link #NONE}.
     */
    public void next(final int order, final int next)
    {
        final long[] page = records[order >>> PAGE_SHIFT];
        final int i = offset(order) + LINKS;
        page[i] = (page[i] & HIGH) | (next & LOW);
    }

    /**
     * @param order index.
     * @return the index of the price level the order rests at.
     */
    public int level(final int order)
    {
        return (int)(records[order >>> PAGE_SHIFT][offset(order) + META] >>> LEVEL_SHIFT);
    }

    /**
     * @param order index.
     * @param level index of the price level it rests at, not negative.
     */
    public void level(final int order, final int level)
    {
        final long[] page = records[order >>> PAGE_SHIFT];
        final int i = offset(order) + META;
        page[i] = (long)level << LEVEL_SHIFT | (page[i] & ~LEVEL_BITS);
    }

    /**
     * @param order index.
     * @return the order's tag: its acceptance number, or with {@link #EXTRAS} set the index of its record in that
     *         pool.
     */
    public long tag(final int order)
    {
        return records[order >>> PAGE_SHIFT][offset(order) + META] >>> TAG_SHIFT << 32 |
            (tags[order >>> PAGE_SHIFT][order & PAGE_MASK] & LOW);
    }

    /**
     * @param order index.
     * @return the low 32 bits of the order's tag: the index of its record when {@link #EXTRAS} is set.
     */
    public int tagLow(final int order)
    {
        return tags[order >>> PAGE_SHIFT][order & PAGE_MASK];
    }

    /**
     * @param order index.
     * @param tag   the order's acceptance number or record index, at least 0 and below 2^{@value #TAG_BITS}.
     * @throws IllegalStateException if the tag does not fit.
     */
    public void tag(final int order, final long tag)
    {
        if (tag >>> TAG_BITS != 0)
        {
            throw new IllegalStateException("order tag out of range: " + tag);
        }
        final long[] page = records[order >>> PAGE_SHIFT];
        final int i = offset(order) + META;
        page[i] = (page[i] & ((1L << TAG_SHIFT) - 1)) | (tag >>> 32) << TAG_SHIFT;
        tags[order >>> PAGE_SHIFT][order & PAGE_MASK] = (int)tag;
    }

    /**
     * @param order index.
     * @return the order's time in force.
     */
    public TimeInForce timeInForce(final int order)
    {
        return TimeInForce.get((int)(records[order >>> PAGE_SHIFT][offset(order) + META] >>> TIF_SHIFT) & TIF_MASK);
    }

    /**
     * @param order index.
     * @return the order's self-trade prevention mode.
     */
    public SelfTradePrevention selfTradePrevention(final int order)
    {
        return SelfTradePrevention.get((int)records[order >>> PAGE_SHIFT][offset(order) + META] & MODE_MASK);
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
        final int newCapacity = (int)Math.min((long)oldCapacity << 1, MAX_CAPACITY);
        if (newCapacity <= oldCapacity)
        {
            throw new IllegalStateException("order store full: " + oldCapacity);
        }
        resize(newCapacity);
        grown += newCapacity - oldCapacity;
    }

    /**
     * Extend the columns to hold {@code newCapacity} orders (full pages, then a last page only as long as needed) and
     * link the new orders into the free list.
     */
    private void resize(final int newCapacity)
    {
        final int oldCapacity = capacity;
        final int pageCount = (newCapacity + PAGE_MASK) >>> PAGE_SHIFT;
        final long[][] newRecords = Arrays.copyOf(records, pageCount);
        final int[][] newTags = Arrays.copyOf(tags, pageCount);
        for (int p = Math.max(0, records.length - 1); p < pageCount; p++)
        {
            final int orders = Math.min(PAGE_ORDERS, newCapacity - (p << PAGE_SHIFT));
            newRecords[p] = p < records.length ? Arrays.copyOf(records[p], orders * STRIDE) : new long[orders * STRIDE];
            newTags[p] = p < tags.length ? Arrays.copyOf(tags[p], orders) : new int[orders];
        }
        records = newRecords;
        tags = newTags;
        capacity = newCapacity;
        for (int order = newCapacity - 1; order >= oldCapacity; order--)
        {
            release(order);
        }
    }

    private static int offset(final int order)
    {
        return (order & PAGE_MASK) * STRIDE;
    }
}
