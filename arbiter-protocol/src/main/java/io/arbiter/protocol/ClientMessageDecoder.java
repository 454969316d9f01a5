package io.arbiter.protocol;

import static io.arbiter.protocol.ProtobufWire.MALFORMED;
import static io.arbiter.protocol.WireDescriptor.*;

import org.agrona.DirectBuffer;

/**
 * Decodes {@code arbiter.v1.ClientMessage} frames straight from the protobuf wire bytes in a {@link DirectBuffer} into
 * a reused {@link DecodedClientMessage}, creating no protobuf objects, arrays or strings. Follows protobuf's parsing
 * rules: the last value of a repeated scalar wins, a repeated member of the oneof merges, a different member
 * replaces it, and unknown fields of every wire type (and fields of a known number with an unexpected wire type) are
 * skipped. One instance per connection or per I/O thread; not thread safe.
 */
public final class ClientMessageDecoder
{
    private final FrameDecoder frameDecoder;
    private final SymbolTable symbols;
    private final DecodedClientMessage message = new DecodedClientMessage();
    private final ProtobufWire.Cursor cursor = new ProtobufWire.Cursor();

    /**
     * @param maxFrameLength largest body length accepted.
     * @param symbols        resolves NewOrder symbols to instrument ids; may be null, leaving every id
     *                       {@link SymbolTable#MISSING}.
     */
    public ClientMessageDecoder(final int maxFrameLength, final SymbolTable symbols)
    {
        this.frameDecoder = new FrameDecoder(maxFrameLength);
        this.symbols = symbols;
    }

    /**
     * Take one frame from accumulated bytes and decode its message into {@link #message()}. After
     * {@link FrameStatus#FRAME}, continue from {@link #frameEnd()}; after {@link FrameStatus#NEED_MORE}, keep the bytes
     * from {@code offset} and call again when more have arrived.
     *
     * @param buffer holding the bytes.
     * @param offset of the first unconsumed byte.
     * @param length of the bytes available from offset.
     * @return the status; {@link FrameStatus#MALFORMED} also when the frame is complete but its body is not a valid
     * ClientMessage.
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
     * Look for one frame without decoding it; see {@link FrameDecoder#tryDecodeFrame}.
     *
     * @param buffer holding the bytes.
     * @param offset of the first unconsumed byte.
     * @param length of the bytes available from offset.
     * @return the status.
     */
    public FrameStatus tryDecodeFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        return frameDecoder.tryDecodeFrame(buffer, offset, length);
    }

    /**
     * Decode one frame body (a ClientMessage without its length prefix) into {@link #message()}.
     *
     * @param buffer holding the body.
     * @param offset of the body.
     * @param length of the body.
     * @return {@link FrameStatus#FRAME}, or {@link FrameStatus#MALFORMED} leaving the message of type NONE.
     */
    public FrameStatus decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final DecodedClientMessage message = this.message;
        message.buffer = buffer;
        message.reset(ClientMessageType.NONE);
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
            switch (tag)
            {
                case CLIENT_LOGON:
                    position = decodeLogon(buffer, position, limit);
                    break;

                case CLIENT_NEW_ORDER:
                    position = decodeNewOrder(buffer, position, limit);
                    break;

                case CLIENT_CANCEL:
                    position = decodeCancel(buffer, position, limit);
                    break;

                case CLIENT_REPLACE:
                    position = decodeReplace(buffer, position, limit);
                    break;

                case CLIENT_HEARTBEAT:
                    position = decodeEmpty(buffer, position, limit, ClientMessageType.HEARTBEAT);
                    break;

                case CLIENT_LOGOUT:
                    position = decodeEmpty(buffer, position, limit, ClientMessageType.LOGOUT);
                    break;

                case CLIENT_OPEN_ORDERS_REQUEST:
                    position = decodeQuery(buffer, position, limit, ClientMessageType.OPEN_ORDERS_REQUEST);
                    break;

                case CLIENT_INSTRUMENT_LIST_REQUEST:
                    position = decodeQuery(buffer, position, limit, ClientMessageType.INSTRUMENT_LIST_REQUEST);
                    break;

                case CLIENT_MASS_CANCEL:
                    position = decodeQuery(buffer, position, limit, ClientMessageType.MASS_CANCEL);
                    break;

                case CLIENT_BALANCE_REQUEST:
                    position = decodeQuery(buffer, position, limit, ClientMessageType.BALANCE_REQUEST);
                    break;

                default:
                    position = ProtobufWire.skipField(buffer, position, limit, tag, cursor);
                    break;
            }
            if (MALFORMED == position)
            {
                return malformed();
            }
        }
        if (null != symbols && (ClientMessageType.NEW_ORDER == message.type ||
            ((ClientMessageType.OPEN_ORDERS_REQUEST == message.type || ClientMessageType.MASS_CANCEL == message.type) &&
            message.symbolLength > 0)))
        {
            message.instrumentId = symbols.get(buffer, message.symbolOffset, message.symbolLength);
        }
        return FrameStatus.FRAME;
    }

    /**
     * @return the last message decoded.
     */
    public DecodedClientMessage message()
    {
        return message;
    }

    /**
     * @return offset of the last frame's body.
     */
    public int frameOffset()
    {
        return frameDecoder.frameOffset();
    }

    /**
     * @return length of the last frame's body, or -1 when its prefix was incomplete.
     */
    public int frameLength()
    {
        return frameDecoder.frameLength();
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
        message.reset(ClientMessageType.NONE);
        return FrameStatus.MALFORMED;
    }

    private int beginMember(final DirectBuffer buffer, final int offset, final int limit, final ClientMessageType type)
    {
        final int position = ProtobufWire.readLength(buffer, offset, limit, cursor);
        if (MALFORMED != position && message.type != type)
        {
            message.reset(type);
        }
        return position;
    }

    private int decodeEmpty(
        final DirectBuffer buffer, final int offset, final int limit, final ClientMessageType type)
    {
        int position = beginMember(buffer, offset, limit, type);
        if (MALFORMED == position)
        {
            return MALFORMED;
        }
        final int end = position + (int)cursor.value;
        while (position < end)
        {
            position = ProtobufWire.readTag(buffer, position, end, cursor);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
            position = ProtobufWire.skipField(buffer, position, end, (int)cursor.value, cursor);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
        }
        return position;
    }

    /**
     * OpenOrdersRequest, InstrumentListRequest, MassCancel and BalanceRequest: request_id (field 1, varint) into the
     * client order id slot; the symbol (field 2) of OpenOrdersRequest and MassCancel; OpenOrdersRequest's
     * after_order_id (field 3). The other messages have no fields 2 and 3, so they are skipped there.
     */
    private int decodeQuery(
        final DirectBuffer buffer, final int offset, final int limit, final ClientMessageType type)
    {
        int position = beginMember(buffer, offset, limit, type);
        if (MALFORMED == position)
        {
            return MALFORMED;
        }
        final DecodedClientMessage message = this.message;
        final ProtobufWire.Cursor cursor = this.cursor;
        final int end = position + (int)cursor.value;
        while (position < end)
        {
            position = ProtobufWire.readTag(buffer, position, end, cursor);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
            final int tag = (int)cursor.value;
            if (OPEN_ORDERS_REQUEST_REQUEST_ID == tag)
            {
                position = ProtobufWire.readVarint(buffer, position, end, cursor);
                message.clientOrderId = cursor.value;
            }
            else if (OPEN_ORDERS_REQUEST_SYMBOL == tag &&
                (ClientMessageType.OPEN_ORDERS_REQUEST == type || ClientMessageType.MASS_CANCEL == type))
            {
                position = ProtobufWire.readLength(buffer, position, end, cursor);
                if (MALFORMED != position)
                {
                    message.symbolOffset = position;
                    message.symbolLength = (int)cursor.value;
                    position += message.symbolLength;
                }
            }
            else if (OPEN_ORDERS_REQUEST_AFTER_ORDER_ID == tag && ClientMessageType.OPEN_ORDERS_REQUEST == type)
            {
                position = ProtobufWire.readVarint(buffer, position, end, cursor);
                message.afterOrderId = cursor.value;
            }
            else
            {
                position = ProtobufWire.skipField(buffer, position, end, tag, cursor);
            }
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
        }
        return position;
    }

    private int decodeLogon(final DirectBuffer buffer, final int offset, final int limit)
    {
        int position = beginMember(buffer, offset, limit, ClientMessageType.LOGON);
        if (MALFORMED == position)
        {
            return MALFORMED;
        }
        final DecodedClientMessage message = this.message;
        final ProtobufWire.Cursor cursor = this.cursor;
        final int end = position + (int)cursor.value;
        while (position < end)
        {
            position = ProtobufWire.readTag(buffer, position, end, cursor);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
            final int tag = (int)cursor.value;
            switch (tag)
            {
                case LOGON_ACCOUNT:
                    position = ProtobufWire.readLength(buffer, position, end, cursor);
                    if (MALFORMED != position)
                    {
                        message.accountOffset = position;
                        message.accountLength = (int)cursor.value;
                        position += message.accountLength;
                    }
                    break;

                case LOGON_SECRET:
                    position = ProtobufWire.readLength(buffer, position, end, cursor);
                    if (MALFORMED != position)
                    {
                        message.secretOffset = position;
                        message.secretLength = (int)cursor.value;
                        position += message.secretLength;
                    }
                    break;

                case LOGON_PROTOCOL_VERSION:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.protocolVersion = (int)cursor.value;
                    break;

                case LOGON_HEARTBEAT_INTERVAL_MS:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.heartbeatIntervalMs = (int)cursor.value;
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

    private int decodeNewOrder(final DirectBuffer buffer, final int offset, final int limit)
    {
        int position = beginMember(buffer, offset, limit, ClientMessageType.NEW_ORDER);
        if (MALFORMED == position)
        {
            return MALFORMED;
        }
        final DecodedClientMessage message = this.message;
        final ProtobufWire.Cursor cursor = this.cursor;
        final int end = position + (int)cursor.value;
        while (position < end)
        {
            position = ProtobufWire.readTag(buffer, position, end, cursor);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
            final int tag = (int)cursor.value;
            switch (tag)
            {
                case NEW_ORDER_CLIENT_ORDER_ID:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.clientOrderId = cursor.value;
                    break;

                case NEW_ORDER_SYMBOL:
                    position = ProtobufWire.readLength(buffer, position, end, cursor);
                    if (MALFORMED != position)
                    {
                        message.symbolOffset = position;
                        message.symbolLength = (int)cursor.value;
                        position += message.symbolLength;
                    }
                    break;

                case NEW_ORDER_SIDE:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.side = (int)cursor.value;
                    break;

                case NEW_ORDER_TYPE:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.orderType = (int)cursor.value;
                    break;

                case NEW_ORDER_TIME_IN_FORCE:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.timeInForce = (int)cursor.value;
                    break;

                case NEW_ORDER_PRICE:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.price = cursor.value;
                    break;

                case NEW_ORDER_QUANTITY:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.quantity = cursor.value;
                    break;

                case NEW_ORDER_STP:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.selfTradePrevention = (int)cursor.value;
                    break;

                case NEW_ORDER_CLIENT_TIMESTAMP_NS:
                    position = ProtobufWire.readFixed64(buffer, position, end, cursor);
                    message.clientTimestampNs = cursor.value;
                    break;

                case NEW_ORDER_TRACE_ID_HIGH:
                    position = ProtobufWire.readFixed64(buffer, position, end, cursor);
                    message.traceIdHigh = cursor.value;
                    break;

                case NEW_ORDER_TRACE_ID_LOW:
                    position = ProtobufWire.readFixed64(buffer, position, end, cursor);
                    message.traceIdLow = cursor.value;
                    break;

                case NEW_ORDER_STOP_PRICE:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.stopPrice = cursor.value;
                    break;

                case NEW_ORDER_DISPLAY_QUANTITY:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.displayQuantity = cursor.value;
                    break;

                case NEW_ORDER_EXPIRE_TIME_MS:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.expireTimeMs = cursor.value;
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

    private int decodeCancel(final DirectBuffer buffer, final int offset, final int limit)
    {
        int position = beginMember(buffer, offset, limit, ClientMessageType.CANCEL);
        if (MALFORMED == position)
        {
            return MALFORMED;
        }
        final ProtobufWire.Cursor cursor = this.cursor;
        final int end = position + (int)cursor.value;
        while (position < end)
        {
            position = ProtobufWire.readTag(buffer, position, end, cursor);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
            final int tag = (int)cursor.value;
            switch (tag)
            {
                case CANCEL_CLIENT_ORDER_ID:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.clientOrderId = cursor.value;
                    break;

                case CANCEL_CLIENT_TIMESTAMP_NS:
                    position = ProtobufWire.readFixed64(buffer, position, end, cursor);
                    message.clientTimestampNs = cursor.value;
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

    private int decodeReplace(final DirectBuffer buffer, final int offset, final int limit)
    {
        int position = beginMember(buffer, offset, limit, ClientMessageType.REPLACE);
        if (MALFORMED == position)
        {
            return MALFORMED;
        }
        final ProtobufWire.Cursor cursor = this.cursor;
        final int end = position + (int)cursor.value;
        while (position < end)
        {
            position = ProtobufWire.readTag(buffer, position, end, cursor);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
            final int tag = (int)cursor.value;
            switch (tag)
            {
                case REPLACE_CLIENT_ORDER_ID:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.clientOrderId = cursor.value;
                    break;

                case REPLACE_PRICE:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.price = cursor.value;
                    break;

                case REPLACE_QUANTITY:
                    position = ProtobufWire.readVarint(buffer, position, end, cursor);
                    message.quantity = cursor.value;
                    break;

                case REPLACE_CLIENT_TIMESTAMP_NS:
                    position = ProtobufWire.readFixed64(buffer, position, end, cursor);
                    message.clientTimestampNs = cursor.value;
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
}
