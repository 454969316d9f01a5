package io.arbiter.engine.book;

import java.util.Arrays;

/**
 * The open good-till-date orders by expiry time, then acceptance number: an indexed binary min-heap of order indices
 * whose keys live in {@link OrderExtras}, so an order leaves it in O(log n) when it fills or is cancelled. Grows
 * (producing garbage) only when more GTD orders are open than it was sized for. Owned by the matching thread.
 */
public final class ExpiryQueue
{
    private final OrderExtras extras;
    private int[] heap;
    private int size;

    /**
     * @param extras   holding each order's expiry time, acceptance number and queue position.
     * @param capacity orders preallocated.
     */
    public ExpiryQueue(final OrderExtras extras, final int capacity)
    {
        this.extras = extras;
        this.heap = new int[Math.max(16, capacity)];
    }

    /**
     * @return number of orders in the queue.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return the order that expires first, or {@link OrderStore#NONE} if none.
     */
    public int peek()
    {
        return size == 0 ? OrderStore.NONE : heap[0];
    }

    /**
     * @param order index of an open GTD order not in the queue, its expiry and acceptance set.
     */
    public void add(final int order)
    {
        if (size == heap.length)
        {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = order;
        extras.queuePosition(order, size);
        siftUp(size++);
    }

    /**
     * @param order index of an order in the queue.
     */
    public void remove(final int order)
    {
        final int position = extras.queuePosition(order);
        final int last = heap[--size];
        if (position == size)
        {
            return;
        }
        heap[position] = last;
        extras.queuePosition(last, position);
        siftDown(position);
        siftUp(extras.queuePosition(last));
    }

    private void siftUp(final int from)
    {
        int position = from;
        final int order = heap[position];
        while (position > 0)
        {
            final int parent = (position - 1) >>> 1;
            final int parentOrder = heap[parent];
            if (!before(order, parentOrder))
            {
                break;
            }
            heap[position] = parentOrder;
            extras.queuePosition(parentOrder, position);
            position = parent;
        }
        heap[position] = order;
        extras.queuePosition(order, position);
    }

    private void siftDown(final int from)
    {
        int position = from;
        final int order = heap[position];
        while (true)
        {
            final int left = 2 * position + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && before(heap[right], heap[left]) ? right : left;
            final int childOrder = heap[child];
            if (!before(childOrder, order))
            {
                break;
            }
            heap[position] = childOrder;
            extras.queuePosition(childOrder, position);
            position = child;
        }
        heap[position] = order;
        extras.queuePosition(order, position);
    }

    private boolean before(final int a, final int b)
    {
        final long expiryA = extras.expiry(a);
        final long expiryB = extras.expiry(b);
        return expiryA < expiryB || expiryA == expiryB && extras.acceptance(a) < extras.acceptance(b);
    }
}
