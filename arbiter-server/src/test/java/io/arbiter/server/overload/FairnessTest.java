package io.arbiter.server.overload;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.arbiter.server.overload.OverloadFixture.MS;
import static io.arbiter.server.overload.OverloadFixture.SECOND;
import static io.arbiter.server.overload.AdmissionDecision.ADMITTED;
import static io.arbiter.server.overload.AdmissionDecision.THROTTLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flooding session and a well-behaved one share one matching thread (a FIFO served at a fixed rate): with the
 * limiters, every order of the well-behaved session is admitted and waits little, while the flooder is throttled to
 * its budget; without them, the flood starves it.
 */
class FairnessTest
{
    private static final long STEP = 20_000;
    private static final long DURATION = 2 * SECOND;
    private static final long GOOD_INTERVAL = 2 * MS;
    private static final long SERVICE_NS = 400_000;

    private static final class Released
    {
        final boolean good;
        final long receivedNs;
        final long releaseNs;

        Released(final boolean good, final long receivedNs, final long releaseNs)
        {
            this.good = good;
            this.receivedNs = receivedNs;
            this.releaseNs = releaseNs;
        }
    }

    private final OverloadFixture fixture = new OverloadFixture(new OverloadContext()
        .burstCapacity(50)
        .refillRatePerSecond(1_000)
        .drainRatePerSecond(2_000)
        .maxQueueDelayNs(25 * MS));

    private long goodThrottled;
    private long goodAdmitted;
    private long floodAdmitted;
    private long floodThrottled;
    private long goodMaxReleaseDelayNs;

    @Test
    void shouldAdmitEveryWellBehavedOrderAndThrottleTheFlooder()
    {
        final List<Released> released = run(true);
        assertEquals(0, goodThrottled, "the well-behaved session stays within its budget");
        assertEquals(DURATION / GOOD_INTERVAL, goodAdmitted);
        assertTrue(goodMaxReleaseDelayNs <= MS, "its orders are not held: " + goodMaxReleaseDelayNs);
        assertTrue(floodAdmitted >= 2_040 && floodAdmitted <= 2_060,
            "the flooder gets its burst plus its refill, 50 + 2 s x 1000/s: " + floodAdmitted);
        assertTrue(floodThrottled > 90_000, "the rest of the flood is throttled: " + floodThrottled);
        assertEquals(floodThrottled + goodThrottled, fixture.gate.throttledCount());

        final long goodMaxWaitNs = maxGoodWaitNs(released);
        assertTrue(goodMaxWaitNs < 5 * MS, "well-behaved receive-to-take delay stays small: " + goodMaxWaitNs);
    }

    @Test
    void shouldStarveTheWellBehavedSessionWithoutLimiting()
    {
        final long goodMaxWaitNs = maxGoodWaitNs(run(false));
        assertTrue(goodMaxWaitNs > 500 * MS, "control: without limits the flood delays everyone: " + goodMaxWaitNs);
    }

    private List<Released> run(final boolean limited)
    {
        final DualModeBucket flooder = fixture.newBucket();
        final DualModeBucket good = fixture.newBucket();
        final List<Released> released = new ArrayList<>();
        final long t0 = 100 * SECOND;
        for (long now = t0; now < t0 + DURATION; now += STEP)
        {
            final int floodStatus = limited ? fixture.gate.tryAcquireNewOrder(flooder, null, now) : ADMITTED;
            if (ADMITTED == floodStatus)
            {
                floodAdmitted++;
                released.add(new Released(false, now, now + (limited ? fixture.gate.releaseDelayNs() : 0)));
            }
            else
            {
                assertEquals(THROTTLED, floodStatus);
                floodThrottled++;
            }
            if ((now - t0) % GOOD_INTERVAL == 0)
            {
                if (!limited || ADMITTED == fixture.gate.tryAcquireNewOrder(good, null, now))
                {
                    goodAdmitted++;
                    final long delayNs = limited ? fixture.gate.releaseDelayNs() : 0;
                    goodMaxReleaseDelayNs = Math.max(goodMaxReleaseDelayNs, delayNs);
                    released.add(new Released(true, now, now + delayNs));
                }
                else
                {
                    goodThrottled++;
                }
            }
        }
        return released;
    }

    private static long maxGoodWaitNs(final List<Released> released)
    {
        released.sort(Comparator.comparingLong((Released r) -> r.releaseNs));
        long freeAtNs = Long.MIN_VALUE;
        long maxWaitNs = 0;
        for (final Released order : released)
        {
            final long takenNs = Math.max(order.releaseNs, freeAtNs);
            freeAtNs = takenNs + SERVICE_NS;
            if (order.good)
            {
                maxWaitNs = Math.max(maxWaitNs, takenNs - order.receivedNs);
            }
        }
        return maxWaitNs;
    }
}
