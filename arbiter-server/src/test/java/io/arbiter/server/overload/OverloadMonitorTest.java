package io.arbiter.server.overload;

import org.junit.jupiter.api.Test;

import static io.arbiter.server.overload.OverloadFixture.MS;
import static io.arbiter.server.overload.OverloadFixture.SECOND;
import static io.arbiter.server.overload.AdmissionDecision.ADMITTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matching thread's measurement windows and how they drive the adaptive mode and the breaker.
 */
class OverloadMonitorTest
{
    private final OverloadFixture fixture = new OverloadFixture(new OverloadContext()
        .windowNs(100 * MS)
        .refillRatePerSecond(1_000)
        .burstCapacity(10)
        .drainRatePerSecond(1_000_000)
        .maxQueueDelayNs(10 * MS)
        .sustainNs(SECOND)
        .coolDownNs(SECOND));

    @Test
    void shouldMeasureLargestDelayRingAndBudgetUsePerWindow()
    {
        final OverloadMonitor monitor = fixture.monitor;
        final long t0 = 50 * SECOND;
        assertFalse(monitor.onDutyCycle(t0, 0, 1024, 2), "first call starts the first window");
        for (int i = 0; i < 150; i++)
        {
            monitor.onNewOrderTaken(t0 + i * 100_000 - (i == 7 ? 3 * MS : 2_000), t0 + i * 100_000);
        }
        assertFalse(monitor.onDutyCycle(t0 + 100 * MS - 1, 512, 1024, 2));
        assertTrue(monitor.onDutyCycle(t0 + 100 * MS, 512, 1024, 2));
        assertEquals(3 * MS, monitor.lastWindowDelayNs());
        assertEquals(0, monitor.lastSlowPermille(), "no order above the 5 ms threshold");
        assertEquals(500, monitor.lastRingPermille());
        assertEquals(750, monitor.lastBudgetPermille(), "150 orders of 2 x 100 per window");

        assertTrue(monitor.onDutyCycle(t0 + 200 * MS, 0, 1024, 0));
        assertEquals(0, monitor.lastWindowDelayNs(), "an idle window has no delay");
        assertEquals(0, monitor.lastBudgetPermille());
    }

    /** Sessions logged on: 1,000 orders a window use a tenth of their budgets (no exhaustion). */
    private static final int BUDGETS = 100;

    /**
     * One window of 1,000 orders 100 us apart: {@code stalled} of them (from the first) wait {@code stallNs}, the
     * rest {@code delayNs}.
     */
    private static long window(
        final OverloadMonitor monitor, final long startNs, final int stalled, final long stallNs, final long delayNs)
    {
        for (int i = 0; i < 1000; i++)
        {
            final long takenNs = startNs + i * 100_000L;
            monitor.onNewOrderTaken(takenNs - (i < stalled ? stallNs : delayNs), takenNs);
        }
        final long endNs = startNs + 100 * MS;
        monitor.onDutyCycle(endNs, 0, 1024, BUDGETS);
        return endNs;
    }

    @Test
    void shouldNotSwitchToLeakyOnlyForAStallInEveryWindowButForASustainedDelay()
    {
        final OverloadMonitor monitor = fixture.monitor;
        long now = 50 * SECOND;
        monitor.onDutyCycle(now, 0, 1024, BUDGETS);
        for (int i = 0; i < 30; i++)
        {
            // a 20 ms stall of the matching thread in every window (what C2 compilations on two busy cores did to
            // arbiter demo): the 200 orders queued behind it wait up to 20 ms, the rest 50 us
            now = window(monitor, now, 200, 20 * MS, 50_000);
        }
        assertEquals(20 * MS, monitor.lastWindowDelayNs());
        assertEquals(200, monitor.lastSlowPermille());
        assertFalse(fixture.adaptiveMode.leakyOnly(), fixture.log.toString());
        assertEquals(0, fixture.events.total(), fixture.log.toString());

        now = window(monitor, now, 0, 0, 6 * MS);
        now = window(monitor, now, 0, 0, 6 * MS);
        assertFalse(fixture.adaptiveMode.leakyOnly(), "two bad windows");
        window(monitor, now, 0, 0, 6 * MS);
        assertEquals(1000, monitor.lastSlowPermille());
        assertTrue(fixture.adaptiveMode.leakyOnly(), "every order waited 6 ms for three windows: a backlog");
        assertEquals(1, fixture.events.count(OverloadTransition.LEAKY_ONLY_ENTERED));
    }

    @Test
    void shouldOpenBreakerWhenEverySessionUsesItsWholeBudgetAndRecoverWhileIdle()
    {
        final DualModeBucket[] sessions = {fixture.newBucket(), fixture.newBucket()};
        long now = 50 * SECOND;
        fixture.monitor.onDutyCycle(now, 0, 1024, sessions.length);
        while (fixture.breaker.state() == CircuitBreaker.CLOSED && now < 60 * SECOND)
        {
            now += 100_000;
            for (final DualModeBucket session : sessions)
            {
                if (ADMITTED == fixture.gate.tryAcquireNewOrder(session, null, now))
                {
                    fixture.monitor.onNewOrderTaken(now - 10_000, now);
                }
            }
            fixture.monitor.onDutyCycle(now, 0, 1024, sessions.length);
        }
        assertEquals(CircuitBreaker.OPEN, fixture.breaker.state());
        assertEquals(1, fixture.events.count(OverloadTransition.BREAKER_OPENED_EXHAUSTION), fixture.log.toString());
        assertTrue(fixture.gate.throttledCount() > 10_000, "flooding sessions were throttled first");
        final long openedAt = now;
        assertTrue(openedAt >= 51 * SECOND && openedAt <= 51 * SECOND + 200 * MS, "opened after 1 s: " + openedAt);

        while (now < openedAt + SECOND + 100 * MS)
        {
            now += MS;
            fixture.monitor.onDutyCycle(now, 0, 1024, sessions.length);
        }
        assertEquals(CircuitBreaker.HALF_OPEN, fixture.breaker.state(), "idle duty cycles end the cool-down");
    }
}
