package io.arbiter.server.overload;

import org.junit.jupiter.api.Test;

import static io.arbiter.server.overload.OverloadFixture.MS;
import static io.arbiter.server.overload.AdmissionDecision.ADMITTED;
import static io.arbiter.server.overload.AdmissionDecision.THROTTLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The switch to leaky-only mode after consecutive windows of high queueing delay, and back after recovery.
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

    private void window(final long delayNs)
    {
        now += WINDOW;
        fixture.adaptiveMode.onWindow(now, delayNs);
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
