package io.arbiter.engine.book;

import java.util.Arrays;

/**
 * The price levels touched by the command being applied, each with its state (total quantity, order count) from
 * before its first change in that command, so that the engine can report the levels whose state differs at the end
 * of the command. Entries are keyed by side and price, not by level slot: a level that empties is released (its slot
 * may be reused for another price in the same command) and one at the same price may be created again. Touching a
 * level that already has an entry costs a column read: the per-level column holds the command's epoch and the entry,
 * so forgetting a command's entries is a counter increment. Entries are records of four longs in one array. No step
 * allocates once the entries have grown to the largest command seen. Owned by the matching thread.
 */
public final class LevelChanges
{
    private static final int INITIAL_ENTRIES = 64;
    private static final int STRIDE = 4;
    private static final int KEY = 0;
    private static final int PRICE = 1;
    private static final int QUANTITY_BEFORE = 2;
    private static final int COUNT_BEFORE = 3;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long NO_ENTRY = -1L;
    private static final long MAX_EPOCH = Integer.MAX_VALUE;

    private long[] entryOfLevel;
    private long[] entries = new long[INITIAL_ENTRIES * STRIDE];
    private int[] order = new int[INITIAL_ENTRIES];
    private int size;
    private long epoch = 1;

    /**
     * @param levelCapacity the level store's capacity (it calls {@link #levelCapacity} when it grows).
     */
    public LevelChanges(final int levelCapacity)
    {
        entryOfLevel = new long[levelCapacity];
        Arrays.fill(entryOfLevel, NO_ENTRY);
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
        Arrays.fill(entryOfLevel, old, levelCapacity, NO_ENTRY);
    }

    /**
     * @param level index.
     * @return true if the level already has an entry in this command (its state before is recorded).
     */
    boolean recorded(final int level)
    {
        return entryOfLevel[level] >>> 32 == epoch;
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
        if (entryOfLevel[level] >>> 32 != epoch)
        {
            link(level, add(level, sideId, priceTicks, totalQuantity, orderCount));
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
        final long[] entries = this.entries;
        final long gone = (long)sideId << 32 | (LevelStore.NONE & LOW);
        for (int i = 0; i < size; i++)
        {
            final int base = i * STRIDE;
            if (entries[base + KEY] == gone && entries[base + PRICE] == priceTicks)
            {
                entries[base + KEY] = (long)sideId << 32 | (level & LOW);
                link(level, i);
                return;
            }
        }
        link(level, add(level, sideId, priceTicks, 0, 0));
    }

    /**
     * A level emptied and is being released: its entry's final state is "no level".
     *
     * @param level index.
     */
    void released(final int level)
    {
        final long link = entryOfLevel[level];
        if (link >>> 32 == epoch)
        {
            final int base = (int)link * STRIDE;
            entries[base + KEY] |= LOW;
            entryOfLevel[level] = NO_ENTRY;
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
        order[0] = 0;
        if (size < 2)
        {
            return size;
        }
        for (int i = 1; i < size; i++)
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
        return (int)(entries[entry * STRIDE + KEY] >>> 32);
    }

    /**
     * @param entry index.
     * @return its price in ticks.
     */
    public long priceTicks(final int entry)
    {
        return entries[entry * STRIDE + PRICE];
    }

    /**
     * @param entry index.
     * @return the total quantity before the command.
     */
    public long quantityBefore(final int entry)
    {
        return entries[entry * STRIDE + QUANTITY_BEFORE];
    }

    /**
     * @param entry index.
     * @return the order count before the command.
     */
    public int countBefore(final int entry)
    {
        return (int)entries[entry * STRIDE + COUNT_BEFORE];
    }

    /**
     * @param entry index.
     * @return the level now at its side and price, or {@link LevelStore#NONE} if there is none.
     */
    public int level(final int entry)
    {
        return (int)entries[entry * STRIDE + KEY];
    }

    /**
     * Forget every entry, ready for the next command.
     */
    public void clear()
    {
        size = 0;
        if (++epoch > MAX_EPOCH)
        {
            Arrays.fill(entryOfLevel, NO_ENTRY);
            epoch = 1;
        }
    }

    /**
     * @return the number of entries of the current command.
     */
    public int size()
    {
        return size;
    }

    private void link(final int level, final int entry)
    {
        entryOfLevel[level] = epoch << 32 | entry;
    }

    private boolean comesAfter(final int a, final int b)
    {
        final long[] entries = this.entries;
        final int sideA = (int)(entries[a * STRIDE + KEY] >>> 32);
        final int sideB = (int)(entries[b * STRIDE + KEY] >>> 32);
        if (sideA != sideB)
        {
            return sideA > sideB;
        }
        final long priceA = entries[a * STRIDE + PRICE];
        final long priceB = entries[b * STRIDE + PRICE];
        return (sideA & 1) == 0 ? priceA < priceB : priceA > priceB;
    }

    private int add(
        final int level, final int sideId, final long priceTicks, final long totalQuantity, final int orderCount)
    {
        if (size == order.length)
        {
            final int capacity = size * 2;
            entries = Arrays.copyOf(entries, capacity * STRIDE);
            order = Arrays.copyOf(order, capacity);
        }
        final int entry = size++;
        final long[] entries = this.entries;
        final int base = entry * STRIDE;
        entries[base + KEY] = (long)sideId << 32 | (level & LOW);
        entries[base + PRICE] = priceTicks;
        entries[base + QUANTITY_BEFORE] = totalQuantity;
        entries[base + COUNT_BEFORE] = orderCount;
        return entry;
    }
}
