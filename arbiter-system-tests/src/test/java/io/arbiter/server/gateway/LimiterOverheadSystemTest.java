package io.arbiter.server.gateway;

import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.TestClient;
import org.HdrHistogram.Histogram;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End-to-end round trip over loopback (one session, one IOC order at a time, NewOrder to Accepted) with the limiter
 * on (budgets too generous to throttle) and off, alternating rounds; prints the figures quoted in
 * docs/benchmarks.md. Asserts that a generous limiter admits every order.
 */
@Tag("slow")
class LimiterOverheadSystemTest
{
    private static final int ORDERS = 10_000;
    private static final int ROUNDS = 3;

    @TempDir
    Path journalDir;

    @Test
    void shouldAdmitEveryOrderUnderAGenerousLimiterAndReportRoundTrips() throws Exception
    {
        final Histogram on = new Histogram(10_000_000_000L, 3);
        final Histogram off = new Histogram(10_000_000_000L, 3);
        long onNs = 0;
        long offNs = 0;
        for (int round = 0; round < ROUNDS + 1; round++)
        {
            final boolean warmup = round == 0;
            onNs += run(true, warmup ? new Histogram(10_000_000_000L, 3) : on) * (warmup ? 0 : 1);
            offNs += run(false, warmup ? new Histogram(10_000_000_000L, 3) : off) * (warmup ? 0 : 1);
        }
        System.out.printf("limiter on : %,d round trips, p50 %.1f us, p99 %.1f us, p99.9 %.1f us, %.0f orders/s%n",
            on.getTotalCount(), on.getValueAtPercentile(50) / 1e3, on.getValueAtPercentile(99) / 1e3,
            on.getValueAtPercentile(99.9) / 1e3, ROUNDS * ORDERS * 1e9 / onNs);
        System.out.printf("limiter off: %,d round trips, p50 %.1f us, p99 %.1f us, p99.9 %.1f us, %.0f orders/s%n",
            off.getTotalCount(), off.getValueAtPercentile(50) / 1e3, off.getValueAtPercentile(99) / 1e3,
            off.getValueAtPercentile(99.9) / 1e3, ROUNDS * ORDERS * 1e9 / offNs);
        assertEquals((long)ROUNDS * ORDERS, on.getTotalCount());
        assertEquals((long)ROUNDS * ORDERS, off.getTotalCount());
    }

    private long run(final boolean limiter, final Histogram histogram) throws Exception
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults()
            .dataDir(journalDir.toString()).port(0).marketDataPort(0).adminPort(-1)
            .overloadEnabled(limiter);
        context.overload().burstCapacity(1_000_000).refillRatePerSecond(10_000_000).drainRatePerSecond(10_000_000);
        try (ArbiterNode node = new ArbiterNode(context).start(); TestClient client = new TestClient(node.port()))
        {
            assertTrue(client.logon("demo1", "demo1-secret").hasLogonAck());
            final long start = System.nanoTime();
            for (int i = 1; i <= ORDERS; i++)
            {
                final long t0 = System.nanoTime();
                client.send(limit(i, "BTC-USD", Side.BUY, TimeInForce.IOC, 100 * UNIT, 1));
                final ServerMessage reply = client.receiveNonHeartbeat();
                histogram.recordValue(System.nanoTime() - t0);
                assertTrue(reply.hasAccepted(), reply.toString());
                assertTrue(client.receiveNonHeartbeat().hasCanceled());
            }
            return System.nanoTime() - start;
        }
    }
}
