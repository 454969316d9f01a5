package io.arbiter.protocol;

import static io.arbiter.protocol.ProtobufWire.MALFORMED;
import static io.arbiter.protocol.WireDescriptor.*;

import org.agrona.DirectBuffer;

/**
 * Decodes {@code arbiter.v1.ServerMessage} frames straight from the wire bytes in a {@link DirectBuffer} into a reused
 * {@link DecodedServerMessage}, allocating nothing; for the Java client. Follows the same protobuf parsing rules as
 * {@link ClientMessageDecoder}. One instance per connection; not thread safe.
 */
public final class ServerMessageDecoder
{
    private final FrameDecoder frameDecoder;
    private final DecodedServerMessage message = new DecodedServerMessage();
    private final ProtobufWire.Cursor cursor = new ProtobufWire.Cursor();

    /**
     * @param maxFrameLength largest body length accepted.
     */
    public ServerMessageDecoder(final int maxFrameLength)
    {
        this.frameDecoder = new FrameDecoder(maxFrameLength);
    }

    /**
     * Take one frame from accumulated bytes and decode its message into {@link #message()}; see
     * {@link ClientMessageDecoder#tryDecode}.
     *
     * @param buffer holding the bytes.
     * @param offset of the first unconsumed byte.
     * @param length of the bytes available from offset.
     * @return the status.
     */
    public FrameStatus tryDecode(final DirectBuffer buffer, final int offset, final int length)
    {
        final FrameStatus status = frameDecoder.tryDecodeFrame(buffer, offset, length);
        if (FrameStatus.FRAME != status)
        {
            return status;
        }
        return decode(buffer, frameDecoder.frameOffset(), frameDecoder.frameLength());
    }

    /**
     * Decode one frame body (a ServerMessage without its length prefix) into {@link #message()}.
     *
     * @param buffer holding the body.
     * @param offset of the body.
     * @param length of the body.
     * @return {@link FrameStatus#FRAME}, or {@link FrameStatus#MALFORMED} leaving the message of type NONE.
     */
    public FrameStatus decode(final DirectBuffer buffer, final int offset, final int length)
    {
        message.buffer = buffer;
        message.reset(ServerMessageType.NONE);
        final int limit = offset + length;
        int position = offset;
        while (position < limit)
        {
            position = ProtobufWire.readTag(buffer, position, limit, cursor);
            if (MALFORMED == position)
            {
                return malformed();
            }
            final int tag = (int)cursor.value;
            final ServerMessageType type = memberType(tag);
            position = null == type ?
                ProtobufWire.skipField(buffer, position, limit, tag, cursor) :
                decodeMember(buffer, position, limit, type);
            if (MALFORMED == position)
            {
                return malformed();
            }
        }
        return FrameStatus.FRAME;
    }

    /**
     * @return the last message decoded.
     */
    public DecodedServerMessage message()
    {
        return message;
    }

    /**
     * @return offset just after the last frame: where the next one starts.
     */
    public int frameEnd()
    {
        return frameDecoder.frameEnd();
    }

    private FrameStatus malformed()
    {
        message.reset(ServerMessageType.NONE);
        return FrameStatus.MALFORMED;
    }

    private static ServerMessageType memberType(final int tag)
    {
        switch (tag)
        {
            case SERVER_LOGON_ACK:
                return ServerMessageType.LOGON_ACK;
            case SERVER_LOGON_REJECT:
                return ServerMessageType.LOGON_REJECT;
            case SERVER_ACCEPTED:
                return ServerMessageType.ACCEPTED;
            case SERVER_FILL:
                return ServerMessageType.FILL;
            case SERVER_CANCELED:
                return ServerMessageType.CANCELED;
            case SERVER_REPLACED:
                return ServerMessageType.REPLACED;
            case SERVER_REJECTED:
                return ServerMessageType.REJECTED;
            case SERVER_HEARTBEAT:
                return ServerMessageType.HEARTBEAT;
            case SERVER_PROTOCOL_ERROR:
                return ServerMessageType.PROTOCOL_ERROR;
            case SERVER_LOGOUT:
                return ServerMessageType.LOGOUT;
            case SERVER_OPEN_ORDERS_REPORT:
                return ServerMessageType.OPEN_ORDERS_REPORT;
            case SERVER_INSTRUMENT_LIST_REPORT:
                return ServerMessageType.INSTRUMENT_LIST_REPORT;
            case SERVER_TRIGGERED:
                return ServerMessageType.TRIGGERED;
            case SERVER_MASS_CANCEL_REPORT:
                return ServerMessageType.MASS_CANCEL_REPORT;
            case SERVER_BALANCE_UPDATE:
                return ServerMessageType.BALANCE_UPDATE;
            case SERVER_BALANCE_REPORT:
                return ServerMessageType.BALANCE_REPORT;
            default:
                return null;
        }
    }

    private int decodeMember(
        final DirectBuffer buffer, final int offset, final int limit, final ServerMessageType type)
    {
        final ProtobufWire.Cursor cursor = this.cursor;
        int position = ProtobufWire.readLength(buffer, offset, limit, cursor);
        if (MALFORMED == position)
        {
            return MALFORMED;
        }
        if (message.type != type)
        {
            message.reset(type);
        }
        final int end = position + (int)cursor.value;
        while (position < end)
        {
            position = ProtobufWire.readTag(buffer, position, end, cursor);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
            final int tag = (int)cursor.value;
            switch (tag & 7)
            {
                case WIRE_VARINT:
                case WIRE_FIXED64:
                    position = (tag & 7) == WIRE_VARINT ?
                        ProtobufWire.readVarint(buffer, position, end, cursor) :
                        ProtobufWire.readFixed64(buffer, position, end, cursor);
                    if (MALFORMED != position)
                    {
                        onValue(type, tag, cursor.value);
                    }
                    break;

                case WIRE_LENGTH_DELIMITED:
                    position = ProtobufWire.readLength(buffer, position, end, cursor);
                    if (MALFORMED != position)
                    {
                        final int entryEnd = position + (int)cursor.value;
                        if ((ServerMessageType.OPEN_ORDERS_REPORT == type && OPEN_ORDERS_REPORT_ORDER == tag) ||
                            (ServerMessageType.INSTRUMENT_LIST_REPORT == type &&
                            INSTRUMENT_LIST_REPORT_INSTRUMENT == tag))
                        {
                            position = decodeEntry(buffer, position, entryEnd, type);
                        }
                        else
                        {
                            onText(type, tag, position, (int)cursor.value);
                            position = entryEnd;
                        }
                    }
                    break;

                default:
                    position = ProtobufWire.skipField(buffer, position, end, tag, cursor);
                    break;
            }
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
        }
        return position;
    }

    /**
     * The OpenOrder or InstrumentInfo of a report page, merged field by field as protobuf merges a repeated message.
     */
    private int decodeEntry(
        final DirectBuffer buffer, final int offset, final int end, final ServerMessageType type)
    {
        final ProtobufWire.Cursor cursor = this.cursor;
        final DecodedServerMessage message = this.message;
        message.hasEntry = true;
        final boolean order = ServerMessageType.OPEN_ORDERS_REPORT == type;
        int position = offset;
        while (position < end)
        {
            position = ProtobufWire.readTag(buffer, position, end, cursor);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
            final int tag = (int)cursor.value;
            if ((order && OPEN_ORDER_SYMBOL == tag) || (!order && INSTRUMENT_INFO_SYMBOL == tag))
            {
                position = ProtobufWire.readLength(buffer, position, end, cursor);
                if (MALFORMED == position)
                {
                    return MALFORMED;
                }
                message.textOffset = position;
                message.textLength = (int)cursor.value;
                position += message.textLength;
            }
            else if ((tag & 7) == WIRE_VARINT)
            {
                position = ProtobufWire.readVarint(buffer, position, end, cursor);
                if (MALFORMED == position)
                {
                    return MALFORMED;
                }
                if (order)
                {
                    onOpenOrderValue(tag, cursor.value);
                }
                else
                {
                    onInstrumentValue(tag, cursor.value);
                }
            }
            else
            {
                position = ProtobufWire.skipField(buffer, position, end, tag, cursor);
                if (MALFORMED == position)
                {
                    return MALFORMED;
                }
            }
        }
        return position;
    }

    private void onOpenOrderValue(final int tag, final long value)
    {
        final DecodedServerMessage message = this.message;
        switch (tag)
        {
            case OPEN_ORDER_ORDER_ID:
                message.orderId = value;
                break;
            case OPEN_ORDER_CLIENT_ORDER_ID:
                message.clientOrderId = value;
                break;
            case OPEN_ORDER_INSTRUMENT_ID:
                message.instrumentId = (int)value;
                break;
            case OPEN_ORDER_SIDE:
                message.side = (int)value;
                break;
            case OPEN_ORDER_TYPE:
                message.orderType = (int)value;
                break;
            case OPEN_ORDER_TIME_IN_FORCE:
                message.timeInForce = (int)value;
                break;
            case OPEN_ORDER_PRICE:
                message.price = value;
                break;
            case OPEN_ORDER_REMAINING_QUANTITY:
                message.quantity = value;
                break;
            case OPEN_ORDER_STP:
                message.selfTradePrevention = (int)value;
                break;
            case OPEN_ORDER_STOP_PRICE:
                message.stopPrice = value;
                break;
            case OPEN_ORDER_DISPLAY_QUANTITY:
                message.displayQuantity = value;
                break;
            case OPEN_ORDER_EXPIRE_TIME_MS:
                message.expireTimeMs = value;
                break;
            default:
                break;
        }
    }

    private void onInstrumentValue(final int tag, final long value)
    {
        final DecodedServerMessage message = this.message;
        switch (tag)
        {
            case INSTRUMENT_INFO_INSTRUMENT_ID:
                message.instrumentId = (int)value;
                break;
            case INSTRUMENT_INFO_TICK_SIZE:
                message.tickSize = value;
                break;
            case INSTRUMENT_INFO_LOT_SIZE:
                message.lotSize = value;
                break;
            default:
                break;
        }
    }

    private void onText(final ServerMessageType type, final int tag, final int offset, final int length)
    {
        if ((ServerMessageType.LOGON_REJECT == type && LOGON_REJECT_TEXT == tag) ||
            (ServerMessageType.REJECTED == type && REJECTED_TEXT == tag) ||
            (ServerMessageType.PROTOCOL_ERROR == type && PROTOCOL_ERROR_TEXT == tag) ||
            (ServerMessageType.BALANCE_UPDATE == type && BALANCE_UPDATE_ASSET == tag))
        {
            message.textOffset = offset;
            message.textLength = length;
        }
        else if (ServerMessageType.BALANCE_REPORT == type && BALANCE_REPORT_ASSET == tag)
        {
            message.textOffset = offset;
            message.textLength = length;
            message.hasEntry = length > 0;
        }
    }

    private void onValue(final ServerMessageType type, final int tag, final long value)
    {
        switch (type)
        {
            case LOGON_ACK:
                onLogonAck(tag, value);
                break;
            case LOGON_REJECT:
                message.reason = LOGON_REJECT_REASON == tag ? (int)value : message.reason;
                break;
            case ACCEPTED:
                onAccepted(tag, value);
                break;
            case FILL:
                onFill(tag, value);
                break;
            case CANCELED:
                onCanceled(tag, value);
                break;
            case REPLACED:
                onReplaced(tag, value);
                break;
            case REJECTED:
                onRejected(tag, value);
                break;
            case PROTOCOL_ERROR:
                message.reason = PROTOCOL_ERROR_CODE == tag ? (int)value : message.reason;
                break;
            case OPEN_ORDERS_REPORT:
            case INSTRUMENT_LIST_REPORT:
                // request_id (1) and last (3) share numbers in both reports.
                if (OPEN_ORDERS_REPORT_REQUEST_ID == tag)
                {
                    message.requestId = value;
                }
                else if (OPEN_ORDERS_REPORT_LAST == tag)
                {
                    message.last = value != 0;
                }
                else if (OPEN_ORDERS_REPORT_MORE == tag && ServerMessageType.OPEN_ORDERS_REPORT == type)
                {
                    message.more = value != 0;
                }
                break;
            case TRIGGERED:
                onTriggered(tag, value);
                break;
            case MASS_CANCEL_REPORT:
                onMassCancelReport(tag, value);
                break;
            case BALANCE_UPDATE:
                onBalanceUpdate(tag, value);
                break;
            case BALANCE_REPORT:
                onBalanceReport(tag, value);
                break;
            default:
                break;
        }
    }

    private void onTriggered(final int tag, final long value)
    {
        switch (tag)
        {
            case TRIGGERED_CLIENT_ORDER_ID:
                message.clientOrderId = value;
                break;
            case TRIGGERED_ORDER_ID:
                message.orderId = value;
                break;
            case TRIGGERED_TIMESTAMP_NS:
                message.timestampNs = value;
                break;
            default:
                break;
        }
    }

    private void onMassCancelReport(final int tag, final long value)
    {
        switch (tag)
        {
            case MASS_CANCEL_REPORT_REQUEST_ID:
                message.requestId = value;
                break;
            case MASS_CANCEL_REPORT_CANCELED_COUNT:
                message.canceledCount = (int)value;
                break;
            case MASS_CANCEL_REPORT_TIMESTAMP_NS:
                message.timestampNs = value;
                break;
            default:
                break;
        }
    }

    private void onBalanceUpdate(final int tag, final long value)
    {
        switch (tag)
        {
            case BALANCE_UPDATE_AVAILABLE:
                message.available = value;
                break;
            case BALANCE_UPDATE_HELD:
                message.held = value;
                break;
            case BALANCE_UPDATE_TIMESTAMP_NS:
                message.timestampNs = value;
                break;
            default:
                break;
        }
    }

    private void onBalanceReport(final int tag, final long value)
    {
        switch (tag)
        {
            case BALANCE_REPORT_REQUEST_ID:
                message.requestId = value;
                break;
            case BALANCE_REPORT_AVAILABLE:
                message.available = value;
                break;
            case BALANCE_REPORT_HELD:
                message.held = value;
                break;
            case BALANCE_REPORT_LAST:
                message.last = value != 0;
                break;
            default:
                break;
        }
    }

    private void onLogonAck(final int tag, final long value)
    {
        switch (tag)
        {
            case LOGON_ACK_SESSION_ID:
                message.sessionId = value;
                break;
            case LOGON_ACK_HEARTBEAT_INTERVAL_MS:
                message.heartbeatIntervalMs = (int)value;
                break;
            case LOGON_ACK_ACCOUNT_ID:
                message.accountId = value;
                break;
            default:
                break;
        }
    }

    private void onAccepted(final int tag, final long value)
    {
        switch (tag)
        {
            case ACCEPTED_CLIENT_ORDER_ID:
                message.clientOrderId = value;
                break;
            case ACCEPTED_ORDER_ID:
                message.orderId = value;
                break;
            case ACCEPTED_CLIENT_TIMESTAMP_NS:
                message.clientTimestampNs = value;
                break;
            case ACCEPTED_INSTRUMENT_ID:
                message.instrumentId = (int)value;
                break;
            case ACCEPTED_TIMESTAMP_NS:
                message.timestampNs = value;
                break;
            default:
                break;
        }
    }

    private void onFill(final int tag, final long value)
    {
        switch (tag)
        {
            case FILL_CLIENT_ORDER_ID:
                message.clientOrderId = value;
                break;
            case FILL_ORDER_ID:
                message.orderId = value;
                break;
            case FILL_TRADE_ID:
                message.tradeId = value;
                break;
            case FILL_PRICE:
                message.price = value;
                break;
            case FILL_QUANTITY:
                message.quantity = value;
                break;
            case FILL_LEAVES_QUANTITY:
                message.leavesQuantity = value;
                break;
            case FILL_LIQUIDITY:
                message.liquidity = (int)value;
                break;
            case FILL_INSTRUMENT_ID:
                message.instrumentId = (int)value;
                break;
            case FILL_SIDE:
                message.side = (int)value;
                break;
            case FILL_TIMESTAMP_NS:
                message.timestampNs = value;
                break;
            default:
                break;
        }
    }

    private void onCanceled(final int tag, final long value)
    {
        switch (tag)
        {
            case CANCELED_CLIENT_ORDER_ID:
                message.clientOrderId = value;
                break;
            case CANCELED_ORDER_ID:
                message.orderId = value;
                break;
            case CANCELED_QUANTITY:
                message.quantity = value;
                break;
            case CANCELED_REASON:
                message.reason = (int)value;
                break;
            case CANCELED_TIMESTAMP_NS:
                message.timestampNs = value;
                break;
            default:
                break;
        }
    }

    private void onReplaced(final int tag, final long value)
    {
        switch (tag)
        {
            case REPLACED_CLIENT_ORDER_ID:
                message.clientOrderId = value;
                break;
            case REPLACED_ORDER_ID:
                message.orderId = value;
                break;
            case REPLACED_PRICE:
                message.price = value;
                break;
            case REPLACED_QUANTITY:
                message.quantity = value;
                break;
            case REPLACED_TIMESTAMP_NS:
                message.timestampNs = value;
                break;
            default:
                break;
        }
    }

    private void onRejected(final int tag, final long value)
    {
        switch (tag)
        {
            case REJECTED_CLIENT_ORDER_ID:
                message.clientOrderId = value;
                break;
            case REJECTED_REASON:
                message.reason = (int)value;
                break;
            case REJECTED_REQUEST_TYPE:
                message.requestType = (int)value;
                break;
            case REJECTED_CLIENT_TIMESTAMP_NS:
                message.clientTimestampNs = value;
                break;
            case REJECTED_TIMESTAMP_NS:
                message.timestampNs = value;
                break;
            default:
                break;
        }
    }
}
