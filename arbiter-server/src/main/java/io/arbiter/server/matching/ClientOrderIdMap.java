package io.arbiter.server.matching;

import org.agrona.collections.LongLongConsumer;


/**
 * One session's open orders: client order id to exchange order id, an open-addressing {@code long[]} of 16-byte
 * (key, value) slots with linear probing and backward-shift deletion (no tombstones). Clients number their orders in
 * sequence, so the hash keeps runs of {@value #GROUP_SLOTS} consecutive ids together, as the engine's order-id index
 * does: an id's group (the id without its low 4 bits) is scattered by a Fibonacci hash to one of the table's aligned
 * 16-slot runs and its low bits pick the slot in it. A new order's id then usually lands in a line the previous one
 * touched, and the open orders of a session sit a few to a line, where a general-purpose map scatters every id to a
 * line of its own. An empty slot holds the value {@link #MISSING} (exchange order ids are never negative).
 * Presized for a load of at most half its slots; grows (producing garbage) only beyond that. Matching thread only.
 * <p>
 * The hash is fixed, like that of the library maps it replaces, so a client that picks ids to collide can lengthen its
 * own probe runs; the node's open-order limit per account bounds how long they get.
 */
final class ClientOrderIdMap
{
    /** The value of an absent key; never a value. */
    static final long MISSING = SessionState.NO_ORDER;
    /** Consecutive ids whose home slots are consecutive. */
    static final int GROUP_SLOTS = 16;
    private static final int GROUP_SHIFT = 4;
    private static final int GROUP_MASK = GROUP_SLOTS - 1;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int MIN_CAPACITY = GROUP_SLOTS * 2;

    private long[] entries;
    private int capacity;
    private int mask;
    private int groupShift;
    private int size;
    private int resizeAt;

    /**
     * Produces garbage (control plane).
     *
     * @param expectedEntries open orders expected at once; the table gets at least two slots per order.
     */
    ClientOrderIdMap(final int expectedEntries)
    {
        allocate(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, expectedEntries) * 2 - 1) << 1));
    }

    /**
     * @param key a client order id.
     * @return its exchange order id, or {@link #MISSING}.
     */
    long get(final long key)
    {
        final int slot = find(key);
        return slot < 0 ? MISSING : entries[(slot << 1) + 1];
    }

    /**
     * Add or replace a key's value. Produces garbage only when the table grows.
     *
     * @param key   a client order id.
     * @param value its exchange order id, not negative.
     * @throws IllegalArgumentException if the value is {@link #MISSING}.
     */
    void put(final long key, final long value)
    {
        if (value == MISSING)
        {
            throw new IllegalArgumentException("value must not be the missing value " + MISSING);
        }
        final long[] entries = this.entries;
        final int mask = this.mask;
        int i = home(key);
        while (entries[(i << 1) + 1] != MISSING)
        {
            if (entries[i << 1] == key)
            {
                entries[(i << 1) + 1] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        if (size >= resizeAt)
        {
            grow();
            insert(key, value);
        }
        else
        {
            entries[i << 1] = key;
            entries[(i << 1) + 1] = value;
        }
        size++;
    }

    /**
     * @param key a client order id.
     * @return the exchange order id it mapped to, or {@link #MISSING} if it was absent.
     */
    long remove(final long key)
    {
        final int slot = find(key);
        if (slot < 0)
        {
            return MISSING;
        }
        final long removed = entries[(slot << 1) + 1];
        removeAt(slot);
        return removed;
    }

    /**
     * Remove a key only if it maps to the given value (one probe).
     *
     * @param key   a client order id.
     * @param value the exchange order id it must map to.
     * @return true if the entry was there and is removed.
     */
    boolean remove(final long key, final long value)
    {
        final int slot = find(key);
        if (slot < 0 || entries[(slot << 1) + 1] != value)
        {
            return false;
        }
        removeAt(slot);
        return true;
    }

    /**
     * @return entries in the map.
     */
    int size()
    {
        return size;
    }

    /**
     * @return true if the map holds no entry.
     */
    boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * Remove every entry (keeps the table's size).
     */
    void clear()
    {
        if (size > 0)
        {
            fillEmpty(entries);
            size = 0;
        }
    }

    /**
     * Hand every entry to the consumer, in slot order. The map must not change meanwhile.
     *
     * @param consumer receives each client order id and its exchange order id.
     */
    void forEach(final LongLongConsumer consumer)
    {
        final long[] entries = this.entries;
        for (int i = 0; i < capacity; i++)
        {
            final long value = entries[(i << 1) + 1];
            if (value != MISSING)
            {
                consumer.accept(entries[i << 1], value);
            }
        }
    }

    /**
     * @return slots in the table.
     */
    int capacity()
    {
        return capacity;
    }

    /**
     * @return the slot holding the key, or -1.
     */
    private int find(final long key)
    {
        final long[] entries = this.entries;
        final int mask = this.mask;
        for (int i = home(key); ; i = (i + 1) & mask)
        {
            if (entries[(i << 1) + 1] == MISSING)
            {
                return -1;
            }
            if (entries[i << 1] == key)
            {
                return i;
            }
        }
    }

    /**
     * Empty an occupied slot. Backward-shift deletion: move each later entry of the cluster into the hole unless its
     * home slot lies cyclically in (hole, entry], which would put it before its home.
     */
    private void removeAt(final int slot)
    {
        final long[] entries = this.entries;
        final int mask = this.mask;
        int hole = slot;
        for (int i = (hole + 1) & mask; ; i = (i + 1) & mask)
        {
            final long value = entries[(i << 1) + 1];
            if (value == MISSING)
            {
                break;
            }
            final long entryKey = entries[i << 1];
            if (((i - home(entryKey)) & mask) >= ((i - hole) & mask))
            {
                entries[hole << 1] = entryKey;
                entries[(hole << 1) + 1] = value;
                hole = i;
            }
        }
        entries[(hole << 1) + 1] = MISSING;
        size--;
    }

    private int home(final long key)
    {
        return (int)(((key >>> GROUP_SHIFT) * GOLDEN) >>> groupShift) << GROUP_SHIFT | (int)key & GROUP_MASK;
    }

    private void insert(final long key, final long value)
    {
        int i = home(key);
        while (entries[(i << 1) + 1] != MISSING)
        {
            i = (i + 1) & mask;
        }
        entries[i << 1] = key;
        entries[(i << 1) + 1] = value;
    }

    private void allocate(final int capacity)
    {
        entries = new long[capacity * 2];
        fillEmpty(entries);
        this.capacity = capacity;
        mask = capacity - 1;
        groupShift = 64 - Integer.numberOfTrailingZeros(capacity >>> GROUP_SHIFT);
        resizeAt = capacity >>> 1;
    }

    private void grow()
    {
        final long[] old = entries;
        allocate(capacity << 1);
        for (int i = 0; i < old.length; i += 2)
        {
            if (old[i + 1] != MISSING)
            {
                insert(old[i], old[i + 1]);
            }
        }
    }

    private static void fillEmpty(final long[] entries)
    {
        for (int i = 1; i < entries.length; i += 2)
        {
            entries[i] = MISSING;
        }
    }
}
