package io.arbiter.loadgen;

import io.arbiter.protocol.proto.Accepted;
import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.Canceled;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Fill;
import io.arbiter.protocol.proto.Heartbeat;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.LogonAck;
import io.arbiter.protocol.proto.Logout;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.Replaced;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.TimeInForce;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking-socket stand-in for the Arbiter server built on the protocol's generated classes, one thread per
 * connection: accepts every logon and NewOrder, fills IOC and MARKET orders completely as taker, confirms Cancel and
 * Replace. Optionally stalls every connection once, for a fixed time, when the N-th NewOrder arrives.
 */
final class FakeExchangeServer implements AutoCloseable
{
    final AtomicLong newOrders = new AtomicLong();
    private final ServerSocket serverSocket;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong nextOrderId = new AtomicLong();
    private final long stallAtNewOrder;
    private final long stallNs;
    private volatile long stallUntilNs;

    FakeExchangeServer(final long stallAtNewOrder, final long stallMs) throws IOException
    {
        this.stallAtNewOrder = stallAtNewOrder;
        this.stallNs = TimeUnit.MILLISECONDS.toNanos(stallMs);
        serverSocket = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        final Thread acceptor = new Thread(this::acceptLoop, "fake-exchange-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return serverSocket.getLocalPort();
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
                final Thread thread = new Thread(() -> serve(socket), "fake-exchange-conn");
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
            final OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            while (true)
            {
                final ClientMessage message = ClientMessage.parseDelimitedFrom(in);
                if (message == null)
                {
                    return;
                }
                if (message.getBodyCase() == ClientMessage.BodyCase.NEW_ORDER &&
                    newOrders.incrementAndGet() == stallAtNewOrder)
                {
                    stallUntilNs = System.nanoTime() + stallNs;
                }
                final long waitNs = stallUntilNs - System.nanoTime();
                if (waitNs > 0)
                {
                    out.flush();
                    TimeUnit.NANOSECONDS.sleep(waitNs);
                }
                if (!answer(message, out))
                {
                    out.flush();
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
            // the client closed the connection
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answer(final ClientMessage message, final OutputStream out) throws IOException
    {
        switch (message.getBodyCase())
        {
            case LOGON:
                ServerMessage.newBuilder().setLogonAck(LogonAck.newBuilder().setSessionId(sockets.size())
                    .setHeartbeatIntervalMs(30_000).setAccountId(sockets.size())).build().writeDelimitedTo(out);
                return true;
            case NEW_ORDER:
            {
                final NewOrder order = message.getNewOrder();
                final long orderId = nextOrderId.incrementAndGet();
                ServerMessage.newBuilder().setAccepted(Accepted.newBuilder().setClientOrderId(order.getClientOrderId())
                    .setOrderId(orderId).setClientTimestampNs(order.getClientTimestampNs())).build()
                    .writeDelimitedTo(out);
                if (order.getTimeInForce() == TimeInForce.IOC)
                {
                    ServerMessage.newBuilder().setFill(Fill.newBuilder().setClientOrderId(order.getClientOrderId())
                        .setOrderId(orderId).setTradeId(orderId).setQuantity(order.getQuantity()).setLeavesQuantity(0)
                        .setLiquidity(Liquidity.TAKER).setSide(order.getSide())).build().writeDelimitedTo(out);
                }
                return true;
            }
            case CANCEL:
                ServerMessage.newBuilder().setCanceled(Canceled.newBuilder()
                    .setClientOrderId(message.getCancel().getClientOrderId()).setCanceledQuantity(1)
                    .setReason(CancelReason.USER)).build().writeDelimitedTo(out);
                return true;
            case REPLACE:
                ServerMessage.newBuilder().setReplaced(Replaced.newBuilder()
                    .setClientOrderId(message.getReplace().getClientOrderId())
                    .setPrice(message.getReplace().getPrice()).setQuantity(message.getReplace().getQuantity()))
                    .build().writeDelimitedTo(out);
                return true;
            case HEARTBEAT:
                ServerMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build().writeDelimitedTo(out);
                return true;
            case LOGOUT:
                ServerMessage.newBuilder().setLogout(Logout.getDefaultInstance()).build().writeDelimitedTo(out);
                return false;
            default:
                return false;
        }
    }

    @Override
    public void close() throws IOException
    {
        serverSocket.close();
        for (final Socket socket : sockets)
        {
            socket.close();
        }
    }
}
