package io.arbiter.server.gateway;

import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.overload.CircuitBreaker;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node with {@code metrics.enabled=false}: it still matches, {@code /metrics} answers 404 "metrics disabled", and
 * the overload monitor still sees the order flow on the matching thread, so the circuit breaker trips on budget
 * exhaustion exactly as with metrics on.
 */
@Tag("slow")
class MetricsDisabledSystemTest
{
    private static final String BTC = "BTC-USD";

    @TempDir
    Path journalDir;

    private ArbiterNode node;

    @AfterEach
    void tearDown()
    {
        if (node != null)
        {
            node.close();
            assertEquals(0, node.handlerErrors(), "matching handler threw");
        }
    }

    @Test
    // Liveness only: a quiet run takes a few seconds; 300 s is far beyond 10x that.
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldMatchAndTripTheBreakerWithMetricsOffAndAnswer404OnMetrics() throws Exception
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults()
            .port(0).marketDataPort(0)
            .adminPort(0)
            .dataDir(journalDir.toString())
            .metricsEnabled(false);
        // A budget of 10 orders per 50 ms window per session: a session sending far faster uses all of it, which
        // the breaker reads as exhaustion (>= 500 permille) and opens after 300 ms of it; it stays open for 60 s.
        context.overload()
            .burstCapacity(10)
            .refillRatePerSecond(200)
            .drainRatePerSecond(200)
            .windowNs(TimeUnit.MILLISECONDS.toNanos(50))
            .exhaustionThresholdPermille(500)
            .sustainNs(TimeUnit.MILLISECONDS.toNanos(300))
            .coolDownNs(TimeUnit.SECONDS.toNanos(60));
        node = new ArbiterNode(context).start();
        assertNull(node.metrics(), "no metrics registry");

        try (TestClient maker = new TestClient(node.port()); TestClient taker = new TestClient(node.port()))
        {
            assertTrue(maker.logon("demo1", "demo1-secret").hasLogonAck());
            assertTrue(taker.logon("demo2", "demo2-secret").hasLogonAck());
            maker.send(limit(1, BTC, Side.SELL, TimeInForce.GTC, 101 * UNIT, 2));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            taker.send(limit(2, BTC, Side.BUY, TimeInForce.GTC, 101 * UNIT, 2));
            final ServerMessage accepted = taker.receiveNonHeartbeat();
            assertTrue(accepted.hasAccepted(), accepted.toString());
            final ServerMessage fill = taker.receiveNonHeartbeat();
            assertTrue(fill.hasFill(), fill.toString());
            assertEquals(2, fill.getFill().getQuantity());
            assertTrue(maker.receiveNonHeartbeat().hasFill());
        }

        final HttpURLConnection metrics = open("/metrics");
        assertEquals(404, metrics.getResponseCode());
        assertEquals(ArbiterNode.METRICS_DISABLED, body(metrics.getErrorStream()));
        final HttpURLConnection slowOrders = open("/debug/slow-orders");
        assertEquals(200, slowOrders.getResponseCode());
        assertTrue(body(slowOrders.getInputStream()).startsWith("{\"slowOrdersSeen\":0"));

        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong protection = new AtomicLong();
        Thread reader = null;
        try (TestClient flooder = new TestClient(node.port()))
        {
            assertTrue(flooder.logon("demo3", "demo3-secret").hasLogonAck());
            reader = new Thread(() -> read(flooder, running, protection), "metrics-off-reader");
            reader.start();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long id = 1_000;
            while (protection.get() == 0 && System.nanoTime() < deadlineNs)
            {
                for (int i = 0; i < 4; i++)
                {
                    flooder.sendNoFlush(ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder()
                        .setClientOrderId(id++).setSymbol(BTC).setSide(Side.BUY).setType(OrderType.LIMIT)
                        .setTimeInForce(TimeInForce.IOC).setPrice(50 * UNIT).setQuantity(1)).build());
                }
                flooder.flush();
                LockSupport.parkNanos(2_000_000);
            }
            running.set(false);
            assertEquals(CircuitBreaker.OPEN, node.overload().breaker().state(), "breaker opened on exhaustion");
            assertTrue(node.overload().breakerTrips() >= 1);
            assertTrue(protection.get() > 0, "orders refused MARKET_PROTECTION once the breaker is open");
        }
        finally
        {
            running.set(false);
            if (reader != null)
            {
                reader.join(5_000);
            }
        }
    }

    private static void read(final TestClient client, final AtomicBoolean running, final AtomicLong protection)
    {
        try
        {
            ServerMessage message;
            while ((message = client.receive()) != null)
            {
                if (message.hasRejected() && message.getRejected().getReason() == RejectReason.MARKET_PROTECTION)
                {
                    protection.incrementAndGet();
                }
            }
        }
        catch (final IOException ex)
        {
            if (running.get())
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    private HttpURLConnection open(final String path) throws IOException
    {
        return (HttpURLConnection)new URL("http://127.0.0.1:" + node.adminPort() + path).openConnection();
    }

    private static String body(final InputStream in) throws IOException
    {
        try (InputStream stream = in)
        {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
