package io.arbiter.engine;

import io.arbiter.engine.book.PriceIndex;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The price-level index structures the engine can use, by name. The default is the winner of the study in
 * {@code docs/book-structures.md}.
 */
public final class PriceIndexes
{
    /** Name of the default structure. */
    public static final String DEFAULT = "treemap";

    private PriceIndexes()
    {
    }

    static <V> Supplier<PriceIndex<V>> factory(final String name)
    {
        switch (name)
        {
            case "treemap":
                return TreeMapIndex::new;
            default:
                throw new IllegalArgumentException("unknown price index: " + name);
        }
    }

    private static final class TreeMapIndex<V> implements PriceIndex<V>
    {
        private final TreeMap<Long, V> map = new TreeMap<>();

        public V get(final long price)
        {
            return map.get(price);
        }

        public void put(final long price, final V value)
        {
            map.put(price, value);
        }

        public V remove(final long price)
        {
            return map.remove(price);
        }

        public V lower(final long price)
        {
            return value(map.lowerEntry(price));
        }

        public V higher(final long price)
        {
            return value(map.higherEntry(price));
        }

        public V first()
        {
            return value(map.firstEntry());
        }

        public V last()
        {
            return value(map.lastEntry());
        }

        public int size()
        {
            return map.size();
        }

        public void clear()
        {
            map.clear();
        }

        private static <V> V value(final Map.Entry<Long, V> entry)
        {
            return entry == null ? null : entry.getValue();
        }
    }
}
