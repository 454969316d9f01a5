package io.arbiter.engine.book;

import io.arbiter.engine.Side;
import io.arbiter.engine.book.price.LevelIndex;

/**
 * One side of an order book: its price levels, indexed by price and linked from the best price outward, each holding
 * its orders in time priority. The levels and orders live in the engine's shared {@link LevelStore} and
 * {@link OrderStore}; this object holds only the side's best level and price index. Owned by the matching thread.
 */
public final class BookSide
{
    private final Side side;
    private final int id;
    private final OrderBook book;
    private final LevelIndex index;
    private final OrderStore orders;
    private final LevelStore levels;
    private int best = LevelStore.NONE;

    /**
     * @param side   bids or asks.
     * @param id     this side's id, unique in the engine, that its levels carry ({@link LevelStore#sideId}).
     * @param book   the book it belongs to.
     * @param index  the side's empty price index, from price in ticks to the index of the level at that price.
     * @param orders the engine's orders.
     * @param levels the engine's price levels.
     */
    public BookSide(
        final Side side,
        final int id,
        final OrderBook book,
        final LevelIndex index,
        final OrderStore orders,
        final LevelStore levels)
    {
        this.side = side;
        this.id = id;
        this.book = book;
        this.index = index;
        this.orders = orders;
        this.levels = levels;
    }

    /**
     * @return bids or asks.
     */
    public Side side()
    {
        return side;
    }

    /**
     * @return this side's id in the engine.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return the book it belongs to.
     */
    public OrderBook book()
    {
        return book;
    }

    /**
     * @return the level at the best price, or {@link LevelStore#NONE} if the side is empty.
     */
    public int best()
    {
        return best;
    }

    /**
     * Does an order from the other side with limit {@code limitTicks} reach this level's price? For an incoming buy
     * (this is the ask side) the level crosses if its price is at or below the limit.
     *
     * @param level      a level of this side.
     * @param limitTicks the incoming order's limit price in ticks.
     * @return whether the level's price crosses the limit.
     */
    public boolean crosses(final int level, final long limitTicks)
    {
        final long priceTicks = levels.priceTicks(level);
        return side == Side.SELL ? priceTicks <= limitTicks : priceTicks >= limitTicks;
    }

    /**
     * Append an order at the back of the queue at a price, creating the level if there is none.
     *
     * @param order      index of an order with its quantity set, in no level.
     * @param priceTicks its price.
     */
    public void add(final int order, final long priceTicks)
    {
        final LevelStore levels = this.levels;
        int level = best;
        if (level == LevelStore.NONE || levels.priceTicks(level) != priceTicks)
        {
            level = index.get(priceTicks);
            if (level == LevelIndex.NONE)
            {
                level = newLevel(priceTicks);
            }
        }
        final OrderStore orders = this.orders;
        final int tail = levels.tail(level);
        orders.links(order, tail, OrderStore.NONE);
        orders.level(order, level);
        if (tail == OrderStore.NONE)
        {
            levels.head(level, order);
        }
        else
        {
            orders.next(tail, order);
        }
        levels.tail(level, order);
        levels.addOrder(level, orders.remaining(order));
    }

    /**
     * Unlink an order from its level's queue, removing the level if it empties. The order itself stays as it is (the
     * caller releases or re-adds it).
     *
     * @param order index of an order resting on this side.
     */
    public void remove(final int order)
    {
        remove(order, orders.level(order));
    }

    /**
     * {@link #remove(int)} for a caller that knows the order's level already, which saves reading it.
     *
     * @param order index of an order resting on this side.
     * @param level index of the level it rests at.
     */
    public void remove(final int order, final int level)
    {
        final OrderStore orders = this.orders;
        final LevelStore levels = this.levels;
        final long links = orders.links(order);
        final int prev = (int)(links >>> 32);
        final int next = (int)links;
        if (prev == OrderStore.NONE)
        {
            levels.head(level, next);
        }
        else
        {
            orders.next(prev, next);
        }
        if (next == OrderStore.NONE)
        {
            levels.tail(level, prev);
        }
        else
        {
            orders.prev(next, prev);
        }
        levels.removeOrder(level, orders.remaining(order));
        if (prev == OrderStore.NONE && next == OrderStore.NONE)
        {
            removeLevel(level);
        }
    }

    /**
     * Move an order to the back of its own level's queue with a new remaining quantity (an iceberg's next slice); the
     * level stays even if the order was alone in it.
     *
     * @param order     index of an order resting on this side.
     * @param level     index of the level it rests at.
     * @param remaining its new remaining (visible) quantity, positive.
     */
    public void requeue(final int order, final int level, final long remaining)
    {
        final OrderStore orders = this.orders;
        final LevelStore levels = this.levels;
        levels.addQuantity(level, remaining - orders.remaining(order));
        orders.remaining(order, remaining);
        final int tail = levels.tail(level);
        if (tail == order)
        {
            return;
        }
        final long links = orders.links(order);
        final int prev = (int)(links >>> 32);
        final int next = (int)links;
        if (prev == OrderStore.NONE)
        {
            levels.head(level, next);
        }
        else
        {
            orders.next(prev, next);
        }
        orders.prev(next, prev);
        orders.next(tail, order);
        orders.links(order, tail, OrderStore.NONE);
        levels.tail(level, order);
    }

    private int newLevel(final long priceTicks)
    {
        final LevelStore levels = this.levels;
        final int level = levels.acquire(priceTicks, id);
        final int currentBest = best;
        if (currentBest == LevelStore.NONE || isBetter(priceTicks, levels.priceTicks(currentBest)))
        {
            levels.worse(level, currentBest);
            if (currentBest != LevelStore.NONE)
            {
                levels.better(currentBest, level);
            }
            best = level;
        }
        else
        {
            final int better = side == Side.BUY ? index.higher(priceTicks) : index.lower(priceTicks);
            final int worse = levels.worse(better);
            levels.better(level, better);
            levels.worse(level, worse);
            levels.worse(better, level);
            if (worse != LevelStore.NONE)
            {
                levels.better(worse, level);
            }
        }
        index.put(priceTicks, level);
        return level;
    }

    private void removeLevel(final int level)
    {
        final LevelStore levels = this.levels;
        final int better = levels.better(level);
        final int worse = levels.worse(level);
        if (better == LevelStore.NONE)
        {
            best = worse;
        }
        else
        {
            levels.worse(better, worse);
        }
        if (worse != LevelStore.NONE)
        {
            levels.better(worse, better);
        }
        index.remove(levels.priceTicks(level));
        levels.release(level);
    }

    private boolean isBetter(final long priceTicks, final long than)
    {
        return side == Side.BUY ? priceTicks > than : priceTicks < than;
    }
}
