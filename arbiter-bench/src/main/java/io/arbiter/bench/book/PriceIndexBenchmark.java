package io.arbiter.bench.book;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.arbiter.engine.book.price.BPlusTreePriceIndex;
import io.arbiter.engine.book.price.PriceIndex;
import io.arbiter.engine.book.price.RadixPriceIndex;
import io.arbiter.engine.book.price.SortedArrayPriceIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Compares the price-level index structures on one side (asks) of a book clustered above a mid price of 1,000,000
 * ticks: level churn near and far from the touch, cancel-driven get/remove/re-put, and sweeping the best level.
 * One JMH thread per trial; each benchmark method gets a freshly filled index.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PriceIndexBenchmark
{
    /** Mid price in ticks; the ask side occupies [MID, MID + 2 x levels). */
    public static final long MID = 1_000_000L;
    private static final int STREAM_LENGTH = 1 << 16;
    private static final int STREAM_MASK = STREAM_LENGTH - 1;
    private static final int NEAR_TOUCH_TICKS = 32;

    /** Structure under test ({@code bplus-N} also works, for the fan-out study). */
    @Param({ "radix", "bplus", "sorted-array", "treemap", "skiplist" })
    public String structure;

    /** Price levels in the index. */
    @Param({ "10", "10000" })
    public int levels;

    private PriceIndex<Level> index;
    private long[] present;
    private long[] candidates;
    private int[] slots;
    private int[] gaps;
    private int cursor;

    /**
     * A price level as the index sees it: it knows its own price, so a level found by {@code first()} can be removed.
     */
    public static final class Level
    {
        long price;

        Level(final long price)
        {
            this.price = price;
        }
    }

    /**
     * Fill the index with {@code levels} distinct prices and precompute the random streams (seeded, so every
     * structure sees the same operations).
     */
    @Setup
    public void setUp()
    {
        index = create(structure);
        final int range = 2 * levels;
        final SplittableRandom random = new SplittableRandom(20_240_601L + levels);

        present = new long[levels];
        int filled = 0;
        while (filled < levels)
        {
            final long price = MID + random.nextInt(range);
            if (null == index.get(price))
            {
                index.put(price, new Level(price));
                present[filled++] = price;
            }
        }

        candidates = new long[STREAM_LENGTH];
        slots = new int[STREAM_LENGTH];
        gaps = new int[STREAM_LENGTH];
        final int near = Math.min(range, NEAR_TOUCH_TICKS);
        for (int i = 0; i < STREAM_LENGTH; i++)
        {
            final boolean nearTouch = random.nextInt(4) != 0;
            candidates[i] = MID + (nearTouch ? random.nextInt(near) : random.nextInt(range));
            slots[i] = random.nextInt(levels);
            gaps[i] = 1 + random.nextInt(3);
        }
        cursor = 0;
    }

    /**
     * A level appears and another disappears: a uniformly chosen level is removed, then a new level is created at
     * the next candidate price that is empty (75% within 32 ticks of the mid, 25% anywhere in the book), probing with
     * {@code get} as the engine does on insert, and its better neighbour is found with {@code lower}.
     *
     * @return the new level's better neighbour, to keep the work alive.
     */
    @Benchmark
    public Level insertHeavy()
    {
        final int slot = slots[cursor];
        final Level level = index.remove(present[slot]);
        long price = candidates[cursor];
        cursor = (cursor + 1) & STREAM_MASK;
        while (null != index.get(price))
        {
            price = candidates[cursor];
            cursor = (cursor + 1) & STREAM_MASK;
        }
        level.price = price;
        index.put(price, level);
        present[slot] = price;
        return index.lower(price);
    }

    /**
     * A cancel empties a level at a random existing price and an order re-creates it: {@code get}, {@code remove},
     * {@code put} at the same price.
     *
     * @return the level, to keep the work alive.
     */
    @Benchmark
    public Level cancelHeavy()
    {
        final long price = present[slots[cursor]];
        cursor = (cursor + 1) & STREAM_MASK;
        final Level level = index.get(price);
        index.remove(price);
        index.put(price, level);
        return level;
    }

    /**
     * An aggressive order sweeps the best level ({@code first} then {@code remove}) and the book is refilled at the
     * back, 1 to 3 ticks beyond the last level ({@code last} then {@code put}), so the book drifts upward.
     *
     * @return the new best level, to keep the work alive.
     */
    @Benchmark
    public Level sweepMatching()
    {
        final Level best = index.first();
        index.remove(best.price);
        final long back = index.last().price + gaps[cursor];
        cursor = (cursor + 1) & STREAM_MASK;
        best.price = back;
        index.put(back, best);
        return index.first();
    }

    /**
     * The structure for a parameter value.
     *
     * @param name one of radix, bplus, sorted-array, treemap, skiplist, or bplus-N for a B+ tree of fan-out N.
     * @param <V>  level type.
     * @return a new empty index.
     */
    public static <V> PriceIndex<V> create(final String name)
    {
        switch (name)
        {
            case "radix":
                return new RadixPriceIndex<>();
            case "bplus":
                return new BPlusTreePriceIndex<>();
            case "sorted-array":
                return new SortedArrayPriceIndex<>();
            case "treemap":
                return NavigableMapPriceIndex.treeMap();
            case "skiplist":
                return NavigableMapPriceIndex.skipList();
            default:
                if (name.startsWith("bplus-"))
                {
                    return new BPlusTreePriceIndex<>(16, Integer.parseInt(name.substring("bplus-".length())));
                }
                throw new IllegalArgumentException("unknown structure: " + name);
        }
    }
}
