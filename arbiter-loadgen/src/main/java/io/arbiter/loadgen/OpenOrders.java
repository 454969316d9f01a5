package io.arbiter.loadgen;

import org.agrona.collections.Long2LongHashMap;

/**
 * One session's open orders as the load generator knows them (from its acknowledgements), each with a value (the
 * FIX driver keeps the order's quantity, the binary driver 0), and the order in which to pick them for cancels and
 * replaces: oldest first, through a ring of keys.
 * <p>
 * The ring holds a bounded number of keys. When acknowledgements arrive in a burst (the node catching up after a
 * stall), more orders open than the ring holds and the oldest keys fall out of it while their orders are still open;
 * {@link #take()} then refills the ring from the open orders themselves, so every open order can still be cancelled.
 * Without that, a session that once had more open orders than its ring could never cancel the forgotten ones, and
 * after its account reached the node's open-order limit every new order was refused for the rest of the run.
 * <p>
 * An order whose cancel was sent is no longer open for picking, but it is kept aside with its value until the cancel
 * is answered ({@link #cancelSent(long)}): if the node refuses the cancel (busy, throttled) the order opens again with
 * the value it had, including fills reported while the cancel was on its way ({@link #cancelRefused(long)}).
 * <p>
 * Not thread safe: used by one thread, or under its driver's lock.
 */
final class OpenOrders
{
    /** Returned by {@link #take()} when no order is open; never a key (keys are client order ids, never 0). */
    static final long NONE = 0;
    private static final long MISSING = Long.MIN_VALUE;

    private final Long2LongHashMap orders = new Long2LongHashMap(MISSING);
    private final Long2LongHashMap cancelling = new Long2LongHashMap(MISSING);
    private final long[] ring;
    private final int ringMask;
    private long ringHead;
    private long ringTail;

    /**
     * @param maxOpenOrders the session's usual most open orders; the ring holds four times as many keys.
     */
    OpenOrders(final int maxOpenOrders)
    {
        final int capacity = Integer.highestOneBit(Math.max(16, maxOpenOrders * 4) - 1) << 1;
        this.ring = new long[capacity];
        this.ringMask = capacity - 1;
    }

    int size()
    {
        return orders.size();
    }

    boolean isEmpty()
    {
        return orders.isEmpty();
    }

    boolean contains(final long key)
    {
        return orders.containsKey(key);
    }

    /**
     * @param key an open order.
     * @return its value, or {@link Long#MIN_VALUE} if it is not open.
     */
    long value(final long key)
    {
        return orders.get(key);
    }

    /**
     * Records an order as open and queues it last for picking.
     *
     * @param key   its client order id (not 0).
     * @param value what to keep with it.
     */
    void add(final long key, final long value)
    {
        orders.put(key, value);
        queue(key);
    }

    /**
     * Adds to the value kept with an order that is open or whose cancel is on its way (a fill of {@code quantity});
     * nothing for another key.
     *
     * @param key      the order's client order id.
     * @param quantity what to add.
     */
    void addToValue(final long key, final long quantity)
    {
        final long open = orders.get(key);
        if (open != MISSING)
        {
            orders.put(key, open + quantity);
            return;
        }
        final long beingCancelled = cancelling.get(key);
        if (beingCancelled != MISSING)
        {
            cancelling.put(key, beingCancelled + quantity);
        }
    }

    /**
     * Records an order as no longer open (filled, cancelled, expired), whether or not a cancel was sent for it.
     *
     * @param key its client order id.
     */
    void remove(final long key)
    {
        orders.remove(key);
        cancelling.remove(key);
    }

    /**
     * A cancel was sent for an open order: it is no longer open for picking, and its value is kept until the cancel
     * is answered.
     *
     * @param key the order's client order id.
     */
    void cancelSent(final long key)
    {
        final long value = orders.remove(key);
        if (value != MISSING)
        {
            cancelling.put(key, value);
        }
    }

    /**
     * The node refused a cancel for a reason other than an unknown order (busy, throttled): the order is still open
     * on the node, so it opens again, queued last, with the value it had when the cancel was sent plus what was
     * added since. Nothing if the order finished meanwhile ({@link #remove(long)}: a fill left nothing) or its cancel
     * was not recorded with {@link #cancelSent(long)}.
     *
     * @param key the order's client order id.
     * @return true if the order opened again.
     */
    boolean cancelRefused(final long key)
    {
        final long value = cancelling.remove(key);
        if (value == MISSING)
        {
            return false;
        }
        add(key, value);
        return true;
    }

    /**
     * @return orders whose cancel is on its way.
     */
    int cancelsInFlight()
    {
        return cancelling.size();
    }

    /**
     * Takes the oldest queued order that is still open out of the queue; it stays open. A caller that keeps it open
     * (a replace) queues it again with {@link #queue(long)}; one that cancels it calls {@link #remove(long)}.
     *
     * @return the order's key, or {@link #NONE} if no order is open.
     */
    long take()
    {
        for (int pass = 0; pass < 2; pass++)
        {
            while (ringHead < ringTail)
            {
                final long candidate = ring[(int)(ringHead++ & ringMask)];
                if (orders.containsKey(candidate))
                {
                    return candidate;
                }
            }
            if (orders.isEmpty())
            {
                break;
            }
            refill();
        }
        return NONE;
    }

    /**
     * Queues an open order last for picking; the oldest queued key falls out if the ring is full.
     *
     * @param key its client order id.
     */
    void queue(final long key)
    {
        if (ringTail - ringHead == ring.length)
        {
            ringHead++;
        }
        ring[(int)(ringTail++ & ringMask)] = key;
    }

    private void refill()
    {
        final Long2LongHashMap.KeyIterator keys = orders.keySet().iterator();
        while (keys.hasNext() && ringTail - ringHead < ring.length)
        {
            ring[(int)(ringTail++ & ringMask)] = keys.nextValue();
        }
    }
}
