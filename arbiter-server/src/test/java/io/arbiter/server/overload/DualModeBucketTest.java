package io.arbiter.server.overload;

import org.junit.jupiter.api.Test;

import static io.arbiter.server.overload.AdmissionDecision.ADMITTED;
import static io.arbiter.server.overload.AdmissionDecision.THROTTLED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-budget token + leaky bucket, driven by an injected clock.
 */
class DualModeBucketTest
{
    private static final long MS = 1_000_000L;
    private static final long T0 = 7_000_000_000L;

    private static OverloadContext context()
    {
        return new OverloadContext()
            .burstCapacity(5)
            .refillRatePerSecond(1_000)
            .drainRatePerSecond(1_000_000_000)
            .maxQueueDelayNs(100 * MS)
            .validate();
    }

    @Test
    void shouldAdmitBurstUpToCapacityThenThrottleWithRetryAfterFromRefillRate()
    {
        final DualModeBucket bucket = new DualModeBucket(context());
        for (int i = 0; i < 5; i++)
        {
            assertEquals(ADMITTED, bucket.tryAcquire(T0, false), "order " + i + " of the burst");
        }
        assertEquals(THROTTLED, bucket.tryAcquire(T0, false));
        assertEquals(MS, bucket.retryAfterNs(), "one token per 1 ms at 1000/s");

        assertEquals(THROTTLED, bucket.tryAcquire(T0 + 400_000, false));
        assertEquals(600_000, bucket.retryAfterNs(), "hint shrinks as time passes");
    }

    @Test
    void shouldRefillOverTime()
    {
        final DualModeBucket bucket = new DualModeBucket(context());
        for (int i = 0; i < 5; i++)
        {
            bucket.tryAcquire(T0, false);
        }
        assertEquals(THROTTLED, bucket.tryAcquire(T0 + MS - 1, false));
        assertEquals(ADMITTED, bucket.tryAcquire(T0 + MS, false), "one token after 1 ms");
        assertEquals(THROTTLED, bucket.tryAcquire(T0 + MS, false));

        final long later = T0 + 3 * MS;
        assertEquals(ADMITTED, bucket.tryAcquire(later, false));
        assertEquals(ADMITTED, bucket.tryAcquire(later, false));
        assertEquals(THROTTLED, bucket.tryAcquire(later, false), "two more tokens after two more ms");

        final long idle = T0 + 1_000 * MS;
        int admitted = 0;
        while (ADMITTED == bucket.tryAcquire(idle, false))
        {
            admitted++;
        }
        assertEquals(5, admitted, "a long idle period refills to capacity, no more");
    }

    @Test
    void shouldReleaseAdmittedOrdersNoFasterThanTheDrainRate()
    {
        final OverloadContext context = context().drainRatePerSecond(2_000).maxQueueDelayNs(MS).validate();
        final DualModeBucket bucket = new DualModeBucket(context);
        final long[] expectedDelays = {0, 500_000, MS};
        for (final long expectedDelay : expectedDelays)
        {
            assertEquals(ADMITTED, bucket.tryAcquire(T0, false));
            assertEquals(T0 + expectedDelay, bucket.releaseNs(), "releases are spaced 0.5 ms apart at 2000/s");
        }
        assertEquals(THROTTLED, bucket.tryAcquire(T0, false), "the next slot is beyond the max queueing delay");
        assertEquals(500_000, bucket.retryAfterNs());
        assertEquals(ADMITTED, bucket.tryAcquire(T0 + 500_000, false), "admitted once the slot is within the delay");
        assertEquals(T0 + 1_500_000, bucket.releaseNs());
    }

    @Test
    void shouldChargeNeitherClockWhenThrottled()
    {
        final OverloadContext context = context().drainRatePerSecond(2_000).maxQueueDelayNs(MS).validate();
        final DualModeBucket bucket = new DualModeBucket(context);
        for (int i = 0; i < 3; i++)
        {
            bucket.tryAcquire(T0, false);
        }
        for (int i = 0; i < 100; i++)
        {
            assertEquals(THROTTLED, bucket.tryAcquire(T0, false));
        }
        assertEquals(ADMITTED, bucket.tryAcquire(T0 + 500_000, false), "throttled attempts did not use the budget");
    }

    @Test
    void shouldSpaceOrdersAtTheRefillRateWithoutBurstInLeakyOnlyMode()
    {
        final OverloadContext context = context().maxQueueDelayNs(2 * MS).validate();
        final DualModeBucket bucket = new DualModeBucket(context);
        for (int i = 0; i < 3; i++)
        {
            assertEquals(ADMITTED, bucket.tryAcquire(T0, true));
            assertEquals(T0 + i * MS, bucket.releaseNs(), "one release per refill interval, no burst");
        }
        assertEquals(THROTTLED, bucket.tryAcquire(T0, true));
        assertEquals(MS, bucket.retryAfterNs());
    }

    @Test
    void shouldShareOneBudgetAcrossModes()
    {
        final OverloadContext context = context().maxQueueDelayNs(10 * MS).validate();
        final DualModeBucket bucket = new DualModeBucket(context);
        for (int i = 0; i < 5; i++)
        {
            assertEquals(ADMITTED, bucket.tryAcquire(T0, false));
        }
        assertEquals(ADMITTED, bucket.tryAcquire(T0, true));
        assertEquals(T0 + 5 * MS, bucket.releaseNs(), "leaky-only mode repays the burst before releasing more");

        final DualModeBucket other = new DualModeBucket(context);
        for (int i = 0; i < 3; i++)
        {
            assertEquals(ADMITTED, other.tryAcquire(T0, true));
        }
        int burst = 0;
        while (ADMITTED == other.tryAcquire(T0, false))
        {
            burst++;
        }
        assertEquals(2, burst, "3 orders queued in leaky-only mode leave 2 of the 5 tokens for a burst");
    }
}
