package io.arbiter.testsupport;

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
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.Rejected;
import io.arbiter.protocol.proto.Replaced;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.TimeInForce;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking-socket stand-in for the Arbiter server, built on the protocol's generated classes, one thread per
 * connection, for testing clients (the Java client, the load generator) without a node. It answers:
 * <ul>
 *     <li>Logon: a LogonAck (session 77, account 5), or a LogonReject and a close when the secret is "bad";</li>
 *     <li>NewOrder: Accepted with exchange order ids from 1001 up; price {@link #PRICE_REJECTED} is Rejected instead;
 *     the order also fills completely as taker when its quantity is {@link #ORDER_FILLS} or, with
 *     {@link Options#fillImmediateOrders(boolean)}, when it is IOC;</li>
 *     <li>Cancel and Replace: confirmed; Heartbeat: echoed; Logout: answered, then the connection closes.</li>
 * </ul>
 * Optionally every connection stalls once, for a fixed time, when the N-th NewOrder arrives (a node pause seen from
 * the client). Every message received is recorded. Produces garbage; for tests only.
 */
public final class FakeArbiterServer implements AutoCloseable
{
    /** A NewOrder with this quantity fills completely as taker. */
    public static final long ORDER_FILLS = 7;
    /** A NewOrder with this price (in wire units) is rejected with INVALID_PRICE. */
    public static final long PRICE_REJECTED = 13;

    private static final long FIRST_ORDER_ID = 1000;

    /** How a fake server behaves beyond its fixed answers. */
    public static final class Options
    {
        private int heartbeatIntervalMs = 30_000;
        private boolean fillImmediateOrders;
        private long stallAtNewOrder = Long.MAX_VALUE;
        private long stallMs;

        /**
         * @param intervalMs heartbeat interval announced in the LogonAck (default 30,000).
         * @return this.
         */
        public Options heartbeatIntervalMs(final int intervalMs)
        {
            this.heartbeatIntervalMs = intervalMs;
            return this;
        }

        /**
         * @param fill true to fill every IOC NewOrder completely as taker, as a deep book would, in place of the
         *             quantity rule (default false).
         * @return this.
         */
        public Options fillImmediateOrders(final boolean fill)
        {
            this.fillImmediateOrders = fill;
            return this;
        }

        /**
         * @param atNewOrder count of NewOrders (over all connections) whose arrival starts the stall.
         * @param durationMs how long every connection stops answering.
         * @return this.
         */
        public Options stall(final long atNewOrder, final long durationMs)
        {
            this.stallAtNewOrder = atNewOrder;
            this.stallMs = durationMs;
            return this;
        }
    }

    private final List<ClientMessage> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong newOrders = new AtomicLong();
    private final ServerSocket serverSocket;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong nextOrderId = new AtomicLong(FIRST_ORDER_ID);
    private final int heartbeatIntervalMs;
    private final boolean fillImmediateOrders;
    private final long stallAtNewOrder;
    private final long stallNs;
    private volatile long stallUntilNs;

    /**
     * Starts a fake server on an ephemeral loopback port with the default options and the given heartbeat interval.
     *
     * @param heartbeatIntervalMs heartbeat interval announced in the LogonAck.
     * @throws IOException if the port cannot be bound.
     */
    public FakeArbiterServer(final int heartbeatIntervalMs) throws IOException
    {
        this(new Options().heartbeatIntervalMs(heartbeatIntervalMs));
    }

    /**
     * Starts a fake server on an ephemeral loopback port.
     *
     * @param options how it behaves.
     * @throws IOException if the port cannot be bound.
     */
    public FakeArbiterServer(final Options options) throws IOException
    {
        this.heartbeatIntervalMs = options.heartbeatIntervalMs;
        this.fillImmediateOrders = options.fillImmediateOrders;
        this.stallAtNewOrder = options.stallAtNewOrder;
        this.stallNs = TimeUnit.MILLISECONDS.toNanos(options.stallMs);
        serverSocket = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        final Thread acceptor = new Thread(this::acceptLoop, "fake-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @return the port it listens on.
     */
    public int port()
    {
        return serverSocket.getLocalPort();
    }

    /**
     * @param index position in arrival order (over all connections).
     * @return a message received.
     */
    public ClientMessage received(final int index)
    {
        return received.get(index);
    }

    /**
     * @param bodyCase a message kind.
     * @return how many messages of that kind arrived so far.
     */
    public long count(final ClientMessage.BodyCase bodyCase)
    {
        synchronized (received)
        {
            return received.stream().filter(m -> m.getBodyCase() == bodyCase).count();
        }
    }

    /**
     * @return NewOrders received so far, over all connections.
     */
    public long newOrders()
    {
        return newOrders.get();
    }

    /**
     * Closes every open connection (the listening socket stays open).
     *
     * @throws IOException if a close fails.
     */
    public void closeAllConnections() throws IOException
    {
        for (final Socket socket : sockets)
        {
            socket.close();
        }
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
            final OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            while (true)
            {
                final ClientMessage message = ClientMessage.parseDelimitedFrom(in);
                if (message == null)
                {
                    return;
                }
                received.add(message);
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
            // connection closed by the client or by closeAllConnections()
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
                if (message.getLogon().getSecret().equals(ByteString.copyFromUtf8("bad")))
                {
                    send(out, ServerMessage.newBuilder().setLogonReject(LogonReject.newBuilder()
                        .setReason(LogonRejectReason.INVALID_CREDENTIALS).setText("bad secret")).build());
                    return false;
                }
                send(out, ServerMessage.newBuilder().setLogonAck(LogonAck.newBuilder()
                    .setSessionId(77).setHeartbeatIntervalMs(heartbeatIntervalMs).setAccountId(5)).build());
                return true;
            case NEW_ORDER:
                answerNewOrder(message.getNewOrder(), out);
                return true;
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
                return false;
            default:
                return false;
        }
    }

    private void answerNewOrder(final NewOrder order, final OutputStream out) throws IOException
    {
        if (order.getPrice() == PRICE_REJECTED)
        {
            send(out, ServerMessage.newBuilder().setRejected(Rejected.newBuilder()
                .setClientOrderId(order.getClientOrderId()).setReason(RejectReason.INVALID_PRICE)
                .setRequestType(RequestType.REQUEST_NEW_ORDER)
                .setClientTimestampNs(order.getClientTimestampNs()).setTimestampNs(9)
                .setText("price 13 is unlucky")).build());
            return;
        }
        final long orderId = nextOrderId.incrementAndGet();
        send(out, ServerMessage.newBuilder().setAccepted(Accepted.newBuilder()
            .setClientOrderId(order.getClientOrderId()).setOrderId(orderId)
            .setClientTimestampNs(order.getClientTimestampNs()).setInstrumentId(3).setTimestampNs(11)).build());
        final boolean fills = fillImmediateOrders ?
            order.getTimeInForce() == TimeInForce.IOC : order.getQuantity() == ORDER_FILLS;
        if (fills)
        {
            send(out, ServerMessage.newBuilder().setFill(Fill.newBuilder()
                .setClientOrderId(order.getClientOrderId()).setOrderId(orderId).setTradeId(orderId - FIRST_ORDER_ID)
                .setPrice(order.getPrice()).setQuantity(order.getQuantity()).setLeavesQuantity(0)
                .setLiquidity(Liquidity.TAKER).setInstrumentId(3).setSide(order.getSide())
                .setTimestampNs(12)).build());
        }
    }

    private static void send(final OutputStream out, final ServerMessage message) throws IOException
    {
        message.writeDelimitedTo(out);
    }

    /**
     * Stops listening and closes every connection.
     *
     * @throws IOException if a close fails.
     */
    @Override
    public void close() throws IOException
    {
        serverSocket.close();
        closeAllConnections();
    }
}
