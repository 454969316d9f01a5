package io.arbiter.server.gateway;

import io.arbiter.journal.JournalDescriptor;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.Exposition;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.cancel;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives a real node over loopback with a scripted session and checks that its {@code /metrics} counts what the
 * session saw, and that {@code /debug/slow-orders} answers JSON.
 */
@Tag("slow")
class NodeMetricsSystemTest
{
    @TempDir
    Path journalDir;

    private static final String BTC = "BTC-USD";
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

    static String get(final int port, final String path) throws IOException
    {
        final HttpURLConnection connection =
            (HttpURLConnection)new URL("http://127.0.0.1:" + port + path).openConnection();
        assertEquals(200, connection.getResponseCode(), path);
        try (InputStream in = connection.getInputStream())
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static double value(final Map<String, Double> series, final String name)
    {
        final Double value = series.get(name);
        return value == null ? 0.0 : value;
    }

    @Test
    void shouldCountWhatTheSessionDidOnMetricsEndpoint() throws Exception
    {
        final ServerConfigLoader loader = new ServerConfigLoader();
        node = new ArbiterNode(loader.loadDefaults().port(0).marketDataPort(0)
            .adminPort(0).dataDir(journalDir.toString())).start();
        int accepted = 0;
        int rejectedInvalidQty = 0;
        int rejectedUnknownClientId = 0;
        int fills = 0;
        int canceled = 0;
        try (TestClient maker = new TestClient(node.port()); TestClient taker = new TestClient(node.port()))
        {
            assertTrue(maker.logon("demo1", "demo1-secret").hasLogonAck());
            assertTrue(taker.logon("demo2", "demo2-secret").hasLogonAck());
            for (int i = 1; i <= 3; i++)
            {
                maker.send(limit(i, BTC, Side.SELL, TimeInForce.GTC, (100 + i) * UNIT, 2));
                assertTrue(maker.receiveNonHeartbeat().hasAccepted());
                accepted++;
            }
            // crosses the 101 and 102 levels: two trades
            taker.send(limit(10, BTC, Side.BUY, TimeInForce.GTC, 102 * UNIT, 4));
            ServerMessage reply = taker.receiveNonHeartbeat();
            assertTrue(reply.hasAccepted(), reply.toString());
            accepted++;
            for (int i = 0; i < 2; i++)
            {
                assertTrue(taker.receiveNonHeartbeat().hasFill());
                assertTrue(maker.receiveNonHeartbeat().hasFill());
                fills++;
            }
            // quantity 0 is invalid
            taker.send(limit(11, BTC, Side.BUY, TimeInForce.GTC, 90 * UNIT, 0));
            reply = taker.receiveNonHeartbeat();
            assertTrue(reply.hasRejected(), reply.toString());
            rejectedInvalidQty++;
            // cancel of an unknown client order id
            maker.send(cancel(999));
            reply = maker.receiveNonHeartbeat();
            assertEquals(RejectReason.UNKNOWN_CLIENT_ORDER_ID, reply.getRejected().getReason());
            rejectedUnknownClientId++;
            maker.send(cancel(3));
            assertTrue(maker.receiveNonHeartbeat().hasCanceled());
            canceled++;

            final Map<String, Double> series = Exposition.parse(get(node.adminPort(), "/metrics"));
            assertEquals(7.0, value(series, "arbiter_orders_received_total"), "received");
            assertEquals(accepted, value(series, "arbiter_orders_accepted_total"), "accepted");
            assertEquals(fills, value(series, "arbiter_trades_total"), "trades");
            assertEquals(4.0, value(series, "arbiter_traded_quantity_total"), "traded quantity");
            assertEquals(canceled, value(series, "arbiter_cancels_total"), "cancels");
            assertEquals(rejectedUnknownClientId,
                value(series, "arbiter_orders_rejected_total{reason=\"unknown_client_order_id\"}"), "unknown id");
            final double invalid = value(series, "arbiter_orders_rejected_total{reason=\"invalid_qty\"}") +
                value(series, "arbiter_orders_rejected_total{reason=\"other\"}");
            assertEquals(rejectedInvalidQty, invalid, "invalid quantity (engine or gateway validation)");
            assertEquals(0.0, value(series, "arbiter_orders_rejected_total{reason=\"throttled\"}"));
            assertEquals(2.0, value(series, "arbiter_sessions_active"), "sessions");
            assertEquals(2.0, value(series, "arbiter_connections_open"), "connections");
            assertEquals(65536.0, value(series, "arbiter_ring_capacity"));
            assertEquals(0.0, value(series, "arbiter_breaker_state"));
            assertTrue(value(series, "arbiter_stage_latency_seconds_count{stage=\"total\"}") >= 6.0,
                "per-stage latency recorded: " + series.get("arbiter_stage_latency_seconds_count{stage=\"total\"}"));
            assertTrue(value(series, "arbiter_stage_latency_seconds_count{stage=\"match\"}") >= 6.0);
            final double journaled = value(series, "arbiter_journal_appends_total");
            assertTrue(journaled >= accepted, "every accepted order was journaled: " + journaled);
            assertEquals(journaled * JournalDescriptor.COMMAND_RECORD_LENGTH,
                value(series, "arbiter_journal_bytes_total"), "journal bytes");
            assertTrue(value(series, "arbiter_stage_latency_seconds_count{stage=\"journal\"}") >= 1.0, "journal stage");
            assertTrue(value(series, "arbiter_journal_fsync_seconds_count") >= 1.0, "journal commits timed");
            assertTrue(value(series, "arbiter_egress_write_seconds_count") >= 1.0,
                "report batches timed from hand-off to socket flush");
            assertTrue(series.containsKey("arbiter_gc_pause_max_seconds"), "longest GC pause exported");
            assertTrue(value(series, "arbiter_gateway_durable_polls_total") >= 1.0,
                "under batch the loop polled while the first command waited for its force");
            assertTrue(series.containsKey("arbiter_gateway_durable_poll_backoffs_total"), "back-offs exported");
            assertEquals(0.0, value(series, "arbiter_limiter_leaky_only"), "limiter mode");
            assertEquals(0.0, value(series, "arbiter_overload_transitions_total{kind=\"breaker_opened_exhaustion\"}"),
                "transitions by kind");

            final String slow = get(node.adminPort(), "/debug/slow-orders");
            assertTrue(slow.startsWith("{\"slowOrdersSeen\":"), slow);
        }
    }
}
