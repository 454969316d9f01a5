package io.arbiter.loadgen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EchoBenchmarkTest
{
    @Test
    void shouldEchoEveryFrameAndMeasureRoundTrips() throws Exception
    {
        final long startNs = System.nanoTime();
        final EchoBenchmark.Result result = new EchoBenchmark()
            .rate(2_000)
            .warmupNs(TimeUnit.MILLISECONDS.toNanos(200))
            .durationNs(TimeUnit.SECONDS.toNanos(1))
            .run();
        final long elapsedNs = System.nanoTime() - startNs;

        assertEquals(2_400L, result.figures().get("sent"), "2,000/s for 1.2 s");
        assertEquals(result.figures().get("sent"), result.figures().get("received"));
        final long measured = result.histogram().getTotalCount();
        assertTrue(measured >= 1_990 && measured <= 2_000, "measured frames: " + measured);
        // Not a speed bound, and true however busy the machine is: every frame is due and echoed within run(), so
        // no round trip can exceed its wall time, and a loopback round trip takes at least a microsecond. A unit or
        // clock mistake (nanoseconds read as micros, a wrong epoch) breaks one of the two.
        assertTrue(result.histogram().getMaxValue() <= elapsedNs, elapsedNs + " ns run: " + result.summary());
        assertTrue(result.histogram().getMinValue() >= TimeUnit.MICROSECONDS.toNanos(1), result.summary());
    }

    @Test
    void shouldEchoEveryFrameAfterForcingItWhenDurable(@TempDir final Path dir) throws Exception
    {
        final EchoBenchmark.Result result = new EchoBenchmark()
            .rate(2_000)
            .connections(3)
            .durable(dir)
            .warmupNs(TimeUnit.MILLISECONDS.toNanos(200))
            .durationNs(TimeUnit.SECONDS.toNanos(1))
            .run();

        assertEquals(2_400L, result.figures().get("sent"));
        assertEquals(result.figures().get("sent"), result.figures().get("received"));
        assertEquals(true, result.figures().get("durable"));
        final long forces = ((Number)result.figures().get("forces")).longValue();
        // each force covers at least one read (of one frame or more) and the run sent 2,400 frames
        assertTrue(forces >= 1 && forces <= 2_400, "forces in the measured second: " + forces);
        assertTrue(((Number)result.figures().get("force_p50_ns")).longValue() > 0, result.summary());
        assertTrue(((Number)result.figures().get("frames_per_force")).doubleValue() >= 1.0, result.summary());
        assertTrue(result.summary().contains("forced before each echo"), result.summary());
        try (Stream<Path> left = Files.list(dir))
        {
            assertEquals(0, left.count(), "the durable echo's files are deleted");
        }
    }

    @Test
    void shouldDealOneScheduleOverManyConnections() throws Exception
    {
        final EchoBenchmark.Result result = new EchoBenchmark()
            .rate(3_000)
            .connections(7)
            .ioThreads(2)
            .warmupNs(TimeUnit.MILLISECONDS.toNanos(200))
            .durationNs(TimeUnit.SECONDS.toNanos(1))
            .run();

        assertEquals(3_600L, result.figures().get("sent"), "3,000/s for 1.2 s over 7 connections (514 or 515 each)");
        assertEquals(result.figures().get("sent"), result.figures().get("received"));
        assertEquals(7, result.figures().get("connections"));
        final long measured = result.histogram().getTotalCount();
        assertTrue(measured >= 2_985 && measured <= 3_000, "measured frames: " + measured);
        assertTrue(result.histogram().getMinValue() > 0, result.summary());
    }
}
