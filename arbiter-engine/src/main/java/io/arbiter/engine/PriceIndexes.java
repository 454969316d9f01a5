package io.arbiter.engine;

import io.arbiter.engine.book.price.BPlusTreePriceIndex;
import io.arbiter.engine.book.price.BoxedLevelIndex;
import io.arbiter.engine.book.price.LevelIndex;
import io.arbiter.engine.book.price.RadixLevelIndex;
import io.arbiter.engine.book.price.SortedArrayPriceIndex;

import java.util.List;
import java.util.function.Supplier;

/**
 * The price-level index structures the engine can use, by name. The default is the winner of the study in
 * {@code docs/book-structures.md}.
 */
public final class PriceIndexes
{
    /** 64-ary bitmap radix tree. */
    public static final String RADIX = "radix";
    /** B+ tree with pooled nodes. */
    public static final String BTREE = "btree";
    /** Sorted arrays with binary search. */
    public static final String SORTED_ARRAY = "sorted-array";
    /** Name of the default structure. */
    public static final String DEFAULT = RADIX;
    /** Every name the engine accepts. */
    public static final List<String> NAMES = List.of(RADIX, BTREE, SORTED_ARRAY);

    private PriceIndexes()
    {
    }

    static Supplier<LevelIndex> factory(final String name, final int expectedLevels)
    {
        final int nodes = Math.max(16, expectedLevels / 8);
        switch (name)
        {
            case RADIX:
                return () -> new RadixLevelIndex(nodes);
            case BTREE:
                return () -> new BoxedLevelIndex(new BPlusTreePriceIndex<>(nodes));
            case SORTED_ARRAY:
                return () -> new BoxedLevelIndex(new SortedArrayPriceIndex<>(expectedLevels));
            default:
                throw new IllegalArgumentException("unknown price index: " + name + " (one of " + NAMES + ")");
        }
    }
}
