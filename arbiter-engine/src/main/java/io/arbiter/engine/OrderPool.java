package io.arbiter.engine;

/**
 * Free list of {@link Order}s, filled at start. {@link #acquire()} produces garbage only when the pool is empty.
 * Owned by the matching thread.
 */
final class OrderPool
{
    private Order free;
    private int available;
    private long grown;

    OrderPool(final int size)
    {
        for (int i = 0; i < size; i++)
        {
            release(new Order());
        }
    }

    Order acquire()
    {
        final Order order = free;
        if (order == null)
        {
            grown++;
            return new Order();
        }
        free = order.next;
        order.next = null;
        available--;
        return order;
    }

    void release(final Order order)
    {
        order.level = null;
        order.prev = null;
        order.next = free;
        free = order;
        available++;
    }

    int available()
    {
        return available;
    }

    long grown()
    {
        return grown;
    }
}
