package io.arbiter.bench.engine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small {@link EngineBenchmark} run end to end: the platform floor is measured and reported next to the engine's
 * latency, in the summary and in the JSON, and the throughput phase reports commands per CPU-second.
 */
class EngineBenchmarkTest
{
    @Test
    void shouldReportPlatformFloorNextToEngineLatency()
    {
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final EngineBenchmarkResult result = new EngineBenchmark()
            .seed(11)
            .resting(5_000)
            .levels(100)
            .commands(50_000)
            .rate(500_000)
            .warmup(20_000)
            .progress(new PrintStream(progress, true, StandardCharsets.UTF_8))
            .run();

        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("platform floor"), "floor phase ran");
        assertTrue(result.floorP99Ns() > 0, "floor p99 recorded");
        assertTrue(result.floorP9999Ns() >= result.floorP99Ns(), "floor percentiles ordered");
        assertTrue(result.commandsPerCpuSecond() > 0, "commands per CPU-second");
        assertEquals(0, result.poolGrowth());

        final String json = result.toJson();
        assertTrue(json.contains("\"floorP99Ns\": " + result.floorP99Ns() + ","), json);
        assertTrue(json.contains("\"floorP9999Ns\": " + result.floorP9999Ns() + ","), json);
        assertTrue(json.contains("\"commandsPerCpuSecond\": "), json);
        final String summary = result.summary();
        assertTrue(summary.contains("engine / floor"), summary);
        assertTrue(summary.contains("commands/CPU-second"), summary);
        assertTrue(summary.contains("machine floor, overlapped"), summary);
        assertTrue(summary.contains("machine floor, chained"), summary);
        assertTrue(json.contains("\"engineOverChainedFloor\": "), json);
        assertTrue(result.floorCommandsPerCpuSecond() > 0, "floor measured");
        assertTrue(result.chainedFloorCommandsPerCpuSecond() > 0, "chained floor measured");
    }
}
