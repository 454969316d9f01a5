package io.arbiter.bench.book;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import io.arbiter.engine.book.price.PriceIndex;

/**
 * Baseline {@link PriceIndex} over a JDK {@link NavigableMap}: a {@link TreeMap} (a red-black tree, benchmark name
 * {@code treemap}) or a {@link ConcurrentSkipListMap} ({@code skiplist}). Produces garbage: keys are boxed
 * {@code Long}s and the neighbour queries return entry snapshots. Single threaded, like the engine's indexes.
 *
 * @param <V> the level type.
 */
public final class NavigableMapPriceIndex<V> implements PriceIndex<V>
{
    private final NavigableMap<Long, V> map;

    /**
     * @param map an empty map to keep the levels in, owned by this index from now on.
     * @throws IllegalArgumentException if the map is not empty.
     */
    public NavigableMapPriceIndex(final NavigableMap<Long, V> map)
    {
        if (!map.isEmpty())
        {
            throw new IllegalArgumentException("the map must be empty");
        }
        this.map = map;
    }

    /**
     * @param <V> the level type.
     * @return an index over a {@link TreeMap}.
     */
    public static <V> NavigableMapPriceIndex<V> treeMap()
    {
        return new NavigableMapPriceIndex<>(new TreeMap<>());
    }

    /**
     * @param <V> the level type.
     * @return an index over a {@link ConcurrentSkipListMap}.
     */
    public static <V> NavigableMapPriceIndex<V> skipList()
    {
        return new NavigableMapPriceIndex<>(new ConcurrentSkipListMap<>());
    }

    /**
     * {@inheritDoc}
     */
    public V get(final long price)
    {
        return map.get(price);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the price is not positive or is already present.
     */
    public void put(final long price, final V value)
    {
        if (price <= 0)
        {
            throw new IllegalArgumentException("price must be positive: " + price);
        }
        if (null != map.putIfAbsent(price, value))
        {
            throw new IllegalArgumentException("price already present: " + price);
        }
    }

    /**
     * {@inheritDoc}
     */
    public V remove(final long price)
    {
        return map.remove(price);
    }

    /**
     * {@inheritDoc}
     */
    public V lower(final long price)
    {
        return value(map.lowerEntry(price));
    }

    /**
     * {@inheritDoc}
     */
    public V higher(final long price)
    {
        return value(map.higherEntry(price));
    }

    /**
     * {@inheritDoc}
     */
    public V first()
    {
        return value(map.firstEntry());
    }

    /**
     * {@inheritDoc}
     */
    public V last()
    {
        return value(map.lastEntry());
    }

    /**
     * {@inheritDoc}
     */
    public int size()
    {
        return map.size();
    }

    /**
     * {@inheritDoc}
     */
    public void clear()
    {
        map.clear();
    }

    private static <V> V value(final Map.Entry<Long, V> entry)
    {
        return null == entry ? null : entry.getValue();
    }
}
