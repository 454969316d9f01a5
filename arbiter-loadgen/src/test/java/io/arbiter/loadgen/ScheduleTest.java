package io.arbiter.loadgen;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest
{
    @Test
    void shouldSpaceIntendedTimesEvenlyAtTheAggregateRate()
    {
        final LoadRun run = new LoadRun(new LoadGeneratorConfig().rate(3_000).connections(7)
            .warmupNs(TimeUnit.SECONDS.toNanos(1)).durationNs(TimeUnit.SECONDS.toNanos(2)));
        run.schedule(1_000_000L, 7);

        assertEquals(9_000, run.totalRequests, "3,000/s for 3 s");
        assertEquals(1_000_000L, run.intendedNs(0));
        assertEquals(1_000_000L + 1_000_000_000L, run.intendedNs(3_000));
        for (long g = 1; g < run.totalRequests; g++)
        {
            final long gapNs = run.intendedNs(g) - run.intendedNs(g - 1);
            assertTrue(gapNs == 333_333 || gapNs == 333_334, "gap " + gapNs + " at " + g);
        }
        assertEquals(1_000_000L + 1_000_000_000L, run.measureStartNs);
        assertEquals(3_001, run.dueBy(run.intendedNs(3_000)));
        assertEquals(9_000, run.dueBy(Long.MAX_VALUE / 2));
    }

    @Test
    void shouldRaiseTheRateLinearlyOverTheRampThenKeepTheFullRate()
    {
        // 4,000/s, ramp 1 s within a 2 s warm-up, 1 s measured: 2,000 requests in the ramp (half the full rate's),
        // then 4,000/s for 2 s
        final LoadRun run = new LoadRun(new LoadGeneratorConfig().rate(4_000).connections(2)
            .warmupNs(TimeUnit.SECONDS.toNanos(2)).rampNs(TimeUnit.SECONDS.toNanos(1))
            .durationNs(TimeUnit.SECONDS.toNanos(1)));
        run.schedule(0, 2);

        assertEquals(2_000 + 8_000, run.totalRequests);
        assertEquals(0, run.intendedNs(0));
        assertEquals(500_000_000L, run.intendedNs(500), "a quarter of the ramp's requests by half its time");
        assertEquals(1_000_000_000L, run.intendedNs(2_000), "the ramp ends after 1 s");
        assertEquals(1_000_250_000L, run.intendedNs(2_001), "then 250 us apart");
        assertEquals(TimeUnit.SECONDS.toNanos(2), run.measureStartNs);
        assertEquals(3_000_000_000L - 250_000L, run.endNs);
        long previousGap = Long.MAX_VALUE - 1;
        for (long g = 1; g <= 2_000; g++)
        {
            final long gapNs = run.intendedNs(g) - run.intendedNs(g - 1);
            assertTrue(gapNs <= previousGap + 1, "gaps shrink through the ramp: " + gapNs + " at " + g);
            previousGap = gapNs;
        }
        for (long g = 0; g < run.totalRequests; g += 97)
        {
            assertEquals(g + 1, run.dueBy(run.intendedNs(g)), "due count at request " + g);
        }
        assertEquals(501, run.dueBy(500_000_000L));
        assertEquals(10_000, run.dueBy(Long.MAX_VALUE / 2));
    }

    @Test
    void shouldRefuseARampLongerThanTheWarmUp()
    {
        final LoadGeneratorConfig config = new LoadGeneratorConfig().warmupNs(1_000).rampNs(2_000);
        assertThrows(IllegalArgumentException.class, config::validate);
    }

    @Test
    void shouldStopAtTheOrderCountWhenItComesFirst()
    {
        final LoadRun run = new LoadRun(new LoadGeneratorConfig().rate(1_000).maxOrders(150)
            .durationNs(TimeUnit.SECONDS.toNanos(10)).warmupNs(0));
        run.schedule(0, 3);

        assertEquals(150, run.totalRequests);
        assertEquals(149_000_000L, run.endNs);
    }

    @Test
    void shouldKeepTheMidPriceInsideItsBand()
    {
        final LoadGeneratorConfig config = new LoadGeneratorConfig().rate(1_000)
            .durationNs(TimeUnit.MINUTES.toNanos(10)).warmupNs(0);
        final LoadRun run = new LoadRun(config);
        run.schedule(0, 1);

        final long startTicks = config.midPrice / config.tickSize;
        long previous = run.midTicks(0);
        boolean moved = false;
        for (long t = 0; t < TimeUnit.MINUTES.toNanos(10); t += TimeUnit.MILLISECONDS.toNanos(100))
        {
            final long ticks = run.midTicks(t);
            assertTrue(Math.abs(ticks - previous) <= 1, "moves at most one tick per step");
            assertTrue(Math.abs(ticks - startTicks) <= startTicks / 20, "stays within 5% of the start");
            moved |= ticks != previous;
            previous = ticks;
        }
        assertTrue(moved, "the mid price moves");
    }
}
