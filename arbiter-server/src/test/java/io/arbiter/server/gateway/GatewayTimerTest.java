package io.arbiter.server.gateway;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GatewayTimer} driven by hand (no event loop): deadlines, cancels, and no allocation per timer once warm.
 */
class GatewayTimerTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final long START_NS = 5_000_000_000L;

    private long nowNs = START_NS;
    private final GatewayTimer timer = new GatewayTimer(null, () -> nowNs);
    private final List<Long> fired = new ArrayList<>();

    private GatewayTimer.Listener recorder(final long id)
    {
        return firedAtNs -> fired.add(id);
    }

    @Test
    void shouldExpireEachTimerAtItsDeadlineAndNotBefore()
    {
        timer.schedule(START_NS + 1_000_000, recorder(1));
        timer.schedule(START_NS + 300_000_000, recorder(2));
        timer.schedule(START_NS - 1, recorder(3));

        nowNs = START_NS + GatewayTimer.TICK_NS;
        timer.onTick(nowNs);
        assertEquals(List.of(3L), fired, "a deadline already passed expires on the next tick");

        nowNs = START_NS + 999_999;
        timer.onTick(nowNs);
        assertEquals(List.of(3L), fired);

        nowNs = START_NS + 1_000_000 + GatewayTimer.TICK_NS;
        timer.onTick(nowNs);
        assertEquals(List.of(3L, 1L), fired);

        nowNs = START_NS + 299_000_000;
        timer.onTick(nowNs);
        assertEquals(List.of(3L, 1L), fired, "a deadline beyond one turn of the wheel waits for its turn");

        nowNs = START_NS + 300_000_000 + GatewayTimer.TICK_NS;
        timer.onTick(nowNs);
        assertEquals(List.of(3L, 1L, 2L), fired);
        assertEquals(0, timer.timerCount());
    }

    @Test
    void shouldNotFireACancelledTimerNorLetAnotherListenerCancelIt()
    {
        final GatewayTimer.Listener first = recorder(1);
        final long id = timer.schedule(START_NS + 1_000_000, first);
        timer.cancel(id, recorder(9));
        assertEquals(1, timer.timerCount(), "only the listener that armed it cancels it");
        timer.cancel(id, first);

        nowNs = START_NS + 10_000_000;
        timer.onTick(nowNs);
        assertTrue(fired.isEmpty());
        assertEquals(0, timer.timerCount());
    }

    @Test
    void shouldAllocateNothingPerTimerOnceWarm()
    {
        final long[] count = new long[1];
        final GatewayTimer.Listener listener = firedAtNs -> count[0]++;
        cycle(listener, 200_000);
        final long threadId = Thread.currentThread().getId();
        final long before = THREADS.getThreadAllocatedBytes(threadId);
        cycle(listener, 100_000);
        final long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;

        assertEquals(0, allocated, "bytes allocated over 100,000 timers armed and expired");
        assertEquals(300_000, count[0]);
    }

    private void cycle(final GatewayTimer.Listener listener, final int timers)
    {
        for (int i = 0; i < timers; i += 8)
        {
            for (int j = 0; j < 8; j++)
            {
                timer.schedule(nowNs + (j + 1) * 100_000L, listener);
            }
            nowNs += 1_000_000;
            timer.onTick(nowNs);
        }
    }
}
