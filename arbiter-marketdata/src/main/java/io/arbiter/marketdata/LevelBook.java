package io.arbiter.marketdata;

import io.arbiter.engine.Side;

import java.util.Arrays;

/**
 * The aggregated book of one instrument: price levels (price, total quantity, order count) per side, kept sorted best
 * first in primitive columns. Setting a level to quantity 0 and count 0 removes it. Used by the feed to build the
 * public book and by clients to keep theirs. Allocates only when a side grows beyond its columns. Not thread safe.
 */
public final class LevelBook
{
    private final LevelColumns bids = new LevelColumns(true);
    private final LevelColumns asks = new LevelColumns(false);

    /**
     * Set a level's state; quantity 0 and count 0 remove it.
     *
     * @param side       of the level.
     * @param price      of the level.
     * @param quantity   total quantity.
     * @param orderCount number of orders.
     */
    public void set(final Side side, final long price, final long quantity, final int orderCount)
    {
        columns(side).set(price, quantity, orderCount);
    }

    /**
     * Remove every level.
     */
    public void clear()
    {
        bids.size = 0;
        asks.size = 0;
    }

    /**
     * @param side bids or asks.
     * @return the number of levels of that side.
     */
    public int depth(final Side side)
    {
        return columns(side).size;
    }

    /**
     * @param side bids or asks.
     * @param rank 0 for the best level.
     * @return the level's price.
     */
    public long price(final Side side, final int rank)
    {
        return columns(side).prices[rank];
    }

    /**
     * @param side bids or asks.
     * @param rank 0 for the best level.
     * @return the level's total quantity.
     */
    public long quantity(final Side side, final int rank)
    {
        return columns(side).quantities[rank];
    }

    /**
     * @param side bids or asks.
     * @param rank 0 for the best level.
     * @return the level's order count.
     */
    public int orderCount(final Side side, final int rank)
    {
        return columns(side).counts[rank];
    }

    /**
     * @param other book to compare with.
     * @return true if both hold exactly the same levels.
     */
    public boolean sameLevels(final LevelBook other)
    {
        return bids.sameAs(other.bids) && asks.sameAs(other.asks);
    }

    /**
     * Produces garbage.
     *
     * @return the levels as text, bids then asks, for messages and tests.
     */
    @Override
    public String toString()
    {
        return "bids " + bids + " asks " + asks;
    }

    private LevelColumns columns(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    private static final class LevelColumns
    {
        private final boolean descending;
        private long[] prices = new long[16];
        private long[] quantities = new long[16];
        private int[] counts = new int[16];
        private int size;

        LevelColumns(final boolean descending)
        {
            this.descending = descending;
        }

        void set(final long price, final long quantity, final int orderCount)
        {
            final int found = find(price);
            if (found >= 0)
            {
                if (quantity == 0 && orderCount == 0)
                {
                    final int moved = size - found - 1;
                    System.arraycopy(prices, found + 1, prices, found, moved);
                    System.arraycopy(quantities, found + 1, quantities, found, moved);
                    System.arraycopy(counts, found + 1, counts, found, moved);
                    size--;
                }
                else
                {
                    quantities[found] = quantity;
                    counts[found] = orderCount;
                }
                return;
            }
            if (quantity == 0 && orderCount == 0)
            {
                return;
            }
            if (size == prices.length)
            {
                prices = Arrays.copyOf(prices, size * 2);
                quantities = Arrays.copyOf(quantities, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            final int at = -found - 1;
            final int moved = size - at;
            System.arraycopy(prices, at, prices, at + 1, moved);
            System.arraycopy(quantities, at, quantities, at + 1, moved);
            System.arraycopy(counts, at, counts, at + 1, moved);
            prices[at] = price;
            quantities[at] = quantity;
            counts[at] = orderCount;
            size++;
        }

        /**
         * @return the rank of the price, or -(insertion rank) - 1.
         */
        private int find(final long price)
        {
            int low = 0;
            int high = size - 1;
            while (low <= high)
            {
                final int mid = (low + high) >>> 1;
                final long midPrice = prices[mid];
                if (midPrice == price)
                {
                    return mid;
                }
                final boolean before = descending ? midPrice > price : midPrice < price;
                if (before)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }
            return -(low + 1);
        }

        boolean sameAs(final LevelColumns other)
        {
            return size == other.size &&
                Arrays.equals(prices, 0, size, other.prices, 0, size) &&
                Arrays.equals(quantities, 0, size, other.quantities, 0, size) &&
                Arrays.equals(counts, 0, size, other.counts, 0, size);
        }

        @Override
        public String toString()
        {
            final StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < size; i++)
            {
                text.append(i == 0 ? "" : ", ").append(prices[i]).append('x').append(quantities[i]).append('/')
                    .append(counts[i]);
            }
            return text.append(']').toString();
        }
    }
}
