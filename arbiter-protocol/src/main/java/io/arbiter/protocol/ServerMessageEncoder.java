package io.arbiter.protocol;

import static io.arbiter.protocol.ProtobufWire.*;
import static io.arbiter.protocol.WireDescriptor.*;

import org.agrona.MutableDirectBuffer;

/**
 * Encodes {@code arbiter.v1.ServerMessage} frames (length prefix included) straight into a
 * {@link MutableDirectBuffer}, computing sizes first and allocating nothing. The bytes are the same as protobuf-java's
 * {@code writeDelimitedTo} for the same values: fields in number order, zero values omitted. Enum arguments are wire
 * numbers (see {@link WireEnums}). Every method returns the frame length written, or, when fewer than that many
 * bytes are available, the negated frame length (nothing written). Stateless: any thread may use an instance.
 */
public final class ServerMessageEncoder
{
    /**
     * @param buffer              to write to.
     * @param offset              of the frame.
     * @param available           bytes that may be written from offset.
     * @param sessionId           of the new session.
     * @param heartbeatIntervalMs in force for the session.
     * @param accountId           engine account of the session.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeLogonAck(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long sessionId,
        final int heartbeatIntervalMs,
        final long accountId)
    {
        final int length = sizeOfVarintField(sessionId) + sizeOfUint32Field(heartbeatIntervalMs) +
            sizeOfVarintField(accountId);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_LOGON_ACK, length);
        position = putVarintField(buffer, position, LOGON_ACK_SESSION_ID, sessionId);
        position = putUint32Field(buffer, position, LOGON_ACK_HEARTBEAT_INTERVAL_MS, heartbeatIntervalMs);
        putVarintField(buffer, position, LOGON_ACK_ACCOUNT_ID, accountId);
        return frameLength;
    }

    /**
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @param reason    wire number of {@code LogonRejectReason}.
     * @param text      human-readable detail, may be null.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeLogonReject(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final int reason,
        final CharSequence text)
    {
        final int textLength = Utf8.encodedLength(text);
        final int length = sizeOfVarintField(reason) + sizeOfLengthDelimitedField(textLength);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_LOGON_REJECT, length);
        position = putVarintField(buffer, position, LOGON_REJECT_REASON, reason);
        putStringField(buffer, position, LOGON_REJECT_TEXT, text, textLength);
        return frameLength;
    }

    /**
     * @param buffer            to write to.
     * @param offset            of the frame.
     * @param available         bytes that may be written from offset.
     * @param clientOrderId     of the order.
     * @param orderId           exchange order id.
     * @param clientTimestampNs echoed from the NewOrder.
     * @param instrumentId      of the order's book.
     * @param timestampNs       sequencer time.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeAccepted(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long clientOrderId,
        final long orderId,
        final long clientTimestampNs,
        final int instrumentId,
        final long timestampNs)
    {
        final int length = sizeOfVarintField(clientOrderId) + sizeOfVarintField(orderId) +
            sizeOfFixed64Field(clientTimestampNs) + sizeOfUint32Field(instrumentId) + sizeOfFixed64Field(timestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_ACCEPTED, length);
        position = putVarintField(buffer, position, ACCEPTED_CLIENT_ORDER_ID, clientOrderId);
        position = putVarintField(buffer, position, ACCEPTED_ORDER_ID, orderId);
        position = putFixed64Field(buffer, position, ACCEPTED_CLIENT_TIMESTAMP_NS, clientTimestampNs);
        position = putUint32Field(buffer, position, ACCEPTED_INSTRUMENT_ID, instrumentId);
        putFixed64Field(buffer, position, ACCEPTED_TIMESTAMP_NS, timestampNs);
        return frameLength;
    }

    /**
     * @param buffer         to write to.
     * @param offset         of the frame.
     * @param available      bytes that may be written from offset.
     * @param clientOrderId  of the order.
     * @param orderId        exchange order id.
     * @param tradeId        engine trade id.
     * @param price          trade price in 1e-8 units.
     * @param quantity       traded quantity.
     * @param leavesQuantity the order's quantity left.
     * @param liquidity      wire number of {@code Liquidity}.
     * @param instrumentId   of the book.
     * @param side           wire number of the order's {@code Side}.
     * @param timestampNs    sequencer time.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeFill(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long clientOrderId,
        final long orderId,
        final long tradeId,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final int liquidity,
        final int instrumentId,
        final int side,
        final long timestampNs)
    {
        final int length = sizeOfVarintField(clientOrderId) + sizeOfVarintField(orderId) +
            sizeOfVarintField(tradeId) + sizeOfVarintField(price) + sizeOfVarintField(quantity) +
            sizeOfVarintField(leavesQuantity) + sizeOfVarintField(liquidity) + sizeOfUint32Field(instrumentId) +
            sizeOfVarintField(side) + sizeOfFixed64Field(timestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_FILL, length);
        position = putVarintField(buffer, position, FILL_CLIENT_ORDER_ID, clientOrderId);
        position = putVarintField(buffer, position, FILL_ORDER_ID, orderId);
        position = putVarintField(buffer, position, FILL_TRADE_ID, tradeId);
        position = putVarintField(buffer, position, FILL_PRICE, price);
        position = putVarintField(buffer, position, FILL_QUANTITY, quantity);
        position = putVarintField(buffer, position, FILL_LEAVES_QUANTITY, leavesQuantity);
        position = putVarintField(buffer, position, FILL_LIQUIDITY, liquidity);
        position = putUint32Field(buffer, position, FILL_INSTRUMENT_ID, instrumentId);
        position = putVarintField(buffer, position, FILL_SIDE, side);
        putFixed64Field(buffer, position, FILL_TIMESTAMP_NS, timestampNs);
        return frameLength;
    }

    /**
     * @param buffer           to write to.
     * @param offset           of the frame.
     * @param available        bytes that may be written from offset.
     * @param clientOrderId    of the order.
     * @param orderId          exchange order id.
     * @param canceledQuantity remaining quantity that was cancelled.
     * @param reason           wire number of {@code CancelReason}.
     * @param timestampNs      sequencer time.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeCanceled(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long clientOrderId,
        final long orderId,
        final long canceledQuantity,
        final int reason,
        final long timestampNs)
    {
        final int length = sizeOfVarintField(clientOrderId) + sizeOfVarintField(orderId) +
            sizeOfVarintField(canceledQuantity) + sizeOfVarintField(reason) + sizeOfFixed64Field(timestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_CANCELED, length);
        position = putVarintField(buffer, position, CANCELED_CLIENT_ORDER_ID, clientOrderId);
        position = putVarintField(buffer, position, CANCELED_ORDER_ID, orderId);
        position = putVarintField(buffer, position, CANCELED_QUANTITY, canceledQuantity);
        position = putVarintField(buffer, position, CANCELED_REASON, reason);
        putFixed64Field(buffer, position, CANCELED_TIMESTAMP_NS, timestampNs);
        return frameLength;
    }

    /**
     * @param buffer        to write to.
     * @param offset        of the frame.
     * @param available     bytes that may be written from offset.
     * @param clientOrderId of the order.
     * @param orderId       exchange order id.
     * @param price         new price in 1e-8 units.
     * @param quantity      new remaining quantity.
     * @param timestampNs   sequencer time.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeReplaced(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long clientOrderId,
        final long orderId,
        final long price,
        final long quantity,
        final long timestampNs)
    {
        final int length = sizeOfVarintField(clientOrderId) + sizeOfVarintField(orderId) +
            sizeOfVarintField(price) + sizeOfVarintField(quantity) + sizeOfFixed64Field(timestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_REPLACED, length);
        position = putVarintField(buffer, position, REPLACED_CLIENT_ORDER_ID, clientOrderId);
        position = putVarintField(buffer, position, REPLACED_ORDER_ID, orderId);
        position = putVarintField(buffer, position, REPLACED_PRICE, price);
        position = putVarintField(buffer, position, REPLACED_QUANTITY, quantity);
        putFixed64Field(buffer, position, REPLACED_TIMESTAMP_NS, timestampNs);
        return frameLength;
    }

    /**
     * @param buffer            to write to.
     * @param offset            of the frame.
     * @param available         bytes that may be written from offset.
     * @param clientOrderId     of the request.
     * @param reason            wire number of {@code RejectReason}.
     * @param requestType       wire number of {@code RequestType}.
     * @param clientTimestampNs echoed from the request.
     * @param timestampNs       sequencer or gateway time.
     * @param text              human-readable detail, may be null.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeRejected(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long clientOrderId,
        final int reason,
        final int requestType,
        final long clientTimestampNs,
        final long timestampNs,
        final CharSequence text)
    {
        final int textLength = Utf8.encodedLength(text);
        final int length = sizeOfVarintField(clientOrderId) + sizeOfVarintField(reason) +
            sizeOfVarintField(requestType) + sizeOfFixed64Field(clientTimestampNs) + sizeOfFixed64Field(timestampNs) +
            sizeOfLengthDelimitedField(textLength);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_REJECTED, length);
        position = putVarintField(buffer, position, REJECTED_CLIENT_ORDER_ID, clientOrderId);
        position = putVarintField(buffer, position, REJECTED_REASON, reason);
        position = putVarintField(buffer, position, REJECTED_REQUEST_TYPE, requestType);
        position = putFixed64Field(buffer, position, REJECTED_CLIENT_TIMESTAMP_NS, clientTimestampNs);
        position = putFixed64Field(buffer, position, REJECTED_TIMESTAMP_NS, timestampNs);
        putStringField(buffer, position, REJECTED_TEXT, text, textLength);
        return frameLength;
    }

    /**
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @param code      wire number of {@code ProtocolErrorCode}.
     * @param text      human-readable detail, may be null.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeProtocolError(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final int code,
        final CharSequence text)
    {
        final int textLength = Utf8.encodedLength(text);
        final int length = sizeOfVarintField(code) + sizeOfLengthDelimitedField(textLength);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_PROTOCOL_ERROR, length);
        position = putVarintField(buffer, position, PROTOCOL_ERROR_CODE, code);
        putStringField(buffer, position, PROTOCOL_ERROR_TEXT, text, textLength);
        return frameLength;
    }

    /**
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeHeartbeat(final MutableDirectBuffer buffer, final int offset, final int available)
    {
        return encodeEmpty(buffer, offset, available, SERVER_HEARTBEAT);
    }

    /**
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeLogout(final MutableDirectBuffer buffer, final int offset, final int available)
    {
        return encodeEmpty(buffer, offset, available, SERVER_LOGOUT);
    }

    static int encodeEmpty(final MutableDirectBuffer buffer, final int offset, final int available, final int tag)
    {
        final int frameLength = sizeOfFrame(0);
        if (frameLength > available)
        {
            return -frameLength;
        }
        putFrameHeader(buffer, offset, tag, 0);
        return frameLength;
    }
}
