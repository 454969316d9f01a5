package io.arbiter.server.overload;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static io.arbiter.server.overload.OverloadFixture.MS;
import static io.arbiter.server.overload.AdmissionDecision.ADMITTED;
import static io.arbiter.server.overload.AdmissionDecision.THROTTLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the per-order decisions and the per-order and per-window measurements allocate nothing: counts the bytes
 * this thread allocates over a million decisions (admitted and throttled, both scopes) after a warm-up long
 * enough for the JIT to settle (shorter warm-ups saw a few hundred bytes once, during compilation).
 */
class OverloadAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final int SESSIONS = 16;
    private static final int WARMUP = 2_000_000;
    private static final int MEASURED = 1_000_000;

    private final OverloadFixture fixture = new OverloadFixture(new OverloadContext()
        .limitScope(LimitScope.BOTH)
        .burstCapacity(20)
        .refillRatePerSecond(10_000)
        .drainRatePerSecond(20_000)
        .maxQueueDelayNs(MS));
    private final DualModeBucket[] sessions = new DualModeBucket[SESSIONS];
    private final DualModeBucket[] accounts = new DualModeBucket[SESSIONS / 4];
    private long now = 1_000_000_000_000L;
    private long admitted;
    private long throttled;

    @Test
    void shouldAllocateNothingPerDecision()
    {
        for (int i = 0; i < sessions.length; i++)
        {
            sessions[i] = fixture.newBucket();
        }
        for (int i = 0; i < accounts.length; i++)
        {
            accounts[i] = fixture.newBucket();
        }
        fixture.monitor.onDutyCycle(now, 0, 1024, SESSIONS);
        run(WARMUP);
        admitted = 0;
        throttled = 0;

        final long threadId = Thread.currentThread().getId();
        final long before = THREADS.getThreadAllocatedBytes(threadId);
        run(MEASURED);
        final long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;

        assertEquals(0, allocated, "bytes allocated over " + MEASURED + " decisions");
        assertEquals(MEASURED, admitted + throttled);
        assertTrue(admitted > MEASURED / 10 && throttled > MEASURED / 10, admitted + " admitted, " + throttled);
        assertEquals(0, fixture.events.total(), "no transition (they log, which allocates): " + fixture.log);
    }

    private void run(final int decisions)
    {
        for (int i = 0; i < decisions; i++)
        {
            now += 2_000 + (i & 0xFFF);
            final int session = i & (SESSIONS - 1);
            final int status = fixture.gate.tryAcquireNewOrder(sessions[session], accounts[session >> 2], now);
            if (ADMITTED == status)
            {
                admitted++;
                fixture.monitor.onNewOrderTaken(now - 50_000 + fixture.gate.releaseDelayNs(), now);
            }
            else if (THROTTLED == status)
            {
                throttled++;
            }
            fixture.monitor.onDutyCycle(now, i & 63, 1024, SESSIONS);
        }
    }
}
