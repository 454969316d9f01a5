package io.arbiter.loadgen;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuSplitTest
{
    @Test
    void shouldCountEachThreadForItsRoleByName() throws InterruptedException
    {
        final CpuSplit before = CpuSplit.now();
        final CountDownLatch burnt = new CountDownLatch(3);
        final CountDownLatch measured = new CountDownLatch(1);
        final Thread node = burner("arbiter-matching", burnt, measured);
        final Thread client = burner("arbiter-client-1-1", burnt, measured);
        final Thread other = burner("unrelated-worker", burnt, measured);
        node.start();
        client.start();
        other.start();
        burnt.await();
        final CpuSplit used = CpuSplit.now().since(before);
        measured.countDown();
        node.join();
        client.join();
        other.join();

        final Map<String, Object> figures = used.describe(1_000);
        final double nodeS = (Double)figures.get("node_cpu_s");
        final double clientS = (Double)figures.get("load_generator_cpu_s");
        final double processS = (Double)figures.get("process_cpu_s");
        // Each burner used 50 ms of its own CPU time (thread CPU time, not wall-clock, so a loaded machine does not
        // change it). No upper bound: other threads of this JVM with node or client names (event loops of earlier
        // tests) may add to the sums; which names count where is asserted on the names themselves below.
        assertTrue(nodeS >= 0.049, "the node thread burnt 50 ms: " + figures);
        assertTrue(clientS >= 0.049, "the client thread burnt 50 ms: " + figures);
        assertTrue(processS >= nodeS + clientS - 0.002, "parts of the process: " + figures);
        assertTrue(CpuSplit.isNode("arbiter-matching") && !CpuSplit.isNode("arbiter-client-1-1"),
            "the matching thread is the node's, a client event loop is not");
        assertFalse(CpuSplit.isNode("unrelated-worker") || CpuSplit.isClient("unrelated-worker"),
            "the unrelated thread is in neither");
        assertTrue(CpuSplit.isClient("arbiter-client-1-1") && !CpuSplit.isClient("arbiter-io-3-1"),
            "client event loops are the load generator's");
        assertEquals(nodeS * 1e6 / 1_000, used.nodeMicrosPerRequest(1_000), nodeS * 1e3 * 0.01 + 1);
        assertTrue(used.cores() > 0);
    }

    @Test
    void shouldLeavePerRequestFiguresEmptyWithoutRequests()
    {
        final CpuSplit used = CpuSplit.now().since(CpuSplit.now());
        assertTrue(Double.isNaN(used.nodeMicrosPerRequest(0)));
        assertNull(used.describe(0).get("node_us_per_request"));
        assertFalse(CpuSplit.isNode("arbiter-client-2-1"));
        assertTrue(CpuSplit.isNode("arbiter-io-3-1"));
        assertTrue(CpuSplit.isNode("arbiter-journal") && CpuSplit.isNode("arbiter-tracing") &&
            CpuSplit.isNode("arbiter-fix-reports"), "the node's helper threads are the node's CPU too");
    }

    /**
     * A thread that burns 50 ms of its own CPU time, then stays alive (threads that ended are not counted) until the
     * snapshot has been taken.
     */
    private static Thread burner(final String name, final CountDownLatch burnt, final CountDownLatch measured)
    {
        return new Thread(() ->
        {
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final long end = threads.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(50);
            long x = 0;
            while (threads.getCurrentThreadCpuTime() < end)
            {
                x += x * 31 + 7;
            }
            if (x == 42)
            {
                System.out.print("");
            }
            burnt.countDown();
            try
            {
                measured.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, name);
    }
}
