package io.arbiter.loadgen;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The intended send time of the load generator's own aggressor order behind each trade id: written by an order
 * connection's event loop when its taker Fill arrives, read by the market-data subscribers' event loops when the
 * public trade arrives. A fixed table indexed by trade id, so an entry is overwritten by the trade 2^20 ids later (long
 * after any subscriber looked it up). Thread-safe; allocates nothing after construction.
 */
final class TradeIntents
{
    private static final int CAPACITY = 1 << 20;
    private static final int MASK = CAPACITY - 1;

    private final AtomicLongArray tradeIds = new AtomicLongArray(CAPACITY);
    private final AtomicLongArray intendedNs = new AtomicLongArray(CAPACITY);

    /**
     * Record the aggressor's intended send time of a trade.
     *
     * @param tradeId  the trade (from 1).
     * @param intended the aggressor order's intended send time, ns.
     */
    void put(final long tradeId, final long intended)
    {
        final int index = (int)(tradeId & MASK);
        tradeIds.setRelease(index, 0);
        intendedNs.setRelease(index, intended);
        tradeIds.setRelease(index, tradeId);
    }

    /**
     * @param tradeId the trade.
     * @return the intended send time of its aggressor order, or -1 if not (yet) known.
     */
    long intendedNs(final long tradeId)
    {
        final int index = (int)(tradeId & MASK);
        if (tradeIds.getAcquire(index) != tradeId)
        {
            return -1;
        }
        final long intended = intendedNs.getAcquire(index);
        return tradeIds.getAcquire(index) == tradeId ? intended : -1;
    }
}
