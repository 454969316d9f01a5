package io.arbiter.loadgen;

import io.arbiter.fix.FixAcceptor;
import io.arbiter.server.ArbiterNode;
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

/**
 * Smoke test of {@code arbiter loadgen --protocol fix}: a short open-loop FIX run through QuickFIX/J initiators
 * against a node with its FIX acceptor, counted and measured like a binary run.
 */
@Tag("slow")
class FixLoadGeneratorSystemTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldRunAShortFixLoadWithEveryOrderAnswered() throws Exception
    {
        final FixAcceptor fix = new FixAcceptor();
        try (ArbiterNode node = new ArbiterNode(new ServerConfigLoader().loadDefaults().port(0).marketDataPort(0)
            .adminPort(-1).fixPort(0).overloadEnabled(false).dataDir(dataDir.toString())).extension(fix).start())
        {
            final LoadGeneratorConfig config = new LoadGeneratorConfig()
                .host("127.0.0.1")
                .port(fix.port())
                .fix(true, "ARBITER")
                .connections(100)
                .rate(300)
                .warmupNs(TimeUnit.SECONDS.toNanos(1))
                .durationNs(TimeUnit.SECONDS.toNanos(2))
                // liveness only: a quiet run answers the last order within milliseconds; a starved machine may
                // hold FIX reports for seconds, and an unanswered order would be counted as an error
                .drainTimeoutNs(TimeUnit.SECONDS.toNanos(60))
                .seed(7)
                .progress(false);
            final LoadResult result = new LoadGenerator(config, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();
            final String summary = result.summaryTable();
            System.out.println(summary);

            assertEquals("fix", result.config.get("protocol"), summary);
            assertEquals(4, result.count("connections_logged_on"), "one session per default account: " + summary);
            assertEquals(0, result.errors(), summary);
            assertEquals(900, result.count("sent_new_orders") + result.count("sent_cancels") +
                result.count("sent_replaces"), summary);
            assertEquals(result.count("sent_new_orders"), result.count("accepted") +
                result.count("rejected_new_orders"), summary);
            assertEquals(0, result.count("rejected_new_orders"), "the flow fits the instrument: " + summary);
            assertTrue(result.count("fills") > 0, "crossing orders trade: " + summary);
            assertTrue(result.count("canceled") > 0 && result.count("replaced") > 0, summary);
            assertTrue(result.ackLatency.getTotalCount() > 0 && result.firstFillLatency.getTotalCount() > 0, summary);
            assertEquals(4, result.perConnectionAcks.length, summary);
            assertEquals(0, node.handlerErrors(), "matching handler threw");
        }
    }
}
