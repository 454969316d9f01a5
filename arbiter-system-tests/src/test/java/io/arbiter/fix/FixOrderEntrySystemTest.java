package io.arbiter.fix;

import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.ExpireTime;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MassCancelRejectReason;
import quickfix.field.MassCancelRequestType;
import quickfix.field.MassCancelResponse;
import quickfix.field.MaxFloor;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.StopPx;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TotalAffectedOrders;
import quickfix.field.TransactTime;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class FixOrderEntrySystemTest
{
    private static final String BTC = "BTC-USD";

    @TempDir
    Path dataDir;
    @TempDir
    Path clientDir;
    private ArbiterNode node;
    private FixAcceptor fix;

    private void startNode() throws Exception
    {
        startNode(true);
    }

    private void startNode(final boolean cancelOnDisconnect) throws Exception
    {
        startNode(cancelOnDisconnect, 10_000);
    }

    private void startNode(final boolean cancelOnDisconnect, final int maxOpenOrders) throws Exception
    {
        fix = new FixAcceptor();
        node = new ArbiterNode(new ServerConfigLoader().loadDefaults().port(0).marketDataPort(0).adminPort(-1)
            .fixPort(0).cancelOnDisconnect(cancelOnDisconnect).maxOpenOrdersPerAccount(maxOpenOrders)
            .dataDir(dataDir.toString())).extension(fix).start();
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

    private FixTestClient client(final String account, final String password, final String store) throws Exception
    {
        return new FixTestClient(fix.port(), account, password, clientDir.resolve(store));
    }

    private static Message newOrder(
        final String clOrdId, final char side, final char ordType, final char tif, final String price, final String qty)
    {
        final quickfix.fix44.NewOrderSingle order = new quickfix.fix44.NewOrderSingle();
        order.setString(ClOrdID.FIELD, clOrdId);
        order.setString(Symbol.FIELD, BTC);
        order.setChar(quickfix.field.Side.FIELD, side);
        order.setChar(OrdType.FIELD, ordType);
        order.setChar(quickfix.field.TimeInForce.FIELD, tif);
        if (price != null)
        {
            order.setString(Price.FIELD, price);
        }
        order.setString(OrderQty.FIELD, qty);
        order.setUtcTimeStamp(TransactTime.FIELD, LocalDateTime.now());
        return order;
    }

    private static Message cancel(final String clOrdId, final String origClOrdId)
    {
        final quickfix.fix44.OrderCancelRequest cancel = new quickfix.fix44.OrderCancelRequest();
        cancel.setString(ClOrdID.FIELD, clOrdId);
        cancel.setString(OrigClOrdID.FIELD, origClOrdId);
        cancel.setString(Symbol.FIELD, BTC);
        cancel.setChar(quickfix.field.Side.FIELD, '2');
        cancel.setUtcTimeStamp(TransactTime.FIELD, LocalDateTime.now());
        return cancel;
    }

    private static void assertReport(
        final Message report, final char execType, final char ordStatus, final String clOrdId, final String cumQty,
        final String leavesQty) throws Exception
    {
        assertEquals(MsgType.EXECUTION_REPORT, report.getHeader().getString(MsgType.FIELD));
        assertEquals(execType, report.getChar(ExecType.FIELD), report.toString());
        assertEquals(ordStatus, report.getChar(OrdStatus.FIELD), report.toString());
        assertEquals(clOrdId, report.getString(ClOrdID.FIELD), report.toString());
        assertEquals(cumQty, report.getString(CumQty.FIELD), report.toString());
        assertEquals(leavesQty, report.getString(LeavesQty.FIELD), report.toString());
    }

    @Test
    void shouldTradeAgainstABinaryClientAndBothSeeTheSameTrade() throws Exception
    {
        startNode();
        try (FixTestClient maker = client("demo1", "demo1-secret", "maker");
            TestClient taker = new TestClient(node.port()))
        {
            assertTrue(maker.logOn());
            maker.send(newOrder("sell-1", '2', '2', '1', "100.25", "5"));
            final Message accepted = maker.next(MsgType.EXECUTION_REPORT);
            assertReport(accepted, '0', '0', "sell-1", "0", "5");
            assertEquals("100.25", accepted.getString(Price.FIELD));
            final String orderId = accepted.getString(OrderID.FIELD);

            taker.logon("demo2", "demo2-secret");
            taker.send(limit(7, BTC, Side.BUY, TimeInForce.IOC, 101 * UNIT, 2));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            final ServerMessage takerFill = taker.receiveNonHeartbeat();
            assertEquals(10_025_000_000L, takerFill.getFill().getPrice());
            assertEquals(2, takerFill.getFill().getQuantity());

            final Message fill = maker.next(MsgType.EXECUTION_REPORT);
            assertReport(fill, 'F', '1', "sell-1", "2", "3");
            assertEquals("100.25", fill.getString(LastPx.FIELD));
            assertEquals("2", fill.getString(LastQty.FIELD));
            assertEquals("100.25", fill.getString(AvgPx.FIELD));
            assertEquals(orderId, fill.getString(OrderID.FIELD));
            assertTrue(fill.getString(ExecID.FIELD).contains("-" + takerFill.getFill().getTradeId()),
                fill.getString(ExecID.FIELD));
            assertNotEquals(accepted.getString(ExecID.FIELD), fill.getString(ExecID.FIELD));
        }
    }

    @Test
    void shouldReplaceReportStatusAndCancel() throws Exception
    {
        startNode();
        try (FixTestClient client = client("demo1", "demo1-secret", "c"))
        {
            assertTrue(client.logOn());
            client.send(newOrder("a1", '1', '2', '1', "99", "10"));
            assertReport(client.next(MsgType.EXECUTION_REPORT), '0', '0', "a1", "0", "10");

            final quickfix.fix44.OrderCancelReplaceRequest replace = new quickfix.fix44.OrderCancelReplaceRequest();
            replace.setString(ClOrdID.FIELD, "a2");
            replace.setString(OrigClOrdID.FIELD, "a1");
            replace.setString(Symbol.FIELD, BTC);
            replace.setChar(quickfix.field.Side.FIELD, '1');
            replace.setChar(OrdType.FIELD, '2');
            replace.setString(Price.FIELD, "98.5");
            replace.setString(OrderQty.FIELD, "7");
            replace.setUtcTimeStamp(TransactTime.FIELD, LocalDateTime.now());
            client.send(replace);
            final Message replaced = client.next(MsgType.EXECUTION_REPORT);
            assertReport(replaced, '5', '5', "a2", "0", "7");
            assertEquals("a1", replaced.getString(OrigClOrdID.FIELD));
            assertEquals("98.5", replaced.getString(Price.FIELD));

            final quickfix.fix44.OrderStatusRequest status = new quickfix.fix44.OrderStatusRequest();
            status.setString(ClOrdID.FIELD, "a2");
            status.setString(Symbol.FIELD, BTC);
            status.setChar(quickfix.field.Side.FIELD, '1');
            client.send(status);
            assertReport(client.next(MsgType.EXECUTION_REPORT), 'I', '0', "a2", "0", "7");

            client.send(cancel("a3", "a2"));
            final Message canceled = client.next(MsgType.EXECUTION_REPORT);
            assertReport(canceled, '4', '4', "a3", "0", "0");
            assertEquals("a2", canceled.getString(OrigClOrdID.FIELD));

            client.send(cancel("a4", "a2"));
            final Message reject = client.next(MsgType.ORDER_CANCEL_REJECT);
            assertEquals(1, reject.getInt(CxlRejReason.FIELD), reject.toString());
            assertEquals("a4", reject.getString(ClOrdID.FIELD));
        }
    }

    private static Message massCancel(final String clOrdId, final char type, final String symbol)
    {
        final quickfix.fix44.OrderMassCancelRequest request = new quickfix.fix44.OrderMassCancelRequest();
        request.setString(ClOrdID.FIELD, clOrdId);
        request.setChar(MassCancelRequestType.FIELD, type);
        if (symbol != null)
        {
            request.setString(Symbol.FIELD, symbol);
        }
        request.setUtcTimeStamp(TransactTime.FIELD, LocalDateTime.now());
        return request;
    }

    @Test
    void shouldMassCancelOneSymbolThenAllOrdersOfTheAccountOnly() throws Exception
    {
        startNode();
        try (FixTestClient client = client("demo1", "demo1-secret", "mass");
            FixTestClient other = client("demo2", "demo2-secret", "mass-other"))
        {
            assertTrue(client.logOn());
            assertTrue(other.logOn());
            client.send(newOrder("m1", '1', '2', '1', "90", "1"));
            client.send(newOrder("m2", '1', '2', '1', "91", "2"));
            final Message eth = newOrder("m3", '2', '2', '1', "200", "3");
            eth.setString(Symbol.FIELD, "ETH-USD");
            client.send(eth);
            other.send(newOrder("o1", '1', '2', '1', "92", "4"));
            for (int i = 0; i < 3; i++)
            {
                assertEquals('0', client.next(MsgType.EXECUTION_REPORT).getChar(ExecType.FIELD));
            }
            assertReport(other.next(MsgType.EXECUTION_REPORT), '0', '0', "o1", "0", "4");

            client.send(massCancel("mc1", '1', BTC));
            final Message first = client.next(MsgType.EXECUTION_REPORT);
            final Message second = client.next(MsgType.EXECUTION_REPORT);
            assertReport(first, '4', '4', "m1", "0", "0");
            assertReport(second, '4', '4', "m2", "0", "0");
            assertEquals("mass cancel", first.getString(Text.FIELD));
            final Message report = client.next(MsgType.ORDER_MASS_CANCEL_REPORT);
            assertEquals("mc1", report.getString(ClOrdID.FIELD));
            assertEquals('1', report.getChar(MassCancelRequestType.FIELD));
            assertEquals('1', report.getChar(MassCancelResponse.FIELD));
            assertEquals(2, report.getInt(TotalAffectedOrders.FIELD));
            assertEquals(BTC, report.getString(Symbol.FIELD));

            client.send(massCancel("mc2", '7', null));
            assertReport(client.next(MsgType.EXECUTION_REPORT), '4', '4', "m3", "0", "0");
            final Message all = client.next(MsgType.ORDER_MASS_CANCEL_REPORT);
            assertEquals("mc2", all.getString(ClOrdID.FIELD));
            assertEquals('7', all.getChar(MassCancelResponse.FIELD));
            assertEquals(1, all.getInt(TotalAffectedOrders.FIELD));

            client.send(massCancel("mc3", '1', "NOPE-USD"));
            final Message refused = client.next(MsgType.ORDER_MASS_CANCEL_REPORT);
            assertEquals('0', refused.getChar(MassCancelResponse.FIELD));
            assertEquals(1, refused.getInt(MassCancelRejectReason.FIELD));
            assertFalse(refused.isSetField(TotalAffectedOrders.FIELD));

            final quickfix.fix44.OrderStatusRequest status = new quickfix.fix44.OrderStatusRequest();
            status.setString(ClOrdID.FIELD, "o1");
            status.setString(Symbol.FIELD, BTC);
            status.setChar(quickfix.field.Side.FIELD, '1');
            other.send(status);
            assertReport(other.next(MsgType.EXECUTION_REPORT), 'I', '0', "o1", "0", "4");
        }
    }

    @Test
    void shouldTakeIcebergStopAndGoodTillDateOrders() throws Exception
    {
        startNode();
        try (FixTestClient seller = client("demo1", "demo1-secret", "iceberg");
            FixTestClient buyer = client("demo2", "demo2-secret", "stop");
            TestClient taker = new TestClient(node.port()))
        {
            assertTrue(seller.logOn());
            assertTrue(buyer.logOn());
            // an iceberg: 3 to sell at 100, 1 shown at a time
            final Message iceberg = newOrder("ice-1", '2', '2', '1', "100", "3");
            iceberg.setString(MaxFloor.FIELD, "1");
            seller.send(iceberg);
            assertReport(seller.next(MsgType.EXECUTION_REPORT), '0', '0', "ice-1", "0", "3");
            // a stop limit: buy 1 at 100 once the last trade is at or above 100
            final Message stop = newOrder("stop-1", '1', '4', '1', "100", "1");
            stop.setString(StopPx.FIELD, "100");
            buyer.send(stop);
            final Message waiting = buyer.next(MsgType.EXECUTION_REPORT);
            assertReport(waiting, '0', '0', "stop-1", "0", "1");
            assertEquals('4', waiting.getChar(OrdType.FIELD));

            // a binary client takes the visible slice: the trade at 100 triggers the stop, which takes the next slice
            taker.logon("demo3", "demo3-secret");
            taker.send(limit(7, BTC, Side.BUY, TimeInForce.IOC, 100 * UNIT, 1));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertEquals(1, taker.receiveNonHeartbeat().getFill().getQuantity());
            final Message stopFill = buyer.next(MsgType.EXECUTION_REPORT);
            assertReport(stopFill, 'F', '2', "stop-1", "1", "0");
            assertEquals("100", stopFill.getString(LastPx.FIELD));
            assertReport(seller.next(MsgType.EXECUTION_REPORT), 'F', '1', "ice-1", "1", "2");
            assertReport(seller.next(MsgType.EXECUTION_REPORT), 'F', '1', "ice-1", "2", "1");

            // good till date: expires by the node's clock, reported as Expired
            final Message gtd = newOrder("gtd-1", '1', '2', '6', "90", "1");
            gtd.setUtcTimeStamp(ExpireTime.FIELD, LocalDateTime.now(ZoneOffset.UTC).plusSeconds(1));
            buyer.send(gtd);
            assertReport(buyer.next(MsgType.EXECUTION_REPORT), '0', '0', "gtd-1", "0", "1");
            assertReport(buyer.next(MsgType.EXECUTION_REPORT), 'C', 'C', "gtd-1", "0", "0");

            // the fields belong to their order types
            final Message stopWithoutStopPx = newOrder("bad-1", '1', '3', '3', null, "1");
            buyer.send(stopWithoutStopPx);
            final Message noStopPx = buyer.next(MsgType.EXECUTION_REPORT);
            assertReport(noStopPx, '8', '8', "bad-1", "0", "0");
            assertTrue(noStopPx.getString(Text.FIELD).contains("StopPx"), noStopPx.toString());
            buyer.send(newOrder("bad-2", '1', '2', '6', "90", "1"));
            final Message noExpireTime = buyer.next(MsgType.EXECUTION_REPORT);
            assertReport(noExpireTime, '8', '8', "bad-2", "0", "0");
            assertTrue(noExpireTime.getString(Text.FIELD).contains("ExpireTime"), noExpireTime.toString());
        }
    }

    @Test
    void shouldRejectOffTickPricesFractionalQuantitiesAndReusedClOrdIds() throws Exception
    {
        startNode();
        try (FixTestClient client = client("demo1", "demo1-secret", "r"))
        {
            assertTrue(client.logOn());
            client.send(newOrder("t1", '1', '2', '1', "100.001", "1"));
            final Message offTick = client.next(MsgType.EXECUTION_REPORT);
            assertReport(offTick, '8', '8', "t1", "0", "0");
            assertEquals(99, offTick.getInt(OrdRejReason.FIELD));
            assertEquals("Price 100.001 is not a multiple of the tick size 0.01", offTick.getString(Text.FIELD));

            client.send(newOrder("t2", '1', '2', '1', "100", "1.5"));
            final Message offLot = client.next(MsgType.EXECUTION_REPORT);
            assertEquals(13, offLot.getInt(OrdRejReason.FIELD));
            assertTrue(offLot.getString(Text.FIELD).contains("not a positive whole number"), offLot.toString());

            client.send(newOrder("t3", '1', '2', '1', "100", "1"));
            assertReport(client.next(MsgType.EXECUTION_REPORT), '0', '0', "t3", "0", "1");
            client.send(newOrder("t3", '1', '2', '1', "100", "1"));
            final Message duplicate = client.next(MsgType.EXECUTION_REPORT);
            assertEquals('8', duplicate.getChar(ExecType.FIELD));
            assertEquals(6, duplicate.getInt(OrdRejReason.FIELD));

            final quickfix.fix44.NewOrderSingle unknownSymbol =
                (quickfix.fix44.NewOrderSingle)newOrder("t4", '1', '2', '1', "1", "1");
            unknownSymbol.setString(Symbol.FIELD, "NOPE");
            client.send(unknownSymbol);
            assertEquals(1, client.next(MsgType.EXECUTION_REPORT).getInt(OrdRejReason.FIELD));
        }
    }

    @Test
    void shouldAnswerMalformedMessagesAsTheSpecSaysAndStayUp() throws Exception
    {
        startNode();
        try (FixTestClient client = client("demo1", "demo1-secret", "m");
            FixTestClient other = client("demo2", "demo2-secret", "m2"))
        {
            assertTrue(client.logOn());
            assertTrue(other.logOn());
            final Message missingClOrdId = newOrder("m0", '1', '2', '1', "100", "1");
            missingClOrdId.removeField(ClOrdID.FIELD);
            client.send(missingClOrdId);
            final Message reject = client.next(MsgType.REJECT);
            assertEquals(ClOrdID.FIELD, reject.getInt(quickfix.field.RefTagID.FIELD), reject.toString());
            assertEquals(1, reject.getInt(quickfix.field.SessionRejectReason.FIELD), reject.toString());

            client.send(newOrder("m1", '9', '2', '1', "100", "1"));
            final Message crossShort = client.next(MsgType.EXECUTION_REPORT);
            assertEquals(11, crossShort.getInt(OrdRejReason.FIELD), crossShort.toString());

            client.send(newOrder("m1b", 'Z', '2', '1', "100", "1"));
            final Message badValue = client.next(MsgType.REJECT);
            assertEquals(quickfix.field.Side.FIELD, badValue.getInt(quickfix.field.RefTagID.FIELD));
            assertEquals(5, badValue.getInt(quickfix.field.SessionRejectReason.FIELD), badValue.toString());

            final Message missingQty = newOrder("m1", '1', '2', '1', "100", "1");
            missingQty.removeField(OrderQty.FIELD);
            client.send(missingQty);
            final Message businessReject = client.next(MsgType.BUSINESS_MESSAGE_REJECT);
            assertEquals(5, businessReject.getInt(quickfix.field.BusinessRejectReason.FIELD));
            assertEquals("D", businessReject.getString(quickfix.field.RefMsgType.FIELD));

            final quickfix.fix44.News unsupported = new quickfix.fix44.News();
            unsupported.setString(quickfix.field.Headline.FIELD, "hello");
            unsupported.setInt(quickfix.field.NoLinesOfText.FIELD, 0);
            client.send(unsupported);
            assertEquals(3, client.next(MsgType.BUSINESS_MESSAGE_REJECT)
                .getInt(quickfix.field.BusinessRejectReason.FIELD));

            client.send(newOrder("m2", '1', '2', '1', "100", "1"));
            assertReport(client.next(MsgType.EXECUTION_REPORT), '0', '0', "m2", "0", "1");
            assertTrue(client.loggedOn());
            assertTrue(other.loggedOn());
        }
    }

    @Test
    void shouldRefuseAWrongPasswordWithALogout() throws Exception
    {
        startNode();
        try (FixTestClient client = client("demo1", "wrong", "w"))
        {
            assertFalse(client.logOn());
            assertTrue(client.logoutText().contains("wrong password"));
        }
    }

    @Test
    void shouldApplyTheAccountsOpenOrderLimitAcrossFixAndBinarySessions() throws Exception
    {
        startNode(true, 2);
        try (FixTestClient client = client("demo1", "demo1-secret", "l");
            TestClient binary = new TestClient(node.port()))
        {
            assertTrue(client.logOn());
            binary.logon("demo1", "demo1-secret");
            binary.send(limit(1, BTC, Side.BUY, TimeInForce.GTC, 90 * UNIT, 1));
            assertTrue(binary.receiveNonHeartbeat().hasAccepted());
            client.send(newOrder("l1", '1', '2', '1', "90", "1"));
            assertReport(client.next(MsgType.EXECUTION_REPORT), '0', '0', "l1", "0", "1");
            client.send(newOrder("l2", '1', '2', '1', "90", "1"));
            final Message refused = client.next(MsgType.EXECUTION_REPORT);
            assertReport(refused, '8', '8', "l2", "0", "0");
            assertEquals(3, refused.getInt(OrdRejReason.FIELD));
            assertEquals("too many open orders", refused.getString(Text.FIELD));
        }
    }

    @Test
    void shouldIsolateAccounts() throws Exception
    {
        startNode();
        try (FixTestClient one = client("demo1", "demo1-secret", "i1");
            FixTestClient two = client("demo2", "demo2-secret", "i2"))
        {
            assertTrue(one.logOn());
            assertTrue(two.logOn());
            one.send(newOrder("x1", '1', '2', '1', "90", "1"));
            assertReport(one.next(MsgType.EXECUTION_REPORT), '0', '0', "x1", "0", "1");
            two.send(cancel("y1", "x1"));
            assertEquals(1, two.next(MsgType.ORDER_CANCEL_REJECT).getInt(CxlRejReason.FIELD));
            assertNull(one.poll(200));
        }
    }

    @Test
    void shouldRebuildCumQtyOfOrdersPartlyFilledBeforeARestart() throws Exception
    {
        startNode(false);
        try (FixTestClient client = client("demo1", "demo1-secret", "q");
            TestClient taker = new TestClient(node.port()))
        {
            assertTrue(client.logOn());
            client.send(newOrder("p1", '1', '2', '1', "95", "5"));
            assertReport(client.next(MsgType.EXECUTION_REPORT), '0', '0', "p1", "0", "5");
            client.send(newOrder("p2", '1', '2', '1', "94", "4"));
            assertReport(client.next(MsgType.EXECUTION_REPORT), '0', '0', "p2", "0", "4");
            taker.logon("demo2", "demo2-secret");
            taker.send(limit(1, BTC, Side.SELL, TimeInForce.IOC, 94 * UNIT, 6));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertReport(client.next(MsgType.EXECUTION_REPORT), 'F', '2', "p1", "5", "0");
            assertReport(client.next(MsgType.EXECUTION_REPORT), 'F', '1', "p2", "1", "3");
            client.send(newOrder("p3", '1', '2', '1', "93", "6"));
            assertReport(client.next(MsgType.EXECUTION_REPORT), '0', '0', "p3", "0", "6");
            taker.send(limit(2, BTC, Side.SELL, TimeInForce.IOC, 93 * UNIT, 5));
            ServerMessage answer = taker.receiveNonHeartbeat();
            while (!answer.hasAccepted())
            {
                answer = taker.receiveNonHeartbeat();
            }
            assertReport(client.next(MsgType.EXECUTION_REPORT), 'F', '2', "p2", "4", "0");
            assertReport(client.next(MsgType.EXECUTION_REPORT), 'F', '1', "p3", "2", "4");
        }
        node.close();
        startNode(false);
        try (FixTestClient client = client("demo1", "demo1-secret", "q");
            TestClient taker = new TestClient(node.port()))
        {
            client.expectIncomingFrom(1);
            assertTrue(client.logOn());
            // the seven reports of before the restart, resent: once they are in, the node has opened the session
            // (QuickFIX/J calls onLogon before it serves the ResendRequest), so it owns p3 before the taker trades
            for (int i = 0; i < 7; i++)
            {
                assertTrue(client.next(MsgType.EXECUTION_REPORT).getHeader().getBoolean(PossDupFlag.FIELD));
            }
            taker.logon("demo2", "demo2-secret");
            taker.send(limit(3, BTC, Side.SELL, TimeInForce.IOC, 93 * UNIT, 1));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertTrue(taker.receiveNonHeartbeat().hasFill(), "the recovered order p3 rests at 93 with 4 open");
            final Message fill = client.next(MsgType.EXECUTION_REPORT);
            assertReport(fill, 'F', '1', "p3", "3", "3");
            client.send(cancel("p4", "p3"));
            assertReport(client.next(MsgType.EXECUTION_REPORT), '4', '4', "p4", "3", "0");
        }
    }

    @Test
    void shouldResendReportsAndKeepClOrdIdsAcrossANodeRestart() throws Exception
    {
        startNode(false);
        try (FixTestClient client = client("demo1", "demo1-secret", "s"))
        {
            assertTrue(client.logOn());
            client.send(newOrder("k1", '1', '2', '1', "95", "3"));
            assertReport(client.next(MsgType.EXECUTION_REPORT), '0', '0', "k1", "0", "3");
        }
        node.close();
        startNode(false);
        try (FixTestClient client = client("demo1", "demo1-secret", "s"))
        {
            client.expectIncomingFrom(1);
            assertTrue(client.logOn());
            final Message resent = client.next(MsgType.EXECUTION_REPORT);
            assertTrue(resent.getHeader().getBoolean(PossDupFlag.FIELD), resent.toString());
            assertReport(resent, '0', '0', "k1", "0", "3");

            try (TestClient taker = new TestClient(node.port()))
            {
                taker.logon("demo2", "demo2-secret");
                taker.send(limit(9, BTC, Side.SELL, TimeInForce.IOC, 95 * UNIT, 1));
                assertTrue(taker.receiveNonHeartbeat().hasAccepted());
                assertEquals(1, taker.receiveNonHeartbeat().getFill().getQuantity());
            }
            final Message fill = client.next(MsgType.EXECUTION_REPORT);
            assertReport(fill, 'F', '1', "k1", "1", "2");
            assertEquals("95", fill.getString(LastPx.FIELD));
        }
    }
}
