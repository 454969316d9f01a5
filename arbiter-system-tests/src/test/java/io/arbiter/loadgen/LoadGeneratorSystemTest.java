package io.arbiter.loadgen;

import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class LoadGeneratorSystemTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldRunAShortLoadAgainstTheRealServer() throws Exception
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults()
            .port(0).marketDataPort(0)
            .adminPort(0)
            .dataDir(dataDir.toString());
        try (ArbiterNode node = new ArbiterNode(context).start())
        {
            final LoadGeneratorConfig config = new LoadGeneratorConfig()
                .host("127.0.0.1")
                .port(node.port())
                .connections(32)
                .rate(2_000)
                .warmupNs(TimeUnit.SECONDS.toNanos(1))
                .durationNs(TimeUnit.SECONDS.toNanos(3))
                .ioThreads(1)
                .batch(4)
                .seed(11)
                .metricsUrl("http://127.0.0.1:" + node.adminPort() + "/metrics")
                .serverPid(ProcessHandle.current().pid())
                .progress(false);
            final LoadResult result = new LoadGenerator(config, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();
            final String summary = result.summaryTable();
            System.out.println(summary);

            assertEquals(32, result.count("connections_logged_on"), summary);
            assertEquals(0, result.errors(), summary);
            assertEquals(8_000, result.count("sent_new_orders") + result.count("sent_cancels") +
                result.count("sent_replaces"), summary);
            assertEquals(result.count("sent_new_orders"), result.count("accepted") +
                result.count("rejected_new_orders"), summary);
            assertTrue(result.count("fills") > 0, "crossing orders trade: " + summary);
            assertTrue(result.count("canceled") > 0 && result.count("replaced") > 0, summary);
            // Overload protection may refuse orders on a busy machine (the breaker opens on queueing delay, the
            // limiters throttle): that is the node protecting itself, not a flow that misfits the instrument. Every
            // other reject of a new order would be the generator's flow breaking the instrument's rules or limits.
            final long overloadRejects = result.rejectsByReason.getOrDefault("MARKET_PROTECTION", 0L) +
                result.rejectsByReason.getOrDefault("THROTTLED", 0L) + result.rejectsByReason.getOrDefault("BUSY", 0L);
            assertTrue((result.count("rejected_new_orders") - overloadRejects) * 100 < result.count("sent_new_orders"),
                "the order flow fits the server's instrument and limits: " + summary);
            assertTrue(result.ackLatency.getTotalCount() > 0 && result.firstFillLatency.getTotalCount() > 0);
            // Not a speed bound: a quiet run's median is about 0.2 ms, 1 s is over 1,000x that; it catches unit and
            // clock mistakes. The latency figures themselves are measured by `arbiter loadgen` (docs/loadgen.md).
            assertTrue(result.ackLatency.getValueAtPercentile(50) < TimeUnit.SECONDS.toNanos(1), summary);
        }
    }

    @Test
    void shouldCarry2000ConnectionsOnOneEventLoop() throws Exception
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults()
            .port(0).marketDataPort(0)
            .adminPort(0)
            .dataDir(dataDir.toString())
            .maxConnections(4096)
            .maxConnectionsPerAddress(4096)
            .egressBufferBytes(64 * 1024);
        try (ArbiterNode node = new ArbiterNode(context).start())
        {
            final LoadGeneratorConfig config = new LoadGeneratorConfig()
                .host("127.0.0.1")
                .port(node.port())
                .connections(2_000)
                .rate(4_000)
                .warmupNs(TimeUnit.SECONDS.toNanos(1))
                .durationNs(TimeUnit.SECONDS.toNanos(3))
                .ioThreads(1)
                .seed(12)
                .progress(false);
            final LoadResult result = new LoadGenerator(config, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();
            final String summary = result.summaryTable();
            System.out.println(summary);

            assertEquals(2_000, result.count("connections_logged_on"), summary);
            assertEquals(0, result.errors(), summary);
            assertEquals(16_000, result.count("sent_new_orders") + result.count("sent_cancels") +
                result.count("sent_replaces"), summary);
            assertEquals(2_000, result.perConnectionAcks.length);
        }
    }
}
