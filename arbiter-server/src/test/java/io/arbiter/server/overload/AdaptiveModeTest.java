package io.arbiter.server.overload;

import org.junit.jupiter.api.Test;

import static io.arbiter.server.overload.OverloadFixture.MS;
import static io.arbiter.server.overload.AdmissionDecision.ADMITTED;
import static io.arbiter.server.overload.AdmissionDecision.THROTTLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The switch to leaky-only mode after consecutive windows in which most new orders waited too long, and back after
 * recovery; a spike that delays a few orders does not count.
 */
class AdaptiveModeTest
{
    private static final long WINDOW = 100 * MS;
    private static final long BAD = 6 * MS;
    private static final long GOOD = 5 * MS;

    private final OverloadFixture fixture = new OverloadFixture(new OverloadContext()
        .windowNs(WINDOW)
        .adaptiveDelayThresholdNs(5 * MS)
        .burstCapacity(10)
        .refillRatePerSecond(1_000)
        .drainRatePerSecond(1_000_000)
        .maxQueueDelayNs(MS / 2));

    private long now = 1_000 * MS;

    /** A window whose largest delay is {@code delayNs} and in which every order was that slow. */
    private void window(final long delayNs)
    {
        window(delayNs, delayNs > 5 * MS ? 1000 : 0);
    }

    private void window(final long delayNs, final int slowPermille)
    {
        now += WINDOW;
        fixture.adaptiveMode.onWindow(now, delayNs, slowPermille);
    }

    @Test
    void shouldNotSwitchForSpikesThatDelayOnlyAFewOrdersOfEachWindow()
    {
        for (int i = 0; i < 50; i++)
        {
            window(200 * MS, 499);
        }
        assertFalse(fixture.adaptiveMode.leakyOnly(), "under half of the orders slow: no window is bad");
        assertEquals(0, fixture.events.total());
        window(200 * MS, 500);
        window(6 * MS, 700);
        window(6 * MS, 500);
        assertTrue(fixture.adaptiveMode.leakyOnly(), "half or more of the orders slow in three windows in a row");
    }

    @Test
    void shouldSwitchToLeakyOnlyAfterThreeBadWindowsAndLogOnce()
    {
        window(BAD);
        window(BAD);
        window(GOOD);
        window(BAD);
        window(BAD);
        assertFalse(fixture.adaptiveMode.leakyOnly(), "bad windows must be consecutive");
        window(BAD);
        assertTrue(fixture.adaptiveMode.leakyOnly());
        window(BAD);
        window(BAD);
        assertEquals(1, fixture.events.count(OverloadTransition.LEAKY_ONLY_ENTERED));
        assertEquals(1, fixture.logged(OverloadTransition.LEAKY_ONLY_ENTERED), fixture.log.toString());
        assertEquals(1, fixture.log.size());
    }

    @Test
    void shouldLeaveLeakyOnlyAfterThreeHealthyWindowsAndLogOnce()
    {
        window(BAD);
        window(BAD);
        window(BAD);
        window(GOOD);
        window(GOOD);
        window(BAD);
        window(GOOD);
        window(GOOD);
        assertTrue(fixture.adaptiveMode.leakyOnly(), "healthy windows must be consecutive");
        window(GOOD);
        assertFalse(fixture.adaptiveMode.leakyOnly());
        window(GOOD);
        assertEquals(1, fixture.events.count(OverloadTransition.LEAKY_ONLY_LEFT));
        assertEquals(1, fixture.logged(OverloadTransition.LEAKY_ONLY_LEFT), fixture.log.toString());
        assertEquals(2, fixture.events.total());
    }

    @Test
    void shouldRefuseBurstsThroughTheGateWhileLeakyOnly()
    {
        final DualModeBucket session = fixture.newBucket();
        window(BAD);
        window(BAD);
        window(BAD);
        assertEquals(ADMITTED, fixture.gate.tryAcquireNewOrder(session, null, now));
        assertEquals(THROTTLED, fixture.gate.tryAcquireNewOrder(session, null, now), "no burst in leaky-only mode");
        assertEquals(MS / 2, fixture.gate.retryAfterNs(), "next slot in 1 ms, may queue 0.5 ms of it");

        window(GOOD);
        window(GOOD);
        window(GOOD);
        int burst = 0;
        while (ADMITTED == fixture.gate.tryAcquireNewOrder(session, null, now))
        {
            burst++;
        }
        assertEquals(10, burst, "bursts up to capacity again after recovery");
    }
}
