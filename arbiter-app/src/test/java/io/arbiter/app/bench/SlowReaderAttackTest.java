package io.arbiter.app.bench;

import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.LogonAck;
import io.arbiter.protocol.proto.LogonReject;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlowReaderAttackTest
{
    /** Liveness bound for the attacks below: each needs well under a second on a quiet machine. */
    private static final long LIVENESS_NS = TimeUnit.SECONDS.toNanos(60);

    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());

    SlowReaderAttackTest() throws IOException
    {
    }

    @AfterEach
    void closeServer() throws IOException
    {
        server.close();
    }

    @Test
    void shouldEncodeConsecutiveOrdersWithoutASide() throws IOException
    {
        final byte[] frames = SlowReaderAttack.invalidOrderFrames("ETH-USD", 41, 300);
        final InputStream in = new ByteArrayInputStream(frames);
        for (int i = 0; i < 300; i++)
        {
            final ClientMessage message = ClientMessage.parseDelimitedFrom(in);
            assertTrue(message.hasNewOrder(), message.toString());
            final NewOrder order = message.getNewOrder();
            assertEquals(41 + i, order.getClientOrderId());
            assertEquals(Side.SIDE_UNSPECIFIED, order.getSide());
            assertEquals("ETH-USD", order.getSymbol());
            assertEquals(OrderType.LIMIT, order.getType());
            assertEquals(TimeInForce.GTC, order.getTimeInForce());
            assertEquals(SlowReaderAttack.PRICE, order.getPrice());
            assertEquals(1, order.getQuantity());
        }
        assertNull(ClientMessage.parseDelimitedFrom(in), "no bytes after the last frame");
    }

    @Test
    void shouldEncodeALogonFrame() throws IOException
    {
        final InputStream in = new ByteArrayInputStream(SlowReaderAttack.logonFrame("demo2", "demo2-secret"));
        final ClientMessage message = ClientMessage.parseDelimitedFrom(in);
        assertEquals("demo2", message.getLogon().getAccount());
        assertEquals("demo2-secret", message.getLogon().getSecret().toString(StandardCharsets.UTF_8));
        assertEquals(1, message.getLogon().getProtocolVersion());
        assertNull(ClientMessage.parseDelimitedFrom(in));
    }

    @Test
    void shouldReportTheServerClosingTheConnection() throws Exception
    {
        final int readBeforeClose = 100_000;
        final CompletableFuture<Long> received = CompletableFuture.supplyAsync(() ->
        {
            try (Socket peer = server.accept())
            {
                final InputStream in = peer.getInputStream();
                acknowledgeLogon(peer, in);
                return (long)in.readNBytes(readBeforeClose).length;
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });

        final List<SlowReaderAttack.ConnectionResult> results = attack(LIVENESS_NS, 1).run();

        assertEquals(readBeforeClose, received.get());
        final SlowReaderAttack.ConnectionResult result = results.get(0);
        assertTrue(result.loggedOn(), result.toString());
        assertTrue(result.closedByServer(), result.toString());
        assertFalse(result.closeReason().isEmpty(), result.toString());
        assertTrue(result.bytesSent() > 0 && result.ordersSent() > 0, result.toString());
    }

    @Test
    void shouldStopAWriteTheServerHoldsBackWhenTheTimeIsUp() throws Exception
    {
        final CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                final Socket peer = server.accept();
                acknowledgeLogon(peer, peer.getInputStream());
                return peer;
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });

        final List<SlowReaderAttack.ConnectionResult> results =
            attack(TimeUnit.MILLISECONDS.toNanos(500), 1).run();

        accepted.get().close();
        final SlowReaderAttack.ConnectionResult result = results.get(0);
        assertTrue(result.loggedOn(), result.toString());
        assertFalse(result.closedByServer(), result.toString());
        assertEquals("", result.closeReason());
        assertTrue(result.bytesSent() > 0, result.toString());
    }

    @Test
    void shouldReportALogonReject() throws Exception
    {
        final CompletableFuture<Void> rejected = CompletableFuture.runAsync(() ->
        {
            try (Socket peer = server.accept())
            {
                ClientMessage.parseDelimitedFrom(peer.getInputStream());
                ServerMessage.newBuilder().setLogonReject(LogonReject.newBuilder()
                    .setReason(LogonRejectReason.INVALID_CREDENTIALS)).build().writeDelimitedTo(peer.getOutputStream());
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });

        final List<SlowReaderAttack.ConnectionResult> results = attack(LIVENESS_NS, 1).run();

        rejected.get();
        final SlowReaderAttack.ConnectionResult result = results.get(0);
        assertFalse(result.loggedOn());
        assertTrue(result.logonFailure().contains("INVALID_CREDENTIALS"), result.logonFailure());
        assertEquals(0, result.bytesSent());
    }

    @Test
    void shouldSumTheConnectionsInTheSummary()
    {
        final String summary = BenchSlowReaderCommand.summary(List.of(
            new SlowReaderAttack.ConnectionResult(1, true, "", 1_000, 30, 2_000_000_000L, true, "Connection reset"),
            new SlowReaderAttack.ConnectionResult(2, true, "", 500, 15, 5_000_000_000L, false, ""),
            new SlowReaderAttack.ConnectionResult(3, false, "no logon answer", 0, 0, 1_000_000L, false, "")));

        assertTrue(summary.contains("connection 1: sent 1,000 bytes (30 orders) in 2.000 s; closed by the server " +
            "after 2.000 s (Connection reset)"), summary);
        assertTrue(summary.contains("connection 2: sent 500 bytes (15 orders) in 5.000 s; still open"), summary);
        assertTrue(summary.contains("connection 3: logon failed: no logon answer"), summary);
        assertTrue(summary.contains("logged on: 2 of 3\n"), summary);
        assertTrue(summary.contains("bytes sent: 1500\n"), summary);
        assertTrue(summary.contains("orders sent: 45\n"), summary);
        assertTrue(summary.contains("ran s: 5.000\n"), summary);
        assertTrue(summary.contains("closed by server: 1 of 2\n"), summary);
        assertTrue(summary.contains("first close s: 2.000\n"), summary);
        assertTrue(summary.contains("last close s: 2.000\n"), summary);
    }

    private SlowReaderAttack attack(final long durationNs, final int connections)
    {
        return new SlowReaderAttack("127.0.0.1", server.getLocalPort(), "demo1", "demo1-secret", "BTC-USD",
            durationNs, connections, TimeUnit.NANOSECONDS.toMillis(LIVENESS_NS));
    }

    private static void acknowledgeLogon(final Socket peer, final InputStream in) throws IOException
    {
        final ClientMessage logon = ClientMessage.parseDelimitedFrom(in);
        assertEquals("demo1", logon.getLogon().getAccount());
        ServerMessage.newBuilder().setLogonAck(LogonAck.newBuilder().setSessionId(7).setHeartbeatIntervalMs(1000))
            .build().writeDelimitedTo(peer.getOutputStream());
    }
}
