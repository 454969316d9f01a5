package io.arbiter.bench.book;

import java.util.SplittableRandom;
import java.util.TreeMap;

import io.arbiter.engine.book.price.PriceIndex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@link PriceIndex} contract for every structure the benchmark compares (the JDK adapters and, again, the engine's
 * indexes): seeded random operations checked against a {@link TreeMap} model, plus the edge keys.
 */
class PriceIndexAdapterTest
{
    private static final long MAX_PRICE = 1L << 40;

    @ParameterizedTest
    @ValueSource(strings = { "treemap", "skiplist", "radix", "bplus", "sorted-array", "bplus-8", "bplus-64" })
    void shouldHandleEmptyIndexAndEdgeKeys(final String structure)
    {
        final PriceIndex<Long> index = PriceIndexBenchmark.create(structure);
        assertNull(index.first());
        assertNull(index.last());
        assertNull(index.lower(Long.MAX_VALUE));
        assertNull(index.higher(0));
        assertNull(index.remove(1));
        index.put(1, 1L);
        index.put(MAX_PRICE, MAX_PRICE);
        assertThrows(IllegalArgumentException.class, () -> index.put(1, 2L));
        assertThrows(IllegalArgumentException.class, () -> index.put(0, 0L));
        assertEquals(1L, index.first());
        assertEquals(MAX_PRICE, index.last());
        assertEquals(1L, index.lower(MAX_PRICE));
        assertEquals(MAX_PRICE, index.higher(1));
        assertNull(index.lower(1));
        assertNull(index.higher(MAX_PRICE));
        index.clear();
        assertEquals(0, index.size());
        assertNull(index.get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "treemap", "skiplist", "radix", "bplus", "sorted-array", "bplus-8", "bplus-64" })
    void shouldMatchTreeMapModel(final String structure)
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            final PriceIndex<Long> index = PriceIndexBenchmark.create(structure);
            final TreeMap<Long, Long> model = new TreeMap<>();
            final SplittableRandom random = new SplittableRandom(seed);
            final String context = structure + " seed=" + seed;
            for (int i = 0; i < 5_000; i++)
            {
                final long price = random.nextInt(8) == 0 ? 1 + random.nextLong(MAX_PRICE) :
                    PriceIndexBenchmark.MID + random.nextInt(-400, 400);
                final int op = random.nextInt(6);
                if (op == 0 && !model.containsKey(price))
                {
                    index.put(price, price);
                    model.put(price, price);
                }
                else if (op == 1)
                {
                    assertEquals(model.remove(price), index.remove(price), context);
                }
                else if (op == 2)
                {
                    assertEquals(model.lowerKey(price), index.lower(price), context);
                }
                else if (op == 3)
                {
                    assertEquals(model.higherKey(price), index.higher(price), context);
                }
                else if (op == 4)
                {
                    assertEquals(model.get(price), index.get(price), context);
                }
                else
                {
                    assertEquals(model.isEmpty() ? null : model.firstKey(), index.first(), context);
                    assertEquals(model.isEmpty() ? null : model.lastKey(), index.last(), context);
                }
                assertEquals(model.size(), index.size(), context);
            }
        }
    }
}
