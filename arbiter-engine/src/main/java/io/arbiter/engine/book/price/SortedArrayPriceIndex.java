package io.arbiter.engine.book.price;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@link PriceIndex} as parallel sorted arrays of prices and values with binary search, shifting on insert and
 * remove. The arrays double when full, which is the only allocation. Single threaded.
 *
 * @param <V> the level type.
 */
public final class SortedArrayPriceIndex<V> implements PriceIndex<V>
{
    private static final int DEFAULT_INITIAL_CAPACITY = 64;

    private long[] keys;
    private Object[] values;
    private int size;

    /**
     * An index with the default initial capacity.
     */
    public SortedArrayPriceIndex()
    {
        this(DEFAULT_INITIAL_CAPACITY);
    }

    /**
     * An index with a given initial capacity.
     *
     * @param initialCapacity prices held before the first growth, at least 1.
     */
    public SortedArrayPriceIndex(final int initialCapacity)
    {
        if (initialCapacity < 1)
        {
            throw new IllegalArgumentException("initialCapacity must be >= 1: " + initialCapacity);
        }
        keys = new long[initialCapacity];
        values = new Object[initialCapacity];
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V get(final long price)
    {
        final int position = Arrays.binarySearch(keys, 0, size, price);
        return position >= 0 ? (V)values[position] : null;
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
        final int found = Arrays.binarySearch(keys, 0, size, price);
        if (found >= 0)
        {
            throw new IllegalArgumentException("price already present: " + price);
        }
        if (size == keys.length)
        {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        final int position = -found - 1;
        final int tailLength = size - position;
        if (tailLength > 0)
        {
            System.arraycopy(keys, position, keys, position + 1, tailLength);
            System.arraycopy(values, position, values, position + 1, tailLength);
        }
        keys[position] = price;
        values[position] = value;
        size++;
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V remove(final long price)
    {
        final int position = Arrays.binarySearch(keys, 0, size, price);
        if (position < 0)
        {
            return null;
        }
        final V value = (V)values[position];
        final int tailLength = size - position - 1;
        if (tailLength > 0)
        {
            System.arraycopy(keys, position + 1, keys, position, tailLength);
            System.arraycopy(values, position + 1, values, position, tailLength);
        }
        size--;
        values[size] = null;
        return value;
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V lower(final long price)
    {
        final int found = Arrays.binarySearch(keys, 0, size, price);
        final int position = (found >= 0 ? found : -found - 1) - 1;
        return position >= 0 ? (V)values[position] : null;
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V higher(final long price)
    {
        final int found = Arrays.binarySearch(keys, 0, size, price);
        final int position = found >= 0 ? found + 1 : -found - 1;
        return position < size ? (V)values[position] : null;
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V first()
    {
        return 0 == size ? null : (V)values[0];
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V last()
    {
        return 0 == size ? null : (V)values[size - 1];
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
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    /**
     * Prices the arrays hold before they next grow.
     *
     * @return current capacity.
     */
    public int capacity()
    {
        return keys.length;
    }
}
