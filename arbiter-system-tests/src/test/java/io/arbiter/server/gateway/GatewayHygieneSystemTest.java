package io.arbiter.server.gateway;

import com.google.protobuf.ByteString;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Logon;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection hygiene of the gateway (issue #13) and the session rules of docs/protocol.md, against a node on loopback
 * with raw sockets and the protobuf-generated classes: the logon deadline, connections that never log on cannot hold
 * every slot, a session that does not read its replies is closed as SLOW_CONSUMER within its buffer limit, and one
 * test per documented rule (second Logon, unknown message, empty frame, unsupported protocol version, gateway reject
 * timestamps).
 */
@Tag("slow")
class GatewayHygieneSystemTest
{
    private static final String BTC = "BTC-USD";
    /** Liveness bound of the waits below: a quiet run needs well under a second, so this is over 10x that. */
    private static final long LIVENESS_MS = 30_000;

    private ArbiterNode node;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    @TempDir
    Path dataDir;

    @AfterEach
    void tearDown() throws Exception
    {
        for (final AutoCloseable closeable : closeables)
        {
            closeable.close();
        }
        if (node != null)
        {
            node.close();
            assertEquals(0, node.handlerErrors(), "matching handler threw");
        }
    }

    private static ServerContext defaults()
    {
        return new ServerConfigLoader().loadDefaults();
    }

    private void start(final ServerContext context) throws InterruptedException
    {
        node = new ArbiterNode(context.port(0).marketDataPort(0).adminPort(0).dataDir(dataDir.toString())).start();
    }

    private TestClient client() throws IOException
    {
        final TestClient client = new TestClient(node.port());
        closeables.add(client);
        return client;
    }

    private static byte[] logonFrame(final int protocolVersion, final int secretBytes) throws IOException
    {
        final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        ClientMessage.newBuilder().setLogon(Logon.newBuilder().setAccount("demo1")
            .setSecret(ByteString.copyFrom(new byte[secretBytes])).setProtocolVersion(protocolVersion)).build()
            .writeDelimitedTo(frame);
        return frame.toByteArray();
    }

    private static ClientMessage orderWithoutSide(final long clientOrderId)
    {
        return ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder().setClientOrderId(clientOrderId)
            .setSymbol(BTC).setType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC).setPrice(100 * UNIT)
            .setQuantity(1)).build();
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIVENESS_MS);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void shouldCloseAConnectionNotLoggedOnByTheDeadlineHoweverManyBytesItTrickles() throws Exception
    {
        // The idle timeout (5 s) is far longer than the logon deadline: only the deadline can close it.
        start(defaults().logonTimeoutMs(300));
        final TestClient trickler = client();
        final byte[] frame = logonFrame(1, 1000);
        int sent = 0;
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIVENESS_MS);
        while (!trickler.hasInput() && sent < frame.length - 1)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "never closed");
            trickler.sendRaw(new byte[]{frame[sent++]});
            Thread.sleep(20);
        }
        assertTrue(sent < frame.length - 1, "the frame was never completed");
        final ServerMessage error = trickler.receive();
        assertEquals(ProtocolErrorCode.NOT_LOGGED_ON_ERROR, error.getProtocolError().getCode(), error.toString());
        assertTrue(error.getProtocolError().getText().contains("300 ms"), error.toString());
        assertNull(trickler.receive());
        assertEquals(1, node.gatewayState().logonTimeouts());
        assertTrue(node.metrics().scrape().contains("arbiter_connections_logon_timeouts_total 1"));
    }

    @Test
    void shouldDeliverTheClosingErrorToAClientThatKeepsSendingWhileItIsClosed() throws Exception
    {
        // Bytes arriving after the server's close would be answered with a reset, which can discard the error before
        // the client reads it; the server ends its output first and drains the input instead (docs/protocol.md).
        start(defaults().logonTimeoutMs(50));
        final TestClient sender = client();
        final byte[] frame = logonFrame(1, 4000);
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread writer = new Thread(() ->
        {
            try
            {
                for (int i = 0; i < frame.length - 1 && !stop.get(); i++)
                {
                    sender.sendRaw(new byte[]{frame[i]});
                    LockSupport.parkNanos(20_000);
                }
            }
            catch (final IOException ignore)
            {
                // the server closed the connection at last: the reader below decides.
            }
        }, "sender");
        writer.start();
        try
        {
            final ServerMessage error = sender.receiveWithin((int)LIVENESS_MS);
            assertEquals(ProtocolErrorCode.NOT_LOGGED_ON_ERROR, error.getProtocolError().getCode(), error.toString());
            assertNull(sender.receive(), "end of stream after the error");
        }
        finally
        {
            stop.set(true);
            writer.join();
        }
        assertEquals(1, node.gatewayState().logonTimeouts());
    }

    @Test
    void shouldGiveARealClientASlotWhileConnectionsThatNeverLogOnHoldEveryOne() throws Exception
    {
        start(defaults().maxConnections(4).maxConnectionsPerAddress(4).logonTimeoutMs(60_000));
        final byte[] frame = logonFrame(1, 100);
        final List<TestClient> tricklers = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            final TestClient trickler = client();
            trickler.sendRaw(new byte[]{frame[0], frame[1]});
            tricklers.add(trickler);
            await(() -> node.gatewayState().limiter().pending() == tricklers.size(), "trickler counted");
        }
        assertEquals(4, node.gatewayState().limiter().total());

        final TestClient real = client();
        assertTrue(real.logon("demo1", "demo1-secret").hasLogonAck());

        final ServerMessage evicted = tricklers.get(0).receive();
        assertEquals(ProtocolErrorCode.NOT_LOGGED_ON_ERROR, evicted.getProtocolError().getCode(), evicted.toString());
        assertNull(tricklers.get(0).receive());
        assertEquals(1, node.gatewayState().limiter().evictions());
        assertEquals(3, node.gatewayState().limiter().pending());
        final String metrics = node.metrics().scrape();
        assertTrue(metrics.contains("arbiter_connections_evicted_total 1"), metrics);
        assertTrue(metrics.contains("arbiter_connections_pending_logon 3"), metrics);
        assertEquals(4, node.gatewayState().limiter().total());
        for (int i = 1; i < 4; i++)
        {
            assertTrue(!tricklers.get(i).hasInput(), "the newer ones stay until their deadline");
        }

        real.send(limit(1, BTC, Side.BUY, TimeInForce.GTC, 100 * UNIT, 1));
        assertTrue(real.receiveNonHeartbeat().hasAccepted());
    }

    @Test
    void shouldRefuseANewConnectionOnlyWhenLoggedOnSessionsHoldEverySlot() throws Exception
    {
        start(defaults().maxConnections(1).maxConnectionsPerAddress(1));
        final TestClient first = client();
        assertTrue(first.logon("demo1", "demo1-secret").hasLogonAck());
        final TestClient second = client();
        final ServerMessage refusal = second.receive();
        assertEquals(ProtocolErrorCode.PROTOCOL_ERROR_CODE_UNSPECIFIED, refusal.getProtocolError().getCode());
        assertTrue(refusal.getProtocolError().getText().contains("too many connections"), refusal.toString());
        assertNull(second.receive());
        assertEquals(0, node.gatewayState().limiter().evictions());
    }

    @Test
    void shouldCapConnectionsNotLoggedOnPerAddress() throws Exception
    {
        start(defaults().maxPendingLogonsPerAddress(2).logonTimeoutMs(60_000));
        final TestClient oldest = client();
        await(() -> node.gatewayState().limiter().pending() == 1, "first counted");
        client();
        await(() -> node.gatewayState().limiter().pending() == 2, "second counted");
        client();
        final ServerMessage evicted = oldest.receive();
        assertEquals(ProtocolErrorCode.NOT_LOGGED_ON_ERROR, evicted.getProtocolError().getCode(), evicted.toString());
        assertNull(oldest.receive());
        await(() -> node.gatewayState().limiter().total() == 2, "evicted slot given to the newest");
        assertEquals(2, node.gatewayState().limiter().pending());
    }

    @Test
    void shouldCloseASessionThatSendsInvalidOrdersAndNeverReadsAsSlowConsumerWithinItsLimit() throws Exception
    {
        final ServerContext context = defaults().heartbeatIntervalMs(100).idleTimeoutMs(1000).egressBufferBytes(4096);
        context.socket().writeBufferLowWaterMark(8 * 1024).writeBufferHighWaterMark(32 * 1024)
            .sendBufferBytes(8 * 1024);
        start(context);
        final Socket socket = new Socket();
        closeables.add(socket);
        socket.setReceiveBufferSize(4 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", node.port()));
        final OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        final InputStream in = socket.getInputStream();
        ClientMessage.newBuilder().setLogon(Logon.newBuilder().setAccount("demo1")
            .setSecret(ByteString.copyFrom("demo1-secret", StandardCharsets.UTF_8)).setProtocolVersion(1))
            .build().writeDelimitedTo(out);
        out.flush();
        assertTrue(ServerMessage.parseDelimitedFrom(in).hasLogonAck());

        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong ordersSent = new AtomicLong();
        final Thread writer = new Thread(() ->
        {
            try
            {
                while (!stop.get())
                {
                    orderWithoutSide(ordersSent.incrementAndGet()).writeDelimitedTo(out);
                }
            }
            catch (final IOException ex)
            {
                // The server closed the connection: what this test waits for.
            }
        }, "invalid-order-writer");
        writer.setDaemon(true);
        writer.start();
        try
        {
            await(() -> node.gatewayState().slowConsumerCloses() == 1, "the session closed as SLOW_CONSUMER");
        }
        finally
        {
            stop.set(true);
            socket.close();
            writer.join(LIVENESS_MS);
        }
        final GatewayState state = node.gatewayState();
        assertEquals(32 * 1024 + GatewayState.UNSENT_SLACK_BYTES, state.sessionBufferLimitBytes());
        assertTrue(state.maxSessionBufferedBytes() > 0, "rejects were buffered");
        assertTrue(state.maxSessionBufferedBytes() <= state.sessionBufferLimitBytes(),
            state.maxSessionBufferedBytes() + " bytes buffered for the session, limit " +
                state.sessionBufferLimitBytes());
        assertTrue(ordersSent.get() > 100, "orders sent " + ordersSent.get());
        await(() -> state.limiter().total() == 0, "the connection released");
        assertTrue(node.metrics().scrape().contains("arbiter_sessions_slow_consumer_total 1"));
    }

    @Test
    void shouldCloseTheConnectionOnASecondLogon() throws Exception
    {
        start(defaults());
        final TestClient client = client();
        assertTrue(client.logon("demo1", "demo1-secret").hasLogonAck());
        final ServerMessage error = client.logon("demo1", "demo1-secret");
        assertEquals(ProtocolErrorCode.ALREADY_LOGGED_ON_ERROR, error.getProtocolError().getCode(), error.toString());
        assertNull(client.receive());
    }

    @Test
    void shouldCloseTheConnectionOnAnUnknownMessage() throws Exception
    {
        start(defaults());
        final TestClient client = client();
        assertTrue(client.logon("demo1", "demo1-secret").hasLogonAck());
        // A ClientMessage whose only field is number 100 (length-delimited, empty): a body this version does not know.
        client.sendRaw(new byte[]{3, (byte)0xA2, 0x06, 0});
        final ServerMessage error = client.receiveNonHeartbeat();
        assertEquals(ProtocolErrorCode.UNKNOWN_MESSAGE, error.getProtocolError().getCode(), error.toString());
        assertNull(client.receive());
    }

    @Test
    void shouldCloseTheConnectionOnAZeroLengthFrame() throws Exception
    {
        start(defaults());
        final TestClient client = client();
        assertTrue(client.logon("demo1", "demo1-secret").hasLogonAck());
        client.sendRaw(new byte[]{0});
        final ServerMessage error = client.receiveNonHeartbeat();
        assertEquals(ProtocolErrorCode.UNKNOWN_MESSAGE, error.getProtocolError().getCode(), error.toString());
        assertNull(client.receive());
    }

    @Test
    void shouldRefuseAnUnsupportedProtocolVersionAtLogon() throws Exception
    {
        start(defaults());
        final TestClient client = client();
        client.sendRaw(logonFrame(99, 0));
        final ServerMessage reject = client.receive();
        assertEquals(LogonRejectReason.UNSUPPORTED_PROTOCOL_VERSION, reject.getLogonReject().getReason(),
            reject.toString());
        assertTrue(reject.getLogonReject().getText().contains("supported: 1"), reject.toString());
        assertNull(client.receive());
    }

    @Test
    void shouldReadProtocolVersionZeroAsOne() throws Exception
    {
        start(defaults());
        final TestClient client = client();
        client.send(ClientMessage.newBuilder().setLogon(Logon.newBuilder().setAccount("demo1")
            .setSecret(ByteString.copyFrom("demo1-secret", StandardCharsets.UTF_8))).build());
        assertTrue(client.receive().hasLogonAck());
    }

    @Test
    void shouldStampGatewayRejectsWithTheGatewayClock() throws Exception
    {
        start(defaults());
        final TestClient client = client();
        assertTrue(client.logon("demo1", "demo1-secret").hasLogonAck());
        final long beforeNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        client.send(orderWithoutSide(5));
        final ServerMessage reject = client.receiveNonHeartbeat();
        final long afterNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        assertEquals(RejectReason.INVALID_SIDE, reject.getRejected().getReason(), reject.toString());
        assertEquals(5, reject.getRejected().getClientOrderId());
        final long stampNs = reject.getRejected().getTimestampNs();
        // Wall clock, not a duration: the stamp lies between the two reads (1 s either side for clock granularity).
        final long slackNs = TimeUnit.SECONDS.toNanos(1);
        assertTrue(stampNs >= beforeNs - slackNs && stampNs <= afterNs + slackNs,
            stampNs + " not in [" + beforeNs + ", " + afterNs + "]");
    }
}
