package io.arbiter.server.tracing;

import java.time.Clock;
import java.time.Instant;

/**
 * Converts {@code System.nanoTime()} marks to nanoseconds since the epoch through an offset captured once at
 * construction (the midpoint of two nanoTime reads around a wall-clock read). Immutable; any thread.
 */
public final class EpochNanoClock
{
    private final long offsetNs;

    /**
     * Captures the offset now from the system UTC clock.
     */
    public EpochNanoClock()
    {
        final long before = System.nanoTime();
        final Instant now = Clock.systemUTC().instant();
        final long after = System.nanoTime();
        final long epochNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        this.offsetNs = epochNs - (before + ((after - before) >> 1));
    }

    /**
     * @param offsetNs epoch nanoseconds minus nanoTime, for tests.
     */
    public EpochNanoClock(final long offsetNs)
    {
        this.offsetNs = offsetNs;
    }

    /**
     * @param nanoTime a {@code System.nanoTime()} value.
     * @return the same instant in nanoseconds since the epoch.
     */
    public long toEpochNs(final long nanoTime)
    {
        return nanoTime + offsetNs;
    }
}
