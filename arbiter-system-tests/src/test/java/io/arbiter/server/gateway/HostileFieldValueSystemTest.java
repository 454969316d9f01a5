package io.arbiter.server.gateway;

import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.TimeInForce;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.JournalWriter;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.cancel;
import static io.arbiter.testsupport.TestClient.limit;
import static io.arbiter.testsupport.TestClient.market;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Field values at the edges of their wire types that the server cannot apply are rejected before the ring, and a
 * journal that an older version wrote with such a value (a NewOrder with client order id 2^64-1) still recovers.
 */
@Tag("slow")
class HostileFieldValueSystemTest
{
    private static final String BTC = "BTC-USD";
    private static final long NO_CLIENT_ORDER_ID = -1L;
    private ArbiterNode node;
    @TempDir
    Path dataDir;

    private void start(final ServerContext context) throws InterruptedException
    {
        context.ringSize(1024).orderPoolSize(1024).levelPoolSize(256);
        node = new ArbiterNode(context.port(0).marketDataPort(0).adminPort(0).dataDir(dataDir.toString())).start();
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
    void shouldRejectReservedValuesBeforeTheJournal() throws Exception
    {
        start(new ServerConfigLoader().loadDefaults());
        try (TestClient maker = new TestClient(node.port()); TestClient taker = new TestClient(node.port()))
        {
            assertTrue(maker.logon("demo1", "demo1-secret").hasLogonAck());
            assertTrue(taker.logon("demo2", "demo2-secret").hasLogonAck());
            maker.send(limit(1, BTC, Side.SELL, io.arbiter.protocol.proto.TimeInForce.GTC, 100 * UNIT, 5));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            final long sequenceBefore = node.committedSequence();

            taker.send(limit(NO_CLIENT_ORDER_ID, BTC, Side.BUY, io.arbiter.protocol.proto.TimeInForce.GTC,
                100 * UNIT, 1));
            final ServerMessage maxId = taker.receiveNonHeartbeat();
            assertEquals(RejectReason.INVALID_CLIENT_ORDER_ID, maxId.getRejected().getReason(), maxId.toString());
            assertEquals(NO_CLIENT_ORDER_ID, maxId.getRejected().getClientOrderId());

            final ClientMessage market = market(2, BTC, Side.BUY, io.arbiter.protocol.proto.TimeInForce.IOC, 1);
            taker.send(market.toBuilder().setNewOrder(market.getNewOrder().toBuilder().setPrice(Long.MIN_VALUE))
                .build());
            final ServerMessage minPrice = taker.receiveNonHeartbeat();
            assertEquals(RejectReason.INVALID_PRICE, minPrice.getRejected().getReason(), minPrice.toString());

            taker.send(cancel(NO_CLIENT_ORDER_ID));
            assertEquals(RejectReason.UNKNOWN_CLIENT_ORDER_ID, taker.receiveNonHeartbeat().getRejected().getReason());
            assertTrue(maker.silentFor(200), "no trade happened");
            assertEquals(sequenceBefore, node.committedSequence(), "nothing reached the journal");
        }
    }

    @Test
    void shouldRecoverAJournalHoldingANewOrderWithTheReservedClientOrderId() throws Exception
    {
        try (JournalWriter writer = new JournalWriter(new JournalContext().dataDir(dataDir), 0))
        {
            final Command command = new Command();
            command.newOrder(1, 1, 0, io.arbiter.engine.Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                100 * Prices.UNIT, 5, SelfTradePrevention.NONE).sequence(1).timestampNs(1);
            writer.append(command, NO_CLIENT_ORDER_ID);
            command.newOrder(2, 1, 0, io.arbiter.engine.Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                101 * Prices.UNIT, 5, SelfTradePrevention.NONE).sequence(2).timestampNs(2);
            writer.append(command, 7);
            writer.commit(0);
        }

        start(new ServerConfigLoader().loadDefaults());
        assertEquals(2, node.recovery().replayedCount());
        try (TestClient owner = new TestClient(node.port()); TestClient taker = new TestClient(node.port()))
        {
            assertTrue(owner.logon("demo1", "demo1-secret").hasLogonAck());
            assertTrue(taker.logon("demo2", "demo2-secret").hasLogonAck());
            taker.send(limit(1, BTC, Side.BUY, io.arbiter.protocol.proto.TimeInForce.IOC, 100 * UNIT, 2));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertEquals(2, taker.receiveNonHeartbeat().getFill().getQuantity());
            final ServerMessage fill = owner.receiveNonHeartbeat();
            assertEquals(NO_CLIENT_ORDER_ID, fill.getFill().getClientOrderId(), fill.toString());
            assertEquals(3, fill.getFill().getLeavesQuantity());

            owner.send(cancel(NO_CLIENT_ORDER_ID));
            final ServerMessage canceled = owner.receiveNonHeartbeat();
            assertEquals(3, canceled.getCanceled().getCanceledQuantity(), canceled.toString());
            owner.send(cancel(7));
            assertEquals(5, owner.receiveNonHeartbeat().getCanceled().getCanceledQuantity());
        }
    }
}
