package io.arbiter.client;

import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.Side;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.arbiter.client.ProtoWire.WIRE_FIXED32;
import static io.arbiter.client.ProtoWire.WIRE_FIXED64;
import static io.arbiter.client.ProtoWire.WIRE_LENGTH_DELIMITED;
import static io.arbiter.client.ProtoWire.WIRE_VARINT;

/**
 * Decodes one {@code ServerMessage} frame at a time and dispatches it to a {@link ClientListener}. Fields are read
 * into reused primitive slots, so decoding allocates nothing (except for non-ASCII text). One instance per
 * connection; used only on that connection's event loop.
 */
public final class ServerMessageAdapter
{
    /** The frame decoded and was dispatched (or was a heartbeat, or an unknown body that was skipped). */
    public static final int OK = 0;
    /** The frame is not a well-formed ServerMessage. */
    public static final int MALFORMED = -1;

    static final int LOGON_ACK = 1;
    static final int LOGON_REJECT = 2;
    static final int ACCEPTED = 3;
    static final int FILL = 4;
    static final int CANCELED = 5;
    static final int REPLACED = 6;
    static final int REJECTED = 7;
    static final int HEARTBEAT = 8;
    static final int PROTOCOL_ERROR = 9;
    static final int LOGOUT = 10;

    private static final int MAX_FIELD = 15;

    private final long[] values = new long[MAX_FIELD + 1];
    private final int[] textOffsets = new int[MAX_FIELD + 1];
    private final int[] textLengths = new int[MAX_FIELD + 1];
    private final StringBuilder text = new StringBuilder(128);
    private final ArbiterClient client;
    private final ClientListener listener;
    private final ServerMessageCounters counters;
    private int lastBodyType;

    /**
     * Creates an adapter for one connection.
     *
     * @param client   the connection passed to the listener.
     * @param listener where decoded messages go.
     * @param counters counts per message type (owned by the client).
     */
    public ServerMessageAdapter(
        final ArbiterClient client, final ClientListener listener, final ServerMessageCounters counters)
    {
        this.client = client;
        this.listener = listener;
        this.counters = counters;
    }

    /**
     * The body field number of the last successfully decoded frame (1 = LogonAck ... 10 = Logout), 0 if none.
     *
     * @return the field number.
     */
    public int lastBodyType()
    {
        return lastBodyType;
    }

    /**
     * Decodes one frame (without its length prefix) and dispatches it.
     *
     * @param buffer the buffer holding the frame.
     * @param offset where the ServerMessage starts.
     * @param length its length.
     * @return {@link #OK} or {@link #MALFORMED}.
     */
    public int onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        final int limit = offset + length;
        int position = offset;
        int bodyType = 0;
        int bodyOffset = 0;
        int bodyLength = 0;
        while (position < limit)
        {
            final int tagEnd = ProtoWire.varintEnd(buffer, position, limit);
            if (tagEnd < 0)
            {
                return MALFORMED;
            }
            final long tag = ProtoWire.getVarint(buffer, position, limit);
            position = tagEnd;
            final int field = (int)(tag >>> 3);
            final int wireType = (int)(tag & 7);
            if (wireType == WIRE_LENGTH_DELIMITED && field >= LOGON_ACK && field <= LOGOUT)
            {
                final int lengthEnd = ProtoWire.varintEnd(buffer, position, limit);
                if (lengthEnd < 0)
                {
                    return MALFORMED;
                }
                final long fieldLength = ProtoWire.getVarint(buffer, position, limit);
                if (fieldLength < 0 || fieldLength > limit - lengthEnd)
                {
                    return MALFORMED;
                }
                bodyType = field;
                bodyOffset = lengthEnd;
                bodyLength = (int)fieldLength;
                position = lengthEnd + bodyLength;
            }
            else
            {
                position = skip(buffer, position, limit, wireType);
                if (position < 0)
                {
                    return MALFORMED;
                }
            }
        }
        if (bodyType == 0)
        {
            counters.unknown++;
            return OK;
        }
        if (!readFields(buffer, bodyOffset, bodyOffset + bodyLength))
        {
            return MALFORMED;
        }
        lastBodyType = bodyType;
        dispatch(buffer, bodyType);
        return OK;
    }

    private void dispatch(final DirectBuffer buffer, final int bodyType)
    {
        final long[] v = values;
        switch (bodyType)
        {
            case LOGON_ACK:
                counters.logonAcks++;
                client.onLogonAckReceived(v[1], (int)v[2], v[3]);
                listener.onLogonAck(client, v[1], (int)v[2], v[3]);
                break;
            case LOGON_REJECT:
            {
                counters.logonRejects++;
                final LogonRejectReason reason = orUnrecognized(LogonRejectReason.forNumber((int)v[1]),
                    LogonRejectReason.UNRECOGNIZED);
                final CharSequence reasonText = text(buffer, 2);
                client.onLogonRejectReceived(reason, reasonText);
                listener.onLogonReject(client, reason, reasonText);
                break;
            }
            case ACCEPTED:
                counters.accepted++;
                listener.onAccepted(client, v[1], v[2], v[3], (int)v[4], v[5]);
                break;
            case FILL:
                counters.fills++;
                listener.onFill(client, v[1], v[2], v[3], v[4], v[5], v[6],
                    orUnrecognized(Liquidity.forNumber((int)v[7]), Liquidity.UNRECOGNIZED),
                    (int)v[8], orUnrecognized(Side.forNumber((int)v[9]), Side.UNRECOGNIZED), v[10]);
                break;
            case CANCELED:
                counters.canceled++;
                listener.onCanceled(client, v[1], v[2], v[3],
                    orUnrecognized(CancelReason.forNumber((int)v[4]), CancelReason.UNRECOGNIZED), v[5]);
                break;
            case REPLACED:
                counters.replaced++;
                listener.onReplaced(client, v[1], v[2], v[3], v[4], v[5]);
                break;
            case REJECTED:
                counters.rejected++;
                listener.onRejected(client, v[1],
                    orUnrecognized(RejectReason.forNumber((int)v[2]), RejectReason.UNRECOGNIZED),
                    orUnrecognized(RequestType.forNumber((int)v[3]), RequestType.UNRECOGNIZED),
                    v[4], v[5], text(buffer, 6));
                break;
            case HEARTBEAT:
                counters.heartbeats++;
                break;
            case PROTOCOL_ERROR:
                counters.protocolErrors++;
                listener.onProtocolError(client,
                    orUnrecognized(ProtocolErrorCode.forNumber((int)v[1]), ProtocolErrorCode.UNRECOGNIZED),
                    text(buffer, 2));
                break;
            case LOGOUT:
                counters.logouts++;
                listener.onLogout(client);
                break;
            default:
                counters.unknown++;
                break;
        }
    }

    private boolean readFields(final DirectBuffer buffer, final int offset, final int limit)
    {
        Arrays.fill(values, 0L);
        Arrays.fill(textLengths, 0);
        int position = offset;
        while (position < limit)
        {
            final int tagEnd = ProtoWire.varintEnd(buffer, position, limit);
            if (tagEnd < 0)
            {
                return false;
            }
            final long tag = ProtoWire.getVarint(buffer, position, limit);
            position = tagEnd;
            final int field = (int)(tag >>> 3);
            final int wireType = (int)(tag & 7);
            final boolean known = field > 0 && field <= MAX_FIELD;
            switch (wireType)
            {
                case WIRE_VARINT:
                {
                    final int end = ProtoWire.varintEnd(buffer, position, limit);
                    if (end < 0)
                    {
                        return false;
                    }
                    if (known)
                    {
                        values[field] = ProtoWire.getVarint(buffer, position, limit);
                    }
                    position = end;
                    break;
                }
                case WIRE_FIXED64:
                    if (limit - position < Long.BYTES)
                    {
                        return false;
                    }
                    if (known)
                    {
                        values[field] = ProtoWire.getFixed64(buffer, position);
                    }
                    position += Long.BYTES;
                    break;
                case WIRE_LENGTH_DELIMITED:
                {
                    final int end = ProtoWire.varintEnd(buffer, position, limit);
                    if (end < 0)
                    {
                        return false;
                    }
                    final long fieldLength = ProtoWire.getVarint(buffer, position, limit);
                    if (fieldLength < 0 || fieldLength > limit - end)
                    {
                        return false;
                    }
                    if (known)
                    {
                        textOffsets[field] = end;
                        textLengths[field] = (int)fieldLength;
                    }
                    position = end + (int)fieldLength;
                    break;
                }
                default:
                    position = skip(buffer, position, limit, wireType);
                    if (position < 0)
                    {
                        return false;
                    }
                    break;
            }
        }
        return true;
    }

    private static int skip(final DirectBuffer buffer, final int position, final int limit, final int wireType)
    {
        switch (wireType)
        {
            case WIRE_VARINT:
                return ProtoWire.varintEnd(buffer, position, limit);
            case WIRE_FIXED64:
                return limit - position >= Long.BYTES ? position + Long.BYTES : -1;
            case WIRE_FIXED32:
                return limit - position >= Integer.BYTES ? position + Integer.BYTES : -1;
            case WIRE_LENGTH_DELIMITED:
            {
                final int end = ProtoWire.varintEnd(buffer, position, limit);
                if (end < 0)
                {
                    return -1;
                }
                final long length = ProtoWire.getVarint(buffer, position, limit);
                return length >= 0 && length <= limit - end ? end + (int)length : -1;
            }
            default:
                return -1;
        }
    }

    private CharSequence text(final DirectBuffer buffer, final int field)
    {
        final int offset = textOffsets[field];
        final int length = textLengths[field];
        text.setLength(0);
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b < 0)
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                text.setLength(0);
                text.append(new String(bytes, StandardCharsets.UTF_8));
                return text;
            }
            text.append((char)b);
        }
        return text;
    }

    private static <E> E orUnrecognized(final E value, final E unrecognized)
    {
        return value == null ? unrecognized : value;
    }
}
