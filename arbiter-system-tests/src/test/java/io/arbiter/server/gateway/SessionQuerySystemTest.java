package io.arbiter.server.gateway;

import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.InstrumentInfo;
import io.arbiter.protocol.proto.InstrumentListReport;
import io.arbiter.protocol.proto.InstrumentListRequest;
import io.arbiter.protocol.proto.OpenOrder;
import io.arbiter.protocol.proto.OpenOrdersReport;
import io.arbiter.protocol.proto.OpenOrdersRequest;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.Rejected;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import io.arbiter.testsupport.AdminHttp;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.cancel;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-only requests as a client generated from {@code arbiter.proto} sees them: after a reconnect a session asks
 * for its open orders and gets exactly the live ones with its client order ids, in acceptance order, one per page;
 * another account never sees them; the instrument list is the node's configuration; an unknown symbol is rejected.
 */
@Tag("slow")
class SessionQuerySystemTest
{
    private static final String BTC = "BTC-USD";
    private ArbiterNode node;
    private ServerContext context;
    @TempDir
    Path dataDir;

    private void start() throws InterruptedException
    {
        // no admission limits: one test places 300 orders at once
        context = new ServerConfigLoader().loadDefaults().cancelOnDisconnect(false).overloadEnabled(false);
        context.ringSize(1024).orderPoolSize(1024).levelPoolSize(256);
        node = new ArbiterNode(
            context.port(0).marketDataPort(0)
                .adminPort(0).adminToken(AdminHttp.TOKEN).dataDir(dataDir.toString())).start();
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
    void shouldReturnTheLiveOrdersOfTheAccountAfterAReconnectAndNoneToAnotherAccount() throws Exception
    {
        start();
        final long[] exchangeIds = new long[4];
        try (TestClient first = new TestClient(node.port()))
        {
            assertTrue(first.logon("demo1", "demo1-secret").hasLogonAck());
            first.send(limit(21, BTC, Side.BUY, TimeInForce.GTC, 90 * UNIT, 3));
            exchangeIds[0] = first.receiveNonHeartbeat().getAccepted().getOrderId();
            first.send(limit(22, BTC, Side.SELL, TimeInForce.GTC, 110 * UNIT, 5));
            exchangeIds[1] = first.receiveNonHeartbeat().getAccepted().getOrderId();
            first.send(limit(23, BTC, Side.BUY, TimeInForce.GTC, 91 * UNIT, 1));
            exchangeIds[2] = first.receiveNonHeartbeat().getAccepted().getOrderId();
            first.send(limit(24, BTC, Side.BUY, TimeInForce.GTC, 89 * UNIT, 2));
            exchangeIds[3] = first.receiveNonHeartbeat().getAccepted().getOrderId();
            first.send(cancel(23));
            assertTrue(first.receiveNonHeartbeat().hasCanceled());
        }
        try (TestClient taker = new TestClient(node.port()))
        {
            assertTrue(taker.logon("demo2", "demo2-secret").hasLogonAck());
            taker.send(limit(1, BTC, Side.BUY, TimeInForce.IOC, 110 * UNIT, 2));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertEquals(2, taker.receiveNonHeartbeat().getFill().getQuantity());

            taker.send(openOrders(5, ""));
            final List<OpenOrdersReport> none = receiveOpenOrders(taker, 5);
            assertEquals(1, none.size(), none.toString());
            assertFalse(none.get(0).hasOrder(), "another account never sees them");
        }
        try (TestClient again = new TestClient(node.port()))
        {
            assertTrue(again.logon("demo1", "demo1-secret").hasLogonAck());
            // the fill of order 22 happened while no session of demo1 was logged on: it was not reported to anyone
            again.send(openOrders(-7L, ""));
            final List<OpenOrdersReport> pages = receiveOpenOrders(again, -7L);

            assertEquals(3, pages.size(), pages.toString());
            assertEquals(List.of(
                order(exchangeIds[0], 21, Side.BUY, 90 * UNIT, 3),
                order(exchangeIds[1], 22, Side.SELL, 110 * UNIT, 3),
                order(exchangeIds[3], 24, Side.BUY, 89 * UNIT, 2)),
                pages.stream().map(OpenOrdersReport::getOrder).toList());

            paceQueries();
            again.send(openOrders(8, "ETH-USD"));
            final List<OpenOrdersReport> filtered = receiveOpenOrders(again, 8);
            assertEquals(1, filtered.size());
            assertFalse(filtered.get(0).hasOrder(), filtered.toString());

            again.send(cancel(22));
            assertTrue(again.receiveNonHeartbeat().hasCanceled(), "the adopted order is addressed by its client id");
            paceQueries();
            again.send(openOrders(9, BTC));
            assertEquals(List.of(21L, 24L), receiveOpenOrders(again, 9).stream()
                .map(p -> p.getOrder().getClientOrderId()).toList());
        }
    }

    @Test
    void shouldCutAnAnswerAfter256OrdersAndContinueAfterTheLastOrderId() throws Exception
    {
        start();
        try (TestClient client = new TestClient(node.port()))
        {
            assertTrue(client.logon("demo1", "demo1-secret").hasLogonAck());
            final int orders = 300;
            for (int i = 0; i < orders; i++)
            {
                client.sendNoFlush(limit(1000 + i, BTC, Side.BUY, TimeInForce.GTC, (50 + i % 20) * UNIT, 1));
            }
            client.flush();
            for (int i = 0; i < orders; i++)
            {
                final ServerMessage accepted = client.receiveNonHeartbeat();
                assertTrue(accepted.hasAccepted(), accepted.toString());
            }

            client.send(openOrders(1, ""));
            final List<OpenOrdersReport> first = receiveOpenOrders(client, 1);
            assertEquals(256, first.size());
            assertTrue(first.get(255).getMore(), "the answer was cut");
            assertFalse(first.get(254).getLast());
            final long lastOrderId = first.get(255).getOrder().getOrderId();
            paceQueries();
            client.send(ClientMessage.newBuilder().setOpenOrdersRequest(
                OpenOrdersRequest.newBuilder().setRequestId(2).setAfterOrderId(lastOrderId)).build());
            final List<OpenOrdersReport> rest = receiveOpenOrders(client, 2);
            assertEquals(orders - 256, rest.size());
            assertFalse(rest.get(rest.size() - 1).getMore());

            final List<Long> clientIds = new ArrayList<>();
            first.forEach(p -> clientIds.add(p.getOrder().getClientOrderId()));
            rest.forEach(p -> clientIds.add(p.getOrder().getClientOrderId()));
            for (int i = 0; i < orders; i++)
            {
                assertEquals(1000L + i, clientIds.get(i), "acceptance order");
            }
        }
    }

    @Test
    void shouldListTheConfiguredInstrumentsInDefinitionOrder() throws Exception
    {
        start();
        try (TestClient client = new TestClient(node.port()))
        {
            assertTrue(client.logon("demo2", "demo2-secret").hasLogonAck());
            client.send(ClientMessage.newBuilder()
                .setInstrumentListRequest(InstrumentListRequest.newBuilder().setRequestId(77)).build());
            final List<InstrumentInfo> listed = new ArrayList<>();
            InstrumentListReport page;
            do
            {
                final ServerMessage message = client.receiveNonHeartbeat();
                page = message.getInstrumentListReport();
                assertTrue(message.hasInstrumentListReport(), message.toString());
                assertEquals(77, page.getRequestId());
                listed.add(page.getInstrument());
            }
            while (!page.getLast());

            final List<InstrumentConfig> configured = context.instruments();
            assertFalse(configured.isEmpty());
            assertEquals(configured.size(), listed.size());
            for (int i = 0; i < configured.size(); i++)
            {
                assertEquals(i, listed.get(i).getInstrumentId());
                assertEquals(configured.get(i).symbol(), listed.get(i).getSymbol());
                assertEquals(configured.get(i).tickSizeUnits(), listed.get(i).getTickSize());
                assertEquals(configured.get(i).lotSize(), listed.get(i).getLotSize());
            }
        }
    }

    @Test
    void shouldRejectAnUnknownSymbolWithTheRequestIdAndKeepTheSessionOpen() throws Exception
    {
        start();
        try (TestClient client = new TestClient(node.port()))
        {
            assertTrue(client.logon("demo1", "demo1-secret").hasLogonAck());
            client.send(openOrders(12, "NOPE-USD"));
            final ServerMessage message = client.receiveNonHeartbeat();
            final Rejected rejected = message.getRejected();
            assertTrue(message.hasRejected(), message.toString());
            assertEquals(12, rejected.getClientOrderId());
            assertEquals(RejectReason.UNKNOWN_SYMBOL, rejected.getReason());
            assertEquals(RequestType.REQUEST_OPEN_ORDERS, rejected.getRequestType());

            client.send(openOrders(13, ""));
            assertEquals(1, receiveOpenOrders(client, 13).size(), "the session is still open");
        }
    }

    @Test
    void shouldThrottleASecondQueryWithinTheQueryInterval() throws Exception
    {
        start();
        try (TestClient client = new TestClient(node.port()))
        {
            assertTrue(client.logon("demo1", "demo1-secret").hasLogonAck());
            // both in one write: the gateway reads them together, so the second comes within the interval
            client.sendNoFlush(openOrders(31, ""));
            client.sendNoFlush(openOrders(32, ""));
            client.flush();
            // the gateway's own reject may overtake the answer, which waits at the reply gate: take both in any order
            Rejected throttled = null;
            boolean answered = false;
            while (throttled == null || !answered)
            {
                final ServerMessage message = client.receiveNonHeartbeat();
                if (message.hasRejected())
                {
                    assertNull(throttled, message.toString());
                    throttled = message.getRejected();
                }
                else
                {
                    assertTrue(message.hasOpenOrdersReport(), message.toString());
                    assertEquals(31, message.getOpenOrdersReport().getRequestId());
                    answered = message.getOpenOrdersReport().getLast();
                }
            }
            assertEquals(32, throttled.getClientOrderId());
            assertEquals(RejectReason.THROTTLED, throttled.getReason());
            assertEquals(RequestType.REQUEST_OPEN_ORDERS, throttled.getRequestType());

            paceQueries();
            client.send(openOrders(33, ""));
            assertEquals(1, receiveOpenOrders(client, 33).size(), "a query after the interval is answered");
        }
    }

    /**
     * Waits out the gateway's query interval: the previous answer has arrived, so its request was read before now.
     */
    private static void paceQueries() throws InterruptedException
    {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SessionHandler.MIN_QUERY_INTERVAL_NS) + 20);
    }

    private static ClientMessage openOrders(final long requestId, final String symbol)
    {
        return ClientMessage.newBuilder()
            .setOpenOrdersRequest(OpenOrdersRequest.newBuilder().setRequestId(requestId).setSymbol(symbol)).build();
    }

    private static List<OpenOrdersReport> receiveOpenOrders(final TestClient client, final long requestId)
        throws IOException
    {
        final List<OpenOrdersReport> pages = new ArrayList<>();
        OpenOrdersReport page;
        do
        {
            final ServerMessage message = client.receiveNonHeartbeat();
            assertTrue(message.hasOpenOrdersReport(), message.toString());
            page = message.getOpenOrdersReport();
            assertEquals(requestId, page.getRequestId());
            pages.add(page);
        }
        while (!page.getLast());
        return pages;
    }

    private static OpenOrder order(
        final long orderId, final long clientOrderId, final Side side, final long price, final long remaining)
    {
        return OpenOrder.newBuilder()
            .setOrderId(orderId)
            .setClientOrderId(clientOrderId)
            .setInstrumentId(0)
            .setSymbol(BTC)
            .setSide(side)
            .setType(OrderType.LIMIT)
            .setTimeInForce(TimeInForce.GTC)
            .setPrice(price)
            .setRemainingQuantity(remaining)
            .setStp(SelfTradePrevention.STP_NONE)
            .build();
    }
}
