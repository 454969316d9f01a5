package io.arbiter.marketdata;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.arbiter.client.MarketDataClient;
import io.arbiter.protocol.proto.BookLevel;
import io.arbiter.protocol.proto.MarketDataErrorCode;
import io.arbiter.protocol.proto.MarketDataMessage;
import io.arbiter.protocol.proto.MarketDataRequest;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.Subscribe;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.protocol.proto.TopOfBook;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.cancel;
import static io.arbiter.testsupport.TestClient.limit;
import static io.arbiter.testsupport.TestClient.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed's fan-out end to end over loopback, with subscribers that speak the wire protocol themselves: subscribers
 * that stall (never read) are conflated (book) or disconnected with SLOW_CONSUMER (trades only) while another
 * subscriber and order entry carry on; TopOfBook follows the best levels; every message a subscriber receives decodes
 * to public fields only.
 */
@Tag("slow")
class MarketDataFanOutSystemTest
{
    /** Liveness bound: a quiet run needs well under a second for each wait; 60 s is far more than 10x that. */
    private static final long TIMEOUT_MS = 60_000;
    /**
     * Liveness bound of the stall: the kernel buffers of a stalled loopback socket take about 3.5 MB of trades
     * (100,000 orders, under 20 s on a quiet machine); 300 s is more than 10x that.
     */
    private static final long STALL_TIMEOUT_MS = 300_000;
    /** Feed buffer of a subscriber in these tests: 64 KiB high mark, 16 KiB low, SLOW_CONSUMER 256 KiB beyond it. */
    private static final int SUBSCRIBER_BUFFER_BYTES = 64 * 1024;
    /** Orders sent before their replies are read: their reports stay well under session.egressBufferBytes. */
    private static final int BATCH = 200;
    /** Most taker orders a stall test sends before giving up; a stall needs about 100,000 here. */
    private static final int MAX_TAKER_ORDERS = 400_000;
    /** The maker only reads while the taker trades against it: no idle timeout during a test. */
    private static final int IDLE_TIMEOUT_MS = 600_000;
    private static final String BTC = "BTC-USD";

    @TempDir
    Path dataDir;
    private ArbiterNode node;

    private ArbiterNode start() throws InterruptedException
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults().overloadEnabled(false)
            .cancelOnDisconnect(false).idleTimeoutMs(IDLE_TIMEOUT_MS)
            .marketDataSubscriberBufferBytes(SUBSCRIBER_BUFFER_BYTES);
        return new ArbiterNode(context.port(0).marketDataPort(0).adminPort(-1).dataDir(dataDir.toString())).start();
    }

    @AfterEach
    void tearDown()
    {
        if (node != null)
        {
            node.close();
        }
    }

    /** A feed subscriber on a plain socket that reads only when the test says so. */
    private static final class RawSubscriber implements AutoCloseable
    {
        private final Socket socket = new Socket();
        private InputStream in;

        RawSubscriber(final int port, final int receiveBufferBytes) throws IOException
        {
            if (receiveBufferBytes > 0)
            {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            in = new BufferedInputStream(socket.getInputStream());
        }

        void subscribe(final boolean book, final boolean trades, final boolean topOfBook) throws IOException
        {
            final OutputStream out = socket.getOutputStream();
            MarketDataRequest.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).addSymbols(BTC)
                .setBook(book).setTrades(trades).setTopOfBook(topOfBook)).build().writeDelimitedTo(out);
            out.flush();
        }

        /**
         * Subscribe and wait for the acknowledgement: the feed registers a subscription before it writes the ack, so
         * every order sent after this returns reaches the subscriber as an update after its snapshot (sent earlier, it
         * may be served first and show only in the snapshot).
         */
        MarketDataMessage subscribeAndAwaitAck(final boolean book, final boolean trades, final boolean topOfBook)
            throws IOException
        {
            subscribe(book, trades, topOfBook);
            final MarketDataMessage ack = read();
            assertNotNull(ack, "the feed closed instead of acknowledging the subscription");
            assertTrue(ack.hasSubscribeAck(), "the first message answers the subscription: " + ack);
            return ack;
        }

        /** The next message, or null at the end of the stream. */
        MarketDataMessage read() throws IOException
        {
            return MarketDataMessage.parseDelimitedFrom(in);
        }

        /** The next message, or null if none comes within the timeout or the stream ended. */
        MarketDataMessage readWithin(final int timeoutMs) throws IOException
        {
            socket.setSoTimeout(timeoutMs);
            try
            {
                return read();
            }
            catch (final SocketTimeoutException ex)
            {
                return null;
            }
            finally
            {
                socket.setSoTimeout(5_000);
            }
        }

        @Override
        public void close() throws IOException
        {
            socket.close();
        }
    }

    /** Counts what a healthy {@link MarketDataClient} subscriber saw, from its I/O thread. */
    private static final class Counter implements MarketDataClient.Listener
    {
        private final AtomicLong trades = new AtomicLong();
        private volatile String book = "";
        private volatile int snapshots;
        private volatile long bidPrice = -1;
        private volatile long askQuantity = -1;

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
            trades.incrementAndGet();
        }

        @Override
        public void onTopOfBook(
            final String symbol, final long bidPrice, final long bidQuantity, final long askPrice,
            final long askQuantity)
        {
            this.bidPrice = bidPrice;
            this.askQuantity = askQuantity;
        }
    }

    @Test
    void shouldConflateOrDisconnectStalledSubscribersWhileOthersAndOrderEntryContinue() throws Exception
    {
        node = start();
        final MarketDataAgent agent = node.marketData().agent();
        final Counter healthy = new Counter();
        try (RawSubscriber bookStalled = new RawSubscriber(node.marketDataPort(), 4096);
            RawSubscriber tradesStalled = new RawSubscriber(node.marketDataPort(), 4096);
            MarketDataClient healthyClient = MarketDataClient.connect("127.0.0.1", node.marketDataPort(), healthy);
            TestClient maker = new TestClient(node.port());
            TestClient taker = new TestClient(node.port()))
        {
            bookStalled.subscribeAndAwaitAck(true, true, true);
            tradesStalled.subscribeAndAwaitAck(false, true, false);
            healthyClient.subscribe(List.of(BTC), 0, true);
            await(() -> healthy.snapshots == 1);
            assertTrue(maker.logon("demo1", "demo1-secret").hasLogonAck());
            assertTrue(taker.logon("demo2", "demo2-secret").hasLogonAck());
            maker.send(limit(1, BTC, Side.SELL, TimeInForce.GTC, 110 * UNIT, 1_000_000));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            maker.send(limit(2, BTC, Side.BUY, TimeInForce.GTC, 90 * UNIT, 7));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());

            long takerOrders = 0;
            final long deadline = System.currentTimeMillis() + STALL_TIMEOUT_MS;
            while (agent.slowConsumersClosed() == 0)
            {
                assertTrue(takerOrders < MAX_TAKER_ORDERS && System.currentTimeMillis() < deadline,
                    "the trades-only subscriber that never reads was not closed after " + takerOrders + " trades");
                for (int i = 0; i < BATCH; i++)
                {
                    taker.sendNoFlush(limit(++takerOrders, BTC, Side.BUY, TimeInForce.IOC, 110 * UNIT, 1));
                }
                taker.flush();
                assertEquals(BATCH, fills(taker, BATCH), "order entry goes on");
                assertEquals(BATCH, fills(maker, BATCH), "order entry goes on");
            }
            final long trades = takerOrders;
            assertEquals(1, agent.slowConsumersClosed(), "only the trades-only subscriber is closed");

            final String expected = "bids [9000000000x7/1] asks [11000000000x" + (1_000_000 - trades) + "/1]";
            final Supplier<String> state = () -> "healthy subscriber: " + healthy.trades.get() + " of " + trades +
                " trades, book " + healthy.book + ", top bid " + healthy.bidPrice + " ask quantity " +
                healthy.askQuantity + ", resyncs " + healthyClient.resyncs() + ", snapshots " + healthy.snapshots;
            await(() -> expected.equals(healthy.book), state);
            await(() -> healthy.bidPrice == 90 * UNIT && healthy.askQuantity == 1_000_000 - trades, state);
            if (healthy.snapshots == 1)
            {
                assertEquals(trades, healthy.trades.get(), state.get());
            }
            else
            {
                assertTrue(healthy.trades.get() < trades, "a busy machine may conflate it too: " + state.get());
            }

            MarketDataMessage last = null;
            for (MarketDataMessage message = tradesStalled.read(); message != null; message = tradesStalled.read())
            {
                assertFalse(message.hasBookUpdate() || message.hasBookSnapshot(), "trades only: " + message);
                last = message;
            }
            assertNotNull(last);
            assertEquals(MarketDataErrorCode.MARKET_DATA_ERROR_SLOW_CONSUMER, last.getError().getCode());

            final LevelBook book = new LevelBook();
            boolean conflated = false;
            long sequence = 0;
            long tradesSeen = 0;
            while (!conflated || !expected.equals(book.toString()))
            {
                final MarketDataMessage message = bookStalled.readWithin((int)TIMEOUT_MS);
                assertNotNull(message, "the stalled book subscriber was neither conflated nor caught up");
                if (message.hasBookSnapshot())
                {
                    book.clear();
                    for (final BookLevel level : message.getBookSnapshot().getLevelsList())
                    {
                        apply(book, level);
                    }
                    sequence = message.getBookSnapshot().getSequence();
                    conflated |= message.getBookSnapshot().getConflated();
                }
                else if (message.hasBookUpdate())
                {
                    assertEquals(sequence + 1, message.getBookUpdate().getSequence(), "no gap after a snapshot");
                    sequence++;
                    message.getBookUpdate().getLevelsList().forEach(level -> apply(book, level));
                }
                else if (message.hasPublicTrade())
                {
                    assertEquals(sequence + 1, message.getPublicTrade().getSequence(), "no gap after a snapshot");
                    sequence++;
                    tradesSeen++;
                }
            }
            assertTrue(tradesSeen < trades, "a conflated subscriber skipped increments: " + tradesSeen);
            assertTrue(healthyClient.isConnected());
            assertEquals(0, healthyClient.resyncs(), "the healthy subscriber never saw a gap");
        }
    }

    @Test
    void shouldSendTheTopOfBookAfterEveryChangeOfTheBestLevels() throws Exception
    {
        node = start();
        try (RawSubscriber subscriber = new RawSubscriber(node.marketDataPort(), 0);
            TestClient maker = new TestClient(node.port());
            TestClient taker = new TestClient(node.port()))
        {
            subscriber.subscribe(false, false, true);
            assertTrue(subscriber.read().hasSubscribeAck());
            assertEquals(top(0, 0, 0, 0, 0), subscriber.read().getTopOfBook(), "the current top on subscribing");

            assertTrue(maker.logon("demo1", "demo1-secret").hasLogonAck());
            assertTrue(taker.logon("demo2", "demo2-secret").hasLogonAck());
            maker.send(limit(1, BTC, Side.SELL, TimeInForce.GTC, 110 * UNIT, 5));
            assertEquals(top(1, 0, 0, 110 * UNIT, 5), nextTop(subscriber));
            maker.send(limit(2, BTC, Side.BUY, TimeInForce.GTC, 90 * UNIT, 3));
            assertEquals(top(2, 90 * UNIT, 3, 110 * UNIT, 5), nextTop(subscriber));
            maker.send(limit(3, BTC, Side.BUY, TimeInForce.GTC, 80 * UNIT, 4));
            maker.send(limit(4, BTC, Side.BUY, TimeInForce.GTC, 95 * UNIT, 1));
            assertEquals(top(4, 95 * UNIT, 1, 110 * UNIT, 5), nextTop(subscriber),
                "a level behind the best is no change");
            taker.send(limit(1, BTC, Side.BUY, TimeInForce.IOC, 110 * UNIT, 2));
            assertEquals(top(6, 95 * UNIT, 1, 110 * UNIT, 3), nextTop(subscriber),
                "after the trade (5) and its update");
            taker.send(limit(2, BTC, Side.SELL, TimeInForce.IOC, 95 * UNIT, 1));
            assertEquals(top(8, 90 * UNIT, 3, 110 * UNIT, 3), nextTop(subscriber));
            maker.send(cancel(1));
            assertEquals(top(9, 90 * UNIT, 3, 0, 0), nextTop(subscriber), "an empty side is 0");
            assertEquals(null, subscriber.readWithin(200), "nothing but TopOfBook was subscribed");
        }
    }

    @Test
    void shouldSendSubscribersNothingButPublicFields() throws Exception
    {
        node = start();
        try (RawSubscriber subscriber = new RawSubscriber(node.marketDataPort(), 0);
            TestClient maker = new TestClient(node.port());
            TestClient taker = new TestClient(node.port()))
        {
            final Map<MarketDataMessage.BodyCase, Set<String>> allowed = Map.of(
                MarketDataMessage.BodyCase.SUBSCRIBE_ACK, Set.of("request_id", "epoch"),
                MarketDataMessage.BodyCase.BOOK_SNAPSHOT, Set.of("instrument_id", "symbol", "epoch", "sequence",
                    "levels", "conflated", "tick_size", "lot_size", "side", "price", "quantity", "order_count"),
                MarketDataMessage.BodyCase.BOOK_UPDATE, Set.of("instrument_id", "sequence", "levels", "timestamp_ns",
                    "side", "price", "quantity", "order_count"),
                MarketDataMessage.BodyCase.PUBLIC_TRADE, Set.of("instrument_id", "sequence", "trade_id", "price",
                    "quantity", "aggressor_side", "timestamp_ns"),
                MarketDataMessage.BodyCase.TOP_OF_BOOK, Set.of("instrument_id", "sequence", "bid_price",
                    "bid_quantity", "ask_price", "ask_quantity"));
            final List<MarketDataMessage.BodyCase> kinds = new ArrayList<>();
            checkPublic(subscriber.subscribeAndAwaitAck(true, true, true), allowed, kinds);
            assertTrue(maker.logon("demo1", "demo1-secret").hasLogonAck());
            assertTrue(taker.logon("demo2", "demo2-secret").hasLogonAck());
            maker.send(limit(501, BTC, Side.SELL, TimeInForce.GTC, 110 * UNIT, 5));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            maker.send(limit(502, BTC, Side.BUY, TimeInForce.GTC, 90 * UNIT, 3));
            assertTrue(maker.receiveNonHeartbeat().hasAccepted());
            maker.send(replace(502, 91 * UNIT, 4));
            maker.receiveNonHeartbeat();
            taker.send(limit(701, BTC, Side.BUY, TimeInForce.IOC, 110 * UNIT, 2));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            assertTrue(taker.receiveNonHeartbeat().hasFill());
            taker.send(limit(702, BTC, Side.SELL, TimeInForce.GTC, 91 * UNIT, 9));
            assertTrue(taker.receiveNonHeartbeat().hasAccepted());
            maker.send(cancel(501));
            maker.send(limit(503, BTC, Side.BUY, TimeInForce.GTC, 50 * UNIT, 1));

            while (true)
            {
                final MarketDataMessage message = subscriber.readWithin((int)TIMEOUT_MS);
                assertNotNull(message, "the feed stopped before the last order's update: " + kinds);
                checkPublic(message, allowed, kinds);
                if (message.hasBookUpdate() && message.getBookUpdate().getLevelsList().stream()
                    .anyMatch(level -> level.getPrice() == 50 * UNIT))
                {
                    break;
                }
            }
            for (final MarketDataMessage.BodyCase kind : allowed.keySet())
            {
                assertTrue(kinds.contains(kind), "every public message type was checked: " + kind + " in " + kinds);
            }
        }
    }

    private static void checkPublic(
        final MarketDataMessage message, final Map<MarketDataMessage.BodyCase, Set<String>> allowed,
        final List<MarketDataMessage.BodyCase> kinds)
    {
        final MarketDataMessage.BodyCase kind = message.getBodyCase();
        kinds.add(kind);
        assertTrue(allowed.containsKey(kind), "a subscriber gets only public message types: " + message);
        final Set<String> fields = new HashSet<>();
        collectSetFields(message, fields);
        fields.remove(kind.name().toLowerCase());
        assertTrue(allowed.get(kind).containsAll(fields), kind + " carries " + fields);
        final String bytes = new String(message.toByteArray(), StandardCharsets.ISO_8859_1);
        for (final String secret : List.of("demo1", "demo2", "secret"))
        {
            assertFalse(bytes.contains(secret), kind + " carries " + secret);
        }
    }

    private static void collectSetFields(final Message message, final Set<String> names)
    {
        assertTrue(message.getUnknownFields().asMap().isEmpty(), "no field outside the schema: " + message);
        for (final Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet())
        {
            names.add(field.getKey().getName());
            if (field.getKey().getType() == FieldDescriptor.Type.MESSAGE)
            {
                if (field.getKey().isRepeated())
                {
                    for (final Object element : (List<?>)field.getValue())
                    {
                        collectSetFields((Message)element, names);
                    }
                }
                else
                {
                    collectSetFields((Message)field.getValue(), names);
                }
            }
        }
    }

    private static TopOfBook top(
        final long sequence, final long bidPrice, final long bidQuantity, final long askPrice, final long askQuantity)
    {
        return TopOfBook.newBuilder().setInstrumentId(0).setSequence(sequence).setBidPrice(bidPrice)
            .setBidQuantity(bidQuantity).setAskPrice(askPrice).setAskQuantity(askQuantity).build();
    }

    private static TopOfBook nextTop(final RawSubscriber subscriber) throws IOException
    {
        final MarketDataMessage message = subscriber.readWithin((int)TIMEOUT_MS);
        assertNotNull(message, "no TopOfBook");
        assertTrue(message.hasTopOfBook(), message.toString());
        return message.getTopOfBook();
    }

    private static void apply(final LevelBook book, final BookLevel level)
    {
        book.set(level.getSide() == Side.BUY ? io.arbiter.engine.Side.BUY : io.arbiter.engine.Side.SELL,
            level.getPrice(), level.getQuantity(), level.getOrderCount());
    }

    private static int fills(final TestClient client, final int expected) throws IOException
    {
        int fills = 0;
        while (fills < expected)
        {
            final ServerMessage message = client.receiveReusingBuffer();
            assertNotNull(message, "the session closed");
            assertFalse(message.hasRejected(), message.toString());
            if (message.hasFill())
            {
                fills++;
            }
        }
        return fills;
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        await(condition, () -> "");
    }

    private static void await(final BooleanSupplier condition, final Supplier<String> state)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("condition not met within " + TIMEOUT_MS + " ms " + state.get());
            }
            Thread.sleep(5);
        }
    }
}
