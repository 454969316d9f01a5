package io.arbiter.testsupport;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.arbiter.protocol.proto.Cancel;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Logon;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.Replace;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A third-party-style test client: a plain socket and the protobuf-java generated classes only. One test thread
 * sends; one thread (the same or another) receives. Produces garbage (protobuf messages); for tests only.
 */
public final class TestClient implements AutoCloseable
{
    /** One price unit on the wire: prices are fixed-point with eight decimals. */
    public static final long UNIT = 100_000_000L;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private CodedInputStream coded;

    /**
     * Connects to a node's order gateway on loopback, with a 5 s read timeout.
     *
     * @param port the gateway port.
     * @throws IOException if the connection fails.
     */
    public TestClient(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        out = new BufferedOutputStream(socket.getOutputStream());
        in = new BufferedInputStream(socket.getInputStream());
    }

    /**
     * Writes one length-delimited message and flushes.
     *
     * @param message the message to send.
     * @throws IOException if the write fails.
     */
    public void send(final ClientMessage message) throws IOException
    {
        message.writeDelimitedTo(out);
        out.flush();
    }

    /**
     * Writes one length-delimited message into the buffer without flushing.
     *
     * @param message the message to send.
     * @throws IOException if the write fails.
     */
    public void sendNoFlush(final ClientMessage message) throws IOException
    {
        message.writeDelimitedTo(out);
    }

    /**
     * Flushes buffered messages.
     *
     * @throws IOException if the write fails.
     */
    public void flush() throws IOException
    {
        out.flush();
    }

    /**
     * Writes raw bytes (for malformed-frame tests) and flushes.
     *
     * @param bytes the bytes to write as they are.
     * @throws IOException if the write fails.
     */
    public void sendRaw(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
    }

    /**
     * Whether anything from the server waits to be read, without blocking.
     *
     * @return true if bytes from the server wait to be read.
     * @throws IOException if the socket fails.
     */
    public boolean hasInput() throws IOException
    {
        return in.available() > 0;
    }

    /**
     * Reads the next message.
     *
     * @return next message, or null at end of stream.
     * @throws IOException if the read fails or times out.
     */
    public ServerMessage receive() throws IOException
    {
        return ServerMessage.parseDelimitedFrom(in);
    }

    /**
     * Like {@link #receive()} but through one reused {@link CodedInputStream}: {@code parseDelimitedFrom} makes a new
     * one (with a 4 KB buffer) per message, which at tens of thousands of replies a second puts enough garbage on the
     * test JVM to stall the node under test with GC pauses. Once used, use only this method on this client.
     *
     * @return next message, or null at end of stream.
     * @throws IOException if the read fails or times out.
     */
    public ServerMessage receiveReusingBuffer() throws IOException
    {
        if (coded == null)
        {
            coded = CodedInputStream.newInstance(in);
        }
        if (coded.isAtEnd())
        {
            return null;
        }
        final int size = coded.readRawVarint32();
        final int limit = coded.pushLimit(size);
        final ServerMessage message = ServerMessage.parseFrom(coded);
        coded.popLimit(limit);
        coded.resetSizeCounter();
        return message;
    }

    /**
     * Reads messages until one is not a heartbeat.
     *
     * @return next message that is not a heartbeat, or null at end of stream.
     * @throws IOException if the read fails or times out.
     */
    public ServerMessage receiveNonHeartbeat() throws IOException
    {
        ServerMessage message;
        do
        {
            message = receive();
        }
        while (message != null && message.hasHeartbeat());
        return message;
    }

    /**
     * Waits for a message other than a heartbeat.
     *
     * @param timeoutMs how long to wait.
     * @return true if nothing but heartbeats arrives within the timeout; false if a message or end of stream does.
     * @throws IOException if the read fails.
     */
    public boolean silentFor(final int timeoutMs) throws IOException
    {
        socket.setSoTimeout(timeoutMs);
        try
        {
            receiveNonHeartbeat();
            return false;
        }
        catch (final SocketTimeoutException ex)
        {
            return true;
        }
        finally
        {
            socket.setSoTimeout(5_000);
        }
    }

    /**
     * Waits for the next message other than a heartbeat.
     *
     * @param timeoutMs how long to wait.
     * @return the message, or null if none arrives in time or the stream ends.
     * @throws IOException if the read fails.
     */
    public ServerMessage receiveWithin(final int timeoutMs) throws IOException
    {
        socket.setSoTimeout(timeoutMs);
        try
        {
            return receiveNonHeartbeat();
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

    /**
     * Logs on with protocol version 1 and returns the answer.
     *
     * @param account the account name.
     * @param secret  the account's secret.
     * @return the first message after the logon that is not a heartbeat.
     * @throws IOException if the write or read fails.
     */
    public ServerMessage logon(final String account, final String secret) throws IOException
    {
        send(ClientMessage.newBuilder().setLogon(Logon.newBuilder()
            .setAccount(account)
            .setSecret(ByteString.copyFrom(secret, StandardCharsets.UTF_8))
            .setProtocolVersion(1)).build());
        return receiveNonHeartbeat();
    }

    /**
     * Builds a LIMIT order; its client timestamp is {@code clientId * 10}.
     *
     * @param clientId   client order id.
     * @param symbol     instrument.
     * @param side       side.
     * @param tif        time in force.
     * @param priceUnits price in wire units (see {@link #UNIT}).
     * @param qty        quantity in lots.
     * @return the message.
     */
    public static ClientMessage limit(
        final long clientId, final String symbol, final Side side, final TimeInForce tif, final long priceUnits,
        final long qty)
    {
        return ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder()
            .setClientOrderId(clientId).setSymbol(symbol).setSide(side).setType(OrderType.LIMIT)
            .setTimeInForce(tif).setPrice(priceUnits).setQuantity(qty).setClientTimestampNs(clientId * 10)).build();
    }

    /**
     * Builds a MARKET order.
     *
     * @param clientId client order id.
     * @param symbol   instrument.
     * @param side     side.
     * @param tif      time in force.
     * @param qty      quantity in lots.
     * @return the message.
     */
    public static ClientMessage market(final long clientId, final String symbol, final Side side, final TimeInForce tif,
        final long qty)
    {
        return ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder()
            .setClientOrderId(clientId).setSymbol(symbol).setSide(side).setType(OrderType.MARKET)
            .setTimeInForce(tif).setQuantity(qty)).build();
    }

    /**
     * Builds a cancel.
     *
     * @param clientId client order id of the order to cancel.
     * @return the message.
     */
    public static ClientMessage cancel(final long clientId)
    {
        return ClientMessage.newBuilder().setCancel(Cancel.newBuilder().setClientOrderId(clientId)).build();
    }

    /**
     * Builds a replace.
     *
     * @param clientId   client order id of the order to replace.
     * @param priceUnits new price in wire units.
     * @param qty        new quantity in lots.
     * @return the message.
     */
    public static ClientMessage replace(final long clientId, final long priceUnits, final long qty)
    {
        return ClientMessage.newBuilder().setReplace(Replace.newBuilder()
            .setClientOrderId(clientId).setPrice(priceUnits).setQuantity(qty)).build();
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
