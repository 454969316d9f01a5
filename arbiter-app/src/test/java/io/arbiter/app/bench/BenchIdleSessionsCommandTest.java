package io.arbiter.app.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchIdleSessionsCommandTest
{
    @Test
    void shouldCompareTheStepBesideIdleSessionsWithTheMeanOfTheStepsBeforeAndAfter()
    {
        final Map<String, Object> all = new LinkedHashMap<>();
        all.put("active_without_idle", step(1_000_000L, 20_000.0, true));
        all.put("active_with_idle", step(1_320_000L, 19_990.0, true));
        all.put("active_after_idle", step(1_200_000L, 20_010.0, true));

        BenchIdleSessionsCommand.compare(all, 20_000);

        assertEquals("1.20", all.get("p50_with_idle_over_without"), "1.32 ms over the mean of 1.0 and 1.2 ms");
    }

    @Test
    void shouldGiveNoRatioWhenAStepFellBehind()
    {
        final Map<String, Object> all = new LinkedHashMap<>();
        all.put("active_without_idle", step(1_000_000L, 20_000.0, true));
        all.put("active_with_idle", step(9_000_000L, 15_000.0, false));
        all.put("active_after_idle", step(1_000_000L, 20_000.0, true));

        BenchIdleSessionsCommand.compare(all, 20_000);

        final String verdict = (String)all.get("p50_with_idle_over_without");
        assertTrue(
            verdict.startsWith("none: active_with_idle did not keep up (answered 15000 of 20000 requests/s"), verdict);
    }

    private static Map<String, Object> step(final long p50Ns, final double achievedPerS, final boolean keptUp)
    {
        final Map<String, Object> step = new LinkedHashMap<>();
        step.put("ack_p50_ns", p50Ns);
        step.put("achieved_per_s", achievedPerS);
        step.put("kept_up", keptUp);
        return step;
    }
}
