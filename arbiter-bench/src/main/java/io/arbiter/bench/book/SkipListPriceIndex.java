package io.arbiter.bench.book;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import io.arbiter.engine.book.price.PriceIndex;

/**
 * Baseline {@link PriceIndex} over a {@link ConcurrentSkipListMap}. Produces garbage: keys are boxed
 * {@code Long}s and the neighbour queries return entry snapshots. Thread safe per call, but used single threaded here.
 *
 * @param <V> the level type.
 */
public final class SkipListPriceIndex<V> implements PriceIndex<V>
{
    private final ConcurrentSkipListMap<Long, V> map = new ConcurrentSkipListMap<>();

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
