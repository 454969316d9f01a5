package io.arbiter.engine;

import io.arbiter.engine.book.price.PriceIndex;

/**
 * One side of an order book: its price levels indexed by price and linked from the best price outward.
 * Owned by the matching thread.
 */
final class BookSide
{
    final Side side;
    final OrderBook book;
    private final PriceIndex<PriceLevel> index;
    private final LevelPool levelPool;
    PriceLevel best;
    int orderCount;

    BookSide(final Side side, final OrderBook book, final PriceIndex<PriceLevel> index, final LevelPool levelPool)
    {
        this.side = side;
        this.book = book;
        this.index = index;
        this.levelPool = levelPool;
    }

    /**
     * Does a price on the other side at {@code limitTicks} reach this side's level price?
     * For an incoming buy (this is the ask side) the level crosses if its price is at or below the limit.
     */
    boolean crosses(final PriceLevel level, final long limitTicks)
    {
        return side == Side.SELL ? level.priceTicks <= limitTicks : level.priceTicks >= limitTicks;
    }

    void add(final Order order, final long price)
    {
        PriceLevel level = best;
        if (level == null || level.priceTicks != price)
        {
            level = index.get(price);
            if (level == null)
            {
                level = newLevel(price);
            }
        }
        level.append(order);
        orderCount++;
    }

    void remove(final Order order)
    {
        final PriceLevel level = order.level;
        level.unlink(order);
        orderCount--;
        if (level.orderCount == 0)
        {
            removeLevel(level);
        }
    }

    private PriceLevel newLevel(final long price)
    {
        final PriceLevel level = levelPool.acquire();
        level.priceTicks = price;
        level.side = this;

        final PriceLevel currentBest = best;
        if (currentBest == null || isBetter(price, currentBest.priceTicks))
        {
            level.better = null;
            level.worse = currentBest;
            if (currentBest != null)
            {
                currentBest.better = level;
            }
            best = level;
        }
        else
        {
            final PriceLevel better = side == Side.BUY ? index.higher(price) : index.lower(price);
            final PriceLevel worse = better.worse;
            level.better = better;
            level.worse = worse;
            better.worse = level;
            if (worse != null)
            {
                worse.better = level;
            }
        }
        index.put(price, level);
        return level;
    }

    private void removeLevel(final PriceLevel level)
    {
        final PriceLevel better = level.better;
        final PriceLevel worse = level.worse;
        if (better == null)
        {
            best = worse;
        }
        else
        {
            better.worse = worse;
        }
        if (worse != null)
        {
            worse.better = better;
        }
        index.remove(level.priceTicks);
        levelPool.release(level);
    }

    private boolean isBetter(final long price, final long than)
    {
        return side == Side.BUY ? price > than : price < than;
    }

    int levelCount()
    {
        return index.size();
    }
}
