package io.arbiter.server.gateway;

import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starting and closing nodes in one JVM (tests, {@code arbiter demo}, {@code bench e2e}) must not keep their pools
 * alive: a closed node leaves nothing reachable behind. Each default node holds ~34 MB of ring and pools; registering
 * every node with Prometheus's JVM metrics kept them all (8 cycles: +268 MB).
 */
@Tag("slow")
class NodeRestartMemorySystemTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldReleaseANodesMemoryWhenItCloses() throws Exception
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        cycle(0);
        final long before = usedAfterGc(memory);
        for (int i = 1; i <= 8; i++)
        {
            cycle(i);
            System.err.printf("node %d closed: heap used %d MB%n", i, usedAfterGc(memory) >> 20);
        }
        final long after = usedAfterGc(memory);
        assertTrue(after - before < 64L << 20,
            "heap grew by " + ((after - before) >> 20) + " MB over 8 node start/close cycles");
    }

    private void cycle(final int i) throws Exception
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults()
            .port(0).marketDataPort(0)
            .adminPort(0)
            .dataDir(dataDir.resolve("node-" + i).toString());
        final ArbiterNode node = new ArbiterNode(context).start();
        try (TestClient client = new TestClient(node.port()))
        {
            assertTrue(client.logon("demo1", "demo1-secret").hasLogonAck());
        }
        node.close();
    }

    private static long usedAfterGc(final MemoryMXBean memory) throws InterruptedException
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
