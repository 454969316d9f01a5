package io.arbiter.server.gateway;

import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.ReplayReport;
import io.arbiter.protocol.proto.BalanceRequest;
import io.arbiter.protocol.proto.Cancel;
import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.MassCancel;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.Replace;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.AdminHttp;
import io.arbiter.testsupport.TestClient;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile clients against a real node on loopback: order requests (every order type and time in force, with stop
 * prices, display quantities and expiry times), mass cancels and balance queries with every field at arbitrary
 * values (0, -1, the extremes of every integer type, empty and long strings, every enum number) from three sessions
 * (two of one account), interleaved with reconnects, admin snapshots and node restarts. After each run: no exception
 * on the matching thread or any other thread, every request got exactly one answer (in order, naming its client order
 * id or request id), and the live state hash equals the hash of a replay from scratch and of an earlier snapshot plus
 * the journal after it. A restart must recover the state hash the node had before it.
 * <p>
 * CI runs the number of tries in {@code src/test/resources/junit-platform.properties}; {@code scripts/fuzz.sh
 * --minutes N} runs it longer with {@code -Djqwik.tries.default}. With {@code -Darbiter.fuzz.countFile=FILE} the
 * number of requests sent is appended to FILE after the run.
 */
@Tag("slow")
class HostileClientFuzzSystemTest
{
    private static final long UNIT = 100_000_000L;
    private static final String[] ACCOUNTS = {"demo1", "demo2", "demo1"};
    private static final Pattern STATE_HASH = Pattern.compile("\"stateHash\":\"([0-9a-f]+)\"");
    private static final Pattern LAST_SEQUENCE = Pattern.compile("\"lastSequence\":(\\d+)");
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final Queue<Throwable> UNCAUGHT = new ConcurrentLinkedQueue<>();

    static
    {
        final Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
        {
            UNCAUGHT.add(error);
            if (previous != null)
            {
                previous.uncaughtException(thread, error);
            }
        });
    }

    /** One step of a run. */
    sealed interface Action permits Send, Reconnect, Restart, Snapshot
    {
    }

    /** An order request on one session. */
    record Send(int session, ClientMessage message) implements Action
    {
    }

    /** Close one session's connection and log on again. */
    record Reconnect(int session) implements Action
    {
    }

    /** Stop the node cleanly and start it again on the same data directory. */
    record Restart() implements Action
    {
    }

    /** {@code POST /admin/snapshot}. */
    record Snapshot() implements Action
    {
    }

    @Property
    void shouldAnswerEveryRequestOnceAndKeepLiveSnapshotAndReplayInAgreement(
        @ForAll("runs") final List<Action> actions) throws Exception
    {
        final Path dataDir = Files.createTempDirectory("arbiter-fuzz");
        final Run run = new Run(dataDir);
        try
        {
            run.start();
            for (final Action action : actions)
            {
                Statistics.label("action").collect(action.getClass().getSimpleName());
                run.apply(action);
            }
            run.finish();
        }
        finally
        {
            run.closeQuietly();
            deleteRecursively(dataDir);
        }
        assertTrue(UNCAUGHT.isEmpty(), () -> "uncaught exceptions: " + UNCAUGHT);
    }

    @AfterContainer
    static void reportCount() throws IOException
    {
        final String file = System.getProperty("arbiter.fuzz.countFile");
        System.out.println("HostileClientFuzzSystemTest: " + REQUESTS.get() + " requests sent");
        if (file != null && !file.isEmpty())
        {
            Files.writeString(Path.of(file), "node " + REQUESTS.get() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    @Provide
    Arbitrary<List<Action>> runs()
    {
        final Arbitrary<Action> send = Combinators.combine(Arbitraries.integers().between(0, ACCOUNTS.length - 1),
            requests()).as(Send::new);
        final Arbitrary<Action> reconnect = Arbitraries.integers().between(0, ACCOUNTS.length - 1).map(Reconnect::new);
        final Arbitrary<Action> action = Arbitraries.frequencyOf(
            Tuple.of(60, send),
            Tuple.of(3, reconnect),
            Tuple.of(1, Arbitraries.just(new Restart())),
            Tuple.of(2, Arbitraries.just(new Snapshot())));
        return action.list().ofMinSize(20).ofMaxSize(120);
    }

    static Arbitrary<ClientMessage> requests()
    {
        // MARKET and STOP_MARKET orders mostly carry no price, as they must
        final Arbitrary<Tuple.Tuple2<Integer, Long>> typeAndPrice = Arbitraries.frequencyOf(
            Tuple.of(6, prices().map(price -> Tuple.of(1, price))),
            Tuple.of(2, Arbitraries.just(Tuple.of(2, 0L))),
            Tuple.of(1, prices().map(price -> Tuple.of(3, price))),
            Tuple.of(1, Arbitraries.just(Tuple.of(4, 0L))),
            Tuple.of(2, Combinators.combine(enumNumbers(1, 4), prices()).as(Tuple::of)));
        final Arbitrary<ClientMessage> newOrder = Combinators.combine(
            clientOrderIds(), symbols(), enumNumbers(1, 2), typeAndPrice, enumNumbers(1, 5), quantities(),
            enumNumbers(0, 4))
            .as((id, symbol, side, type, tif, quantity, stp) -> NewOrder.newBuilder()
                .setClientOrderId(id).setSymbol(symbol).setSideValue(side).setTypeValue(type.get1())
                .setTimeInForceValue(tif).setPrice(type.get2()).setQuantity(quantity).setStpValue(stp))
            .flatMap(builder -> Combinators.combine(stopPrices(), displayQuantities(), expiryTimes())
                .as((stop, display, expiry) -> builder.setStopPrice(stop).setDisplayQuantity(display)
                    .setExpireTimeMs(expiry)))
            .flatMap(builder -> Combinators.combine(anyLongs(), anyLongs(), anyLongs()).as((ts, high, low) ->
                ClientMessage.newBuilder().setNewOrder(builder.setClientTimestampNs(ts).setTraceIdHigh(high)
                    .setTraceIdLow(low)).build()));
        final Arbitrary<ClientMessage> cancel = Combinators.combine(clientOrderIds(), anyLongs()).as((id, ts) ->
            ClientMessage.newBuilder().setCancel(Cancel.newBuilder().setClientOrderId(id).setClientTimestampNs(ts))
                .build());
        final Arbitrary<ClientMessage> replace = Combinators.combine(clientOrderIds(), prices(), quantities(),
            anyLongs()).as((id, price, quantity, ts) -> ClientMessage.newBuilder().setReplace(Replace.newBuilder()
            .setClientOrderId(id).setPrice(price).setQuantity(quantity).setClientTimestampNs(ts)).build());
        final Arbitrary<ClientMessage> massCancel = Combinators.combine(anyLongs(),
            Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("")), Tuple.of(3, symbols())))
            .as((id, symbol) -> ClientMessage.newBuilder().setMassCancel(
                MassCancel.newBuilder().setRequestId(id).setSymbol(symbol)).build());
        final Arbitrary<ClientMessage> balances = anyLongs().map(id -> ClientMessage.newBuilder()
            .setBalanceRequest(BalanceRequest.newBuilder().setRequestId(id)).build());
        return Arbitraries.frequencyOf(Tuple.of(7, newOrder), Tuple.of(2, cancel), Tuple.of(2, replace),
            Tuple.of(1, massCancel), Tuple.of(1, balances));
    }

    static Arbitrary<Long> stopPrices()
    {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0L)), Tuple.of(3, prices()));
    }

    static Arbitrary<Long> displayQuantities()
    {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0L)), Tuple.of(3, quantities()));
    }

    /**
     * Mostly none; else around the time the run is generated (so that some GTD orders expire during the run, some
     * are already past and some never expire), or any value.
     */
    static Arbitrary<Long> expiryTimes()
    {
        final long now = System.currentTimeMillis();
        return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(0L)),
            Tuple.of(3, Arbitraries.longs().between(now - 2_000, now + 10_000)),
            Tuple.of(1, anyLongs()));
    }

    static Arbitrary<Long> edgeLongs()
    {
        return Arbitraries.of(0L, -1L, 1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
            Long.MAX_VALUE - 1, (long)Integer.MAX_VALUE, (long)Integer.MIN_VALUE, 0xFFFF_FFFFL, 1L << 32, 1L << 40,
            1_000_000_000_000L, 1_000_000_000_001L);
    }

    static Arbitrary<Long> anyLongs()
    {
        return Arbitraries.oneOf(edgeLongs(), Arbitraries.longs());
    }

    static Arbitrary<Long> clientOrderIds()
    {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.longs().between(0, 3)), Tuple.of(2, edgeLongs()));
    }

    static Arbitrary<Long> prices()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.longs().between(97, 103).map(p -> p * UNIT)),
            Tuple.of(1, Arbitraries.longs().between(97, 103).map(p -> p * UNIT + 1)),
            Tuple.of(2, anyLongs()));
    }

    static Arbitrary<Long> quantities()
    {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.longs().between(1, 10)), Tuple.of(2, anyLongs()));
    }

    static Arbitrary<Integer> enumNumbers(final int min, final int max)
    {
        return Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.integers().between(min, max)),
            Tuple.of(1, Arbitraries.of(-1, 0, max + 1, 100, Integer.MAX_VALUE, Integer.MIN_VALUE)),
            Tuple.of(1, Arbitraries.integers()));
    }

    static Arbitrary<String> symbols()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(16, Arbitraries.just("BTC-USD")),
            Tuple.of(2, Arbitraries.of("ETH-USD", "SOL-USD")),
            Tuple.of(1, Arbitraries.of("", "btc-usd", "BTC-USD\u0000", "\u00e9\u20ac")),
            Tuple.of(1, Arbitraries.just("Z".repeat(3_000))),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
    }

    /**
     * One node, its sessions and what each session is owed.
     */
    private static final class Run
    {
        private final Path dataDir;
        private final TestClient[] sessions = new TestClient[ACCOUNTS.length];
        private ArbiterNode node;

        Run(final Path dataDir)
        {
            this.dataDir = dataDir;
        }

        private ServerContext context()
        {
            final ServerContext context = new ServerConfigLoader().loadDefaults();
            // small ring and pools: the node starts several times per try; snapshots often so that
            // snapshot-then-replay has a snapshot before the end
            return context.ringSize(1024).orderPoolSize(1024).levelPoolSize(256).snapshotIntervalCommands(16)
                .snapshotsToKeep(4).port(0).marketDataPort(0)
                    .adminPort(0).adminToken(AdminHttp.TOKEN).dataDir(dataDir.toString());
        }

        void start() throws Exception
        {
            node = new ArbiterNode(context()).start();
            for (int i = 0; i < sessions.length; i++)
            {
                logon(i);
            }
        }

        private void logon(final int session) throws IOException
        {
            sessions[session] = new TestClient(node.port());
            final ServerMessage ack = sessions[session].logon(ACCOUNTS[session], ACCOUNTS[session] + "-secret");
            assertTrue(ack.hasLogonAck(), () -> String.valueOf(ack));
        }

        void apply(final Action action) throws Exception
        {
            if (action instanceof Send send)
            {
                send(send.session(), send.message());
            }
            else if (action instanceof Reconnect reconnect)
            {
                sessions[reconnect.session()].close();
                logon(reconnect.session());
            }
            else if (action instanceof Snapshot)
            {
                assertEquals(200, AdminHttp.status(node.adminPort(), "/admin/snapshot", "POST", AdminHttp.BEARER));
            }
            else
            {
                final String before = quiescentState();
                stop();
                start();
                assertEquals(hash(before), hash(AdminHttp.body(node.adminPort(), "/admin/state")),
                    "recovered state differs from the state before the restart");
            }
        }

        private void send(final int session, final ClientMessage request) throws IOException
        {
            REQUESTS.incrementAndGet();
            final TestClient client = sessions[session];
            client.send(request);
            while (true)
            {
                final ServerMessage message = client.receiveNonHeartbeat();
                assertNotNull(message, () -> "connection closed before the answer to " + request);
                assertTrue(!message.hasProtocolError(), () -> message + " answering " + request);
                if (isAnswer(message))
                {
                    Statistics.label("answer").collect(answerName(message));
                    checkAnswers(request, message);
                    return;
                }
            }
        }

        void finish() throws Exception
        {
            for (final TestClient session : sessions)
            {
                for (final ServerMessage message : drain(session))
                {
                    assertTrue(!isAnswer(message), () -> "answer without a request: " + message);
                }
            }
            final String live = quiescentState();
            final ServerContext context = node.context();
            stop();
            final long liveHash = hash(live);
            final ReplayReport fromScratch = ReplayReport.run(new JournalContext().dataDir(dataDir), engine(context),
                true);
            assertEquals(liveHash, fromScratch.stateHash(), "replay from scratch differs from the live state");
            final List<Path> snapshots = snapshots();
            for (int keep = snapshots.size(); keep > 0; keep--)
            {
                final ReplayReport fromSnapshot = ReplayReport.run(new JournalContext().dataDir(dataDir),
                    engine(context), false);
                assertEquals(liveHash, fromSnapshot.stateHash(),
                    () -> "snapshot " + fromSnapshot.result().snapshot() + " then replay differs from the live state");
                Files.delete(snapshots.get(keep - 1));
            }
        }

        private List<Path> snapshots() throws IOException
        {
            try (Stream<Path> files = Files.list(dataDir))
            {
                return files.filter(f -> f.getFileName().toString().endsWith(".snap"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
            }
        }

        /**
         * Close every session, wait until the journal stops moving (their cancel-on-disconnect commands are applied)
         * and return {@code /admin/state}.
         */
        private String quiescentState() throws Exception
        {
            for (final TestClient session : sessions)
            {
                session.close();
            }
            String state = AdminHttp.body(node.adminPort(), "/admin/state");
            while (true)
            {
                Thread.sleep(100);
                final String again = AdminHttp.body(node.adminPort(), "/admin/state");
                if (sequence(again) == sequence(state) && again.equals(state))
                {
                    return again;
                }
                state = again;
            }
        }

        private void stop()
        {
            node.close();
            assertEquals(0, node.handlerErrors(), "the matching handler threw");
            node = null;
        }

        void closeQuietly()
        {
            for (final TestClient session : sessions)
            {
                if (session != null)
                {
                    try
                    {
                        session.close();
                    }
                    catch (final IOException ignored)
                    {
                        // the run already failed or finished
                    }
                }
            }
            if (node != null)
            {
                node.close();
            }
        }
    }

    private static boolean isAnswer(final ServerMessage message)
    {
        return message.hasAccepted() || message.hasRejected() || message.hasReplaced() || message.hasProtocolError() ||
            message.hasMassCancelReport() || (message.hasBalanceReport() && message.getBalanceReport().getLast()) ||
            (message.hasCanceled() && message.getCanceled().getReason() == CancelReason.USER);
    }

    private static String answerName(final ServerMessage message)
    {
        return message.hasRejected() ? "Rejected " + message.getRejected().getReason() :
            message.getBodyCase().name();
    }

    private static void checkAnswers(final ClientMessage request, final ServerMessage answer)
    {
        final long clientOrderId;
        final boolean matches;
        switch (request.getBodyCase())
        {
            case NEW_ORDER:
                clientOrderId = request.getNewOrder().getClientOrderId();
                matches = answer.hasAccepted() ? answer.getAccepted().getClientOrderId() == clientOrderId :
                    answer.hasRejected() && answer.getRejected().getRequestType() == RequestType.REQUEST_NEW_ORDER;
                break;
            case CANCEL:
                clientOrderId = request.getCancel().getClientOrderId();
                matches = answer.hasCanceled() ? answer.getCanceled().getClientOrderId() == clientOrderId :
                    answer.hasRejected() && answer.getRejected().getRequestType() == RequestType.REQUEST_CANCEL;
                break;
            case MASS_CANCEL:
                clientOrderId = request.getMassCancel().getRequestId();
                matches = answer.hasMassCancelReport() ? answer.getMassCancelReport().getRequestId() == clientOrderId :
                    answer.hasRejected() && answer.getRejected().getRequestType() == RequestType.REQUEST_MASS_CANCEL;
                break;
            case BALANCE_REQUEST:
                clientOrderId = request.getBalanceRequest().getRequestId();
                matches = answer.hasBalanceReport() ? answer.getBalanceReport().getRequestId() == clientOrderId :
                    answer.hasRejected() && answer.getRejected().getRequestType() == RequestType.REQUEST_BALANCE;
                break;
            default:
                clientOrderId = request.getReplace().getClientOrderId();
                matches = answer.hasReplaced() ? answer.getReplaced().getClientOrderId() == clientOrderId :
                    answer.hasRejected() && answer.getRejected().getRequestType() == RequestType.REQUEST_REPLACE;
                break;
        }
        if (!matches || (answer.hasRejected() && answer.getRejected().getClientOrderId() != clientOrderId))
        {
            fail("answer " + answer + " does not answer " + request);
        }
    }

    private static List<ServerMessage> drain(final TestClient client)
    {
        final List<ServerMessage> messages = new ArrayList<>();
        try
        {
            ServerMessage message;
            while ((message = client.receiveWithin(200)) != null)
            {
                messages.add(message);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return messages;
    }

    private static long hash(final String state)
    {
        final Matcher matcher = STATE_HASH.matcher(state);
        assertTrue(matcher.find(), state);
        return Long.parseUnsignedLong(matcher.group(1), 16);
    }

    private static long sequence(final String state)
    {
        final Matcher matcher = LAST_SEQUENCE.matcher(state);
        assertTrue(matcher.find(), state);
        return Long.parseLong(matcher.group(1));
    }

    private static MatchingEngine engine(final ServerContext context)
    {
        final MatchingEngine engine = new MatchingEngine(
            new EngineContext().orderPoolSize(context.orderPoolSize()).levelPoolSize(context.levelPoolSize()),
            NoOpExecutionListener.INSTANCE);
        for (final InstrumentConfig instrument : context.instruments())
        {
            engine.addInstrument(instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
        }
        return engine;
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
    }

}
