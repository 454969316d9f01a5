package io.arbiter.client;

import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import org.agrona.MutableDirectBuffer;

import static io.arbiter.client.ProtoWire.WIRE_FIXED64;
import static io.arbiter.client.ProtoWire.WIRE_LENGTH_DELIMITED;
import static io.arbiter.client.ProtoWire.WIRE_VARINT;
import static io.arbiter.client.ProtoWire.putFixed64;
import static io.arbiter.client.ProtoWire.putVarint;
import static io.arbiter.client.ProtoWire.tag;
import static io.arbiter.client.ProtoWire.varintSize;

/**
 * Encodes length-prefixed {@code ClientMessage} frames (as {@code writeDelimitedTo} would write them) straight into a
 * buffer. Stateless and allocation-free; usable from any thread. Fields holding their default value are omitted, as
 * protobuf does for proto3.
 *
 * <pre>
 *   +------------------+-----------+--------------+----------------------------+
 *   | frame length     | body tag  | body length  | body fields (NewOrder ...) |
 *   | varint           | 1 byte    | varint       |                            |
 *   +------------------+-----------+--------------+----------------------------+
 * </pre>
 */
public final class ClientMessageWriter
{
    /** Upper bound of a frame's size other than the symbol and secret bytes. */
    public static final int MAX_FIXED_FRAME_LENGTH = 128;
    /** ClientMessage field numbers of the oneof body. */
    static final int LOGON = 1;
    static final int NEW_ORDER = 2;
    static final int CANCEL = 3;
    static final int REPLACE = 4;
    static final int HEARTBEAT = 5;
    static final int LOGOUT = 6;

    private ClientMessageWriter()
    {
    }

    /**
     * Largest frame {@link #putNewOrder} can write for a symbol of this length.
     *
     * @param symbolLength the symbol's length in characters.
     * @return a bound on the frame size in bytes.
     */
    public static int maxNewOrderFrameLength(final int symbolLength)
    {
        return MAX_FIXED_FRAME_LENGTH + symbolLength;
    }

    /**
     * Writes a Logon frame. Used once per connection; the secret is given as bytes.
     *
     * @param buffer            the buffer.
     * @param offset            where the frame starts.
     * @param account           the account name (ASCII).
     * @param secret            the secret bytes.
     * @param heartbeatIntervalMs requested heartbeat interval, 0 to let the server choose.
     * @return the frame length in bytes.
     */
    public static int putLogon(
        final MutableDirectBuffer buffer,
        final int offset,
        final CharSequence account,
        final byte[] secret,
        final int heartbeatIntervalMs)
    {
        final int accountLength = asciiLength(account);
        final int bodyLength = stringFieldSize(accountLength) + (secret.length == 0 ? 0 : stringFieldSize(secret.length)) +
            varintFieldSize(1) + varintFieldSize(heartbeatIntervalMs & 0xFFFF_FFFFL);
        int position = putHeader(buffer, offset, LOGON, bodyLength);
        position = putAsciiField(buffer, position, 1, account, accountLength);
        if (secret.length != 0)
        {
            position = putVarint(buffer, position, tag(2, WIRE_LENGTH_DELIMITED));
            position = putVarint(buffer, position, secret.length);
            buffer.putBytes(position, secret);
            position += secret.length;
        }
        position = putVarintField(buffer, position, 3, 1);
        position = putVarintField(buffer, position, 4, heartbeatIntervalMs & 0xFFFF_FFFFL);
        return position - offset;
    }

    /**
     * Writes a NewOrder frame.
     *
     * @param buffer            the buffer, with at least {@link #maxNewOrderFrameLength(int)} bytes free at offset.
     * @param offset            where the frame starts.
     * @param clientOrderId     client order id.
     * @param symbol            instrument symbol (ASCII).
     * @param side              side.
     * @param type              order type.
     * @param timeInForce       time in force.
     * @param price             limit price in 1e-8 units, 0 for MARKET.
     * @param quantity          quantity.
     * @param stp               self-trade prevention.
     * @param clientTimestampNs client timestamp echoed in Accepted/Rejected.
     * @return the frame length in bytes.
     */
    public static int putNewOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long clientOrderId,
        final CharSequence symbol,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final SelfTradePrevention stp,
        final long clientTimestampNs)
    {
        final int symbolLength = asciiLength(symbol);
        final int bodyLength = varintFieldSize(clientOrderId) + stringFieldSize(symbolLength) +
            varintFieldSize(side.getNumber()) + varintFieldSize(type.getNumber()) +
            varintFieldSize(timeInForce.getNumber()) + varintFieldSize(price) + varintFieldSize(quantity) +
            varintFieldSize(stp.getNumber()) + fixed64FieldSize(clientTimestampNs);
        int position = putHeader(buffer, offset, NEW_ORDER, bodyLength);
        position = putVarintField(buffer, position, 1, clientOrderId);
        position = putAsciiField(buffer, position, 2, symbol, symbolLength);
        position = putVarintField(buffer, position, 3, side.getNumber());
        position = putVarintField(buffer, position, 4, type.getNumber());
        position = putVarintField(buffer, position, 5, timeInForce.getNumber());
        position = putVarintField(buffer, position, 6, price);
        position = putVarintField(buffer, position, 7, quantity);
        position = putVarintField(buffer, position, 8, stp.getNumber());
        position = putFixed64Field(buffer, position, 9, clientTimestampNs);
        return position - offset;
    }

    /**
     * Writes a Cancel frame.
     *
     * @param buffer            the buffer, with at least {@link #MAX_FIXED_FRAME_LENGTH} bytes free at offset.
     * @param offset            where the frame starts.
     * @param clientOrderId     the open order to cancel.
     * @param clientTimestampNs client timestamp.
     * @return the frame length in bytes.
     */
    public static int putCancel(
        final MutableDirectBuffer buffer, final int offset, final long clientOrderId, final long clientTimestampNs)
    {
        final int bodyLength = varintFieldSize(clientOrderId) + fixed64FieldSize(clientTimestampNs);
        int position = putHeader(buffer, offset, CANCEL, bodyLength);
        position = putVarintField(buffer, position, 1, clientOrderId);
        position = putFixed64Field(buffer, position, 2, clientTimestampNs);
        return position - offset;
    }

    /**
     * Writes a Replace frame.
     *
     * @param buffer            the buffer, with at least {@link #MAX_FIXED_FRAME_LENGTH} bytes free at offset.
     * @param offset            where the frame starts.
     * @param clientOrderId     the open order to change.
     * @param price             new limit price in 1e-8 units.
     * @param quantity          new remaining quantity.
     * @param clientTimestampNs client timestamp.
     * @return the frame length in bytes.
     */
    public static int putReplace(
        final MutableDirectBuffer buffer,
        final int offset,
        final long clientOrderId,
        final long price,
        final long quantity,
        final long clientTimestampNs)
    {
        final int bodyLength = varintFieldSize(clientOrderId) + varintFieldSize(price) + varintFieldSize(quantity) +
            fixed64FieldSize(clientTimestampNs);
        int position = putHeader(buffer, offset, REPLACE, bodyLength);
        position = putVarintField(buffer, position, 1, clientOrderId);
        position = putVarintField(buffer, position, 2, price);
        position = putVarintField(buffer, position, 3, quantity);
        position = putFixed64Field(buffer, position, 4, clientTimestampNs);
        return position - offset;
    }

    /**
     * Writes a Heartbeat frame (three bytes).
     *
     * @param buffer the buffer.
     * @param offset where the frame starts.
     * @return the frame length in bytes.
     */
    public static int putHeartbeat(final MutableDirectBuffer buffer, final int offset)
    {
        return putHeader(buffer, offset, HEARTBEAT, 0) - offset;
    }

    /**
     * Writes a Logout frame (three bytes).
     *
     * @param buffer the buffer.
     * @param offset where the frame starts.
     * @return the frame length in bytes.
     */
    public static int putLogout(final MutableDirectBuffer buffer, final int offset)
    {
        return putHeader(buffer, offset, LOGOUT, 0) - offset;
    }

    private static int putHeader(
        final MutableDirectBuffer buffer, final int offset, final int bodyField, final int bodyLength)
    {
        final int messageLength = 1 + varintSize(bodyLength) + bodyLength;
        int position = putVarint(buffer, offset, messageLength);
        position = putVarint(buffer, position, tag(bodyField, WIRE_LENGTH_DELIMITED));
        return putVarint(buffer, position, bodyLength);
    }

    private static int varintFieldSize(final long value)
    {
        return value == 0 ? 0 : 1 + varintSize(value);
    }

    private static int fixed64FieldSize(final long value)
    {
        return value == 0 ? 0 : 1 + Long.BYTES;
    }

    private static int stringFieldSize(final int length)
    {
        return length == 0 ? 0 : 1 + varintSize(length) + length;
    }

    private static int putVarintField(
        final MutableDirectBuffer buffer, final int offset, final int field, final long value)
    {
        if (value == 0)
        {
            return offset;
        }
        final int position = putVarint(buffer, offset, tag(field, WIRE_VARINT));
        return putVarint(buffer, position, value);
    }

    private static int putFixed64Field(
        final MutableDirectBuffer buffer, final int offset, final int field, final long value)
    {
        if (value == 0)
        {
            return offset;
        }
        final int position = putVarint(buffer, offset, tag(field, WIRE_FIXED64));
        return putFixed64(buffer, position, value);
    }

    private static int putAsciiField(
        final MutableDirectBuffer buffer, final int offset, final int field, final CharSequence text, final int length)
    {
        if (length == 0)
        {
            return offset;
        }
        int position = putVarint(buffer, offset, tag(field, WIRE_LENGTH_DELIMITED));
        position = putVarint(buffer, position, length);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(position++, (byte)text.charAt(i));
        }
        return position;
    }

    private static int asciiLength(final CharSequence text)
    {
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            if (text.charAt(i) >= 0x80)
            {
                throw new IllegalArgumentException("not ASCII: " + text);
            }
        }
        return length;
    }
}
