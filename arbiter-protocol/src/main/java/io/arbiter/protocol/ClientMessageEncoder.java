package io.arbiter.protocol;

import static io.arbiter.protocol.ProtobufWire.*;
import static io.arbiter.protocol.WireDescriptor.*;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes {@code arbiter.v1.ClientMessage} frames (length prefix included) straight into a
 * {@link MutableDirectBuffer}, computing sizes first and allocating nothing; for the Java client and the load
 * generator. The bytes are the same as protobuf-java's {@code writeDelimitedTo} for the same values. Enum arguments
 * are wire numbers (see {@link WireEnums}). Every method returns the frame length written, or, when fewer than that
 * many bytes are available, the negated frame length (nothing written). Stateless: any thread may use an instance.
 */
public final class ClientMessageEncoder
{
    /**
     * @param buffer              to write to.
     * @param offset              of the frame.
     * @param available           bytes that may be written from offset.
     * @param account             account name.
     * @param secret              buffer holding the secret, may be null if secretLength is 0.
     * @param secretOffset        of the secret.
     * @param secretLength        of the secret.
     * @param protocolVersion     protocol version, 1.
     * @param heartbeatIntervalMs requested, 0 to let the server choose.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeLogon(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final CharSequence account,
        final DirectBuffer secret,
        final int secretOffset,
        final int secretLength,
        final int protocolVersion,
        final int heartbeatIntervalMs)
    {
        final int accountLength = Utf8.encodedLength(account);
        final int length = sizeOfLengthDelimitedField(accountLength) + sizeOfLengthDelimitedField(secretLength) +
            sizeOfUint32Field(protocolVersion) + sizeOfUint32Field(heartbeatIntervalMs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, CLIENT_LOGON, length);
        position = putStringField(buffer, position, LOGON_ACCOUNT, account, accountLength);
        position = putBytesField(buffer, position, LOGON_SECRET, secret, secretOffset, secretLength);
        position = putUint32Field(buffer, position, LOGON_PROTOCOL_VERSION, protocolVersion);
        putUint32Field(buffer, position, LOGON_HEARTBEAT_INTERVAL_MS, heartbeatIntervalMs);
        return frameLength;
    }

    /**
     * @param buffer            to write to.
     * @param offset            of the frame.
     * @param available         bytes that may be written from offset.
     * @param clientOrderId     unique among the session's open orders.
     * @param symbol            instrument symbol.
     * @param side              wire number of {@code Side}.
     * @param orderType         wire number of {@code OrderType}.
     * @param timeInForce       wire number of {@code TimeInForce}.
     * @param price             limit price in 1e-8 units, 0 for MARKET.
     * @param quantity          quantity.
     * @param stp               wire number of {@code SelfTradePrevention}.
     * @param clientTimestampNs echoed back in Accepted or Rejected.
     * @param traceIdHigh       high half of the trace id, 0 if none.
     * @param traceIdLow        low half of the trace id, 0 if none.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeNewOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long clientOrderId,
        final CharSequence symbol,
        final int side,
        final int orderType,
        final int timeInForce,
        final long price,
        final long quantity,
        final int stp,
        final long clientTimestampNs,
        final long traceIdHigh,
        final long traceIdLow)
    {
        return encodeNewOrder(buffer, offset, available, clientOrderId, symbol, side, orderType, timeInForce, price,
            quantity, stp, clientTimestampNs, traceIdHigh, traceIdLow, 0, 0, 0);
    }

    /**
     * A NewOrder with the fields of stop, iceberg and good-till-date orders.
     *
     * @param buffer            to write to.
     * @param offset            of the frame.
     * @param available         bytes that may be written from offset.
     * @param clientOrderId     unique among the session's open orders.
     * @param symbol            instrument symbol.
     * @param side              wire number of {@code Side}.
     * @param orderType         wire number of {@code OrderType}.
     * @param timeInForce       wire number of {@code TimeInForce}.
     * @param price             limit price in 1e-8 units, 0 for MARKET and STOP_MARKET.
     * @param quantity          quantity.
     * @param stp               wire number of {@code SelfTradePrevention}.
     * @param clientTimestampNs echoed back in Accepted or Rejected.
     * @param traceIdHigh       high half of the trace id, 0 if none.
     * @param traceIdLow        low half of the trace id, 0 if none.
     * @param stopPrice         trigger price of a STOP_LIMIT or STOP_MARKET in 1e-8 units, else 0.
     * @param displayQuantity   an iceberg's display quantity, else 0.
     * @param expireTimeMs      a GTD order's expiry in epoch milliseconds, else 0.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeNewOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long clientOrderId,
        final CharSequence symbol,
        final int side,
        final int orderType,
        final int timeInForce,
        final long price,
        final long quantity,
        final int stp,
        final long clientTimestampNs,
        final long traceIdHigh,
        final long traceIdLow,
        final long stopPrice,
        final long displayQuantity,
        final long expireTimeMs)
    {
        final int symbolLength = Utf8.encodedLength(symbol);
        final int length = sizeOfVarintField(clientOrderId) + sizeOfLengthDelimitedField(symbolLength) +
            sizeOfVarintField(side) + sizeOfVarintField(orderType) + sizeOfVarintField(timeInForce) +
            sizeOfVarintField(price) + sizeOfVarintField(quantity) + sizeOfVarintField(stp) +
            sizeOfFixed64Field(clientTimestampNs) + sizeOfFixed64Field(traceIdHigh) + sizeOfFixed64Field(traceIdLow) +
            sizeOfVarintField(stopPrice) + sizeOfVarintField(displayQuantity) + sizeOfVarintField(expireTimeMs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, CLIENT_NEW_ORDER, length);
        position = putVarintField(buffer, position, NEW_ORDER_CLIENT_ORDER_ID, clientOrderId);
        position = putStringField(buffer, position, NEW_ORDER_SYMBOL, symbol, symbolLength);
        position = putVarintField(buffer, position, NEW_ORDER_SIDE, side);
        position = putVarintField(buffer, position, NEW_ORDER_TYPE, orderType);
        position = putVarintField(buffer, position, NEW_ORDER_TIME_IN_FORCE, timeInForce);
        position = putVarintField(buffer, position, NEW_ORDER_PRICE, price);
        position = putVarintField(buffer, position, NEW_ORDER_QUANTITY, quantity);
        position = putVarintField(buffer, position, NEW_ORDER_STP, stp);
        position = putFixed64Field(buffer, position, NEW_ORDER_CLIENT_TIMESTAMP_NS, clientTimestampNs);
        position = putFixed64Field(buffer, position, NEW_ORDER_TRACE_ID_HIGH, traceIdHigh);
        position = putFixed64Field(buffer, position, NEW_ORDER_TRACE_ID_LOW, traceIdLow);
        position = putVarintField(buffer, position, NEW_ORDER_STOP_PRICE, stopPrice);
        position = putVarintField(buffer, position, NEW_ORDER_DISPLAY_QUANTITY, displayQuantity);
        putVarintField(buffer, position, NEW_ORDER_EXPIRE_TIME_MS, expireTimeMs);
        return frameLength;
    }

    /**
     * @param buffer            to write to.
     * @param offset            of the frame.
     * @param available         bytes that may be written from offset.
     * @param clientOrderId     of the open order to cancel.
     * @param clientTimestampNs client clock value.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeCancel(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long clientOrderId,
        final long clientTimestampNs)
    {
        final int length = sizeOfVarintField(clientOrderId) + sizeOfFixed64Field(clientTimestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, CLIENT_CANCEL, length);
        position = putVarintField(buffer, position, CANCEL_CLIENT_ORDER_ID, clientOrderId);
        putFixed64Field(buffer, position, CANCEL_CLIENT_TIMESTAMP_NS, clientTimestampNs);
        return frameLength;
    }

    /**
     * @param buffer            to write to.
     * @param offset            of the frame.
     * @param available         bytes that may be written from offset.
     * @param clientOrderId     of the open order to change.
     * @param price             new price in 1e-8 units.
     * @param quantity          new remaining quantity.
     * @param clientTimestampNs client clock value.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeReplace(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long clientOrderId,
        final long price,
        final long quantity,
        final long clientTimestampNs)
    {
        final int length = sizeOfVarintField(clientOrderId) + sizeOfVarintField(price) +
            sizeOfVarintField(quantity) + sizeOfFixed64Field(clientTimestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, CLIENT_REPLACE, length);
        position = putVarintField(buffer, position, REPLACE_CLIENT_ORDER_ID, clientOrderId);
        position = putVarintField(buffer, position, REPLACE_PRICE, price);
        position = putVarintField(buffer, position, REPLACE_QUANTITY, quantity);
        putFixed64Field(buffer, position, REPLACE_CLIENT_TIMESTAMP_NS, clientTimestampNs);
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
        return ServerMessageEncoder.encodeEmpty(buffer, offset, available, CLIENT_HEARTBEAT);
    }

    /**
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeLogout(final MutableDirectBuffer buffer, final int offset, final int available)
    {
        return ServerMessageEncoder.encodeEmpty(buffer, offset, available, CLIENT_LOGOUT);
    }

    /**
     * @param buffer       to write to.
     * @param offset       of the frame.
     * @param available    bytes that may be written from offset.
     * @param requestId    echoed in every page of the answer.
     * @param symbol       only this instrument's orders; null or empty for all.
     * @param afterOrderId only orders with a larger order id; 0 for all.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeOpenOrdersRequest(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long requestId,
        final CharSequence symbol,
        final long afterOrderId)
    {
        final int symbolLength = Utf8.encodedLength(symbol);
        final int length = sizeOfVarintField(requestId) + sizeOfLengthDelimitedField(symbolLength) +
            sizeOfVarintField(afterOrderId);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, CLIENT_OPEN_ORDERS_REQUEST, length);
        position = putVarintField(buffer, position, OPEN_ORDERS_REQUEST_REQUEST_ID, requestId);
        position = putStringField(buffer, position, OPEN_ORDERS_REQUEST_SYMBOL, symbol, symbolLength);
        putVarintField(buffer, position, OPEN_ORDERS_REQUEST_AFTER_ORDER_ID, afterOrderId);
        return frameLength;
    }

    /**
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @param requestId echoed in every page of the answer.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeInstrumentListRequest(
        final MutableDirectBuffer buffer, final int offset, final int available, final long requestId)
    {
        final int length = sizeOfVarintField(requestId);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        final int position = putFrameHeader(buffer, offset, CLIENT_INSTRUMENT_LIST_REQUEST, length);
        putVarintField(buffer, position, INSTRUMENT_LIST_REQUEST_REQUEST_ID, requestId);
        return frameLength;
    }

    /**
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @param requestId echoed in the MassCancelReport (or Rejected).
     * @param symbol    only this instrument's orders; null or empty for all.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeMassCancel(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long requestId,
        final CharSequence symbol)
    {
        final int symbolLength = Utf8.encodedLength(symbol);
        final int length = sizeOfVarintField(requestId) + sizeOfLengthDelimitedField(symbolLength);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        final int position = putFrameHeader(buffer, offset, CLIENT_MASS_CANCEL, length);
        putStringField(buffer, putVarintField(buffer, position, MASS_CANCEL_REQUEST_ID, requestId), MASS_CANCEL_SYMBOL,
            symbol, symbolLength);
        return frameLength;
    }

    /**
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @param requestId echoed in every page of the answer.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeBalanceRequest(
        final MutableDirectBuffer buffer, final int offset, final int available, final long requestId)
    {
        final int length = sizeOfVarintField(requestId);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        final int position = putFrameHeader(buffer, offset, CLIENT_BALANCE_REQUEST, length);
        putVarintField(buffer, position, BALANCE_REQUEST_REQUEST_ID, requestId);
        return frameLength;
    }
}
