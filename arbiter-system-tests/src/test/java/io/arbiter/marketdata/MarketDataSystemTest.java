package io.arbiter.marketdata;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.arbiter.app.ArbiterMain;
import io.arbiter.client.MarketDataClient;
import io.arbiter.protocol.proto.MarketDataError;
import io.arbiter.protocol.proto.MarketDataErrorCode;
import io.arbiter.protocol.proto.MarketDataMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import io.arbiter.testsupport.AdminHttp;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The market-data feed end to end over loopback: a subscriber gets a snapshot, then the book updates and trades of
 * the orders entered on the gateway, and its local book equals the node's (admin {@code /book}); a subscriber that
 * starts mid-stream gets the same book; bad requests get clear errors while others go on; after a restart the epoch
 * changes and the book is the recovered one; no message can carry an account or an order id.
 */
@Tag("slow")
class MarketDataSystemTest
{
    /** Liveness bound: a quiet run needs well under a second for each wait; 30 s is far more than 10x that. */
    private static final long TIMEOUT_MS = 30_000;
    private static final String BTC = "BTC-USD";
    private static final String ASKS_110_BIDS_90 =
        "bids [9000000000x3/1] asks [11000000000x3/1]";

    @TempDir
    Path dataDir;
    private ArbiterNode node;

    private ArbiterNode start() throws InterruptedException
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults().overloadEnabled(false)
            .cancelOnDisconnect(false);
        return new ArbiterNode(context.port(0).marketDataPort(0).adminPort(0).dataDir(dataDir.toString())).start();
    }

    @AfterEach
    void tearDown()
    {
        if (node != null)
        {
            node.close();
        }
    }

    /** What a subscriber saw, collected from its I/O thread. */
    private static final class Recorder implements MarketDataClient.Listener
    {
        private final List<String> trades = new CopyOnWriteArrayList<>();
        private final List<MarketDataError> errors = new CopyOnWriteArrayList<>();
        private volatile String book = "";
        private volatile int snapshots;
        private volatile boolean disconnected;

        @Override
        public void onBook(
            final String symbol, final LevelBook levels, final long sequence, final boolean snapshot)
        {
            book = levels.toString();
            if (snapshot)
            {
                snapshots++;
            }
        }

        @Override
        public void onTrade(
            final String symbol, final long tradeId, final long price, final long quantity,
            final io.arbiter.engine.Side aggressorSide, final long timestampNs)
        {
            trades.add(symbol + "," + price / UNIT + "," + quantity + "," + aggressorSide);
        }

        @Override
        public void onError(final MarketDataError error)
        {
            errors.add(error);
        }

        @Override
        public void onDisconnected()
        {
            disconnected = true;
        }
    }

    @Test
    void shouldDeliverSnapshotUpdatesAndTradesThatRebuildTheNodesBook() throws Exception
    {
        node = start();
        final Recorder early = new Recorder();
        try (MarketDataClient subscriber = MarketDataClient.connect("127.0.0.1", node.marketDataPort(), early);
            TestClient maker = new TestClient(node.port());
            TestClient taker = new TestClient(node.port()))
        {
            subscriber.subscribe(List.of(BTC), 0, true);
            await(() -> early.snapshots == 1);
            assertEquals("bids [] asks []", early.book);

            assertTrue(maker.logon("demo1", "demo1-secret").hasLogonAck());
            maker.send(limit(1, BTC, Side.SELL, TimeInForce.GTC, 110 * UNIT, 5));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            maker.send(limit(2, BTC, Side.BUY, TimeInForce.GTC, 90 * UNIT, 3));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            assertTrue(taker.logon("demo2", "demo2-secret").hasLogonAck());
            taker.send(limit(1, BTC, Side.BUY, TimeInForce.IOC, 110 * UNIT, 2));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertEquals(2, taker.receiveNonHeartbeat().getFill().getQuantity());

            await(() -> ASKS_110_BIDS_90.equals(early.book) && early.trades.size() == 1);
            assertEquals(List.of(BTC + ",110,2,BUY"), early.trades);
            assertEquals(1, early.snapshots, "increments, not snapshots, after the first");
            assertEquals(0, subscriber.resyncs());

            final Recorder late = new Recorder();
            try (MarketDataClient midStream = MarketDataClient.connect("127.0.0.1", node.marketDataPort(), late))
            {
                midStream.subscribe(List.of(BTC), 0, false);
                await(() -> late.snapshots == 1);
                assertEquals(ASKS_110_BIDS_90, late.book);
            }
            final String json = AdminHttp.body(node.adminPort(), "/book/" + BTC + "?depth=1");
            assertTrue(json.contains("\"bids\":[{\"price\":\"90\",\"quantity\":3,\"orders\":1}]"), json);
            assertTrue(json.contains("\"asks\":[{\"price\":\"110\",\"quantity\":3,\"orders\":1}]"), json);
            assertEquals(404, AdminHttp.status(node.adminPort(), "/book/NOPE"));

            final StringWriter out = new StringWriter();
            final CommandLine book = ArbiterMain.commandLine();
            book.setOut(new PrintWriter(out));
            assertEquals(0, book.execute("book", BTC, "--port", String.valueOf(node.marketDataPort()), "--depth", "1"));
            final List<String> ladder = out.toString().lines().toList();
            assertEquals(5, ladder.size(), out::toString);
            assertEquals(List.of("ASK", "110", "3", "1"), List.of(ladder.get(2).trim().split(" +")));
            assertEquals(List.of("BID", "90", "3", "1"), List.of(ladder.get(4).trim().split(" +")));
            assertEquals(400, AdminHttp.status(node.adminPort(), "/book/" + BTC + "?depth=-2"));
        }
    }

    @Test
    void shouldEndTheStreamCleanlyAfterAnErrorWhileTheClientKeepsSending() throws Exception
    {
        // A reset would replace the end of stream if the server closed with the client's later bytes unread; it ends
        // its output after the error instead and discards what follows (docs/protocol.md).
        node = start();
        try (Socket socket = new Socket("127.0.0.1", node.marketDataPort()))
        {
            socket.setSoTimeout(30_000);
            final OutputStream output = socket.getOutputStream();
            output.write(new byte[] {3, (byte)0xFF, (byte)0xFF, (byte)0xFF});
            output.flush();
            final AtomicBoolean stop = new AtomicBoolean();
            final Thread sender = new Thread(() ->
            {
                try
                {
                    for (int i = 0; i < 2_000 && !stop.get(); i++)
                    {
                        output.write(new byte[] {3, 1, 2, 3});
                        output.flush();
                        LockSupport.parkNanos(100_000);
                    }
                }
                catch (final IOException ignore)
                {
                    // the server closed at last: the reader below decides
                }
            }, "md-sender");
            sender.start();
            try
            {
                final InputStream input = socket.getInputStream();
                MarketDataMessage error = MarketDataMessage.parseDelimitedFrom(input);
                while (error != null && error.hasHeartbeat())
                {
                    error = MarketDataMessage.parseDelimitedFrom(input);
                }
                assertEquals(MarketDataErrorCode.MARKET_DATA_ERROR_MALFORMED_REQUEST, error.getError().getCode(),
                    String.valueOf(error));
                assertEquals(-1, input.read(), "end of stream after the error");
            }
            finally
            {
                stop.set(true);
                sender.join();
            }
        }
    }

    @Test
    void shouldAnswerBadRequestsWithClearErrorsWhileOthersContinue() throws Exception
    {
        node = start();
        final Recorder good = new Recorder();
        final Recorder unknown = new Recorder();
        final Recorder garbage = new Recorder();
        try (MarketDataClient goodClient = MarketDataClient.connect("127.0.0.1", node.marketDataPort(), good);
            MarketDataClient unknownClient = MarketDataClient.connect("127.0.0.1", node.marketDataPort(), unknown);
            MarketDataClient garbageClient = MarketDataClient.connect("127.0.0.1", node.marketDataPort(), garbage);
            TestClient maker = new TestClient(node.port()))
        {
            goodClient.subscribe(List.of(BTC), 0, false);
            unknownClient.subscribe(List.of("NOPE", BTC), 0, false);
            garbageClient.sendRaw(new byte[] {5, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF});

            await(() -> unknown.errors.size() == 1 && unknown.snapshots == 1);
            assertEquals(MarketDataErrorCode.MARKET_DATA_ERROR_UNKNOWN_SYMBOL, unknown.errors.get(0).getCode());
            assertEquals("NOPE", unknown.errors.get(0).getSymbol());
            await(() -> garbage.disconnected);
            assertEquals(MarketDataErrorCode.MARKET_DATA_ERROR_MALFORMED_REQUEST, garbage.errors.get(0).getCode());

            final Recorder deep = new Recorder();
            try (MarketDataClient deepClient = MarketDataClient.connect("127.0.0.1", node.marketDataPort(), deep))
            {
                deepClient.subscribe(List.of(BTC), MarketDataAgent.MAX_DEPTH + 1, false);
                await(() -> deep.errors.size() == 1);
                assertEquals(MarketDataErrorCode.MARKET_DATA_ERROR_DEPTH_OUT_OF_RANGE, deep.errors.get(0).getCode());
            }

            assertTrue(maker.logon("demo1", "demo1-secret").hasLogonAck());
            maker.send(limit(1, BTC, Side.BUY, TimeInForce.GTC, 90 * UNIT, 3));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted(), "order entry goes on");
            await(() -> "bids [9000000000x3/1] asks []".equals(good.book));
            assertFalse(good.disconnected);
        }
    }

    @Test
    void shouldChangeTheEpochAndServeTheRecoveredBookAfterARestart() throws Exception
    {
        node = start();
        final Recorder before = new Recorder();
        final long firstEpoch;
        try (MarketDataClient subscriber = MarketDataClient.connect("127.0.0.1", node.marketDataPort(), before);
            TestClient maker = new TestClient(node.port()))
        {
            subscriber.subscribe(List.of(BTC), 0, false);
            assertTrue(maker.logon("demo1", "demo1-secret").hasLogonAck());
            maker.send(limit(1, BTC, Side.SELL, TimeInForce.GTC, 110 * UNIT, 5));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            await(() -> "bids [] asks [11000000000x5/1]".equals(before.book));
            firstEpoch = subscriber.epoch();
        }
        node.close();
        Thread.sleep(5);
        node = start();
        final Recorder after = new Recorder();
        try (MarketDataClient subscriber = MarketDataClient.connect("127.0.0.1", node.marketDataPort(), after))
        {
            subscriber.subscribe(List.of(BTC), 0, false);
            await(() -> after.snapshots == 1);
            assertEquals("bids [] asks [11000000000x5/1]", after.book);
            assertNotEquals(firstEpoch, subscriber.epoch(), "a restarted feed has a new epoch");
        }
    }

    @Test
    void shouldHaveNoFieldThatCouldCarryAnAccountOrAnOrderId()
    {
        final Set<String> names = new HashSet<>();
        collectFieldNames(MarketDataMessage.getDescriptor(), names, new HashSet<>());

        for (final String name : names)
        {
            assertFalse(name.contains("account") || name.contains("order_id") || name.contains("session"), name);
        }
        assertTrue(names.contains("trade_id") && names.contains("order_count"), names.toString());
    }

    private static void collectFieldNames(final Descriptor descriptor, final Set<String> names, final Set<String> seen)
    {
        if (!seen.add(descriptor.getFullName()))
        {
            return;
        }
        for (final FieldDescriptor field : descriptor.getFields())
        {
            names.add(field.getName());
            if (field.getType() == FieldDescriptor.Type.MESSAGE)
            {
                collectFieldNames(field.getMessageType(), names, seen);
            }
        }
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("condition not met within " + TIMEOUT_MS + " ms");
            }
            Thread.sleep(5);
        }
    }
}
