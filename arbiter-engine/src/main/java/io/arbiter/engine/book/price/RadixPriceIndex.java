package io.arbiter.engine.book.price;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@link PriceIndex} as a 64-ary radix tree over the price bits: a {@link RadixLevelIndex} (the tree in primitive
 * columns, each node a 64-bit occupancy bitmap so that neighbour and best-price queries are bit scans) whose
 * {@code int} values are positions in an array of the objects put. Positions are reused through a free stack, so
 * steady state allocates nothing; the array grows (producing garbage) only when more prices are held than ever
 * before. Single threaded. The engine uses the tree directly ({@link RadixLevelIndex}); this object-valued form is
 * the one the study in docs/book-structures.md compares with the other structures.
 *
 * @param <V> the value type.
 */
public final class RadixPriceIndex<V> implements PriceIndex<V>
{
    private static final int DEFAULT_INITIAL_NODES = 16;

    private final RadixLevelIndex tree;
    private Object[] values;
    private int[] freePositions;
    private int freeCount;
    private int used;

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
        tree = new RadixLevelIndex(initialNodes);
        values = new Object[Math.max(16, initialNodes)];
        freePositions = new int[values.length];
    }

    /**
     * {@inheritDoc}
     */
    public V get(final long price)
    {
        return value(tree.get(price));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the price is not positive or is already present.
     */
    public void put(final long price, final V value)
    {
        Objects.requireNonNull(value, "value");
        final int position = freeCount > 0 ? freePositions[--freeCount] : nextPosition();
        try
        {
            tree.put(price, position);
        }
        catch (final IllegalArgumentException ex)
        {
            freePositions[freeCount++] = position;
            throw ex;
        }
        values[position] = value;
    }

    /**
     * {@inheritDoc}
     */
    public V remove(final long price)
    {
        final int position = tree.remove(price);
        if (position == LevelIndex.NONE)
        {
            return null;
        }
        final V value = value(position);
        values[position] = null;
        freePositions[freeCount++] = position;
        return value;
    }

    /**
     * {@inheritDoc}
     */
    public V lower(final long price)
    {
        return value(tree.lower(price));
    }

    /**
     * {@inheritDoc}
     */
    public V higher(final long price)
    {
        return value(tree.higher(price));
    }

    /**
     * {@inheritDoc}
     */
    public V first()
    {
        return value(tree.first());
    }

    /**
     * {@inheritDoc}
     */
    public V last()
    {
        return value(tree.last());
    }

    /**
     * {@inheritDoc}
     */
    public int size()
    {
        return tree.size();
    }

    /**
     * {@inheritDoc}
     */
    public void clear()
    {
        tree.clear();
        Arrays.fill(values, 0, used, null);
        freeCount = 0;
        used = 0;
    }

    /**
     * Number of nodes allocated so far, pooled or in use: growth past the preallocated pool is an allocation.
     *
     * @return nodes allocated.
     */
    public int allocatedNodes()
    {
        return tree.allocatedNodes();
    }

    /**
     * Levels of nodes from the root to the leaves, 1 when the root is a leaf.
     *
     * @return current height.
     */
    public int height()
    {
        return tree.height();
    }

    private int nextPosition()
    {
        if (used == values.length)
        {
            values = Arrays.copyOf(values, used * 2);
            freePositions = Arrays.copyOf(freePositions, used * 2);
        }
        return used++;
    }

    @SuppressWarnings("unchecked")
    private V value(final int position)
    {
        return position == LevelIndex.NONE ? null : (V)values[position];
    }
}
