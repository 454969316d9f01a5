package io.arbiter.engine.book.price;

import java.util.Arrays;

/**
 * {@link LevelIndex} as a 64-ary radix tree over the price bits, the shape of {@link RadixPriceIndex} (chosen by the
 * study in docs/book-structures.md) kept in primitive columns: node {@code n} is the occupancy bitmap
 * {@code bitmaps[n]} and the 64 {@code int}s from {@code slots[n * 64]}, each the index of a child node (inner nodes)
 * or a level (leaves), {@link #NONE} where empty. A look-up reads one slot per level of the tree, with no node object,
 * slot array or boxed value to go through, and a change stores only primitives, so no collector write barrier runs.
 * The root spans only the aligned block of prices in use (the tree grows a level when a price outside it arrives and
 * sheds levels as the range narrows). Nodes are reused through a free stack; the columns grow (producing garbage)
 * only when more nodes are in use than ever before. Single threaded.
 */
public final class RadixLevelIndex implements LevelIndex
{
    private static final int BITS = 6;
    private static final int FAN_OUT = 1 << BITS;
    private static final int MASK = FAN_OUT - 1;
    private static final long LEAF_ROOT_MASK = ~(long)MASK;
    /** Levels needed to cover all 64 bits of a key (11 x 6 = 66). */
    private static final int MAX_HEIGHT = (Long.SIZE + BITS - 1) / BITS;

    private final int[] path = new int[MAX_HEIGHT];
    private long[] bitmaps;
    private int[] slots;
    private int[] free;
    private int freeCount;
    private int allocatedNodes;

    private int root;
    private int height = 1;
    private long rootMask = LEAF_ROOT_MASK;
    private long rootBase;
    private int size;

    /**
     * Produces garbage (control plane). Each node covers 64 consecutive prices at the leaves; a clustered book of n
     * levels needs about n / 64 leaves plus a few inner nodes.
     *
     * @param initialNodes nodes to preallocate, at least 1.
     * @throws IllegalArgumentException if {@code initialNodes} is below 1.
     */
    public RadixLevelIndex(final int initialNodes)
    {
        if (initialNodes < 1)
        {
            throw new IllegalArgumentException("initialNodes must be >= 1: " + initialNodes);
        }
        final int nodes = Math.max(initialNodes, MAX_HEIGHT);
        bitmaps = new long[nodes];
        slots = new int[nodes * FAN_OUT];
        Arrays.fill(slots, NONE);
        free = new int[nodes];
        root = acquire();
    }

    /**
     * {@inheritDoc}
     */
    public int get(final long price)
    {
        if ((price & rootMask) != rootBase)
        {
            return NONE;
        }
        final int[] slots = this.slots;
        int node = root;
        for (int shift = BITS * (height - 1); shift > 0; shift -= BITS)
        {
            node = slots[node << BITS | (int)(price >>> shift) & MASK];
            if (node == NONE)
            {
                return NONE;
            }
        }
        return slots[node << BITS | (int)price & MASK];
    }

    /**
     * {@inheritDoc}
     */
    public void put(final long price, final int value)
    {
        if (price <= 0)
        {
            throw new IllegalArgumentException("price must be positive: " + price);
        }
        if (value < 0)
        {
            throw new IllegalArgumentException("value must not be negative: " + value);
        }
        if (0 == size)
        {
            height = 1;
            rootMask = LEAF_ROOT_MASK;
            rootBase = price & LEAF_ROOT_MASK;
        }
        else
        {
            while ((price & rootMask) != rootBase)
            {
                growRoot();
            }
        }

        int node = root;
        for (int level = height - 1; level > 0; level--)
        {
            final int index = (int)(price >>> (BITS * level)) & MASK;
            int child = slots[node << BITS | index];
            if (child == NONE)
            {
                child = acquire();
                slots[node << BITS | index] = child;
                bitmaps[node] |= 1L << index;
            }
            node = child;
        }

        final int index = (int)price & MASK;
        if (slots[node << BITS | index] != NONE)
        {
            throw new IllegalArgumentException("price already present: " + price);
        }
        slots[node << BITS | index] = value;
        bitmaps[node] |= 1L << index;
        size++;
    }

    /**
     * {@inheritDoc}
     */
    public int remove(final long price)
    {
        if ((price & rootMask) != rootBase || 0 == size)
        {
            return NONE;
        }
        final int[] path = this.path;
        final int[] slots = this.slots;
        final long[] bitmaps = this.bitmaps;
        int node = root;
        path[height - 1] = node;
        for (int level = height - 1; level > 0; level--)
        {
            node = slots[node << BITS | (int)(price >>> (BITS * level)) & MASK];
            if (node == NONE)
            {
                return NONE;
            }
            path[level - 1] = node;
        }

        final int index = (int)price & MASK;
        final int value = slots[node << BITS | index];
        if (value == NONE)
        {
            return NONE;
        }
        slots[node << BITS | index] = NONE;
        bitmaps[node] &= ~(1L << index);
        size--;

        for (int level = 0; level < height - 1 && 0 == bitmaps[path[level]]; level++)
        {
            release(path[level]);
            final int parent = path[level + 1];
            final int parentIndex = (int)(price >>> (BITS * (level + 1))) & MASK;
            slots[parent << BITS | parentIndex] = NONE;
            bitmaps[parent] &= ~(1L << parentIndex);
        }

        if (0 == size)
        {
            height = 1;
            rootMask = LEAF_ROOT_MASK;
        }
        else
        {
            shrinkRoot();
        }
        return value;
    }

    /**
     * {@inheritDoc}
     */
    public int lower(final long price)
    {
        if (0 == size || price <= 1)
        {
            return NONE;
        }
        if ((price & rootMask) != rootBase)
        {
            return price < rootBase ? NONE : last();
        }

        final int[] path = this.path;
        int node = root;
        int level = height - 1;
        while (true)
        {
            final int index = (int)(price >>> (BITS * level)) & MASK;
            final long below = bitmaps[node] & ((1L << index) - 1);
            if (0 == level)
            {
                if (0 != below)
                {
                    return highestUnder(node, below, 0);
                }
                break;
            }
            final int child = slots[node << BITS | index];
            if (child == NONE)
            {
                if (0 != below)
                {
                    return highestUnder(node, below, level);
                }
                break;
            }
            path[level] = node;
            node = child;
            level--;
        }

        for (int up = level + 1; up < height; up++)
        {
            final int index = (int)(price >>> (BITS * up)) & MASK;
            final int ancestor = path[up];
            final long below = bitmaps[ancestor] & ((1L << index) - 1);
            if (0 != below)
            {
                return highestUnder(ancestor, below, up);
            }
        }
        return NONE;
    }

    /**
     * {@inheritDoc}
     */
    public int higher(final long price)
    {
        if (0 == size)
        {
            return NONE;
        }
        if (price <= 0)
        {
            return first();
        }
        if ((price & rootMask) != rootBase)
        {
            return price < rootBase ? first() : NONE;
        }

        final int[] path = this.path;
        int node = root;
        int level = height - 1;
        while (true)
        {
            final int index = (int)(price >>> (BITS * level)) & MASK;
            final long above = bitmaps[node] & (-2L << index);
            if (0 == level)
            {
                if (0 != above)
                {
                    return lowestUnder(node, above, 0);
                }
                break;
            }
            final int child = slots[node << BITS | index];
            if (child == NONE)
            {
                if (0 != above)
                {
                    return lowestUnder(node, above, level);
                }
                break;
            }
            path[level] = node;
            node = child;
            level--;
        }

        for (int up = level + 1; up < height; up++)
        {
            final int index = (int)(price >>> (BITS * up)) & MASK;
            final int ancestor = path[up];
            final long above = bitmaps[ancestor] & (-2L << index);
            if (0 != above)
            {
                return lowestUnder(ancestor, above, up);
            }
        }
        return NONE;
    }

    /**
     * {@inheritDoc}
     */
    public int first()
    {
        return 0 == size ? NONE : lowestUnder(root, bitmaps[root], height - 1);
    }

    /**
     * {@inheritDoc}
     */
    public int last()
    {
        return 0 == size ? NONE : highestUnder(root, bitmaps[root], height - 1);
    }

    /**
     * {@inheritDoc}
     */
    public int size()
    {
        return size;
    }

    /**
     * {@inheritDoc}
     */
    public void clear()
    {
        releaseChildren(root, height - 1);
        height = 1;
        rootMask = LEAF_ROOT_MASK;
        rootBase = 0;
        size = 0;
    }

    /**
     * Nodes taken so far, in use or free: growth past the preallocated columns is the only allocation.
     *
     * @return nodes allocated.
     */
    public int allocatedNodes()
    {
        return allocatedNodes;
    }

    /**
     * Levels of nodes from the root to the leaves, 1 when the root is a leaf.
     *
     * @return current height.
     */
    public int height()
    {
        return height;
    }

    private int highestUnder(final int start, final long candidates, final int startLevel)
    {
        int node = start;
        long bits = candidates;
        for (int level = startLevel; level > 0; level--)
        {
            node = slots[node << BITS | 63 - Long.numberOfLeadingZeros(bits)];
            bits = bitmaps[node];
        }
        return slots[node << BITS | 63 - Long.numberOfLeadingZeros(bits)];
    }

    private int lowestUnder(final int start, final long candidates, final int startLevel)
    {
        int node = start;
        long bits = candidates;
        for (int level = startLevel; level > 0; level--)
        {
            node = slots[node << BITS | Long.numberOfTrailingZeros(bits)];
            bits = bitmaps[node];
        }
        return slots[node << BITS | Long.numberOfTrailingZeros(bits)];
    }

    private void growRoot()
    {
        final int newRoot = acquire();
        final int index = (int)(rootBase >>> (BITS * height)) & MASK;
        slots[newRoot << BITS | index] = root;
        bitmaps[newRoot] = 1L << index;
        root = newRoot;
        height++;
        rootMask = BITS * height >= Long.SIZE ? 0 : -1L << (BITS * height);
        rootBase &= rootMask;
    }

    private void shrinkRoot()
    {
        while (height > 1 && 0 == (bitmaps[root] & (bitmaps[root] - 1)))
        {
            final int oldRoot = root;
            final int index = Long.numberOfTrailingZeros(bitmaps[oldRoot]);
            root = slots[oldRoot << BITS | index];
            slots[oldRoot << BITS | index] = NONE;
            bitmaps[oldRoot] = 0;
            release(oldRoot);
            height--;
            final int shift = BITS * height;
            rootBase |= (long)index << shift;
            rootMask = -1L << shift;
        }
    }

    private void releaseChildren(final int node, final int level)
    {
        long bits = bitmaps[node];
        while (0 != bits)
        {
            final int index = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (level > 0)
            {
                final int child = slots[node << BITS | index];
                releaseChildren(child, level - 1);
                release(child);
            }
            slots[node << BITS | index] = NONE;
        }
        bitmaps[node] = 0;
    }

    /**
     * A node with every slot {@link #NONE} and an empty bitmap (a released node was emptied before its release).
     */
    private int acquire()
    {
        if (freeCount > 0)
        {
            return free[--freeCount];
        }
        if (allocatedNodes == bitmaps.length)
        {
            final int capacity = bitmaps.length * 2;
            bitmaps = Arrays.copyOf(bitmaps, capacity);
            final int oldSlots = slots.length;
            slots = Arrays.copyOf(slots, capacity * FAN_OUT);
            Arrays.fill(slots, oldSlots, slots.length, NONE);
            free = Arrays.copyOf(free, capacity);
        }
        return allocatedNodes++;
    }

    private void release(final int node)
    {
        free[freeCount++] = node;
    }
}
