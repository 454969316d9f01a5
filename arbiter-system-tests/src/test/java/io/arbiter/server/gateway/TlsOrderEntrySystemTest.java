package io.arbiter.server.gateway;

import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientContext;
import io.arbiter.client.ClientListener;
import io.arbiter.client.LogonResult;
import io.arbiter.client.MarketDataClient;
import io.arbiter.marketdata.LevelBook;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import io.arbiter.testsupport.AdminHttp;
import io.arbiter.testsupport.TestCertificates;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Order entry and the market-data feed over TLS with the test-only certificates of arbiter-test-support: Java clients
 * that trust the test CA log on and trade, and subscribe to the feed; a plaintext client on either TLS port is
 * disconnected and the node stays healthy; a client that does not trust the CA cannot connect.
 */
@Tag("slow")
class TlsOrderEntrySystemTest
{
    /** Liveness bound only: a quiet run answers within milliseconds. */
    private static final long TIMEOUT_S = 30;

    private ArbiterNode node;
    private ClientContext clients;
    @TempDir
    Path dir;

    private void start() throws Exception
    {
        TestCertificates.writeTo(dir);
        final ServerContext context = new ServerConfigLoader().loadDefaults()
            .tlsEnabled(true)
            .tlsCertificateFile(dir.resolve(TestCertificates.SERVER_CERTIFICATE).toString())
            .tlsPrivateKeyFile(dir.resolve(TestCertificates.SERVER_KEY).toString());
        context.ringSize(1024).orderPoolSize(1024).levelPoolSize(256).journalEnabled(false);
        node = new ArbiterNode(context.port(0).marketDataPort(0)
            .adminPort(0).dataDir(dir.resolve("data").toString())).start();
    }

    @AfterEach
    void tearDown()
    {
        if (clients != null)
        {
            clients.close();
        }
        if (node != null)
        {
            node.close();
            assertEquals(0, node.handlerErrors());
        }
    }

    @Test
    void shouldTradeOverTlsAndDisconnectAPlaintextClient() throws Exception
    {
        start();
        clients = ClientContext.builder().tlsTrustFile(dir.resolve(TestCertificates.CA)).build();
        final Recorder makerEvents = new Recorder();
        final Recorder takerEvents = new Recorder();
        final ArbiterClient maker = logon(makerEvents, "demo1");
        final ArbiterClient taker = logon(takerEvents, "demo2");

        assertTrue(maker.sendNewOrder(1, "BTC-USD", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 5,
            SelfTradePrevention.STP_NONE, 0));
        maker.flush();
        assertEquals("accepted 1", makerEvents.next());
        assertTrue(taker.sendNewOrder(7, "BTC-USD", Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 100 * UNIT, 2,
            SelfTradePrevention.STP_NONE, 0));
        taker.flush();
        assertEquals("accepted 7", takerEvents.next());
        assertEquals("fill 7 qty 2 TAKER", takerEvents.next());
        assertEquals("fill 1 qty 2 MAKER", makerEvents.next());

        try (TestClient plaintext = new TestClient(node.port()))
        {
            plaintext.send(limit(1, "BTC-USD", io.arbiter.protocol.proto.Side.BUY,
                io.arbiter.protocol.proto.TimeInForce.GTC, 100 * UNIT, 1));
            assertEndOfStream(plaintext);
        }
        assertEquals(200, AdminHttp.status(node.adminPort(), "/health"));
        assertEquals(200, AdminHttp.status(node.adminPort(), "/ready"));
        assertTrue(taker.sendNewOrder(8, "BTC-USD", Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 100 * UNIT, 1,
            SelfTradePrevention.STP_NONE, 0));
        taker.flush();
        assertEquals("accepted 8", takerEvents.next(), "the TLS sessions still trade");
    }

    @Test
    void shouldRefuseAClientThatDoesNotTrustTheServer() throws Exception
    {
        start();
        // test-only: a CA certificate (its key thrown away) that signed nothing the server has
        final Path unrelated = dir.resolve("unrelated-ca.pem");
        try (var in = TlsOrderEntrySystemTest.class.getResourceAsStream("/tls/unrelated-ca.pem"))
        {
            java.nio.file.Files.copy(in, unrelated);
        }
        clients = ClientContext.builder().tlsTrustFile(unrelated).build();
        final Recorder events = new Recorder();
        final ArbiterClient client = clients.connect("127.0.0.1", node.port(), events).get(TIMEOUT_S, TimeUnit.SECONDS);
        final ExecutionException failure = assertThrows(ExecutionException.class,
            () -> client.logon("demo1", "demo1-secret").get(TIMEOUT_S, TimeUnit.SECONDS));
        assertNotNull(failure.getCause());
        assertEquals(200, AdminHttp.status(node.adminPort(), "/health"));
    }

    @Test
    void shouldServeTheFeedOverTlsAndDisconnectAPlaintextSubscriber() throws Exception
    {
        start();
        final BlockingQueue<String> secure = new LinkedBlockingQueue<>();
        final BlockingQueue<String> plain = new LinkedBlockingQueue<>();
        try (MarketDataClient subscriber = MarketDataClient.connect("127.0.0.1", node.marketDataPort(),
                feedRecorder(secure), dir.resolve(TestCertificates.CA));
            MarketDataClient plaintext = MarketDataClient.connect("127.0.0.1", node.marketDataPort(),
                feedRecorder(plain)))
        {
            subscriber.subscribe(java.util.List.of("BTC-USD"), 0, false);
            plaintext.subscribe(java.util.List.of("BTC-USD"), 0, false);
            assertEquals("snapshot BTC-USD bids [] asks []", secure.poll(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals("disconnected", plain.poll(TIMEOUT_S, TimeUnit.SECONDS),
                "a plaintext subscriber on the TLS feed port gets nothing and is disconnected");
            assertEquals(null, secure.poll(100, TimeUnit.MILLISECONDS), "the TLS subscriber stays connected");
        }
        assertEquals(200, AdminHttp.status(node.adminPort(), "/health"));
    }

    private static MarketDataClient.Listener feedRecorder(final BlockingQueue<String> events)
    {
        return new MarketDataClient.Listener()
        {
            @Override
            public void onBook(final String symbol, final LevelBook book, final long sequence, final boolean snapshot)
            {
                events.add((snapshot ? "snapshot " : "update ") + symbol + " " + book);
            }

            @Override
            public void onDisconnected()
            {
                events.add("disconnected");
            }
        };
    }

    private ArbiterClient logon(final Recorder events, final String account) throws Exception
    {
        final ArbiterClient client = clients.connect("127.0.0.1", node.port(), events).get(TIMEOUT_S, TimeUnit.SECONDS);
        final LogonResult result;
        try
        {
            result = client.logon(account, account + "-secret").get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final CompletionException ex)
        {
            throw new AssertionError("logon over TLS failed", ex);
        }
        assertTrue(result.accepted(), result.toString());
        return client;
    }

    private static void assertEndOfStream(final TestClient client)
    {
        try
        {
            assertFalse(client.receive() != null, "a plaintext client gets no protocol message");
        }
        catch (final IOException expected)
        {
            // closed by the server: a reset is as good as an end of stream
        }
    }

    /** Collects a client's reports as short strings. */
    private static final class Recorder implements ClientListener
    {
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        String next() throws InterruptedException
        {
            final String event = events.poll(TIMEOUT_S, TimeUnit.SECONDS);
            assertNotNull(event, "no report in time");
            return event;
        }

        @Override
        public void onAccepted(
            final ArbiterClient client,
            final long clientOrderId,
            final long orderId,
            final long clientTimestampNs,
            final int instrumentId,
            final long timestampNs)
        {
            events.add("accepted " + clientOrderId);
        }

        @Override
        public void onFill(
            final ArbiterClient client,
            final long clientOrderId,
            final long orderId,
            final long tradeId,
            final long price,
            final long quantity,
            final long leavesQuantity,
            final Liquidity liquidity,
            final int instrumentId,
            final io.arbiter.protocol.proto.Side side,
            final long timestampNs)
        {
            events.add("fill " + clientOrderId + " qty " + quantity + " " + liquidity);
        }
    }
}
