package io.arbiter.engine.book;

import java.util.Arrays;

/**
 * The resting orders by order id: an open-addressing {@code int[]} of order indices with linear probing, whose keys are
 * the orders' own ids in the {@link OrderStore}. A lookup reads one table line and then the order record it needs
 * anyway, where a map with separate key and value arrays reads two table lines first; deletion shifts entries back, so
 * there are no tombstones. Sized for a load factor of at most {@value #MAX_LOAD_PERCENT}% and grown (producing
 * garbage) only when more orders rest than it was sized for. Owned by the matching thread.
 */
public final class OrderIdIndex
{
    /** Highest share of occupied slots, in percent, before the table doubles. */
    public static final int MAX_LOAD_PERCENT = 50;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int EMPTY = OrderStore.NONE;

    private final OrderStore orders;
    private int[] table;
    private int mask;
    private int shift;
    private int size;
    private int resizeAt;

    /**
     * @param orders         whose order ids are the keys.
     * @param expectedOrders orders expected to rest at once; the table gets at least three slots per order.
     */
    public OrderIdIndex(final OrderStore orders, final int expectedOrders)
    {
        this.orders = orders;
        allocate(Math.max(16, Integer.highestOneBit(Math.max(1, expectedOrders) * 3 - 1) << 1));
    }

    /**
     * @param orderId to look up.
     * @return the index of the resting order with that id, or {@link OrderStore#NONE}.
     */
    public int get(final long orderId)
    {
        final int[] table = this.table;
        final int mask = this.mask;
        final OrderStore orders = this.orders;
        for (int i = slot(orderId); ; i = (i + 1) & mask)
        {
            final int order = table[i];
            if (order == EMPTY || orders.orderId(order) == orderId)
            {
                return order;
            }
        }
    }

    /**
     * Add an order whose id is not in the index yet (the caller checked).
     *
     * @param order index of the order, its id set.
     */
    public void add(final int order)
    {
        if (size >= resizeAt)
        {
            grow();
        }
        insert(table, mask, order);
        size++;
    }

    /**
     * Remove an order that is in the index.
     *
     * @param order index of the order.
     */
    public void remove(final int order)
    {
        final int[] table = this.table;
        final int mask = this.mask;
        final OrderStore orders = this.orders;
        int hole = slot(orders.orderId(order));
        while (table[hole] != order)
        {
            hole = (hole + 1) & mask;
        }
        // Backward-shift deletion: move each later entry of the cluster into the hole unless its home slot lies
        // cyclically in (hole, entry], which would put it before its home.
        for (int i = (hole + 1) & mask; ; i = (i + 1) & mask)
        {
            final int next = table[i];
            if (next == EMPTY)
            {
                break;
            }
            final int home = slot(orders.orderId(next));
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                table[hole] = next;
                hole = i;
            }
        }
        table[hole] = EMPTY;
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
        return table.length;
    }

    private int slot(final long orderId)
    {
        return (int)((orderId * GOLDEN) >>> shift);
    }

    private void insert(final int[] table, final int mask, final int order)
    {
        int i = slot(orders.orderId(order));
        while (table[i] != EMPTY)
        {
            i = (i + 1) & mask;
        }
        table[i] = order;
    }

    private void allocate(final int capacity)
    {
        table = new int[capacity];
        Arrays.fill(table, EMPTY);
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        resizeAt = (int)((long)capacity * MAX_LOAD_PERCENT / 100);
    }

    private void grow()
    {
        final int[] old = table;
        allocate(old.length << 1);
        for (final int order : old)
        {
            if (order != EMPTY)
            {
                insert(table, mask, order);
            }
        }
    }
}
