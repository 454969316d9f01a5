package io.arbiter.engine.book;

import java.util.Arrays;

/**
 * The resting orders by order id: an open-addressing {@code int[]} of order indices with linear probing, whose keys are
 * the orders' own ids in the {@link OrderStore}. A lookup reads one table line and then the order record it needs
 * anyway, where a map with separate key and value arrays reads two table lines first; deletion shifts entries back, so
 * there are no tombstones. The hash keeps runs of {@value #GROUP_SLOTS} consecutive ids together: an id's group (the
 * id without its low 4 bits) is scattered by a Fibonacci hash and its low bits pick the slot within the group's 64-byte
 * run, so orders numbered in sequence go up to 16 to a cache line of the table. Each slot also keeps how far its
 * entry sits from the entry's home slot (2 bits, saturated at {@value #FAR}; the order index takes the other 30), so
 * that a lookup skips the entries of other home slots and a deletion finds a later entry's home without reading that
 * order's record, which at a million resting orders is a cache miss each. The table is split into pages of
 * {@value #PAGE_SLOTS} slots (512 KiB), small enough never to be a humongous object under G1 with regions of 2 MiB or
 * more. The table has three slots per expected order, rounded up to whole groups but not to a power of two (a group
 * is picked by a multiply-shift range reduction, not a mask), so the heap it takes follows the order pool instead of
 * doubling at the next power of two. Sized for a load factor of at most {@value #MAX_LOAD_PERCENT}% and grown
 * (producing garbage) only when more orders rest than it was sized for. Owned by the matching thread.
 */
public final class OrderIdIndex
{
    /** Highest share of occupied slots, in percent, before the table doubles. */
    public static final int MAX_LOAD_PERCENT = 50;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Slots per page of the table. */
    public static final int PAGE_SLOTS = 1 << 17;
    private static final int PAGE_SHIFT = 17;
    private static final int PAGE_MASK = PAGE_SLOTS - 1;
    private static final int EMPTY = OrderStore.NONE;
    /** Consecutive ids whose home slots are consecutive (one 64-byte line of the table). */
    public static final int GROUP_SLOTS = 16;
    private static final int GROUP_SHIFT = 4;
    private static final int GROUP_MASK = GROUP_SLOTS - 1;
    private static final int MIN_CAPACITY = 64;
    private static final int MAX_CAPACITY = 1 << 30;
    private static final int ORDER_BITS = 30;
    private static final int ORDER_MASK = (1 << ORDER_BITS) - 1;
    /** Distance from home at and beyond which a slot's distance bits say only "this far or further". */
    private static final int FAR = 3;

    private final OrderStore orders;
    private int[][] table;
    private int capacity;
    private long groups;
    private int size;
    private int resizeAt;

    /**
     * @param orders         whose order ids are the keys.
     * @param expectedOrders orders expected to rest at once; the table gets at least three slots per order.
     */
    public OrderIdIndex(final OrderStore orders, final int expectedOrders)
    {
        this.orders = orders;
        final long slots = Math.max(MIN_CAPACITY, 3L * Math.max(1, expectedOrders));
        allocate((int)Math.min(MAX_CAPACITY, (slots + GROUP_MASK) & ~GROUP_MASK));
    }

    /**
     * @param orderId to look up.
     * @return the index of the resting order with that id, or {@link OrderStore#NONE}.
     */
    public int get(final long orderId)
    {
        final int[][] table = this.table;
        final OrderStore orders = this.orders;
        int distance = 0;
        for (int i = slot(orderId); ; i = next(i))
        {
            final int entry = table[i >>> PAGE_SHIFT][i & PAGE_MASK];
            if (entry == EMPTY)
            {
                return OrderStore.NONE;
            }
            if (entry >>> ORDER_BITS == distance)
            {
                final int order = entry & ORDER_MASK;
                if (orders.orderId(order) == orderId)
                {
                    return order;
                }
            }
            if (distance < FAR)
            {
                distance++;
            }
        }
    }

    /**
     * Read the home slot of an id and change nothing: a look-ahead load that brings the slot's cache line in before a
     * later {@link #get}, {@link #add} or {@link #remove} of that id needs it.
     *
     * @param orderId an id a later command names.
     * @return the home slot's raw entry (order index and distance bits, or {@link OrderStore#NONE}); only for the
     *         caller to consume, so the load is not dropped.
     */
    public int touch(final long orderId)
    {
        final int i = slot(orderId);
        return table[i >>> PAGE_SHIFT][i & PAGE_MASK];
    }

    /**
     * Add an order whose id is not in the index yet (the caller checked).
     *
     * @param order index of the order, its id set; below 2^30 - 1.
     * @throws IllegalStateException if the order index does not fit in a slot.
     */
    public void add(final int order)
    {
        if (order >= ORDER_MASK)
        {
            throw new IllegalStateException("order index too large for the id index: " + order);
        }
        if (size >= resizeAt)
        {
            grow();
        }
        insert(table, order);
        size++;
    }

    /**
     * Remove an order that is in the index.
     *
     * @param order index of the order.
     */
    public void remove(final int order)
    {
        final int[][] table = this.table;
        final OrderStore orders = this.orders;
        int hole = slot(orders.orderId(order));
        while ((table[hole >>> PAGE_SHIFT][hole & PAGE_MASK] & ORDER_MASK) != order)
        {
            hole = next(hole);
        }
        // Backward-shift deletion: move each later entry of the cluster into the hole unless its home slot lies
        // cyclically in (hole, entry], which would put it before its home.
        for (int i = next(hole); ; i = next(i))
        {
            final int entry = table[i >>> PAGE_SHIFT][i & PAGE_MASK];
            if (entry == EMPTY)
            {
                break;
            }
            final int far = entry >>> ORDER_BITS;
            final int home = far < FAR ? back(i, far) : slot(orders.orderId(entry & ORDER_MASK));
            if (distance(home, i) >= distance(hole, i))
            {
                table[hole >>> PAGE_SHIFT][hole & PAGE_MASK] = entry(entry & ORDER_MASK, distance(home, hole));
                hole = i;
            }
        }
        table[hole >>> PAGE_SHIFT][hole & PAGE_MASK] = EMPTY;
        size--;
    }

    /**
     * @return orders in the index.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return slots in the table.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * The home slot of an id: its group's Fibonacci hash reduced to the number of groups by a multiply-shift (the high
     * 32 bits of the hash times the group count, over 2^32), then the id's low bits within the group.
     */
    private int slot(final long orderId)
    {
        final long hash = ((orderId >>> GROUP_SHIFT) * GOLDEN) >>> 32;
        return (int)((hash * groups) >>> 32) << GROUP_SHIFT | (int)orderId & GROUP_MASK;
    }

    private int back(final int slot, final int by)
    {
        final int back = slot - by;
        return back < 0 ? back + capacity : back;
    }

    private static int entry(final int order, final int distance)
    {
        return order | Math.min(distance, FAR) << ORDER_BITS;
    }

    private int next(final int slot)
    {
        final int next = slot + 1;
        return next == capacity ? 0 : next;
    }

    /**
     * @return how far {@code to} lies after {@code from} going forward round the table.
     */
    private int distance(final int from, final int to)
    {
        final int distance = to - from;
        return distance < 0 ? distance + capacity : distance;
    }

    private void insert(final int[][] table, final int order)
    {
        int i = slot(orders.orderId(order));
        int distance = 0;
        while (table[i >>> PAGE_SHIFT][i & PAGE_MASK] != EMPTY)
        {
            i = next(i);
            distance++;
        }
        table[i >>> PAGE_SHIFT][i & PAGE_MASK] = entry(order, distance);
    }

    private void allocate(final int capacity)
    {
        table = new int[(capacity + PAGE_MASK) >>> PAGE_SHIFT][];
        for (int p = 0; p < table.length; p++)
        {
            table[p] = new int[Math.min(PAGE_SLOTS, capacity - (p << PAGE_SHIFT))];
            Arrays.fill(table[p], EMPTY);
        }
        this.capacity = capacity;
        groups = capacity >>> GROUP_SHIFT;
        resizeAt = (int)((long)capacity * MAX_LOAD_PERCENT / 100);
    }

    private void grow()
    {
        if (capacity >= MAX_CAPACITY)
        {
            throw new IllegalStateException("order id index full: " + size);
        }
        final int[][] old = table;
        allocate(capacity << 1);
        for (final int[] page : old)
        {
            for (final int order : page)
            {
                if (order != EMPTY)
                {
                    insert(table, order & ORDER_MASK);
                }
            }
        }
    }
}
