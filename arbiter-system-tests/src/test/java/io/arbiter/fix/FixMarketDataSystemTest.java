package io.arbiter.fix;

import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.MDEntryID;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.MDUpdateType;
import quickfix.field.MarketDepth;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntries;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;

import java.nio.file.Path;
import java.util.List;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class FixMarketDataSystemTest
{
    @TempDir
    Path dataDir;
    @TempDir
    Path clientDir;
    private ArbiterNode node;
    private FixAcceptor fix;

    @AfterEach
    void tearDown()
    {
        if (node != null)
        {
            node.close();
        }
    }

    private static Message request(final String id, final char type, final String... symbols)
    {
        final quickfix.fix44.MarketDataRequest request = new quickfix.fix44.MarketDataRequest();
        request.setString(MDReqID.FIELD, id);
        request.setChar(SubscriptionRequestType.FIELD, type);
        request.setInt(MarketDepth.FIELD, 0);
        request.setInt(MDUpdateType.FIELD, 1);
        for (final char entryType : new char[] {'0', '1', '2'})
        {
            final Group group = new quickfix.fix44.MarketDataRequest.NoMDEntryTypes();
            group.setChar(MDEntryType.FIELD, entryType);
            request.addGroup(group);
        }
        for (final String symbol : symbols)
        {
            final Group group = new quickfix.fix44.MarketDataRequest.NoRelatedSym();
            group.setString(Symbol.FIELD, symbol);
            request.addGroup(group);
        }
        return request;
    }

    private static Group entry(final Message message, final int index) throws Exception
    {
        final List<Group> groups = message.getGroups(NoMDEntries.FIELD);
        return groups.get(index);
    }

    @Test
    void shouldSnapshotThenStreamLevelsAndTradesAndRejectUnknownSymbols() throws Exception
    {
        fix = new FixAcceptor();
        node = new ArbiterNode(new ServerConfigLoader().loadDefaults().port(0).marketDataPort(0).adminPort(-1)
            .fixPort(0).dataDir(dataDir.toString())).extension(fix).start();
        try (FixTestClient client = new FixTestClient(fix.port(), "demo3", "demo3-secret", clientDir);
            TestClient maker = new TestClient(node.port());
            TestClient taker = new TestClient(node.port()))
        {
            assertTrue(client.logOn());
            client.send(request("md1", '1', "BTC-USD", "NOPE"));
            final Message snapshot = client.next(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
            assertEquals("md1", snapshot.getString(MDReqID.FIELD));
            assertEquals("BTC-USD", snapshot.getString(Symbol.FIELD));
            assertEquals(0, snapshot.getInt(NoMDEntries.FIELD));
            final Message reject = client.next(MsgType.MARKET_DATA_REQUEST_REJECT);
            assertEquals('0', reject.getChar(MDReqRejReason.FIELD));

            maker.logon("demo1", "demo1-secret");
            maker.send(limit(1, "BTC-USD", Side.SELL, TimeInForce.GTC, 100 * UNIT + UNIT / 4, 5));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            final Message added = client.next(MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
            final Group level = entry(added, 0);
            assertEquals('0', level.getChar(MDUpdateAction.FIELD));
            assertEquals('1', level.getChar(MDEntryType.FIELD));
            assertEquals("100.25", level.getString(MDEntryPx.FIELD));
            assertEquals("5", level.getString(MDEntrySize.FIELD));

            taker.logon("demo2", "demo2-secret");
            taker.send(limit(2, "BTC-USD", Side.BUY, TimeInForce.IOC, 101 * UNIT, 2));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            final long tradeId = taker.receiveNonHeartbeat().getFill().getTradeId();
            boolean sawTrade = false;
            boolean sawChange = false;
            while (!sawTrade || !sawChange)
            {
                final Group update = entry(client.next(MsgType.MARKET_DATA_INCREMENTAL_REFRESH), 0);
                if (update.getChar(MDEntryType.FIELD) == '2')
                {
                    sawTrade = true;
                    assertEquals(Long.toString(tradeId), update.getString(MDEntryID.FIELD));
                    assertEquals("100.25", update.getString(MDEntryPx.FIELD));
                    assertEquals("2", update.getString(MDEntrySize.FIELD));
                }
                else
                {
                    sawChange = true;
                    assertEquals('1', update.getChar(MDUpdateAction.FIELD));
                    assertEquals("3", update.getString(MDEntrySize.FIELD));
                }
            }

            client.send(request("md2", '0', "BTC-USD"));
            final Message now = client.next(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
            assertEquals("md2", now.getString(MDReqID.FIELD));
            assertEquals(1, now.getInt(NoMDEntries.FIELD));
            assertEquals("100.25", entry(now, 0).getString(MDEntryPx.FIELD));
            assertEquals("3", entry(now, 0).getString(MDEntrySize.FIELD));

            // no session subscribes any more: the FIX layer drops its copy of the book; a later request gets a fresh
            // snapshot from the feed, with what changed meanwhile
            client.send(request("md1", '2', "BTC-USD"));
            maker.send(limit(3, "BTC-USD", Side.SELL, TimeInForce.GTC, 100 * UNIT + UNIT / 2, 4));
            assertTrue(maker.receiveNonHeartbeat().hasFill());
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            // the feed applies the maker's order once it is durable, maybe after the maker's report: ask until the
            // snapshot shows it (each answer is a fresh snapshot: nobody subscribes, so no copy is kept between them);
            // liveness only: 60 s is far beyond the milliseconds a quiet run needs, and beyond a busy machine's stalls
            final long deadline = System.currentTimeMillis() + 60_000;
            Message fresh;
            do
            {
                client.send(request("md3", '0', "BTC-USD"));
                fresh = client.next(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
                assertEquals("md3", fresh.getString(MDReqID.FIELD));
            }
            while (fresh.getInt(NoMDEntries.FIELD) < 2 && System.currentTimeMillis() < deadline);
            assertEquals(2, fresh.getInt(NoMDEntries.FIELD));
            assertEquals("100.25", entry(fresh, 0).getString(MDEntryPx.FIELD));
            assertEquals("3", entry(fresh, 0).getString(MDEntrySize.FIELD));
            assertEquals("100.5", entry(fresh, 1).getString(MDEntryPx.FIELD));
            assertEquals("4", entry(fresh, 1).getString(MDEntrySize.FIELD));
        }
    }
}
