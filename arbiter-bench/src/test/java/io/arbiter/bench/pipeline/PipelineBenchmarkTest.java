package io.arbiter.bench.pipeline;

import io.arbiter.server.sequencer.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small {@link PipelineBenchmark} runs through each ingress and thread layout: every command is completed once, and
 * every command of the recorded phase gets exactly one latency sample (replies are matched to their command's
 * intended time by the command index the egress stamps).
 */
class PipelineBenchmarkTest
{
    @ParameterizedTest
    @CsvSource({ "DISRUPTOR, false, 64", "AGRONA, false, 64", "ABQ, false, 64", "DISRUPTOR, true, 1",
        "AGRONA, true, 1" })
    void shouldCompleteEveryCommandAndRecordEachPacedCommandOnce(
        final PipelineQueue queue, final boolean separateConsumer, final int publishBatch) throws Exception
    {
        final PipelineBenchmarkOptions options = smallRun(queue, false);
        options.separateConsumer = separateConsumer;
        options.publishBatch = publishBatch;

        final PipelineBenchmarkResult result = new PipelineBenchmark(options).run();

        assertTrue(result.consistent(), result.toText());
        assertEquals(70_000, result.published);
        assertEquals(20_000, result.latencyCommands);
        assertEquals(20_000, result.histogram().getTotalCount(), result.toText());
        assertTrue(result.commandsPerSecond() > 0);
        assertTrue(result.rejects > 0, "the flow cancels orders that were filled");
        final String json = result.toJson();
        assertTrue(json.contains("\"queue\": \"" + queue.configName() + "\","), json);
        assertTrue(json.contains("\"layout\": \"" + (separateConsumer ? "separate-consumer" : "client-thread") +
            "\","), json);
        assertTrue(json.contains("\"threads\": " + (separateConsumer ? 3 : 2) + ","), json);
        assertTrue(json.contains("\"consistent\": true"), json);
    }

    @Test
    void shouldReplyExactlyAsTheNodesRingWhenRunInlineWithMetrics() throws Exception
    {
        final PipelineBenchmarkResult ring = new PipelineBenchmark(smallRun(PipelineQueue.DISRUPTOR, false)).run();
        final PipelineBenchmarkResult inline = new PipelineBenchmark(smallRun(PipelineQueue.INLINE, true)).run();

        assertTrue(inline.consistent(), inline.toText());
        assertArrayEquals(ring.mix, inline.mix);
        assertEquals(ring.trades, inline.trades);
        assertEquals(ring.rejects, inline.rejects);
        assertEquals(ring.replyRecords, inline.replyRecords);
        assertEquals(ring.openOrdersAtEnd, inline.openOrdersAtEnd);
        assertEquals(20_000, inline.histogram().getTotalCount(), inline.toText());
        assertTrue(inline.matchingCpuNs > 0, "the client thread runs the handler: its CPU is the matching CPU");
        final String json = inline.toJson();
        assertTrue(json.contains("\"threads\": 1,"), json);
        assertTrue(json.contains("\"metrics\": true"), json);
    }

    private static PipelineBenchmarkOptions smallRun(final PipelineQueue queue, final boolean metrics)
    {
        final PipelineBenchmarkOptions options = new PipelineBenchmarkOptions();
        options.queue = queue;
        options.metrics = metrics;
        options.waitStrategy = WaitStrategyKind.BACKOFF;
        options.ringSize = 1024;
        options.warmupCommands = 20_000;
        options.throughputCommands = 30_000;
        options.rate = 20_000;
        options.latencyWarmupSeconds = 0;
        options.latencySeconds = 1;
        return options;
    }
}
