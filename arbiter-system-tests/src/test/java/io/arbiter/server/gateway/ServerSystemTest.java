package io.arbiter.server.gateway;

import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Heartbeat;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.AdminHttp;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.cancel;
import static io.arbiter.testsupport.TestClient.limit;
import static io.arbiter.testsupport.TestClient.market;
import static io.arbiter.testsupport.TestClient.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class ServerSystemTest
{
    private static final String BTC = "BTC-USD";
    private ArbiterNode node;
    @TempDir
    Path dataDir;

    private ArbiterNode start(final ServerContext context) throws InterruptedException
    {
        node = new ArbiterNode(
            context.port(0).marketDataPort(0)
                .adminPort(0).adminToken(AdminHttp.TOKEN).dataDir(dataDir.toString())).start();
        return node;
    }

    /**
     * @return the node's embedded defaults; a subclass runs every test here on other settings.
     */
    ServerContext defaults()
    {
        return new ServerConfigLoader().loadDefaults();
    }

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
    void shouldLogOnAndRejectBadCredentials() throws Exception
    {
        start(defaults());
        try (TestClient ok = new TestClient(node.port());
            TestClient wrongSecret = new TestClient(node.port());
            TestClient unknown = new TestClient(node.port()))
        {
            final ServerMessage ack = ok.logon("demo1", "demo1-secret");
            assertTrue(ack.hasLogonAck(), ack.toString());
            assertEquals(1, ack.getLogonAck().getAccountId());

            final ServerMessage reject = wrongSecret.logon("demo1", "nope");
            assertEquals(LogonRejectReason.INVALID_CREDENTIALS, reject.getLogonReject().getReason());
            assertNull(wrongSecret.receive());

            assertEquals(LogonRejectReason.INVALID_CREDENTIALS,
                unknown.logon("nobody", "demo1-secret").getLogonReject().getReason());
            assertNull(unknown.receive());
        }
    }

    @Test
    void shouldRefuseAnythingBeforeLogon() throws Exception
    {
        start(defaults());
        try (TestClient client = new TestClient(node.port()))
        {
            client.send(limit(1, BTC, Side.BUY, TimeInForce.GTC, 100 * UNIT, 1));
            final ServerMessage error = client.receive();
            assertEquals(ProtocolErrorCode.NOT_LOGGED_ON_ERROR, error.getProtocolError().getCode());
            assertNull(client.receive());
        }
    }

    @Test
    void shouldTradeEveryOrderTypeAndKeepAccountsIsolated() throws Exception
    {
        start(defaults());
        try (TestClient maker = new TestClient(node.port()); TestClient taker = new TestClient(node.port()))
        {
            maker.logon("demo1", "demo1-secret");
            taker.logon("demo2", "demo2-secret");

            maker.send(limit(1, BTC, Side.SELL, TimeInForce.GTC, 100 * UNIT, 5));
            final ServerMessage accepted = maker.receiveNonHeartbeat();
            assertEquals(1, accepted.getAccepted().getClientOrderId());
            assertEquals(10, accepted.getAccepted().getClientTimestampNs());
            final long makerOrderId = accepted.getAccepted().getOrderId();

            taker.send(limit(7, BTC, Side.BUY, TimeInForce.IOC, 101 * UNIT, 2));
            assertEquals(7, taker.receiveNonHeartbeat().getAccepted().getClientOrderId());
            final ServerMessage takerFill = taker.receiveNonHeartbeat();
            assertEquals(100 * UNIT, takerFill.getFill().getPrice());
            assertEquals(2, takerFill.getFill().getQuantity());
            assertEquals(0, takerFill.getFill().getLeavesQuantity());
            assertEquals(Liquidity.TAKER, takerFill.getFill().getLiquidity());
            final ServerMessage makerFill = maker.receiveNonHeartbeat();
            assertEquals(1, makerFill.getFill().getClientOrderId());
            assertEquals(makerOrderId, makerFill.getFill().getOrderId());
            assertEquals(3, makerFill.getFill().getLeavesQuantity());
            assertEquals(Liquidity.MAKER, makerFill.getFill().getLiquidity());
            assertEquals(takerFill.getFill().getTradeId(), makerFill.getFill().getTradeId());

            taker.send(market(8, BTC, Side.BUY, TimeInForce.IOC, 5));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertEquals(3, taker.receiveNonHeartbeat().getFill().getQuantity());
            final ServerMessage iocRest = taker.receiveNonHeartbeat();
            assertEquals(CancelReason.IOC_REMAINDER, iocRest.getCanceled().getReason());
            assertEquals(2, iocRest.getCanceled().getCanceledQuantity());
            assertEquals(0, maker.receiveNonHeartbeat().getFill().getLeavesQuantity());

            taker.send(limit(9, BTC, Side.BUY, TimeInForce.FOK, 100 * UNIT, 1));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertEquals(CancelReason.FOK_KILLED, taker.receiveNonHeartbeat().getCanceled().getReason());

            maker.send(limit(2, BTC, Side.BUY, TimeInForce.GTC, 99 * UNIT, 4));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            taker.send(limit(10, BTC, Side.SELL, TimeInForce.POST_ONLY, 99 * UNIT, 1));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertEquals(CancelReason.POST_ONLY_WOULD_CROSS, taker.receiveNonHeartbeat().getCanceled().getReason());

            maker.send(replace(2, 98 * UNIT, 3));
            final ServerMessage replaced = maker.receiveNonHeartbeat();
            assertEquals(98 * UNIT, replaced.getReplaced().getPrice());
            assertEquals(3, replaced.getReplaced().getQuantity());
            maker.send(cancel(2));
            final ServerMessage canceled = maker.receiveNonHeartbeat();
            assertEquals(CancelReason.USER, canceled.getCanceled().getReason());
            assertEquals(3, canceled.getCanceled().getCanceledQuantity());

            maker.send(limit(3, BTC, Side.BUY, TimeInForce.GTC, 100 * UNIT + 1, 1));
            assertEquals(RejectReason.INVALID_PRICE, maker.receiveNonHeartbeat().getRejected().getReason());
            maker.send(limit(4, "NOPE-USD", Side.BUY, TimeInForce.GTC, 100 * UNIT, 1));
            assertEquals(RejectReason.UNKNOWN_SYMBOL, maker.receiveNonHeartbeat().getRejected().getReason());
            maker.send(cancel(2));
            assertEquals(RejectReason.UNKNOWN_CLIENT_ORDER_ID, maker.receiveNonHeartbeat().getRejected().getReason());
            maker.send(limit(5, BTC, Side.BUY, TimeInForce.GTC, 90 * UNIT, 1));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            maker.send(limit(5, BTC, Side.BUY, TimeInForce.GTC, 90 * UNIT, 1));
            final ServerMessage duplicate = maker.receiveNonHeartbeat();
            assertEquals(RejectReason.DUPLICATE_CLIENT_ORDER_ID, duplicate.getRejected().getReason());
            assertEquals(50, duplicate.getRejected().getClientTimestampNs());

            taker.send(cancel(5));
            assertEquals(RejectReason.UNKNOWN_CLIENT_ORDER_ID, taker.receiveNonHeartbeat().getRejected().getReason());
            assertTrue(maker.silentFor(200));
            assertTrue(taker.silentFor(50));
        }
    }

    @Test
    void shouldCloseOnMalformedAndOversizedFramesWithoutHurtingOthers() throws Exception
    {
        start(defaults());
        try (TestClient good = new TestClient(node.port());
            TestClient malformed = new TestClient(node.port());
            TestClient oversized = new TestClient(node.port()))
        {
            good.logon("demo1", "demo1-secret");
            malformed.logon("demo2", "demo2-secret");
            oversized.logon("demo3", "demo3-secret");

            malformed.sendRaw(new byte[]{3, (byte)0xFF, (byte)0xFF, (byte)0xFF});
            assertEquals(ProtocolErrorCode.MALFORMED_MESSAGE,
                malformed.receiveNonHeartbeat().getProtocolError().getCode());
            assertNull(malformed.receive());

            oversized.sendRaw(new byte[]{(byte)0x80, (byte)0x80, 0x01});
            assertEquals(ProtocolErrorCode.FRAME_TOO_LARGE,
                oversized.receiveNonHeartbeat().getProtocolError().getCode());
            assertNull(oversized.receive());

            good.send(limit(1, BTC, Side.BUY, TimeInForce.GTC, 100 * UNIT, 1));
            assertTrue(good.receiveNonHeartbeat().hasAccepted());
        }
    }

    @Test
    void shouldDecodeFramesSplitAcrossReads() throws Exception
    {
        start(defaults());
        try (TestClient client = new TestClient(node.port()))
        {
            client.logon("demo1", "demo1-secret");
            final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (int i = 1; i <= 3; i++)
            {
                limit(i, BTC, Side.BUY, TimeInForce.GTC, 100 * UNIT, 1).writeDelimitedTo(bytes);
            }
            final byte[] all = bytes.toByteArray();
            for (final byte b : all)
            {
                client.sendRaw(new byte[]{b});
            }
            for (int i = 1; i <= 3; i++)
            {
                assertEquals(i, client.receiveNonHeartbeat().getAccepted().getClientOrderId());
            }
        }
    }

    @Test
    void shouldSendHeartbeatsAndCloseIdleSessions() throws Exception
    {
        start(defaults().heartbeatIntervalMs(100).idleTimeoutMs(600));
        try (TestClient client = new TestClient(node.port()))
        {
            final ServerMessage ack = client.logon("demo1", "demo1-secret");
            assertEquals(100, ack.getLogonAck().getHeartbeatIntervalMs());
            int heartbeats = 0;
            ServerMessage message;
            while ((message = client.receive()) != null && message.hasHeartbeat())
            {
                heartbeats++;
            }
            assertTrue(heartbeats >= 2, "heartbeats " + heartbeats);
            assertEquals(ProtocolErrorCode.HEARTBEAT_TIMEOUT, message.getProtocolError().getCode());
            assertNull(client.receive());
        }
    }

    @Test
    void shouldStayOpenWhileClientHeartbeats() throws Exception
    {
        start(defaults().heartbeatIntervalMs(100).idleTimeoutMs(400));
        try (TestClient client = new TestClient(node.port()))
        {
            client.logon("demo1", "demo1-secret");
            for (int i = 0; i < 8; i++)
            {
                Thread.sleep(100);
                client.send(ClientMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
            }
            client.send(limit(1, BTC, Side.BUY, TimeInForce.GTC, 100 * UNIT, 1));
            assertTrue(client.receiveNonHeartbeat().hasAccepted());
        }
    }

    @Test
    void shouldRefuseConnectionsOverThePerAddressLimit() throws Exception
    {
        start(defaults().maxConnectionsPerAddress(1));
        try (TestClient first = new TestClient(node.port()))
        {
            assertTrue(first.logon("demo1", "demo1-secret").hasLogonAck());
            try (TestClient second = new TestClient(node.port()))
            {
                assertTrue(second.receive().hasProtocolError());
                assertNull(second.receive());
            }
        }
    }

    @Test
    void shouldEnforceOpenOrderLimit() throws Exception
    {
        start(defaults().maxOpenOrdersPerAccount(2));
        try (TestClient client = new TestClient(node.port()))
        {
            client.logon("demo1", "demo1-secret");
            for (int i = 1; i <= 3; i++)
            {
                client.send(limit(i, BTC, Side.BUY, TimeInForce.GTC, 100 * UNIT, 1));
            }
            assertTrue(client.receiveNonHeartbeat().hasAccepted());
            assertTrue(client.receiveNonHeartbeat().hasAccepted());
            assertEquals(RejectReason.OPEN_ORDER_LIMIT, client.receiveNonHeartbeat().getRejected().getReason());
        }
    }

    @Test
    void shouldDeliverBatchesLargerThanOneEgressHandOver() throws Exception
    {
        final ServerContext context = defaults();
        // a 3,000-order burst from one session: far beyond the default limiter, which is not under test here
        context.overload().burstCapacity(10_000).refillRatePerSecond(1_000_000).drainRatePerSecond(1_000_000);
        start(context);
        final int makers = 3_000;
        try (TestClient maker = new TestClient(node.port()); TestClient taker = new TestClient(node.port()))
        {
            maker.logon("demo1", "demo1-secret");
            taker.logon("demo2", "demo2-secret");
            for (int i = 1; i <= makers; i++)
            {
                maker.sendNoFlush(limit(i, BTC, Side.SELL, TimeInForce.GTC, 100 * UNIT, 1));
            }
            maker.flush();
            for (int i = 1; i <= makers; i++)
            {
                assertEquals(i, maker.receiveNonHeartbeat().getAccepted().getClientOrderId());
            }
            taker.send(limit(1, BTC, Side.BUY, TimeInForce.IOC, 100 * UNIT, makers));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            for (int i = 1; i <= makers; i++)
            {
                final ServerMessage takerFill = taker.receiveNonHeartbeat();
                assertEquals(makers - i, takerFill.getFill().getLeavesQuantity());
                final ServerMessage makerFill = maker.receiveNonHeartbeat();
                assertEquals(i, makerFill.getFill().getClientOrderId());
            }
        }
    }

    @Test
    void shouldAnswerHealthAndReadiness() throws Exception
    {
        start(defaults());
        assertEquals(200, AdminHttp.status(node.adminPort(), "/health"));
        assertEquals(200, AdminHttp.status(node.adminPort(), "/ready"));
        assertEquals(404, AdminHttp.status(node.adminPort(), "/nope"));
    }

    @Test
    void shouldDeliverEveryReplyWhenShuttingDownWithOrdersInFlight() throws Exception
    {
        start(defaults());
        final int orders = 5_000;
        try (TestClient client = new TestClient(node.port()))
        {
            client.logon("demo1", "demo1-secret");
            for (int i = 1; i <= orders; i++)
            {
                client.sendNoFlush(limit(i, BTC, i % 2 == 0 ? Side.BUY : Side.SELL, TimeInForce.GTC,
                    (100 + i % 3) * UNIT, 1));
            }
            client.flush();
            Thread.sleep(5);
            final Thread closer = new Thread(node::close);
            closer.start();

            final Set<Long> answered = new HashSet<>();
            ServerMessage message;
            while ((message = client.receive()) != null)
            {
                if (message.hasAccepted())
                {
                    assertTrue(answered.add(message.getAccepted().getClientOrderId()));
                }
                else if (message.hasRejected())
                {
                    assertTrue(answered.add(message.getRejected().getClientOrderId()));
                }
            }
            closer.join();
            assertEquals(ArbiterNode.State.STOPPED, node.state());
            final long processedOrders = node.processedCount() - 1;
            assertTrue(answered.size() >= processedOrders,
                "answered " + answered.size() + " of " + processedOrders + " processed");
            assertTrue(answered.size() > 0);
            for (long id = 1; id <= answered.size(); id++)
            {
                assertTrue(answered.contains(id), "no reply for order " + id + " but for a later one");
            }
        }
    }

    @Test
    void shouldRecoverRestingOrdersAndTheirIdsAfterRestart() throws Exception
    {
        final long restingId;
        final String stateBefore;
        start(defaults().cancelOnDisconnect(false));
        try (TestClient maker = new TestClient(node.port()))
        {
            maker.logon("demo1", "demo1-secret");
            maker.send(limit(1, BTC, Side.SELL, TimeInForce.GTC, 100 * UNIT, 5));
            restingId = maker.receiveNonHeartbeat().getAccepted().getOrderId();
            maker.send(limit(2, BTC, Side.SELL, TimeInForce.GTC, 102 * UNIT, 3));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            maker.send(cancel(2));
            assertTrue(maker.receiveNonHeartbeat().hasCanceled());
        }
        assertEquals(200, AdminHttp.status(node.adminPort(), "/admin/snapshot", "POST", AdminHttp.BEARER));
        stateBefore = AdminHttp.body(node.adminPort(), "/admin/state");
        assertTrue(stateBefore.contains("\"openOrders\":1"), stateBefore);
        node.close();
        assertEquals(0, node.handlerErrors());
        assertTrue(Files.list(dataDir).anyMatch(f -> f.getFileName().toString().endsWith(".snap")));

        start(defaults().cancelOnDisconnect(false));
        assertEquals(stateBefore, AdminHttp.body(node.adminPort(), "/admin/state"));
        try (TestClient taker = new TestClient(node.port()))
        {
            taker.logon("demo2", "demo2-secret");
            taker.send(limit(9, BTC, Side.BUY, TimeInForce.IOC, 101 * UNIT, 2));
            final ServerMessage accepted = taker.receiveNonHeartbeat();
            assertTrue(accepted.getAccepted().getOrderId() > restingId, accepted.toString());
            final ServerMessage fill = taker.receiveNonHeartbeat();
            assertEquals(100 * UNIT, fill.getFill().getPrice());
            assertEquals(2, fill.getFill().getQuantity());
        }
        assertEquals(405, AdminHttp.status(node.adminPort(), "/admin/snapshot"));
    }
}
