package io.arbiter.client;

import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.testsupport.FakeArbiterServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArbiterClientTest
{
    /** Liveness only: answers arrive within milliseconds on a quiet machine; 30 s is far beyond 10x that. */
    private static final long TIMEOUT_MS = 30_000;
    /** A heartbeat interval whose timer never ticks during a test (its first slice is ~112 s away). */
    private static final int ONE_HOUR_MS = 3_600_000;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final ClientListener recorder = new ClientListener()
    {
        @Override
        public void onLogonAck(final ArbiterClient client, final long sessionId, final int hb, final long accountId)
        {
            events.add("ack " + sessionId + " " + hb + " " + accountId);
        }

        @Override
        public void onLogonReject(final ArbiterClient client, final LogonRejectReason reason, final CharSequence text)
        {
            events.add("logonReject " + reason + " " + text);
        }

        @Override
        public void onAccepted(
            final ArbiterClient client, final long clOrdId, final long orderId, final long clientTs,
            final int instrumentId, final long ts)
        {
            events.add("accepted " + clOrdId + " " + orderId + " " + clientTs + " " + instrumentId + " " + ts);
        }

        @Override
        public void onFill(
            final ArbiterClient client, final long clOrdId, final long orderId, final long tradeId, final long price,
            final long quantity, final long leaves, final Liquidity liquidity, final int instrumentId, final Side side,
            final long ts)
        {
            events.add("fill " + clOrdId + " " + tradeId + " " + price + " " + quantity + " " + leaves + " " +
                liquidity + " " + side);
        }

        @Override
        public void onCanceled(
            final ArbiterClient client, final long clOrdId, final long orderId, final long qty,
            final CancelReason reason, final long ts)
        {
            events.add("canceled " + clOrdId + " " + qty + " " + reason);
        }

        @Override
        public void onReplaced(
            final ArbiterClient client, final long clOrdId, final long orderId, final long price, final long qty,
            final long ts)
        {
            events.add("replaced " + clOrdId + " " + price + " " + qty);
        }

        @Override
        public void onRejected(
            final ArbiterClient client, final long clOrdId, final RejectReason reason, final RequestType type,
            final long clientTs, final long ts, final CharSequence text)
        {
            events.add("rejected " + clOrdId + " " + reason + " " + type + " " + clientTs + " " + text);
        }

        @Override
        public void onLogout(final ArbiterClient client)
        {
            events.add("logout");
        }

        @Override
        public void onDisconnected(final ArbiterClient client, final Throwable cause)
        {
            events.add("disconnected");
        }
    };

    private FakeArbiterServer server;
    private ClientContext context;

    @AfterEach
    void tearDown() throws Exception
    {
        if (context != null)
        {
            context.close();
        }
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void shouldLogOnAndReceiveAck() throws Exception
    {
        final ArbiterClient client = connect(1, 30_000);

        final LogonResult result = client.logon("alice", "secret").get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

        assertTrue(result.accepted());
        assertEquals(77, result.sessionId());
        assertEquals(5, result.accountId());
        assertEquals(30_000, result.heartbeatIntervalMs());
        assertEquals("ack 77 30000 5", next());
        assertEquals(ArbiterClient.State.LOGGED_ON, client.state());
        final ClientMessage logon = server.received(0);
        assertEquals("alice", logon.getLogon().getAccount());
        assertEquals("secret", logon.getLogon().getSecret().toStringUtf8());
        assertEquals(1, logon.getLogon().getProtocolVersion());
    }

    @Test
    void shouldReportLogonRejectAndDisconnect() throws Exception
    {
        final ArbiterClient client = connect(1, 30_000);

        final LogonResult result = client.logon("alice", "bad").get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

        assertFalse(result.accepted());
        assertEquals(LogonRejectReason.INVALID_CREDENTIALS, result.rejectReason());
        assertEquals("bad secret", result.text());
        assertEquals("logonReject INVALID_CREDENTIALS bad secret", next());
        assertEquals("disconnected", next());
        assertFalse(client.sendCancel(1, 1), "no orders after a rejected logon");
    }

    @Test
    void shouldRefuseOrdersBeforeLogon() throws Exception
    {
        final ArbiterClient client = connect(1, 30_000);

        assertFalse(client.sendNewOrder(1, "X", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 1,
            SelfTradePrevention.STP_NONE, 0));
    }

    @Test
    void shouldDecodeExecutionReports() throws Exception
    {
        final ArbiterClient client = connect(1, 30_000);
        client.logon("alice", "secret").get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        next();

        client.sendNewOrder(41, "BTC-USD", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 6_500_000_000_000L,
            FakeArbiterServer.ORDER_FILLS, SelfTradePrevention.STP_CANCEL_TAKER, 123_456_789_012L);
        client.sendNewOrder(42, "BTC-USD", Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            FakeArbiterServer.PRICE_REJECTED, 1, SelfTradePrevention.STP_NONE, -5L);
        client.sendCancel(43, 1);
        client.sendReplace(44, 99, 3, 2);

        assertEquals("accepted 41 1001 123456789012 3 11", next());
        assertEquals("fill 41 1 6500000000000 7 0 TAKER SELL", next());
        assertEquals("rejected 42 INVALID_PRICE REQUEST_NEW_ORDER -5 price 13 is unlucky", next());
        assertEquals("canceled 43 4 USER", next());
        assertEquals("replaced 44 99 3", next());
        final ClientMessage order = server.received(1);
        assertEquals("BTC-USD", order.getNewOrder().getSymbol());
        assertEquals(SelfTradePrevention.STP_CANCEL_TAKER, order.getNewOrder().getStp());
        assertEquals(5, client.counters().accepted() + client.counters().fills() + client.counters().rejected() +
            client.counters().canceled() + client.counters().replaced());
    }

    @Test
    void shouldHoldMessagesUntilBatchIsFullOrFlushed() throws Exception
    {
        final ArbiterClient client = connect(10, 30_000);
        client.logon("alice", "secret").get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        next();

        for (int i = 1; i <= 3; i++)
        {
            client.sendCancel(i, i);
        }
        Thread.sleep(200);
        assertEquals(0, server.count(ClientMessage.BodyCase.CANCEL), "nothing written before the batch is full");
        final long flushesBefore = client.flushes();

        client.flush();
        awaitTrue(() -> server.count(ClientMessage.BodyCase.CANCEL) == 3);
        for (int i = 4; i <= 23; i++)
        {
            client.sendCancel(i, i);
        }
        awaitTrue(() -> server.count(ClientMessage.BodyCase.CANCEL) == 23);

        assertEquals(flushesBefore + 3, client.flushes(), "one explicit flush and two auto-flushes of 10");
    }

    @Test
    void shouldSendHeartbeatsWhenIdle() throws Exception
    {
        final ArbiterClient client = connect(1, 100);
        client.logon("alice", "secret").get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

        awaitTrue(() -> server.count(ClientMessage.BodyCase.HEARTBEAT) >= 3);

        assertEquals(ArbiterClient.State.LOGGED_ON, client.state());
        assertTrue(client.counters().heartbeats() >= 1, "the fake server answers each heartbeat");
    }

    @Test
    void shouldHeartbeatOnTheSecondSilentTickOnlyWhenNothingWasSent() throws Exception
    {
        final ArbiterClient client = connect(1, ONE_HOUR_MS);
        client.logon("alice", "secret").get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        next();
        final long afterLogon = client.messagesSent();

        tick(client);
        assertEquals(afterLogon, client.messagesSent(), "the logon was sent since the start");
        tick(client);
        assertEquals(afterLogon + 1, client.messagesSent(), "silent for a whole interval: one heartbeat");

        assertTrue(client.sendCancel(1, 1));
        tick(client);
        assertEquals(afterLogon + 2, client.messagesSent(), "a cancel was sent in the last half interval");
        tick(client);
        assertEquals(afterLogon + 3, client.messagesSent(), "silent again for an interval: a heartbeat");
        awaitTrue(() -> server.count(ClientMessage.BodyCase.HEARTBEAT) == 2);
    }

    @Test
    void shouldShareOneTimerAmongTheClientsOfAnEventLoop() throws Exception
    {
        final ArbiterClient first = connect(1, ONE_HOUR_MS);
        final ArbiterClient second =
            context.connect("127.0.0.1", server.port(), recorder).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        first.logon("alice", "secret").get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        second.logon("bob", "secret").get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertTrue(first.eventLoop() == second.eventLoop(), "one I/O thread");
        final HeartbeatTimer timer =
            context.heartbeatTimer(first.eventLoop(), TimeUnit.MILLISECONDS.toNanos(ONE_HOUR_MS / 2));

        assertEquals(2, onLoop(first, timer::size));
        assertTrue(onLoop(first, timer::isScheduled));

        first.close().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        awaitTrue(() -> onLoop(second, timer::size) == 1);
        second.close().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        awaitTrue(() -> onLoop(second, timer::size) == 0);
        assertFalse(onLoop(second, timer::isScheduled), "no task while no client is logged on");
    }

    @Test
    void shouldAnswerLogoutAndReportDisconnect() throws Exception
    {
        final ArbiterClient client = connect(1, 30_000);
        client.logon("alice", "secret").get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        next();

        assertTrue(client.sendLogout());

        assertEquals("logout", next());
        assertEquals("disconnected", next());
        assertEquals(ArbiterClient.State.CLOSED, client.state());
    }

    @Test
    void shouldReportDisconnectWhenServerDrops() throws Exception
    {
        final ArbiterClient client = connect(1, 30_000);
        client.logon("alice", "secret").get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        next();

        server.closeAllConnections();

        assertEquals("disconnected", next());
        assertFalse(client.sendCancel(1, 1));
    }

    private ArbiterClient connect(final int batch, final int heartbeatMs) throws Exception
    {
        server = new FakeArbiterServer(heartbeatMs);
        context = ClientContext.builder().autoFlushBatchSize(batch).heartbeatIntervalMs(heartbeatMs).build();
        return context.connect("127.0.0.1", server.port(), recorder).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private static void tick(final ArbiterClient client) throws Exception
    {
        onLoop(client, () ->
        {
            client.onHeartbeatTick();
            return null;
        });
    }

    private static <T> T onLoop(final ArbiterClient client, final Callable<T> call)
    {
        try
        {
            return client.eventLoop().submit(call).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private String next() throws InterruptedException
    {
        final String event = events.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertTrue(event != null, "no event within " + TIMEOUT_MS + " ms");
        return event;
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, "condition not met within " + TIMEOUT_MS + " ms");
            Thread.sleep(5);
        }
    }
}
