package io.arbiter.server.gateway;

import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientContext;
import io.arbiter.client.LogonResult;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import io.arbiter.testsupport.AdminHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Balances and GTD expiry over TCP with the Java client, on a node whose operator defines an instrument with assets
 * and funds an account through the admin API: every session of the account gets a BalanceUpdate for the deposit and
 * for each order's hold, a balance query answers the account's balances, an order the funds cannot hold is rejected
 * INSUFFICIENT_FUNDS, and a GTD order expires by the node's clock (Canceled EXPIRED). An instrument configured with
 * assets and fees trades with those fees, and a restart with changed fees journals and applies them.
 */
@Tag("slow")
class BalanceAndExpirySystemTest
{
    /** Liveness bound only: a quiet run answers within milliseconds, and a GTD order expires 0.3 s after entry. */
    private static final long TIMEOUT_S = 30;
    private static final long UNIT = 100_000_000L;

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
    void shouldPushBalancesToEverySessionOfTheAccountAndExpireGoodTillDateOrders() throws Exception
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults().overloadEnabled(false);
        context.ringSize(1024).orderPoolSize(1024).levelPoolSize(256);
        node = new ArbiterNode(context.port(0).marketDataPort(0).adminPort(0).adminToken(AdminHttp.TOKEN)
            .dataDir(dir.toString())).start();
        clients = ClientContext.builder().build();
        final ClientReports first = new ClientReports();
        final ClientReports second = new ClientReports();
        final ArbiterClient client = logon(first, "demo1");
        logon(second, "demo1");

        assertEquals(200, post("/admin/instruments", "symbol=XAU-USD&tick=0.01&lot=1&base=XAU&quote=USD"));
        assertEquals(200, post("/admin/accounts/demo1/deposit", "asset=USD&amount=1000"));
        assertEquals("balance USD " + 1000 * UNIT + " 0", first.next());
        assertEquals("balance USD " + 1000 * UNIT + " 0", second.next(), "every session of the account");

        client.sendNewOrder(1, "XAU-USD", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 2,
            SelfTradePrevention.STP_NONE, 0);
        client.sendNewOrder(2, "XAU-USD", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 9,
            SelfTradePrevention.STP_NONE, 0);
        client.sendBalanceRequest(3);
        client.flush();
        assertEquals("accepted 1", first.next());
        assertEquals("balance USD " + 800 * UNIT + " " + 200 * UNIT, first.next());
        assertEquals("balance USD " + 800 * UNIT + " " + 200 * UNIT, second.next());
        assertEquals("rejected 2 INSUFFICIENT_FUNDS REQUEST_NEW_ORDER", first.next());
        assertEquals("balances 3 USD " + 800 * UNIT + " " + 200 * UNIT, first.next());
        assertEquals("balances end 3", first.next());

        client.sendNewOrder(4, "BTC-USD", Side.BUY, OrderType.LIMIT, TimeInForce.GTD, 90 * UNIT, 1,
            SelfTradePrevention.STP_NONE, 0, 0, 0, System.currentTimeMillis() + 300);
        client.flush();
        assertEquals("accepted 4", first.next());
        assertEquals("canceled 4 qty 1 EXPIRED", first.next(), "expired by the node's clock");
    }

    @Test
    void shouldTradeAConfiguredRiskInstrumentWithItsConfiguredFeesAcrossRestarts() throws Exception
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults().overloadEnabled(false);
        context.ringSize(1024).orderPoolSize(1024).levelPoolSize(256).port(0).marketDataPort(0).adminPort(0)
            .adminToken(AdminHttp.TOKEN).dataDir(dir.toString()).clearInstruments()
            .addInstrument(new InstrumentConfig("XAU-USD", UNIT / 100, 1, "XAU", "USD", 0, 100, true));
        node = new ArbiterNode(context).start();
        clients = ClientContext.builder().build();
        post("/admin/accounts/demo1/deposit", "asset=USD&amount=1000");
        post("/admin/accounts/demo2/deposit", "asset=XAU&amount=10");
        trade();
        assertTrue(account("demo1").contains("\"USD\":{\"available\":\"899\",\"held\":\"0\"}"),
            "taker fee of 1 % from the configuration: " + account("demo1"));
        assertTrue(account("FEES").contains("\"USD\":{\"available\":\"1\","), account("FEES"));

        node.close();
        clients.close();
        context.clearInstruments()
            .addInstrument(new InstrumentConfig("XAU-USD", UNIT / 100, 1, "XAU", "USD", 0, 200, true));
        node = new ArbiterNode(context).start();
        clients = ClientContext.builder().build();
        assertTrue(account("demo1").contains("\"USD\":{\"available\":\"899\","), "recovered balances");
        trade();
        assertTrue(account("demo1").contains("\"USD\":{\"available\":\"797\",\"held\":\"0\"}"),
            "the changed configuration's taker fee of 2 %, journaled at start: " + account("demo1"));
    }

    /** demo2 rests a sell of 1 XAU at 100 USD, demo1 takes it. */
    private void trade() throws Exception
    {
        final ClientReports seller = new ClientReports();
        final ClientReports buyer = new ClientReports();
        final ArbiterClient sell = logon(seller, "demo2");
        final ArbiterClient buy = logon(buyer, "demo1");
        sell.sendNewOrder(1, "XAU-USD", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 1,
            SelfTradePrevention.STP_NONE, 0);
        sell.flush();
        awaitEvent(seller, "accepted 1");
        buy.sendNewOrder(1, "XAU-USD", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100 * UNIT, 1,
            SelfTradePrevention.STP_NONE, 0);
        buy.flush();
        awaitEvent(buyer, "fill 1 qty 1");
    }

    private static void awaitEvent(final ClientReports reports, final String prefix) throws InterruptedException
    {
        String event = reports.next();
        while (!event.startsWith(prefix))
        {
            assertTrue(event.startsWith("balance") || event.startsWith("accepted"), event);
            event = reports.next();
        }
    }

    private String account(final String name) throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.adminPort() + "/accounts/" + name))
            .timeout(Duration.ofSeconds(TIMEOUT_S))
            .header("Authorization", AdminHttp.BEARER)
            .GET()
            .build();
        final HttpResponse<String> response =
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private int post(final String path, final String form) throws Exception
    {
        final HttpResponse<String> response =
            AdminHttp.postForm(node.adminPort(), path, form, TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.statusCode();
    }

    private ArbiterClient logon(final ClientReports events, final String account) throws Exception
    {
        final ArbiterClient client = clients.connect("127.0.0.1", node.port(), events).get(TIMEOUT_S, TimeUnit.SECONDS);
        final LogonResult result = client.logon(account, account + "-secret").get(TIMEOUT_S, TimeUnit.SECONDS);
        assertTrue(result.accepted(), result.toString());
        return client;
    }
}
