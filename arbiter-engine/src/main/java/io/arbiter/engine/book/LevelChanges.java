package io.arbiter.engine.book;

import java.util.Arrays;

/**
 * The price levels touched by the command being applied, each with its state (total quantity, order count) from
 * before its first change in that command, so that the engine can report the levels whose state differs at the end
 * of the command. Entries are keyed by side and price, not by level slot: a level that empties is released (its slot
 * may be reused for another price in the same command) and one at the same price may be created again. Touching a
 * level that already has an entry costs a column read; no step allocates once the columns have grown to the largest
 * command seen. Owned by the matching thread.
 */
public final class LevelChanges
{
    private static final int INITIAL_ENTRIES = 64;

    private int[] entryOfLevel;
    private int[] sideIds = new int[INITIAL_ENTRIES];
    private long[] pricesTicks = new long[INITIAL_ENTRIES];
    private long[] quantitiesBefore = new long[INITIAL_ENTRIES];
    private int[] countsBefore = new int[INITIAL_ENTRIES];
    private int[] levels = new int[INITIAL_ENTRIES];
    private int[] order = new int[INITIAL_ENTRIES];
    private int size;

    /**
     * @param levelCapacity the level store's capacity (it calls {@link #levelCapacity} when it grows).
     */
    public LevelChanges(final int levelCapacity)
    {
        entryOfLevel = new int[levelCapacity];
        Arrays.fill(entryOfLevel, -1);
    }

    /**
     * Grow the per-level column to the level store's new capacity. Produces garbage.
     *
     * @param levelCapacity the new capacity.
     */
    void levelCapacity(final int levelCapacity)
    {
        final int old = entryOfLevel.length;
        entryOfLevel = Arrays.copyOf(entryOfLevel, levelCapacity);
        Arrays.fill(entryOfLevel, old, levelCapacity, -1);
    }

    /**
     * @param level index.
     * @return true if the level already has an entry in this command (its state before is recorded).
     */
    boolean recorded(final int level)
    {
        return entryOfLevel[level] >= 0;
    }

    /**
     * A level in use is about to change: remember its state if this is its first change in the command.
     *
     * @param level         index.
     * @param sideId        its side.
     * @param priceTicks    its price.
     * @param totalQuantity its total quantity now.
     * @param orderCount    its order count now.
     */
    void beforeChange(
        final int level, final int sideId, final long priceTicks, final long totalQuantity, final int orderCount)
    {
        if (entryOfLevel[level] < 0)
        {
            entryOfLevel[level] = add(level, sideId, priceTicks, totalQuantity, orderCount);
        }
    }

    /**
     * A level was just created, empty: link it to the entry of a level at the same side and price that emptied
     * earlier in this command, or start an entry whose state before is "no level".
     *
     * @param level      index.
     * @param sideId     its side.
     * @param priceTicks its price.
     */
    void acquired(final int level, final int sideId, final long priceTicks)
    {
        for (int i = 0; i < size; i++)
        {
            if (levels[i] == LevelStore.NONE && sideIds[i] == sideId && pricesTicks[i] == priceTicks)
            {
                levels[i] = level;
                entryOfLevel[level] = i;
                return;
            }
        }
        entryOfLevel[level] = add(level, sideId, priceTicks, 0, 0);
    }

    /**
     * A level emptied and is being released: its entry's final state is "no level".
     *
     * @param level index.
     */
    void released(final int level)
    {
        final int entry = entryOfLevel[level];
        if (entry >= 0)
        {
            levels[entry] = LevelStore.NONE;
            entryOfLevel[level] = -1;
        }
    }

    /**
     * Sort the entries into reporting order: by side id (instrument, then BUY before SELL), then best price first.
     * An insertion sort: entries usually arrive nearly in order (a sweep touches levels best first).
     *
     * @return the number of entries.
     */
    public int sort()
    {
        final int[] order = this.order;
        if (size < 2)
        {
            order[0] = 0;
            return size;
        }
        for (int i = 0; i < size; i++)
        {
            final int entry = i;
            int j = i - 1;
            while (j >= 0 && comesAfter(order[j], entry))
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = entry;
        }
        return size;
    }

    /**
     * @param rank position after {@link #sort}.
     * @return the entry at that position.
     */
    public int entry(final int rank)
    {
        return order[rank];
    }

    /**
     * @param entry index.
     * @return its side's id ({@link BookSide#id()}).
     */
    public int sideId(final int entry)
    {
        return sideIds[entry];
    }

    /**
     * @param entry index.
     * @return its price in ticks.
     */
    public long priceTicks(final int entry)
    {
        return pricesTicks[entry];
    }

    /**
     * @param entry index.
     * @return the total quantity before the command.
     */
    public long quantityBefore(final int entry)
    {
        return quantitiesBefore[entry];
    }

    /**
     * @param entry index.
     * @return the order count before the command.
     */
    public int countBefore(final int entry)
    {
        return countsBefore[entry];
    }

    /**
     * @param entry index.
     * @return the level now at its side and price, or {@link LevelStore#NONE} if there is none.
     */
    public int level(final int entry)
    {
        return levels[entry];
    }

    /**
     * Forget every entry, ready for the next command.
     */
    public void clear()
    {
        for (int i = 0; i < size; i++)
        {
            final int level = levels[i];
            if (level != LevelStore.NONE)
            {
                entryOfLevel[level] = -1;
            }
        }
        size = 0;
    }

    /**
     * @return the number of entries of the current command.
     */
    public int size()
    {
        return size;
    }

    private boolean comesAfter(final int a, final int b)
    {
        final int sideA = sideIds[a];
        final int sideB = sideIds[b];
        if (sideA != sideB)
        {
            return sideA > sideB;
        }
        final boolean bids = (sideA & 1) == 0;
        return bids ? pricesTicks[a] < pricesTicks[b] : pricesTicks[a] > pricesTicks[b];
    }

    private int add(
        final int level, final int sideId, final long priceTicks, final long totalQuantity, final int orderCount)
    {
        if (size == levels.length)
        {
            final int capacity = size * 2;
            sideIds = Arrays.copyOf(sideIds, capacity);
            pricesTicks = Arrays.copyOf(pricesTicks, capacity);
            quantitiesBefore = Arrays.copyOf(quantitiesBefore, capacity);
            countsBefore = Arrays.copyOf(countsBefore, capacity);
            levels = Arrays.copyOf(levels, capacity);
            order = Arrays.copyOf(order, capacity);
        }
        final int entry = size++;
        sideIds[entry] = sideId;
        pricesTicks[entry] = priceTicks;
        quantitiesBefore[entry] = totalQuantity;
        countsBefore[entry] = orderCount;
        levels[entry] = level;
        return entry;
    }
}
