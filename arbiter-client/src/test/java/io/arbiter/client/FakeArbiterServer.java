package io.arbiter.client;

import com.google.protobuf.ByteString;
import io.arbiter.protocol.proto.Accepted;
import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.Canceled;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Fill;
import io.arbiter.protocol.proto.Heartbeat;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.LogonAck;
import io.arbiter.protocol.proto.LogonReject;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.Logout;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.Rejected;
import io.arbiter.protocol.proto.Replaced;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.ServerMessage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny blocking-socket stand-in for the Arbiter server, built on the protocol's generated classes: one thread per
 * connection, logon with secret "bad" is rejected, every NewOrder is accepted (quantity 7 also fills completely,
 * price 13 is rejected), Cancel and Replace are confirmed, Logout is answered and closes.
 */
final class FakeArbiterServer implements AutoCloseable
{
    static final long ORDER_FILLS = 7;
    static final long PRICE_REJECTED = 13;

    final List<ClientMessage> received = new CopyOnWriteArrayList<>();
    private final ServerSocket serverSocket;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong nextOrderId = new AtomicLong(1000);
    private final int heartbeatIntervalMs;
    private final Thread acceptor;

    FakeArbiterServer(final int heartbeatIntervalMs) throws IOException
    {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "fake-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return serverSocket.getLocalPort();
    }

    void closeAllConnections() throws IOException
    {
        for (final Socket socket : sockets)
        {
            socket.close();
        }
    }

    long count(final ClientMessage.BodyCase bodyCase)
    {
        return received.stream().filter(m -> m.getBodyCase() == bodyCase).count();
    }

    private void acceptLoop()
    {
        while (!serverSocket.isClosed())
        {
            try
            {
                final Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                final Thread thread = new Thread(() -> serve(socket), "fake-server-conn");
                thread.setDaemon(true);
                thread.start();
            }
            catch (final IOException ex)
            {
                return;
            }
        }
    }

    private void serve(final Socket socket)
    {
        try (socket)
        {
            final InputStream in = socket.getInputStream();
            final OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (true)
            {
                final ClientMessage message = ClientMessage.parseDelimitedFrom(in);
                if (message == null)
                {
                    return;
                }
                received.add(message);
                if (!answer(message, out))
                {
                    return;
                }
                if (in.available() == 0)
                {
                    out.flush();
                }
            }
        }
        catch (final IOException ex)
        {
            // connection closed by the client or by closeAllConnections()
        }
    }

    private boolean answer(final ClientMessage message, final OutputStream out) throws IOException
    {
        switch (message.getBodyCase())
        {
            case LOGON:
                if (message.getLogon().getSecret().equals(ByteString.copyFromUtf8("bad")))
                {
                    send(out, ServerMessage.newBuilder().setLogonReject(LogonReject.newBuilder()
                        .setReason(LogonRejectReason.INVALID_CREDENTIALS).setText("bad secret")).build());
                    out.flush();
                    return false;
                }
                send(out, ServerMessage.newBuilder().setLogonAck(LogonAck.newBuilder()
                    .setSessionId(77).setHeartbeatIntervalMs(heartbeatIntervalMs).setAccountId(5)).build());
                return true;
            case NEW_ORDER:
            {
                final var order = message.getNewOrder();
                if (order.getPrice() == PRICE_REJECTED)
                {
                    send(out, ServerMessage.newBuilder().setRejected(Rejected.newBuilder()
                        .setClientOrderId(order.getClientOrderId()).setReason(RejectReason.INVALID_PRICE)
                        .setRequestType(RequestType.REQUEST_NEW_ORDER)
                        .setClientTimestampNs(order.getClientTimestampNs()).setTimestampNs(9)
                        .setText("price 13 is unlucky")).build());
                    return true;
                }
                final long orderId = nextOrderId.incrementAndGet();
                send(out, ServerMessage.newBuilder().setAccepted(Accepted.newBuilder()
                    .setClientOrderId(order.getClientOrderId()).setOrderId(orderId)
                    .setClientTimestampNs(order.getClientTimestampNs()).setInstrumentId(3).setTimestampNs(11)).build());
                if (order.getQuantity() == ORDER_FILLS)
                {
                    send(out, ServerMessage.newBuilder().setFill(Fill.newBuilder()
                        .setClientOrderId(order.getClientOrderId()).setOrderId(orderId).setTradeId(1)
                        .setPrice(order.getPrice()).setQuantity(order.getQuantity()).setLeavesQuantity(0)
                        .setLiquidity(Liquidity.TAKER).setInstrumentId(3).setSide(order.getSide())
                        .setTimestampNs(12)).build());
                }
                return true;
            }
            case CANCEL:
                send(out, ServerMessage.newBuilder().setCanceled(Canceled.newBuilder()
                    .setClientOrderId(message.getCancel().getClientOrderId()).setOrderId(1).setCanceledQuantity(4)
                    .setReason(CancelReason.USER).setTimestampNs(13)).build());
                return true;
            case REPLACE:
                send(out, ServerMessage.newBuilder().setReplaced(Replaced.newBuilder()
                    .setClientOrderId(message.getReplace().getClientOrderId()).setOrderId(1)
                    .setPrice(message.getReplace().getPrice()).setQuantity(message.getReplace().getQuantity())
                    .setTimestampNs(14)).build());
                return true;
            case HEARTBEAT:
                send(out, ServerMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
                return true;
            case LOGOUT:
                send(out, ServerMessage.newBuilder().setLogout(Logout.getDefaultInstance()).build());
                out.flush();
                return false;
            default:
                return false;
        }
    }

    private static void send(final OutputStream out, final ServerMessage message) throws IOException
    {
        message.writeDelimitedTo(out);
    }

    @Override
    public void close() throws IOException
    {
        serverSocket.close();
        closeAllConnections();
    }
}
