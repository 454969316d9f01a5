package io.arbiter.engine.book;

import java.util.Arrays;

/**
 * All price levels of an engine as primitive columns addressed by an {@code int} level index: a 32-byte record of a
 * {@code long[]} per level (price, total quantity, the ends of its order queue and its neighbours on its side) and the
 * id of the {@link BookSide} it belongs to and its order count in parallel {@code int[]}s. Free levels are linked
 * through their {@link #worse} link; a side's price index stores the level index itself, an {@code int}. Filled at
 * construction; grows (producing garbage) only when more levels are in use than it was sized for. With a
 * {@link LevelChanges} attached, every change of a level's total quantity or order count, and every level created or
 * released, is recorded there first. Owned by the matching thread.
 * <pre>
 *   record (4 longs per level)
 *   0 price in ticks
 *   1 total remaining quantity of its orders
 *   2 head order (high 32 bits) | tail order (low 32 bits), {@link OrderStore#NONE} when empty
 *   3 better level (high 32 bits) | worse level (low 32 bits), {@link #NONE} at either end
 * </pre>
 */
public final class LevelStore
{
    /** The null level index: no level. */
    public static final int NONE = -1;
    private static final int STRIDE = 4;
    private static final int PRICE = 0;
    private static final int TOTAL = 1;
    private static final int ENDS = 2;
    private static final int LINKS = 3;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long HIGH = ~LOW;
    private static final int MAX_CAPACITY = 1 << 28;

    private long[] records;
    private int[] sideIds;
    private int[] orderCounts;
    private int capacity;
    private int free = NONE;
    private long grown;
    private LevelChanges changes;

    /**
     * @param capacity levels preallocated, at least 1.
     * @throws IllegalArgumentException if the capacity is not positive or above what an order can address.
     */
    public LevelStore(final int capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("level capacity out of range: " + capacity);
        }
        records = new long[capacity * STRIDE];
        sideIds = new int[capacity];
        orderCounts = new int[capacity];
        extend(0, capacity);
        this.capacity = capacity;
    }

    /**
     * Take a free level and set it up empty at a price on a side, with no neighbours. Produces garbage only when no
     * level is free.
     *
     * @param priceTicks its price.
     * @param sideId     {@link BookSide#id()} of its side.
     * @return the level index.
     */
    public int acquire(final long priceTicks, final int sideId)
    {
        int level = free;
        if (level == NONE)
        {
            grow();
            level = free;
        }
        final long[] records = this.records;
        final int base = level * STRIDE;
        free = (int)records[base + LINKS];
        records[base + PRICE] = priceTicks;
        records[base + TOTAL] = 0;
        records[base + ENDS] = -1L;
        records[base + LINKS] = -1L;
        sideIds[level] = sideId;
        orderCounts[level] = 0;
        if (changes != null)
        {
            changes.acquired(level, sideId, priceTicks);
        }
        return level;
    }

    /**
     * Return a level to the free list.
     *
     * @param level index of a level in use.
     */
    public void release(final int level)
    {
        if (changes != null)
        {
            changes.released(level);
        }
        records[level * STRIDE + LINKS] = free & LOW;
        free = level;
    }

    /**
     * @param level index.
     * @return the level's price in ticks.
     */
    public long priceTicks(final int level)
    {
        return records[level * STRIDE + PRICE];
    }

    /**
     * @param level index.
     * @return the total remaining quantity of its orders.
     */
    public long totalQuantity(final int level)
    {
        return records[level * STRIDE + TOTAL];
    }

    /**
     * @param level index.
     * @param delta added to its total quantity.
     */
    public void addQuantity(final int level, final long delta)
    {
        final int i = level * STRIDE + TOTAL;
        if (changes != null && !changes.recorded(level))
        {
            changes.beforeChange(level, sideIds[level], records[i - TOTAL + PRICE], records[i], orderCounts[level]);
        }
        records[i] += delta;
    }

    /**
     * An order joined the level: its quantity is added to the total and the order count goes up by one.
     *
     * @param level    index.
     * @param quantity the order's remaining quantity.
     */
    public void addOrder(final int level, final long quantity)
    {
        addQuantity(level, quantity);
        orderCounts[level]++;
    }

    /**
     * An order left the level: its quantity is taken from the total and the order count goes down by one.
     *
     * @param level    index.
     * @param quantity the order's remaining quantity.
     */
    public void removeOrder(final int level, final long quantity)
    {
        addQuantity(level, -quantity);
        orderCounts[level]--;
    }

    /**
     * @param level index.
     * @return the number of orders resting at it.
     */
    public int orderCount(final int level)
    {
        return orderCounts[level];
    }

    /**
     * Attach (or with null detach) the recorder of level changes. Control plane.
     *
     * @param changes recorder whose per-level column is sized to this store, or null.
     */
    public void changes(final LevelChanges changes)
    {
        this.changes = changes;
    }

    /**
     * @param level index.
     * @return its first order in time priority, or {@link OrderStore#NONE} if it is empty.
     */
    public int head(final int level)
    {
        return (int)(records[level * STRIDE + ENDS] >>> 32);
    }

    /**
     * @param level index.
     * @return its last order in time priority, or {@link OrderStore#NONE} if it is empty.
     */
    public int tail(final int level)
    {
        return (int)records[level * STRIDE + ENDS];
    }

    /**
     * @param level index.
     * @param head  its new first order, or {@link OrderStore#NONE}.
     */
    public void head(final int level, final int head)
    {
        final int i = level * STRIDE + ENDS;
        records[i] = (records[i] & LOW) | (long)head << 32;
    }

    /**
     * @param level index.
     * @param tail  its new last order, or {@link OrderStore#NONE}.
     */
    public void tail(final int level, final int tail)
    {
        final int i = level * STRIDE + ENDS;
        records[i] = (records[i] & HIGH) | (tail & LOW);
    }

    /**
     * @param level index.
     * @return the next better-priced level of its side, or {@link #NONE} if it is the best.
     */
    public int better(final int level)
    {
        return (int)(records[level * STRIDE + LINKS] >>> 32);
    }

    /**
     * @param level index.
     * @return the next worse-priced level of its side, or {@link #NONE} if it is the worst.
     */
    public int worse(final int level)
    {
        return (int)records[level * STRIDE + LINKS];
    }

    /**
     * @param level  index.
     * @param better its new better neighbour, or {@link #NONE}.
     */
    public void better(final int level, final int better)
    {
        final int i = level * STRIDE + LINKS;
        records[i] = (records[i] & LOW) | (long)better << 32;
    }

    /**
     * @param level index.
     * @param worse its new worse neighbour, or {@link #NONE}.
     */
    public void worse(final int level, final int worse)
    {
        final int i = level * STRIDE + LINKS;
        records[i] = (records[i] & HIGH) | (worse & LOW);
    }

    /**
     * @param level index.
     * @return {@link BookSide#id()} of the side it belongs to.
     */
    public int sideId(final int level)
    {
        return sideIds[level];
    }

    /**
     * @return levels the store holds now, free or in use.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return levels added beyond the capacity given at construction, i.e. how far the store grew.
     */
    public long grown()
    {
        return grown;
    }

    private void grow()
    {
        final int oldCapacity = capacity;
        final int newCapacity = (int)Math.min((long)oldCapacity << 1, MAX_CAPACITY);
        if (newCapacity <= oldCapacity)
        {
            throw new IllegalStateException("level store full: " + oldCapacity);
        }
        records = Arrays.copyOf(records, newCapacity * STRIDE);
        sideIds = Arrays.copyOf(sideIds, newCapacity);
        orderCounts = Arrays.copyOf(orderCounts, newCapacity);
        if (changes != null)
        {
            changes.levelCapacity(newCapacity);
        }
        extend(oldCapacity, newCapacity);
        capacity = newCapacity;
        grown += newCapacity - oldCapacity;
    }

    private void extend(final int from, final int to)
    {
        for (int level = to - 1; level >= from; level--)
        {
            release(level);
        }
    }
}
