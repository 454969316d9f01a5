package io.arbiter.engine.book.price;

import java.util.function.Supplier;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@link PriceIndex} contract, run against every engine implementation: fixed cases and a differential property
 * against a {@link java.util.TreeMap} model over seeded random operation sequences.
 */
class PriceIndexContractTest
{
    static Stream<Arguments> implementations()
    {
        return Stream.of(
            Arguments.of("radix", (Supplier<PriceIndex<Long>>)RadixPriceIndex::new),
            Arguments.of("radix-1-node", (Supplier<PriceIndex<Long>>)() -> new RadixPriceIndex<>(1)),
            Arguments.of("bplus", (Supplier<PriceIndex<Long>>)BPlusTreePriceIndex::new),
            Arguments.of("bplus-fan-out-4", (Supplier<PriceIndex<Long>>)() -> new BPlusTreePriceIndex<>(1, 4)),
            Arguments.of("bplus-fan-out-64", (Supplier<PriceIndex<Long>>)() -> new BPlusTreePriceIndex<>(1, 64)),
            Arguments.of("sorted-array", (Supplier<PriceIndex<Long>>)SortedArrayPriceIndex::new),
            Arguments.of("sorted-array-1", (Supplier<PriceIndex<Long>>)() -> new SortedArrayPriceIndex<>(1)),
            Arguments.of("radix-levels",
                (Supplier<PriceIndex<Long>>)() -> new LevelIndexView<>(new RadixLevelIndex(16))),
            Arguments.of("radix-levels-1-node",
                (Supplier<PriceIndex<Long>>)() -> new LevelIndexView<>(new RadixLevelIndex(1))),
            Arguments.of("boxed-bplus", (Supplier<PriceIndex<Long>>)() ->
                new LevelIndexView<>(new BoxedLevelIndex(new BPlusTreePriceIndex<>(1, 4)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void shouldAnswerNullOnEmptyIndex(final String name, final Supplier<PriceIndex<Long>> factory)
    {
        final PriceIndex<Long> index = factory.get();
        assertEquals(0, index.size());
        assertNull(index.get(1));
        assertNull(index.get(1_000_000));
        assertNull(index.remove(1));
        assertNull(index.lower(Long.MAX_VALUE));
        assertNull(index.higher(0));
        assertNull(index.higher(-1));
        assertNull(index.first());
        assertNull(index.last());
        index.clear();
        assertEquals(0, index.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void shouldOrderEdgeKeys(final String name, final Supplier<PriceIndex<Long>> factory)
    {
        final PriceIndex<Long> index = factory.get();
        final long max = PriceIndexModelChecker.MAX_TEST_PRICE;
        index.put(max, max);
        index.put(1L, 1L);
        index.put(1_000_000L, 1_000_000L);
        assertEquals(3, index.size());
        assertEquals(1L, index.first());
        assertEquals(max, index.last());
        assertEquals(1L, index.higher(0));
        assertEquals(1L, index.higher(Long.MIN_VALUE));
        assertNull(index.lower(1));
        assertEquals(1L, index.lower(2));
        assertEquals(1_000_000L, index.higher(1));
        assertEquals(1_000_000L, index.lower(max));
        assertEquals(max, index.higher(1_000_000L));
        assertEquals(max, index.lower(Long.MAX_VALUE));
        assertNull(index.higher(max));
        assertEquals(max, index.remove(max));
        assertNull(index.remove(max));
        assertEquals(1_000_000L, index.last());
        assertEquals(1L, index.remove(1));
        assertEquals(1_000_000L, index.first());
        assertEquals(1_000_000L, index.remove(1_000_000L));
        assertEquals(0, index.size());
        assertNull(index.first());
        assertNull(index.last());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void shouldBeReusableAfterClear(final String name, final Supplier<PriceIndex<Long>> factory)
    {
        final PriceIndex<Long> index = factory.get();
        for (int round = 0; round < 3; round++)
        {
            final long base = round == 1 ? 1 : 1_000_000L * (round + 1);
            for (long price = base; price < base + 5_000; price += 3)
            {
                index.put(price, price);
            }
            assertEquals(1667, index.size());
            assertEquals(base, index.first());
            assertEquals(base + 4998, index.last());
            assertEquals(base + 3, index.higher(base + 1));
            assertEquals(base + 3, index.lower(base + 6));
            index.clear();
            assertEquals(0, index.size());
            assertNull(index.first());
            assertNull(index.get(base));
            assertNull(index.lower(base + 10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void shouldRejectNonPositivePriceOrDuplicate(final String name, final Supplier<PriceIndex<Long>> factory)
    {
        final PriceIndex<Long> index = factory.get();
        assertThrows(IllegalArgumentException.class, () -> index.put(0, 0L));
        assertThrows(IllegalArgumentException.class, () -> index.put(-5, -5L));
        index.put(7, 7L);
        assertThrows(IllegalArgumentException.class, () -> index.put(7, 8L));
        assertEquals(7L, index.get(7));
        assertEquals(1, index.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void shouldMatchTreeMapModelOverFixedSeeds(final String name, final Supplier<PriceIndex<Long>> factory)
    {
        for (long seed = 1; seed <= 40; seed++)
        {
            new PriceIndexModelChecker(factory.get(), seed).run(3_000, 97);
        }
    }

    @Property(tries = 60)
    void shouldMatchTreeMapModelForRadix(@ForAll final long seed)
    {
        new PriceIndexModelChecker(new RadixPriceIndex<>(1), seed).run(2_000, 211);
    }

    @Property(tries = 60)
    void shouldMatchTreeMapModelForPrimitiveRadix(@ForAll final long seed)
    {
        new PriceIndexModelChecker(new LevelIndexView<>(new RadixLevelIndex(1)), seed).run(2_000, 211);
    }

    @Test
    void shouldRejectANegativeLevel()
    {
        assertThrows(IllegalArgumentException.class, () -> new RadixLevelIndex(1).put(5, -1));
        assertThrows(IllegalArgumentException.class,
            () -> new BoxedLevelIndex(new SortedArrayPriceIndex<>(1)).put(5, -1));
        assertThrows(IllegalArgumentException.class, () -> new RadixLevelIndex(0));
    }

    @Property(tries = 60)
    void shouldMatchTreeMapModelForBPlusTree(
        @ForAll final long seed, @ForAll @IntRange(min = 4, max = 64) final int fanOut)
    {
        new PriceIndexModelChecker(new BPlusTreePriceIndex<>(1, fanOut), seed).run(2_000, 211);
    }

    @Property(tries = 30)
    void shouldMatchTreeMapModelForSortedArray(@ForAll final long seed)
    {
        new PriceIndexModelChecker(new SortedArrayPriceIndex<>(1), seed).run(2_000, 211);
    }
}
