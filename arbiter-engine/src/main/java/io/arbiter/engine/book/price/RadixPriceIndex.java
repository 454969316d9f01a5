package io.arbiter.engine.book.price;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@link PriceIndex} as a 64-ary radix tree over the price bits, each node holding a 64-bit occupancy bitmap so that
 * neighbour and best-price queries are bit scans. The root spans only the aligned block of prices in use (the tree
 * grows a level when a price outside it arrives and sheds levels as the range narrows), and nodes come from an
 * internal pool, so steady state allocates nothing. Single threaded.
 *
 * @param <V> the level type.
 */
public final class RadixPriceIndex<V> implements PriceIndex<V>
{
    private static final int BITS = 6;
    private static final int FAN_OUT = 1 << BITS;
    private static final int MASK = FAN_OUT - 1;
    private static final long LEAF_ROOT_MASK = ~(long)MASK;
    /** Levels needed to cover all 64 bits of a key (11 x 6 = 66). */
    private static final int MAX_HEIGHT = (Long.SIZE + BITS - 1) / BITS;
    private static final int DEFAULT_INITIAL_NODES = 16;

    private final Node[] path = new Node[MAX_HEIGHT];
    private Node[] pool;
    private int pooled;
    private int allocatedNodes;

    private Node root;
    private int height = 1;
    private long rootMask = LEAF_ROOT_MASK;
    private long rootBase;
    private int size;

    /**
     * An index with a small pool of preallocated nodes.
     */
    public RadixPriceIndex()
    {
        this(DEFAULT_INITIAL_NODES);
    }

    /**
     * An index with a pool of preallocated nodes; each node covers 64 consecutive prices at the leaves, and a
     * clustered book of n levels needs about n / 64 leaves plus a few inner nodes.
     *
     * @param initialNodes nodes to preallocate, at least 1.
     */
    public RadixPriceIndex(final int initialNodes)
    {
        if (initialNodes < 1)
        {
            throw new IllegalArgumentException("initialNodes must be >= 1: " + initialNodes);
        }
        pool = new Node[Math.max(initialNodes, MAX_HEIGHT)];
        for (int i = 0; i < initialNodes; i++)
        {
            pool[pooled++] = new Node();
        }
        allocatedNodes = initialNodes;
        root = acquire();
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V get(final long price)
    {
        if ((price & rootMask) != rootBase)
        {
            return null;
        }
        Node node = root;
        for (int shift = BITS * (height - 1); shift > 0; shift -= BITS)
        {
            node = (Node)node.slots[(int)(price >>> shift) & MASK];
            if (null == node)
            {
                return null;
            }
        }
        return (V)node.slots[(int)price & MASK];
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the price is not positive or is already present.
     */
    public void put(final long price, final V value)
    {
        Objects.requireNonNull(value, "value");
        if (price <= 0)
        {
            throw new IllegalArgumentException("price must be positive: " + price);
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

        Node node = root;
        for (int level = height - 1; level > 0; level--)
        {
            final int index = (int)(price >>> (BITS * level)) & MASK;
            Node child = (Node)node.slots[index];
            if (null == child)
            {
                child = acquire();
                node.slots[index] = child;
                node.bitmap |= 1L << index;
            }
            node = child;
        }

        final int index = (int)price & MASK;
        if (null != node.slots[index])
        {
            throw new IllegalArgumentException("price already present: " + price);
        }
        node.slots[index] = value;
        node.bitmap |= 1L << index;
        size++;
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V remove(final long price)
    {
        if ((price & rootMask) != rootBase || 0 == size)
        {
            return null;
        }
        final Node[] path = this.path;
        Node node = root;
        path[height - 1] = node;
        for (int level = height - 1; level > 0; level--)
        {
            node = (Node)node.slots[(int)(price >>> (BITS * level)) & MASK];
            if (null == node)
            {
                return null;
            }
            path[level - 1] = node;
        }

        final int index = (int)price & MASK;
        final Object value = node.slots[index];
        if (null == value)
        {
            return null;
        }
        node.slots[index] = null;
        node.bitmap &= ~(1L << index);
        size--;

        for (int level = 0; level < height - 1 && 0 == path[level].bitmap; level++)
        {
            release(path[level]);
            final Node parent = path[level + 1];
            final int parentIndex = (int)(price >>> (BITS * (level + 1))) & MASK;
            parent.slots[parentIndex] = null;
            parent.bitmap &= ~(1L << parentIndex);
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

        return (V)value;
    }

    /**
     * {@inheritDoc}
     */
    public V lower(final long price)
    {
        if (0 == size || price <= 1)
        {
            return null;
        }
        if ((price & rootMask) != rootBase)
        {
            return price < rootBase ? null : last();
        }

        final Node[] path = this.path;
        Node node = root;
        int level = height - 1;
        while (true)
        {
            final int index = (int)(price >>> (BITS * level)) & MASK;
            final long below = node.bitmap & ((1L << index) - 1);
            if (0 == level)
            {
                if (0 != below)
                {
                    return highestUnder(node, below, 0);
                }
                break;
            }
            final Node child = (Node)node.slots[index];
            if (null == child)
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
            final Node ancestor = path[up];
            final long below = ancestor.bitmap & ((1L << index) - 1);
            if (0 != below)
            {
                return highestUnder(ancestor, below, up);
            }
        }

        return null;
    }

    /**
     * {@inheritDoc}
     */
    public V higher(final long price)
    {
        if (0 == size)
        {
            return null;
        }
        if (price <= 0)
        {
            return first();
        }
        if ((price & rootMask) != rootBase)
        {
            return price < rootBase ? first() : null;
        }

        final Node[] path = this.path;
        Node node = root;
        int level = height - 1;
        while (true)
        {
            final int index = (int)(price >>> (BITS * level)) & MASK;
            final long above = node.bitmap & (-2L << index);
            if (0 == level)
            {
                if (0 != above)
                {
                    return lowestUnder(node, above, 0);
                }
                break;
            }
            final Node child = (Node)node.slots[index];
            if (null == child)
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
            final Node ancestor = path[up];
            final long above = ancestor.bitmap & (-2L << index);
            if (0 != above)
            {
                return lowestUnder(ancestor, above, up);
            }
        }

        return null;
    }

    /**
     * {@inheritDoc}
     */
    public V first()
    {
        return 0 == size ? null : lowestUnder(root, root.bitmap, height - 1);
    }

    /**
     * {@inheritDoc}
     */
    public V last()
    {
        return 0 == size ? null : highestUnder(root, root.bitmap, height - 1);
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
     * Number of nodes allocated so far, pooled or in use: growth past the preallocated pool is the only allocation.
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

    @SuppressWarnings("unchecked")
    private V highestUnder(final Node start, final long candidates, final int startLevel)
    {
        Node node = start;
        long bits = candidates;
        for (int level = startLevel; level > 0; level--)
        {
            node = (Node)node.slots[63 - Long.numberOfLeadingZeros(bits)];
            bits = node.bitmap;
        }
        return (V)node.slots[63 - Long.numberOfLeadingZeros(bits)];
    }

    @SuppressWarnings("unchecked")
    private V lowestUnder(final Node start, final long candidates, final int startLevel)
    {
        Node node = start;
        long bits = candidates;
        for (int level = startLevel; level > 0; level--)
        {
            node = (Node)node.slots[Long.numberOfTrailingZeros(bits)];
            bits = node.bitmap;
        }
        return (V)node.slots[Long.numberOfTrailingZeros(bits)];
    }

    private void growRoot()
    {
        final Node newRoot = acquire();
        final int shift = BITS * height;
        final int index = (int)(rootBase >>> shift) & MASK;
        newRoot.slots[index] = root;
        newRoot.bitmap = 1L << index;
        root = newRoot;
        height++;
        rootMask = BITS * height >= Long.SIZE ? 0 : -1L << (BITS * height);
        rootBase &= rootMask;
    }

    private void shrinkRoot()
    {
        while (height > 1 && 0 == (root.bitmap & (root.bitmap - 1)))
        {
            final Node oldRoot = root;
            final int index = Long.numberOfTrailingZeros(oldRoot.bitmap);
            root = (Node)oldRoot.slots[index];
            oldRoot.slots[index] = null;
            oldRoot.bitmap = 0;
            release(oldRoot);
            height--;
            final int shift = BITS * height;
            rootBase |= (long)index << shift;
            rootMask = -1L << shift;
        }
    }

    private void releaseChildren(final Node node, final int level)
    {
        long bits = node.bitmap;
        while (0 != bits)
        {
            final int index = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (level > 0)
            {
                final Node child = (Node)node.slots[index];
                releaseChildren(child, level - 1);
                release(child);
            }
            node.slots[index] = null;
        }
        node.bitmap = 0;
    }

    private Node acquire()
    {
        if (pooled > 0)
        {
            final Node node = pool[--pooled];
            pool[pooled] = null;
            return node;
        }
        allocatedNodes++;
        if (allocatedNodes > pool.length)
        {
            pool = Arrays.copyOf(pool, pool.length * 2);
        }
        return new Node();
    }

    private void release(final Node node)
    {
        pool[pooled++] = node;
    }

    private static final class Node
    {
        long bitmap;
        final Object[] slots = new Object[FAN_OUT];
    }
}
