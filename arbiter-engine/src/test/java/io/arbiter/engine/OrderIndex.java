package io.arbiter.engine;

/**
 * The resting orders by order id: an open-addressing table of {@link Order} references with linear probing, whose
 * keys are the orders' own {@link Order#orderId} fields. A lookup reads one table line and then the order it needs
 * anyway, where a map with separate key and value arrays reads two table lines first; deletion shifts entries back, so
 * there are no tombstones. Sized for a load factor of at most {@value #MAX_LOAD_PERCENT}% and grown (producing
 * garbage) only when more orders rest than it was sized for. Owned by the matching thread.
 */
final class OrderIndex
{
    static final int MAX_LOAD_PERCENT = 50;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Order[] table;
    private int mask;
    private int shift;
    private int size;
    private int resizeAt;

    /**
     * @param expectedOrders orders expected to rest at once; the table gets at least three slots per order.
     */
    OrderIndex(final int expectedOrders)
    {
        allocate(Math.max(16, Integer.highestOneBit(Math.max(1, expectedOrders) * 3 - 1) << 1));
    }

    /**
     * @param orderId to look up.
     * @return the resting order with that id, or null.
     */
    Order get(final long orderId)
    {
        final Order[] table = this.table;
        final int mask = this.mask;
        for (int i = slot(orderId); ; i = (i + 1) & mask)
        {
            final Order order = table[i];
            if (order == null || order.orderId == orderId)
            {
                return order;
            }
        }
    }

    /**
     * Add an order whose id is not in the index yet (the caller checked).
     *
     * @param order to add, its {@link Order#orderId} set.
     */
    void add(final Order order)
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
     * @param order to remove (found by identity).
     */
    void remove(final Order order)
    {
        final Order[] table = this.table;
        final int mask = this.mask;
        int hole = slot(order.orderId);
        while (table[hole] != order)
        {
            hole = (hole + 1) & mask;
        }
        // Backward-shift deletion: move each later entry of the cluster into the hole unless its home slot lies
        // cyclically in (hole, entry], which would put it before its home.
        for (int i = (hole + 1) & mask; ; i = (i + 1) & mask)
        {
            final Order next = table[i];
            if (next == null)
            {
                break;
            }
            final int home = slot(next.orderId);
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                table[hole] = next;
                hole = i;
            }
        }
        table[hole] = null;
        size--;
    }

    /**
     * @return orders in the index.
     */
    int size()
    {
        return size;
    }

    /**
     * @return slots in the table.
     */
    int capacity()
    {
        return table.length;
    }

    private int slot(final long orderId)
    {
        return (int)((orderId * GOLDEN) >>> shift);
    }

    private void insert(final Order[] table, final int mask, final Order order)
    {
        int i = slot(order.orderId);
        while (table[i] != null)
        {
            i = (i + 1) & mask;
        }
        table[i] = order;
    }

    private void allocate(final int capacity)
    {
        table = new Order[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        resizeAt = (int)((long)capacity * MAX_LOAD_PERCENT / 100);
    }

    private void grow()
    {
        final Order[] old = table;
        allocate(old.length << 1);
        for (final Order order : old)
        {
            if (order != null)
            {
                insert(table, mask, order);
            }
        }
    }
}
