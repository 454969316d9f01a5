package io.arbiter.server.gateway;

import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientContext;
import io.arbiter.client.LogonResult;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stop, iceberg and good-till-date orders and mass cancel over TCP with the Java client: a waiting stop and a GTD
 * order show in the open-orders answer with their stop price and expiry, an iceberg with its display quantity; a trade
 * at the stop price triggers the stop (Triggered, then its fill); a mass cancel cancels the sender's account's orders
 * with reason MASS_CANCELED and reports their count; the new reject reasons reach the client from the gateway and
 * from the engine.
 */
@Tag("slow")
class OrderTypesSystemTest
{
    /** Liveness bound only: a quiet run answers within milliseconds. */
    private static final long TIMEOUT_S = 30;
    private static final long UNIT = 100_000_000L;
    private static final String BTC = "BTC-USD";

    private ArbiterNode node;
    private ClientContext clients;
    @TempDir
    Path dir;

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
            assertEquals(0, node.handlerErrors(), "matching handler threw");
        }
    }

    @Test
    void shouldCarryStopsIcebergsGoodTillDateAndMassCancelEndToEnd() throws Exception
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults().overloadEnabled(false);
        context.ringSize(1024).orderPoolSize(1024).levelPoolSize(256);
        node = new ArbiterNode(context.port(0).marketDataPort(0).adminPort(0).dataDir(dir.toString())).start();
        clients = ClientContext.builder().build();
        final ClientReports a = new ClientReports();
        final ClientReports b = new ClientReports();
        final ArbiterClient maker = logon(a, "demo1");
        final ArbiterClient taker = logon(b, "demo2");
        final long expireTimeMs = System.currentTimeMillis() + 3_600_000L;

        maker.sendNewOrder(2, BTC, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 101 * UNIT, 10,
            SelfTradePrevention.STP_NONE, 0, 0, 2, 0);
        maker.sendNewOrder(3, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTD, 90 * UNIT, 1,
            SelfTradePrevention.STP_NONE, 0, 0, 0, expireTimeMs);
        maker.flush();
        assertEquals("accepted 2", a.next());
        assertEquals("accepted 3", a.next());
        taker.sendNewOrder(1, BTC, Side.BUY, OrderType.STOP_MARKET, TimeInForce.IOC, 0, 1,
            SelfTradePrevention.STP_NONE, 0, 101 * UNIT, 0, 0);
        taker.sendOpenOrdersRequest(5, BTC, 0);
        taker.flush();
        assertEquals("accepted 1", b.next());
        assertEquals("open 5 c=1 STOP_MARKET IOC px=0 stop=" + 101 * UNIT + " qty=1 display=0 expire=0", b.next());
        assertEquals("open end 5", b.next());
        maker.sendOpenOrdersRequest(6, "", 0);
        maker.flush();
        assertEquals("open 6 c=2 LIMIT GTC px=" + 101 * UNIT + " stop=0 qty=10 display=2 expire=0", a.next());
        assertEquals("open 6 c=3 LIMIT GTD px=" + 90 * UNIT + " stop=0 qty=1 display=0 expire=" + expireTimeMs,
            a.next());
        assertEquals("open end 6", a.next());

        taker.sendReplace(1, 100 * UNIT, 1, 0);
        taker.sendNewOrder(10, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 101 * UNIT, 1,
            SelfTradePrevention.STP_NONE, 0);
        taker.flush();
        assertEquals("rejected 1 NOT_REPLACEABLE REQUEST_REPLACE", b.next());
        assertEquals("accepted 10", b.next());
        assertEquals("fill 10 qty 1 TAKER", b.next());
        assertEquals("triggered 1", b.next());
        assertEquals("fill 1 qty 1 TAKER", b.next());
        assertEquals("fill 2 qty 1 MAKER", a.next());
        assertEquals("fill 2 qty 1 MAKER", a.next());

        maker.sendMassCancel(77, "");
        maker.sendMassCancel(78, "NOPE");
        maker.flush();
        assertEquals("canceled 2 qty 8 MASS_CANCELED", a.next());
        assertEquals("canceled 3 qty 1 MASS_CANCELED", a.next());
        assertEquals("mass canceled 77 count 2", a.next());
        assertEquals("mass canceled 78 count 0", a.next());

        taker.sendNewOrder(11, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTD, 90 * UNIT, 1,
            SelfTradePrevention.STP_NONE, 0);
        taker.sendNewOrder(12, BTC, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC, 90 * UNIT, 1,
            SelfTradePrevention.STP_NONE, 0, Long.MIN_VALUE, 0, 0);
        taker.sendNewOrder(13, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 90 * UNIT, 4,
            SelfTradePrevention.STP_NONE, 0, 0, 2, 0);
        taker.flush();
        // 12 is the gateway's reject (before the ring), 11 and 13 the engine's: the gateway's may come first
        assertEquals(List.of("rejected 11 INVALID_EXPIRY REQUEST_NEW_ORDER",
            "rejected 12 INVALID_STOP REQUEST_NEW_ORDER", "rejected 13 INVALID_DISPLAY REQUEST_NEW_ORDER"),
            Stream.of(b.next(), b.next(), b.next()).sorted().toList());
        assertEquals(List.of(), a.drain(), "no report of the taker's orders reaches the maker");
    }

    private ArbiterClient logon(final ClientReports events, final String account) throws Exception
    {
        final ArbiterClient client = clients.connect("127.0.0.1", node.port(), events).get(TIMEOUT_S, TimeUnit.SECONDS);
        final LogonResult result = client.logon(account, account + "-secret").get(TIMEOUT_S, TimeUnit.SECONDS);
        assertTrue(result.accepted(), result.toString());
        return client;
    }
}
