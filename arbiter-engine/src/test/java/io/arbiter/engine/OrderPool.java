package io.arbiter.engine;

import java.util.Arrays;

/**
 * Stack of free {@link Order}s, filled at start. An array stack rather than a list linked through the orders: taking
 * an order writes no reference and returning one writes one, which matters under a collector with a card-marking
 * write barrier (G1). {@link #acquire()} produces garbage only when the pool is empty, {@link #release} only when
 * more orders come back than the pool ever held. Owned by the matching thread.
 */
final class OrderPool
{
    private Order[] free;
    private int available;
    private long grown;

    OrderPool(final int size)
    {
        free = new Order[Math.max(1, size)];
        for (int i = 0; i < size; i++)
        {
            release(new Order());
        }
    }

    Order acquire()
    {
        if (available == 0)
        {
            grown++;
            return new Order();
        }
        return free[--available];
    }

    void release(final Order order)
    {
        order.level = null;
        order.prev = null;
        order.next = null;
        if (available == free.length)
        {
            free = Arrays.copyOf(free, free.length << 1);
        }
        free[available++] = order;
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
