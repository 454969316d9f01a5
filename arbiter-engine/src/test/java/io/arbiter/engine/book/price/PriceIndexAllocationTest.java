package io.arbiter.engine.book.price;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Steady state of the engine's price indexes allocates nothing: after a warm-up, a loop of put, remove, get, lower,
 * higher, first and last over clustered prices is measured with the thread's allocated-bytes counter.
 */
class PriceIndexAllocationTest
{
    private static final long MID = 1_000_000L;
    private static final int[][] SHAPES = {{2_000, 8_000}, {200, 200_000}};

    static Stream<Arguments> implementations()
    {
        return Stream.of(SHAPES).flatMap(shape -> implementations(shape[0], shape[1]));
    }

    static Stream<Arguments> implementations(final int levels, final int spread)
    {
        return Stream.of(
            Arguments.of("radix", levels, spread, (Supplier<PriceIndex<Object>>)() -> new RadixPriceIndex<>(1)),
            Arguments.of("bplus", levels, spread, (Supplier<PriceIndex<Object>>)() -> new BPlusTreePriceIndex<>(1)),
            Arguments.of("sorted-array", levels, spread,
                (Supplier<PriceIndex<Object>>)() -> new SortedArrayPriceIndex<>(2)));
    }

    @ParameterizedTest(name = "{0} levels={1} spread={2}")
    @MethodSource("implementations")
    void shouldAllocateNothingInSteadyState(
        final String name, final int levels, final int spread, final Supplier<PriceIndex<Object>> factory)
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs com.sun.management");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final PriceIndex<Object> index = factory.get();
        final Object[] values = new Object[spread];
        for (int i = 0; i < spread; i++)
        {
            values[i] = new Object();
        }
        final long[] present = new long[levels];
        final long[] state = {42};
        for (int i = 0; i < levels; i++)
        {
            long price;
            do
            {
                price = MID - spread / 2 + next(state, spread);
            }
            while (null != index.get(price));
            index.put(price, values[(int)(price - (MID - spread / 2))]);
            present[i] = price;
        }

        long sink = churn(index, values, present, state, spread, 1_000_000);
        final long before = threads.getCurrentThreadAllocatedBytes();
        sink += churn(index, values, present, state, spread, 100_000);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, name + " allocated bytes in steady state (sink " + sink + ")");
        assertEquals(levels, index.size());
    }

    @ParameterizedTest(name = "radix-levels levels={0} spread={1}")
    @MethodSource("shapes")
    void shouldAllocateNothingInSteadyStateWithPrimitiveLevels(final int levels, final int spread)
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs com.sun.management");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final RadixLevelIndex index = new RadixLevelIndex(1);
        final long[] present = new long[levels];
        final long[] state = {42};
        for (int i = 0; i < levels; i++)
        {
            long price;
            do
            {
                price = MID - spread / 2 + next(state, spread);
            }
            while (LevelIndex.NONE != index.get(price));
            index.put(price, i);
            present[i] = price;
        }

        long sink = churn(index, present, state, spread, 1_000_000);
        final long before = threads.getCurrentThreadAllocatedBytes();
        sink += churn(index, present, state, spread, 100_000);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "radix-levels allocated bytes in steady state (sink " + sink + ")");
        assertEquals(levels, index.size());
    }

    static Stream<Arguments> shapes()
    {
        return Stream.of(SHAPES).map(shape -> Arguments.of(shape[0], shape[1]));
    }

    private static long churn(
        final LevelIndex index, final long[] present, final long[] state, final int spread, final int operations)
    {
        long found = 0;
        for (int i = 0; i < operations; i++)
        {
            final int slot = (int)next(state, present.length);
            final long old = present[slot];
            found += index.lower(old) + index.higher(old);
            if (index.remove(old) != slot)
            {
                throw new IllegalStateException("missing " + old);
            }
            long price;
            do
            {
                price = MID - spread / 2 + next(state, spread);
            }
            while (LevelIndex.NONE != index.get(price));
            index.put(price, slot);
            present[slot] = price;
            found += index.first() - index.last();
        }
        return found;
    }

    private static long churn(
        final PriceIndex<Object> index,
        final Object[] values,
        final long[] present,
        final long[] state,
        final int spread,
        final int operations)
    {
        long found = 0;
        for (int i = 0; i < operations; i++)
        {
            final int slot = (int)next(state, present.length);
            final long old = present[slot];
            if (null != index.lower(old))
            {
                found++;
            }
            if (null != index.higher(old))
            {
                found++;
            }
            if (null == index.remove(old))
            {
                throw new IllegalStateException("missing " + old);
            }
            long price;
            do
            {
                price = MID - spread / 2 + next(state, spread);
            }
            while (null != index.get(price));
            index.put(price, values[(int)(price - (MID - spread / 2))]);
            present[slot] = price;
            if (index.first() != index.last())
            {
                found++;
            }
        }
        return found;
    }

    private static long next(final long[] state, final int bound)
    {
        long x = state[0];
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        state[0] = x;
        return (x >>> 1) % bound;
    }
}
