package io.arbiter.engine;

import io.arbiter.engine.book.LevelStore;
import io.arbiter.engine.book.OrderBook;
import io.arbiter.engine.book.OrderIdIndex;
import io.arbiter.engine.book.OrderStore;

/**
 * Look-ahead loads for commands not applied yet: reads, in stages, the cache lines a later command will need, so that
 * a caller that knows the next commands (a tape, a ring batch) puts the cache misses of several commands in flight
 * together instead of one after the other. Each stage reads only what the stage before it brought into the cache
 * (stage 0 the order id's index slot, stage 1 the order that slot names, stage 2 that order's queue neighbours; for a
 * new order, stage 1 the first maker it would meet, stage 2 that maker's index slot and the maker behind it), so a
 * caller runs stage 0 for a command well ahead, stage 1 nearer and stage 2 just before applying it. Nothing is
 * written but one counter that sums what was read (so the just-in-time compiler keeps the loads); no state, event or
 * decision of the engine depends on it, and a stale look-ahead (the book changed in between) only wastes a load.
 * Owned by the matching thread.
 */
final class CommandPrefetcher
{
    /** Stage of {@link #prefetch} that reads the order id's index slot. */
    static final int SLOT = 0;
    /** Stage of {@link #prefetch} that also reads the order a cancel or replace names, or a new order's first maker. */
    static final int ORDER = 1;
    /**
     * Stage of {@link #prefetch} that also reads the queue neighbours of the order a cancel or replace names, or a new
     * order's first maker's index slot and the maker behind it.
     */
    static final int NEIGHBOURS = 2;

    private final OrderIdIndex ordersById;
    private final OrderStore orders;
    private final LevelStore levels;
    private long sink;

    CommandPrefetcher(final OrderIdIndex ordersById, final OrderStore orders, final LevelStore levels)
    {
        this.ordersById = ordersById;
        this.orders = orders;
        this.levels = levels;
    }

    /**
     * Read what a later command will need, up to a stage.
     *
     * @param books        the engine's books by instrument id.
     * @param type         the command's type; only NEW, CANCEL and REPLACE read anything.
     * @param orderId      the order id it names.
     * @param instrumentId its instrument (NEW only).
     * @param side         its side (NEW only), or null.
     * @param stage        {@link #SLOT}, {@link #ORDER} or {@link #NEIGHBOURS}.
     */
    void prefetch(
        final OrderBook[] books,
        final CommandType type,
        final long orderId,
        final int instrumentId,
        final Side side,
        final int stage)
    {
        if (type == CommandType.CANCEL || type == CommandType.REPLACE)
        {
            if (stage == SLOT)
            {
                sink += ordersById.touch(orderId);
                return;
            }
            final int order = ordersById.get(orderId);
            if (order == OrderStore.NONE)
            {
                return;
            }
            final OrderStore orders = this.orders;
            if (stage == ORDER)
            {
                sink += orders.touch(order);
                return;
            }
            final long links = orders.links(order);
            final int prev = (int)(links >>> 32);
            final int next = (int)links;
            long read = links;
            if (prev != OrderStore.NONE)
            {
                read += orders.touch(prev);
            }
            if (next != OrderStore.NONE)
            {
                read += orders.touch(next);
            }
            sink += read;
        }
        else if (type == CommandType.NEW)
        {
            if (stage == SLOT)
            {
                sink += ordersById.touch(orderId);
                return;
            }
            if (side == null || instrumentId < 0 || instrumentId >= books.length)
            {
                return;
            }
            final OrderBook book = books[instrumentId];
            final int best = book == null ? LevelStore.NONE : book.opposite(side).best();
            final int head = best == LevelStore.NONE ? OrderStore.NONE : levels.head(best);
            if (head == OrderStore.NONE)
            {
                return;
            }
            final OrderStore orders = this.orders;
            if (stage == ORDER)
            {
                sink += orders.touch(head);
                return;
            }
            // the first maker is brought in: its id's slot (a fill that empties it removes it) and the maker after it
            final int next = orders.next(head);
            long read = ordersById.touch(orders.orderId(head));
            if (next != OrderStore.NONE)
            {
                read += orders.touch(next);
            }
            sink += read;
        }
    }

    /**
     * @return the sum of everything the look-ahead read (meaningless; it exists so the loads have a consumer).
     */
    long sink()
    {
        return sink;
    }
}
