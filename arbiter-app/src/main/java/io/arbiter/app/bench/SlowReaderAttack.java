package io.arbiter.app.bench;

import com.google.protobuf.ByteString;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Logon;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.TimeInForce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The slow-reader attack of issue #13 as a client: each connection logs on over a plain blocking {@link Socket}, reads
 * its {@code LogonAck}, then writes {@code NewOrder}s without a side (which the gateway rejects itself) as fast as the
 * socket takes them and never reads again, until the time is up or the server closes the connection. One thread per
 * connection; {@link #run()} is called once, from one thread. Produces garbage (a control-plane tool, not a hot path).
 */
public final class SlowReaderAttack
{
    /** Price of every order sent, in 10^-8 units (100.00): a valid price, so only the missing side is wrong. */
    static final long PRICE = 100L * 100_000_000L;
    /** Orders encoded into one write (about 7 KB): the socket, not the encoder, sets the pace. */
    static final int ORDERS_PER_WRITE = 256;

    private final String host;
    private final int port;
    private final String account;
    private final String secret;
    private final String symbol;
    private final long durationNs;
    private final int connections;
    private final long connectTimeoutMs;

    /**
     * An attack, not started yet.
     *
     * @param host             of the server's order port.
     * @param port             the server's order port.
     * @param account          to log on as.
     * @param secret           of the account.
     * @param symbol           of the orders sent (any symbol: the missing side is what the gateway rejects).
     * @param durationNs       how long to keep writing at most.
     * @param connections      connections, each logged on to the same account.
     * @param connectTimeoutMs bound on connecting and on waiting for each {@code LogonAck}.
     * @throws IllegalArgumentException if the duration, the connections or the timeout are not positive.
     */
    public SlowReaderAttack(
        final String host,
        final int port,
        final String account,
        final String secret,
        final String symbol,
        final long durationNs,
        final int connections,
        final long connectTimeoutMs)
    {
        if (durationNs <= 0 || connections < 1 || connectTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("duration, connections and connect timeout must be positive");
        }
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.account = Objects.requireNonNull(account, "account");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.durationNs = durationNs;
        this.connections = connections;
        this.connectTimeoutMs = connectTimeoutMs;
    }

    /**
     * The length-delimited {@code Logon} frame this attack sends first (protocol version 1).
     *
     * @param account to log on as.
     * @param secret  of the account, sent as its UTF-8 bytes.
     * @return the frame: varint body length, then the {@code ClientMessage} body.
     */
    public static byte[] logonFrame(final String account, final String secret)
    {
        final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        writeDelimited(ClientMessage.newBuilder().setLogon(Logon.newBuilder().setAccount(account)
            .setSecret(ByteString.copyFrom(secret, StandardCharsets.UTF_8)).setProtocolVersion(1)).build(), frame);
        return frame.toByteArray();
    }

    /**
     * Encodes {@code count} consecutive invalid orders: LIMIT GTC, a valid price and quantity, no side
     * ({@code SIDE_UNSPECIFIED}, so the gateway rejects each with {@code INVALID_SIDE} before the engine sees it).
     *
     * @param symbol               of the orders.
     * @param firstClientOrderId   client order id of the first order; the following ones count up from it.
     * @param count                orders to encode.
     * @return the frames back to back, each a varint body length and a {@code ClientMessage} body.
     */
    public static byte[] invalidOrderFrames(final String symbol, final long firstClientOrderId, final int count)
    {
        final ByteArrayOutputStream frames = new ByteArrayOutputStream(count * 32);
        final NewOrder.Builder order = NewOrder.newBuilder().setSymbol(symbol).setType(OrderType.LIMIT)
            .setTimeInForce(TimeInForce.GTC).setPrice(PRICE).setQuantity(1);
        for (int i = 0; i < count; i++)
        {
            writeDelimited(ClientMessage.newBuilder().setNewOrder(order.setClientOrderId(firstClientOrderId + i))
                .build(), frames);
        }
        return frames.toByteArray();
    }

    /**
     * Runs the attack on every connection at once and waits for all of them. Blocks for at most the duration plus
     * the connect timeout (a connection whose write is blocked when the time is up is closed by this side).
     *
     * @return what each connection did, in connection order.
     * @throws InterruptedException if interrupted while waiting for the connections.
     */
    public List<ConnectionResult> run() throws InterruptedException
    {
        final long startNs = System.nanoTime();
        final ConnectionRun[] runs = new ConnectionRun[connections];
        final Thread[] threads = new Thread[connections];
        for (int i = 0; i < connections; i++)
        {
            runs[i] = new ConnectionRun(i + 1, startNs);
            threads[i] = new Thread(runs[i], "slow-reader-" + (i + 1));
            threads[i].setDaemon(true);
            threads[i].start();
        }
        final List<ConnectionResult> results = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++)
        {
            threads[i].join();
            results.add(runs[i].result);
        }
        return results;
    }

    private static void writeDelimited(final ClientMessage message, final OutputStream out)
    {
        try
        {
            message.writeDelimitedTo(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * What one connection did.
     *
     * @param connection   number of the connection, from 1.
     * @param loggedOn     whether the server answered the {@code Logon} with a {@code LogonAck}.
     * @param logonFailure why the logon failed (connect error, {@code LogonReject}, no answer); empty when logged on.
     * @param bytesSent    bytes of invalid orders the socket accepted in whole writes of 256
     *                     orders (the {@code Logon} frame and the part of a write the close cut short not included).
     * @param ordersSent   invalid orders in those bytes.
     * @param elapsedNs    from the start of the attack until this connection stopped writing.
     * @param closedByServer whether writing ended because the server closed (or reset) the connection, rather than
     *                     the time being up.
     * @param closeReason  the error the write failed with when the server closed the connection; empty otherwise.
     */
    public record ConnectionResult(
        int connection,
        boolean loggedOn,
        String logonFailure,
        long bytesSent,
        long ordersSent,
        long elapsedNs,
        boolean closedByServer,
        String closeReason)
    {
    }

    private final class ConnectionRun implements Runnable
    {
        private final int connection;
        private final long startNs;
        private final Socket socket = new Socket();
        private volatile boolean timeUp;
        private ConnectionResult result;

        ConnectionRun(final int connection, final long startNs)
        {
            this.connection = connection;
            this.startNs = startNs;
        }

        @Override
        public void run()
        {
            final String failure = logOn();
            if (failure != null)
            {
                close();
                result = new ConnectionResult(connection, false, failure, 0, 0, System.nanoTime() - startNs, false,
                    "");
                return;
            }
            final Thread deadline = new Thread(this::closeWhenTimeIsUp, "slow-reader-deadline-" + connection);
            deadline.setDaemon(true);
            deadline.start();
            long bytesSent = 0;
            long ordersSent = 0;
            String closeReason = "";
            try
            {
                final OutputStream out = socket.getOutputStream();
                while (!timeUp)
                {
                    final byte[] frames = invalidOrderFrames(symbol, ordersSent + 1, ORDERS_PER_WRITE);
                    out.write(frames);
                    bytesSent += frames.length;
                    ordersSent += ORDERS_PER_WRITE;
                }
            }
            catch (final IOException ex)
            {
                closeReason = String.valueOf(ex.getMessage());
            }
            final long elapsedNs = System.nanoTime() - startNs;
            final boolean closedByServer = !timeUp;
            deadline.interrupt();
            close();
            result = new ConnectionResult(connection, true, "", bytesSent, ordersSent, elapsedNs, closedByServer,
                closedByServer ? closeReason : "");
        }

        private String logOn()
        {
            try
            {
                socket.connect(new InetSocketAddress(host, port), (int)connectTimeoutMs);
                socket.setSoTimeout((int)connectTimeoutMs);
                socket.getOutputStream().write(logonFrame(account, secret));
                final InputStream in = socket.getInputStream();
                final ServerMessage reply = ServerMessage.parseDelimitedFrom(in);
                if (reply == null)
                {
                    return "the server closed the connection before answering the logon";
                }
                if (!reply.hasLogonAck())
                {
                    return "logon not acknowledged: " + reply.toString().replace('\n', ' ').trim();
                }
                return null;
            }
            catch (final SocketTimeoutException ex)
            {
                return "no logon answer within " + connectTimeoutMs + " ms";
            }
            catch (final IOException ex)
            {
                return ex.toString();
            }
        }

        private void closeWhenTimeIsUp()
        {
            try
            {
                final long remainingNs = durationNs - (System.nanoTime() - startNs);
                if (remainingNs > 0)
                {
                    TimeUnit.NANOSECONDS.sleep(remainingNs);
                }
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            timeUp = true;
            // Unblocks a write the server's back-pressure holds: it then fails with a SocketException.
            close();
        }

        private void close()
        {
            try
            {
                socket.close();
            }
            catch (final SocketException ex)
            {
                // already closed
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
