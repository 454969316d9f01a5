package io.arbiter.app.journal;

import com.google.protobuf.ByteString;
import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.RejectReason;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.Recovery;
import io.arbiter.journal.RecoveryResult;
import io.arbiter.journal.ReplayReport;
import io.arbiter.protocol.proto.Cancel;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Logon;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills a server child process with SIGKILL at random moments under load (durability {@code batch}) and checks after
 * each restart that every acknowledgement a client received is in the journal (accepts, fills by trade id, cancels),
 * that exchange order ids never repeat, and that the state the node recovered (snapshot + tail) has the same hash as
 * a from-scratch replay of the whole journal. Seeded: {@code -Darbiter.crash.seed=N} repeats a run.
 */
@Tag("slow")
class CrashRecoverySystemTest
{
    private static final long UNIT = 100_000_000L;
    private static final String SYMBOL = "BTC-USD";
    private static final int CYCLES = 10;
    private static final Pattern LISTENING = Pattern.compile("listening on .*:(\\d+) \\(.*admin on port (\\d+)");

    private final Map<Long, Observed> observed = new ConcurrentHashMap<>();

    @Test
    void shouldRecoverEveryAcknowledgementAfterKillNine(@TempDir final Path dataDir) throws Exception
    {
        final long seed = Long.getLong("arbiter.crash.seed", System.nanoTime());
        System.out.println("CrashRecoverySystemTest seed=" + seed + " (rerun with -Darbiter.crash.seed=" + seed + ")");
        final Random random = new Random(seed);
        long acknowledgedBefore = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++)
        {
            final Child child = Child.start(dataDir, cycle);
            try
            {
                verifyRecovered(child, dataDir, cycle);
                final List<Driver> drivers = new ArrayList<>();
                for (int c = 0; c < 2; c++)
                {
                    drivers.add(new Driver(child.port, "demo" + (c + 1), random.nextLong(), observed));
                }
                drivers.forEach(Thread::start);
                Thread.sleep(300 + random.nextInt(700));
                child.kill();
                for (final Driver driver : drivers)
                {
                    driver.join(10_000);
                    assertTrue(!driver.isAlive(), "driver did not stop");
                    assertEquals(null, driver.error, driver.error);
                }
            }
            finally
            {
                child.kill();
            }
            final long acknowledged = observed.size();
            System.out.println("cycle " + cycle + ": " + (acknowledged - acknowledgedBefore) +
                " orders acknowledged before SIGKILL");
            acknowledgedBefore = acknowledged;
        }
        assertTrue(observed.size() > 100, "too little load: " + observed.size() + " orders acknowledged");

        final Child last = Child.start(dataDir, CYCLES);
        try
        {
            verifyRecovered(last, dataDir, CYCLES);
        }
        finally
        {
            last.stopGracefully();
        }
        final ReplayReport fromSnapshot = ReplayReport.run(
            new JournalContext().dataDir(dataDir), engine(new Recording()), false);
        final ReplayReport fromScratch = ReplayReport.run(
            new JournalContext().dataDir(dataDir), engine(new Recording()), true);
        assertNotNull(fromSnapshot.result().snapshot(), "clean shutdown writes a snapshot");
        assertEquals(fromScratch.stateHash(), fromSnapshot.stateHash());
        assertEquals(fromScratch.lastSequence(), fromSnapshot.lastSequence());
    }

    private void verifyRecovered(final Child child, final Path dataDir, final int cycle) throws Exception
    {
        final String state = httpGet(child.adminPort, "/admin/state");
        final long liveHash = Long.parseUnsignedLong(field(state, "stateHash").replace("\"", ""), 16);
        final long liveLast = Long.parseLong(field(state, "lastSequence"));
        final long liveOpen = Long.parseLong(field(state, "openOrders"));

        final Recording replay = new Recording();
        final MatchingEngine engine = engine(replay);
        final RecoveryResult result = new Recovery(new JournalContext().dataDir(dataDir)
            .warningSink(message -> System.out.println("replay warning: " + message)))
            .useSnapshots(false).repair(false).recover(engine);

        assertEquals(liveLast, result.lastSequence(), "cycle " + cycle + ": last sequence, state " + state);
        assertEquals(liveHash, engine.stateHash(), "cycle " + cycle + ": recovered state != full replay");
        assertEquals(liveOpen, engine.openOrderCount(), "cycle " + cycle + ": open orders");
        for (final Map.Entry<Long, Observed> entry : observed.entrySet())
        {
            final long orderId = entry.getKey();
            final Observed seen = entry.getValue();
            assertTrue(replay.accepted.contains(orderId), "cycle " + cycle + ": acknowledged order " + orderId +
                " is not in the journal");
            final Set<Long> trades = replay.tradesByOrder.getOrDefault(orderId, Set.of());
            for (final long tradeId : seen.tradeIds)
            {
                assertTrue(trades.contains(tradeId), "cycle " + cycle + ": acknowledged fill " + tradeId +
                    " of order " + orderId + " is not in the journal");
            }
            if (seen.canceled)
            {
                assertTrue(replay.canceled.contains(orderId), "cycle " + cycle + ": acknowledged cancel of " +
                    orderId + " is not in the journal");
            }
        }
    }

    private static MatchingEngine engine(final ExecutionListener listener)
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults();
        final MatchingEngine engine = new MatchingEngine(
            new EngineContext().orderPoolSize(context.orderPoolSize()).levelPoolSize(context.levelPoolSize()),
            listener);
        for (final InstrumentConfig instrument : context.instruments())
        {
            engine.addInstrument(instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
        }
        return engine;
    }

    private static String field(final String json, final String name)
    {
        final Matcher m = Pattern.compile("\"" + name + "\":(\"?[0-9a-f]+\"?)").matcher(json);
        assertTrue(m.find(), name + " missing in " + json);
        return m.group(1);
    }

    private static String httpGet(final int port, final String path) throws IOException
    {
        final HttpURLConnection connection =
            (HttpURLConnection)new URL("http://127.0.0.1:" + port + path).openConnection();
        connection.setReadTimeout(10_000);
        try (InputStream in = connection.getInputStream())
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        finally
        {
            connection.disconnect();
        }
    }

    /** What one client saw of one of its orders. */
    static final class Observed
    {
        final Set<Long> tradeIds = ConcurrentHashMap.newKeySet();
        volatile boolean canceled;
    }

    /** Engine events of a replay, by exchange order id. */
    static final class Recording implements ExecutionListener
    {
        final Set<Long> accepted = new HashSet<>();
        final Map<Long, Set<Long>> tradesByOrder = new HashMap<>();
        final Set<Long> canceled = new HashSet<>();

        @Override
        public void onAccepted(final long orderId, final long account)
        {
            accepted.add(orderId);
        }

        @Override
        public void onTrade(
            final long tradeId,
            final int instrumentId,
            final long price,
            final long quantity,
            final io.arbiter.engine.Side takerSide,
            final long makerOrderId,
            final long makerAccount,
            final long makerLeaves,
            final long takerOrderId,
            final long takerAccount,
            final long takerLeaves)
        {
            tradesByOrder.computeIfAbsent(makerOrderId, k -> new HashSet<>()).add(tradeId);
            tradesByOrder.computeIfAbsent(takerOrderId, k -> new HashSet<>()).add(tradeId);
        }

        @Override
        public void onCanceled(
            final long orderId, final long account, final long remainingQty, final CancelReason reason)
        {
            canceled.add(orderId);
        }

        @Override
        public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
        {
        }

        @Override
        public void onRejected(
            final CommandType type, final long orderId, final long account, final RejectReason reason)
        {
        }
    }

    /** A client thread: logs on, sends GTC limit orders and cancels one at a time, records every report. */
    static final class Driver extends Thread
    {
        private final int port;
        private final String account;
        private final Random random;
        private final Map<Long, Observed> observed;
        private final Map<Long, Long> exchangeIdByClientId = new HashMap<>();
        private final List<Long> open = new ArrayList<>();
        private volatile String error;

        Driver(final int port, final String account, final long seed, final Map<Long, Observed> observed)
        {
            super("crash-driver-" + account);
            this.port = port;
            this.account = account;
            this.random = new Random(seed);
            this.observed = observed;
        }

        @Override
        public void run()
        {
            try (Socket socket = new Socket("127.0.0.1", port))
            {
                socket.setSoTimeout(5_000);
                socket.setTcpNoDelay(true);
                final OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                final InputStream in = new BufferedInputStream(socket.getInputStream());
                send(out, ClientMessage.newBuilder().setLogon(Logon.newBuilder().setAccount(account)
                    .setSecret(ByteString.copyFrom(account + "-secret", StandardCharsets.UTF_8))
                    .setProtocolVersion(1)).build());
                final ServerMessage logonReply = ServerMessage.parseDelimitedFrom(in);
                if (logonReply == null)
                {
                    return; // the server was killed before it answered the logon: the expected disconnect
                }
                if (!logonReply.hasLogonAck())
                {
                    error = "logon refused: " + logonReply;
                    return;
                }
                long clientId = 1;
                while (true)
                {
                    final long requestId;
                    if (!open.isEmpty() && random.nextInt(5) == 0)
                    {
                        requestId = open.remove(random.nextInt(open.size()));
                        send(out, ClientMessage.newBuilder()
                            .setCancel(Cancel.newBuilder().setClientOrderId(requestId)).build());
                    }
                    else
                    {
                        requestId = clientId++;
                        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                        final long price = (98 + random.nextInt(5)) * UNIT;
                        send(out, ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder()
                            .setClientOrderId(requestId).setSymbol(SYMBOL).setSide(side).setType(OrderType.LIMIT)
                            .setTimeInForce(TimeInForce.GTC).setPrice(price)
                            .setQuantity(1 + random.nextInt(10))).build());
                    }
                    while (!onReport(ServerMessage.parseDelimitedFrom(in), requestId))
                    {
                        // other reports (maker fills) recorded on the way
                    }
                }
            }
            catch (final SocketTimeoutException ex)
            {
                error = "no reply within the socket timeout while the server was up: " + ex;
            }
            catch (final IOException ex)
            {
                // The server was killed: the expected disconnect (end of stream, reset or refused). A driver error
                // found before (a repeated order id) is already in the error field.
            }
            catch (final RuntimeException | Error ex)
            {
                error = "driver failed: " + ex;
            }
        }

        private boolean onReport(final ServerMessage message, final long requestId) throws IOException
        {
            if (message == null)
            {
                throw new IOException("end of stream");
            }
            switch (message.getBodyCase())
            {
                case ACCEPTED:
                {
                    final long orderId = message.getAccepted().getOrderId();
                    final Observed previous = observed.putIfAbsent(orderId, new Observed());
                    if (previous != null)
                    {
                        error = "exchange order id " + orderId + " acknowledged twice";
                        throw new IOException(error);
                    }
                    exchangeIdByClientId.put(message.getAccepted().getClientOrderId(), orderId);
                    open.add(message.getAccepted().getClientOrderId());
                    return message.getAccepted().getClientOrderId() == requestId;
                }
                case FILL:
                {
                    final Observed seen = observed.get(message.getFill().getOrderId());
                    if (seen != null)
                    {
                        seen.tradeIds.add(message.getFill().getTradeId());
                    }
                    if (message.getFill().getLeavesQuantity() == 0)
                    {
                        open.remove(Long.valueOf(message.getFill().getClientOrderId()));
                    }
                    return false;
                }
                case CANCELED:
                {
                    final Observed seen = observed.get(message.getCanceled().getOrderId());
                    if (seen != null)
                    {
                        seen.canceled = true;
                    }
                    return message.getCanceled().getClientOrderId() == requestId;
                }
                case REJECTED:
                    return message.getRejected().getClientOrderId() == requestId;
                default:
                    return false;
            }
        }

        private static void send(final OutputStream out, final ClientMessage message) throws IOException
        {
            message.writeDelimitedTo(out);
            out.flush();
        }
    }

    /** The server child process. */
    static final class Child
    {
        final Process process;
        final int port;
        final int adminPort;

        private Child(final Process process, final int port, final int adminPort)
        {
            this.process = process;
            this.port = port;
            this.adminPort = adminPort;
        }

        static Child start(final Path dataDir, final int cycle) throws Exception
        {
            final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            final ProcessBuilder builder = new ProcessBuilder(
                java, "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "io.arbiter.app.ArbiterMain", "server",
                "--port", "0", "--admin-port", "0", "--fix-port", "-1",
                "--marketdata-port", "0", "--bind-address", "127.0.0.1",
                "--data-dir", dataDir.toString(),
                "--journal-durability", "batch",
                "--snapshot-interval-commands", "400",
                "--session-cancel-on-disconnect", "false",
                "--engine-order-pool-size", "65536")
                .redirectErrorStream(true);
            final Process process = builder.start();
            final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            final Thread reader = new Thread(() ->
            {
                try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
                {
                    String line;
                    while ((line = in.readLine()) != null)
                    {
                        System.out.println("[server " + cycle + "] " + line);
                        lines.add(line);
                    }
                }
                catch (final IOException ignore)
                {
                    // process gone
                }
            }, "crash-child-output");
            reader.setDaemon(true);
            reader.start();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline)
            {
                final String line = lines.poll(500, TimeUnit.MILLISECONDS);
                if (line != null)
                {
                    final Matcher m = LISTENING.matcher(line);
                    if (m.find())
                    {
                        return new Child(process, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                    }
                }
                else if (!process.isAlive())
                {
                    fail("server exited with " + process.exitValue() + " during start of cycle " + cycle);
                }
            }
            process.destroyForcibly();
            throw new AssertionError("server did not start within 60 s (cycle " + cycle + ")");
        }

        void kill() throws InterruptedException
        {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stopGracefully() throws InterruptedException
        {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                fail("server did not stop on SIGTERM within 30 s");
            }
        }
    }
}
