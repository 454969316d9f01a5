package io.arbiter.bench.overload;

import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the benchmark advances by hand, offered to Bucket4j as a {@link TimeMeter} and to Resilience4j as a
 * {@link Clock}, so that all contenders see the same injected time. Single-threaded.
 */
final class ManualTime extends Clock implements TimeMeter
{
    private long nowNs;

    long nowNs()
    {
        return nowNs;
    }

    long advance(final long stepNs)
    {
        nowNs += stepNs;
        return nowNs;
    }

    @Override
    public long currentTimeNanos()
    {
        return nowNs;
    }

    @Override
    public boolean isWallClockBased()
    {
        return false;
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone)
    {
        return this;
    }

    /**
     * Produces garbage: an {@link Instant} per call (what a {@link Clock} must return).
     */
    @Override
    public Instant instant()
    {
        return Instant.ofEpochSecond(0, nowNs);
    }

    @Override
    public long millis()
    {
        return nowNs / 1_000_000;
    }
}
