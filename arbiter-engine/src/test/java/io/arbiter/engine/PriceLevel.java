package io.arbiter.engine;

/**
 * All resting orders at one price on one side, in time priority, pooled and reused. Levels of a side are linked in
 * priority order ({@link #better}, {@link #worse}); while free, {@link #worse} links the pool's free list.
 * Owned by the matching thread.
 */
final class PriceLevel
{
    long priceTicks;
    long totalQuantity;
    int orderCount;
    BookSide side;
    Order head;
    Order tail;
    PriceLevel better;
    PriceLevel worse;

    void append(final Order order)
    {
        order.level = this;
        order.next = null;
        order.prev = tail;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.next = order;
        }
        tail = order;
        totalQuantity += order.remaining;
        orderCount++;
    }

    void unlink(final Order order)
    {
        final Order prev = order.prev;
        final Order next = order.next;
        if (prev == null)
        {
            head = next;
        }
        else
        {
            prev.next = next;
        }
        if (next == null)
        {
            tail = prev;
        }
        else
        {
            next.prev = prev;
        }
        order.prev = null;
        order.next = null;
        order.level = null;
        totalQuantity -= order.remaining;
        orderCount--;
    }
}
