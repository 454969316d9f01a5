package io.arbiter.loadgen;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM's own activity over a benchmark step: differences of two readings, the compile share and the warm-up
 * verdict.
 */
class JvmActivityTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    @Test
    void shouldTakeTheDifferenceOfTwoReadings()
    {
        final JvmActivity start = new JvmActivity(10 * SECOND_NS, 2_000, 7, 150);
        final JvmActivity end = new JvmActivity(15 * SECOND_NS, 2_600, 9, 190);

        final JvmActivity period = end.since(start);

        assertEquals(600, period.compileMs());
        assertEquals(2, period.gcCount());
        assertEquals(40, period.gcMs());
        assertEquals(0.12, period.compileShare(), 1e-9);
        final Map<String, Object> figures = period.describe();
        assertEquals(5_000L, figures.get("wall_ms"));
        assertEquals(600L, figures.get("jit_compile_ms"));
        assertEquals(true, figures.get("warm"));
    }

    @Test
    void shouldCallAPeriodWarmOnlyWhileTheCompilersWereBusyAtMostAQuarterOfIt()
    {
        final JvmActivity atTheLimit = new JvmActivity(4 * SECOND_NS, 1_000, 0, 0);
        final JvmActivity above = new JvmActivity(4 * SECOND_NS, 1_001, 0, 0);

        assertTrue(atTheLimit.warm(), atTheLimit.line());
        assertFalse(atTheLimit.line().contains("NOT WARMED UP"), "no warning at the limit: " + atTheLimit.line());
        assertFalse(above.warm(), above.line());
        assertTrue(above.line().contains("NOT WARMED UP"), above.line());
        assertTrue(above.line().startsWith("JIT compiling 1001 ms (25.0% of 4.0 s), GC 0 collections 0 ms"),
            above.line());
    }

    @Test
    void shouldSayUnknownAndNotWarnWhenTheJvmDoesNotTimeItsCompilers()
    {
        final JvmActivity period = new JvmActivity(2 * SECOND_NS, -1, 1, 3).since(new JvmActivity(0, 100, 0, 0));

        assertEquals(-1, period.compileMs());
        assertTrue(period.warm());
        assertEquals("JIT compiling unknown (0.0% of 2.0 s), GC 1 collections 3 ms", period.line());
    }

    @Test
    void shouldReadThisJvmsTotalsThatNeverGoBack()
    {
        final JvmActivity first = JvmActivity.now();
        final JvmActivity period = JvmActivity.now().since(first);

        assertTrue(period.gcCount() >= 0 && period.gcMs() >= 0, period.line());
        assertTrue(period.compileMs() >= 0 || period.compileMs() == -1, period.line());
    }
}
