package io.arbiter.server.gateway;

import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.Fill;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.cancel;
import static io.arbiter.testsupport.TestClient.limit;
import static io.arbiter.testsupport.TestClient.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orders that outlive their session (a node restart, or a session that ended without cancel-on-disconnect) are
 * adopted by the next session of their account: it gets their reports and addresses them by client order id.
 */
@Tag("slow")
class RecoveredOrderOwnershipSystemTest
{
    private static final String BTC = "BTC-USD";
    private ArbiterNode node;
    @TempDir
    Path dataDir;

    private ArbiterNode start(final ServerContext context) throws InterruptedException
    {
        // small ring and pools: this test starts five nodes in a surefire fork shared with the other system tests
        context.ringSize(1024).orderPoolSize(1024).levelPoolSize(256);
        node = new ArbiterNode(
            context.port(0).marketDataPort(0)
                .adminPort(0).adminToken(AdminHttp.TOKEN).dataDir(dataDir.toString())).start();
        return node;
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

    /**
     * @param fromJournal false: recover from the snapshot written at shutdown; true: delete it, so orders 11 and 12
     *                    come from the older snapshot and order 13 from replaying the journal after it (what a crash
     *                    without a final snapshot leaves).
     */
    @ParameterizedTest(name = "journal tail replayed: {0}")
    @ValueSource(booleans = {false, true})
    void shouldGiveRecoveredOrdersBackToTheirAccountAtItsNextLogon(final boolean fromJournal) throws Exception
    {
        final long[] exchangeIds = new long[3];
        start(new ServerConfigLoader().loadDefaults().cancelOnDisconnect(false));
        try (TestClient owner = new TestClient(node.port()))
        {
            assertTrue(owner.logon("demo1", "demo1-secret").hasLogonAck());
            owner.send(limit(11, BTC, Side.SELL, TimeInForce.GTC, 100 * UNIT, 5));
            exchangeIds[0] = owner.receiveNonHeartbeat().getAccepted().getOrderId();
            owner.send(limit(12, BTC, Side.SELL, TimeInForce.GTC, 101 * UNIT, 5));
            exchangeIds[1] = owner.receiveNonHeartbeat().getAccepted().getOrderId();
            assertEquals(200, AdminHttp.status(node.adminPort(), "/admin/snapshot", "POST", AdminHttp.BEARER));
            owner.send(limit(13, BTC, Side.SELL, TimeInForce.GTC, 102 * UNIT, 5));
            exchangeIds[2] = owner.receiveNonHeartbeat().getAccepted().getOrderId();
            owner.send(limit(14, BTC, Side.SELL, TimeInForce.GTC, 104 * UNIT, 5));
            assertTrue(owner.receiveNonHeartbeat().hasAccepted());
            owner.send(cancel(14));
            assertTrue(owner.receiveNonHeartbeat().hasCanceled());
        }
        final String stateBefore = withoutSnapshotSequence(AdminHttp.body(node.adminPort(), "/admin/state"));
        assertTrue(stateBefore.contains("\"openOrders\":3"), stateBefore);
        node.close();
        if (fromJournal)
        {
            final List<Path> snapshots = snapshots();
            assertEquals(2, snapshots.size(), snapshots.toString());
            Files.delete(snapshots.get(1));
        }

        // default configuration: cancel-on-disconnect on
        start(new ServerConfigLoader().loadDefaults());
        assertEquals(stateBefore, withoutSnapshotSequence(AdminHttp.body(node.adminPort(), "/admin/state")));
        try (TestClient owner = new TestClient(node.port());
            TestClient secondOwnerSession = new TestClient(node.port());
            TestClient taker = new TestClient(node.port()))
        {
            assertTrue(owner.logon("demo1", "demo1-secret").hasLogonAck());
            assertTrue(secondOwnerSession.logon("demo1", "demo1-secret").hasLogonAck());
            assertTrue(taker.logon("demo2", "demo2-secret").hasLogonAck());
            taker.send(limit(1, BTC, Side.BUY, TimeInForce.IOC, 101 * UNIT, 7));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertEquals(5, taker.receiveNonHeartbeat().getFill().getQuantity());
            assertEquals(2, taker.receiveNonHeartbeat().getFill().getQuantity());

            final Fill first = owner.receiveNonHeartbeat().getFill();
            assertEquals(11, first.getClientOrderId());
            assertEquals(exchangeIds[0], first.getOrderId());
            assertEquals(5, first.getQuantity());
            assertEquals(0, first.getLeavesQuantity());
            final Fill second = owner.receiveNonHeartbeat().getFill();
            assertEquals(12, second.getClientOrderId());
            assertEquals(exchangeIds[1], second.getOrderId());
            assertEquals(3, second.getLeavesQuantity());

            owner.send(cancel(13));
            final ServerMessage canceled = owner.receiveNonHeartbeat();
            assertEquals(13, canceled.getCanceled().getClientOrderId(), canceled.toString());
            assertEquals(exchangeIds[2], canceled.getCanceled().getOrderId());
            assertEquals(5, canceled.getCanceled().getCanceledQuantity());
            owner.send(replace(12, 103 * UNIT, 2));
            final ServerMessage replaced = owner.receiveNonHeartbeat();
            assertEquals(exchangeIds[1], replaced.getReplaced().getOrderId(), replaced.toString());
            owner.send(limit(12, BTC, Side.SELL, TimeInForce.GTC, 105 * UNIT, 1));
            assertEquals(RejectReason.DUPLICATE_CLIENT_ORDER_ID, owner.receiveNonHeartbeat().getRejected().getReason(),
                "the adopted order 12 is open");
            owner.send(limit(11, BTC, Side.SELL, TimeInForce.GTC, 105 * UNIT, 1));
            assertTrue(owner.receiveNonHeartbeat().hasAccepted(), "11 is finished: its id may be reused");

            assertTrue(secondOwnerSession.silentFor(300), "the second session of the account adopted nothing");
            assertTrue(AdminHttp.body(node.adminPort(), "/admin/state").contains("\"openOrders\":2"));
        }
        // cancel-on-disconnect applies to the adopted order too
        awaitOpenOrders(0);
    }

    @Test
    void shouldLetTheNextSessionOfTheAccountTakeOverOrdersLeftOpenWithoutCancelOnDisconnect() throws Exception
    {
        start(new ServerConfigLoader().loadDefaults().cancelOnDisconnect(false));
        final long exchangeId;
        try (TestClient first = new TestClient(node.port()))
        {
            assertTrue(first.logon("demo1", "demo1-secret").hasLogonAck());
            first.send(limit(5, BTC, Side.BUY, TimeInForce.GTC, 99 * UNIT, 4));
            exchangeId = first.receiveNonHeartbeat().getAccepted().getOrderId();
        }
        try (TestClient next = new TestClient(node.port()))
        {
            assertTrue(next.logon("demo1", "demo1-secret").hasLogonAck());
            next.send(cancel(5));
            final ServerMessage canceled = next.receiveNonHeartbeat();
            assertEquals(exchangeId, canceled.getCanceled().getOrderId(), canceled.toString());
            assertEquals(CancelReason.USER, canceled.getCanceled().getReason());
        }
    }

    private void awaitOpenOrders(final int expected) throws Exception
    {
        // Liveness only: the state settles within milliseconds on a quiet machine; 60 s is far beyond 10x that.
        final long deadline = System.nanoTime() + 60_000_000_000L;
        String state = AdminHttp.body(node.adminPort(), "/admin/state");
        while (!state.contains("\"openOrders\":" + expected + ",") && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
            state = AdminHttp.body(node.adminPort(), "/admin/state");
        }
        assertTrue(state.contains("\"openOrders\":" + expected + ","), state);
    }

    private static String withoutSnapshotSequence(final String state)
    {
        return state.replaceAll("\"lastSnapshotSequence\":\\d+,", "");
    }

    private List<Path> snapshots() throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir))
        {
            return files.filter(f -> f.getFileName().toString().endsWith(".snap")).sorted()
                .collect(Collectors.toList());
        }
    }
}
