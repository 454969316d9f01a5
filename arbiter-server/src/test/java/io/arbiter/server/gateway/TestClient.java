package io.arbiter.server.gateway;

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
 * A third-party-style test client: a plain socket and the protobuf-java generated classes only.
 */
final class TestClient implements AutoCloseable
{
    static final long UNIT = 100_000_000L;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private CodedInputStream coded;

    TestClient(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        out = new BufferedOutputStream(socket.getOutputStream());
        in = new BufferedInputStream(socket.getInputStream());
    }

    void send(final ClientMessage message) throws IOException
    {
        message.writeDelimitedTo(out);
        out.flush();
    }

    void sendNoFlush(final ClientMessage message) throws IOException
    {
        message.writeDelimitedTo(out);
    }

    void flush() throws IOException
    {
        out.flush();
    }

    void sendRaw(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
    }

    /**
     * @return true if bytes from the server wait to be read (or the server closed the connection).
     */
    boolean hasInput() throws IOException
    {
        return in.available() > 0;
    }

    /**
     * @return next message, or null at end of stream.
     */
    ServerMessage receive() throws IOException
    {
        return ServerMessage.parseDelimitedFrom(in);
    }

    /**
     * Like {@link #receive()} but through one reused {@link CodedInputStream}: {@code parseDelimitedFrom} makes a new
     * one (with a 4 KB buffer) per message, which at tens of thousands of replies a second puts enough garbage on the
     * test JVM to stall the node under test with GC pauses. Once used, use only this method on this client.
     *
     * @return next message, or null at end of stream.
     */
    ServerMessage receiveReusingBuffer() throws IOException
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
     * @return next message that is not a heartbeat, or null at end of stream.
     */
    ServerMessage receiveNonHeartbeat() throws IOException
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
     * @return true if nothing but heartbeats arrives within the timeout.
     */
    boolean silentFor(final int timeoutMs) throws IOException
    {
        socket.setSoTimeout(timeoutMs);
        try
        {
            final ServerMessage message = receiveNonHeartbeat();
            return message == null ? false : false;
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

    ServerMessage logon(final String account, final String secret) throws IOException
    {
        send(ClientMessage.newBuilder().setLogon(Logon.newBuilder()
            .setAccount(account)
            .setSecret(ByteString.copyFrom(secret, StandardCharsets.UTF_8))
            .setProtocolVersion(1)).build());
        return receiveNonHeartbeat();
    }

    static ClientMessage limit(
        final long clientId, final String symbol, final Side side, final TimeInForce tif, final long priceUnits,
        final long qty)
    {
        return ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder()
            .setClientOrderId(clientId).setSymbol(symbol).setSide(side).setType(OrderType.LIMIT)
            .setTimeInForce(tif).setPrice(priceUnits).setQuantity(qty).setClientTimestampNs(clientId * 10)).build();
    }

    static ClientMessage market(final long clientId, final String symbol, final Side side, final TimeInForce tif,
        final long qty)
    {
        return ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder()
            .setClientOrderId(clientId).setSymbol(symbol).setSide(side).setType(OrderType.MARKET)
            .setTimeInForce(tif).setQuantity(qty)).build();
    }

    static ClientMessage cancel(final long clientId)
    {
        return ClientMessage.newBuilder().setCancel(Cancel.newBuilder().setClientOrderId(clientId)).build();
    }

    static ClientMessage replace(final long clientId, final long priceUnits, final long qty)
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
