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

    /**
     * One page of an OpenOrdersReport holding one order.
     *
     * @param buffer            to write to.
     * @param offset            of the frame.
     * @param available         bytes that may be written from offset.
     * @param requestId         of the OpenOrdersRequest.
     * @param last              true on the answer's last page.
     * @param more              true (on the last page only) when further orders match.
     * @param orderId           exchange order id.
     * @param clientOrderId     client order id the order was entered with.
     * @param instrumentId      of the order's book.
     * @param symbol            of the instrument.
     * @param side              wire number of {@code Side}.
     * @param orderType         wire number of {@code OrderType}.
     * @param timeInForce       wire number of {@code TimeInForce}.
     * @param price             limit price in 1e-8 units.
     * @param remainingQuantity quantity still open.
     * @param stp               wire number of {@code SelfTradePrevention}.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeOpenOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long requestId,
        final boolean last,
        final boolean more,
        final long orderId,
        final long clientOrderId,
        final int instrumentId,
        final CharSequence symbol,
        final int side,
        final int orderType,
        final int timeInForce,
        final long price,
        final long remainingQuantity,
        final int stp)
    {
        return encodeOpenOrder(buffer, offset, available, requestId, last, more, orderId, clientOrderId, instrumentId,
            symbol, side, orderType, timeInForce, price, remainingQuantity, stp, 0, 0, 0);
    }

    /**
     * One page of an OpenOrdersReport holding one order, with the fields of stop, iceberg and GTD orders.
     *
     * @param buffer            to write to.
     * @param offset            of the frame.
     * @param available         bytes that may be written from offset.
     * @param requestId         of the OpenOrdersRequest.
     * @param last              true on the answer's last page.
     * @param more              true (on the last page only) when further orders match.
     * @param orderId           exchange order id.
     * @param clientOrderId     client order id the order was entered with.
     * @param instrumentId      of the order's book.
     * @param symbol            of the instrument.
     * @param side              wire number of {@code Side}.
     * @param orderType         wire number of {@code OrderType}.
     * @param timeInForce       wire number of {@code TimeInForce}.
     * @param price             limit price in 1e-8 units (0 for none).
     * @param remainingQuantity quantity still open.
     * @param stp               wire number of {@code SelfTradePrevention}.
     * @param stopPrice         a waiting stop's trigger price in 1e-8 units, else 0.
     * @param displayQuantity   an iceberg's display quantity, else 0.
     * @param expireTimeMs      a GTD order's expiry in epoch milliseconds, else 0.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeOpenOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long requestId,
        final boolean last,
        final boolean more,
        final long orderId,
        final long clientOrderId,
        final int instrumentId,
        final CharSequence symbol,
        final int side,
        final int orderType,
        final int timeInForce,
        final long price,
        final long remainingQuantity,
        final int stp,
        final long stopPrice,
        final long displayQuantity,
        final long expireTimeMs)
    {
        final int symbolLength = Utf8.encodedLength(symbol);
        final int orderLength = sizeOfVarintField(orderId) + sizeOfVarintField(clientOrderId) +
            sizeOfUint32Field(instrumentId) + sizeOfLengthDelimitedField(symbolLength) + sizeOfVarintField(side) +
            sizeOfVarintField(orderType) + sizeOfVarintField(timeInForce) + sizeOfVarintField(price) +
            sizeOfVarintField(remainingQuantity) + sizeOfVarintField(stp) + sizeOfVarintField(stopPrice) +
            sizeOfVarintField(displayQuantity) + sizeOfVarintField(expireTimeMs);
        final int length = sizeOfVarintField(requestId) + 1 + sizeOfVarint(orderLength) + orderLength +
            sizeOfVarintField(last ? 1 : 0) + sizeOfVarintField(more ? 1 : 0);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_OPEN_ORDERS_REPORT, length);
        position = putVarintField(buffer, position, OPEN_ORDERS_REPORT_REQUEST_ID, requestId);
        buffer.putByte(position++, (byte)OPEN_ORDERS_REPORT_ORDER);
        position = putVarint(buffer, position, orderLength);
        position = putVarintField(buffer, position, OPEN_ORDER_ORDER_ID, orderId);
        position = putVarintField(buffer, position, OPEN_ORDER_CLIENT_ORDER_ID, clientOrderId);
        position = putUint32Field(buffer, position, OPEN_ORDER_INSTRUMENT_ID, instrumentId);
        position = putStringField(buffer, position, OPEN_ORDER_SYMBOL, symbol, symbolLength);
        position = putVarintField(buffer, position, OPEN_ORDER_SIDE, side);
        position = putVarintField(buffer, position, OPEN_ORDER_TYPE, orderType);
        position = putVarintField(buffer, position, OPEN_ORDER_TIME_IN_FORCE, timeInForce);
        position = putVarintField(buffer, position, OPEN_ORDER_PRICE, price);
        position = putVarintField(buffer, position, OPEN_ORDER_REMAINING_QUANTITY, remainingQuantity);
        position = putVarintField(buffer, position, OPEN_ORDER_STP, stp);
        position = putVarintField(buffer, position, OPEN_ORDER_STOP_PRICE, stopPrice);
        position = putVarintField(buffer, position, OPEN_ORDER_DISPLAY_QUANTITY, displayQuantity);
        position = putVarintField(buffer, position, OPEN_ORDER_EXPIRE_TIME_MS, expireTimeMs);
        position = putVarintField(buffer, position, OPEN_ORDERS_REPORT_LAST, last ? 1 : 0);
        putVarintField(buffer, position, OPEN_ORDERS_REPORT_MORE, more ? 1 : 0);
        return frameLength;
    }

    /**
     * The single page of an empty answer to an OpenOrdersRequest: no order, {@code last} set.
     *
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @param requestId of the OpenOrdersRequest.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeNoOpenOrders(
        final MutableDirectBuffer buffer, final int offset, final int available, final long requestId)
    {
        return encodeEmptyPage(
            buffer, offset, available, SERVER_OPEN_ORDERS_REPORT, OPEN_ORDERS_REPORT_REQUEST_ID,
            OPEN_ORDERS_REPORT_LAST, requestId);
    }

    /**
     * One page of an InstrumentListReport holding one instrument.
     *
     * @param buffer       to write to.
     * @param offset       of the frame.
     * @param available    bytes that may be written from offset.
     * @param requestId    of the InstrumentListRequest.
     * @param last         true on the answer's last page.
     * @param instrumentId of the instrument.
     * @param symbol       of the instrument.
     * @param tickSize     price increment in 1e-8 units.
     * @param lotSize      quantity increment.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeInstrument(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long requestId,
        final boolean last,
        final int instrumentId,
        final CharSequence symbol,
        final long tickSize,
        final long lotSize)
    {
        final int symbolLength = Utf8.encodedLength(symbol);
        final int infoLength = sizeOfUint32Field(instrumentId) + sizeOfLengthDelimitedField(symbolLength) +
            sizeOfVarintField(tickSize) + sizeOfVarintField(lotSize);
        final int length = sizeOfVarintField(requestId) + 1 + sizeOfVarint(infoLength) + infoLength +
            sizeOfVarintField(last ? 1 : 0);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_INSTRUMENT_LIST_REPORT, length);
        position = putVarintField(buffer, position, INSTRUMENT_LIST_REPORT_REQUEST_ID, requestId);
        buffer.putByte(position++, (byte)INSTRUMENT_LIST_REPORT_INSTRUMENT);
        position = putVarint(buffer, position, infoLength);
        position = putUint32Field(buffer, position, INSTRUMENT_INFO_INSTRUMENT_ID, instrumentId);
        position = putStringField(buffer, position, INSTRUMENT_INFO_SYMBOL, symbol, symbolLength);
        position = putVarintField(buffer, position, INSTRUMENT_INFO_TICK_SIZE, tickSize);
        position = putVarintField(buffer, position, INSTRUMENT_INFO_LOT_SIZE, lotSize);
        putVarintField(buffer, position, INSTRUMENT_LIST_REPORT_LAST, last ? 1 : 0);
        return frameLength;
    }

    /**
     * The single page of an empty answer to an InstrumentListRequest: no instrument, {@code last} set.
     *
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @param requestId of the InstrumentListRequest.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeNoInstruments(
        final MutableDirectBuffer buffer, final int offset, final int available, final long requestId)
    {
        return encodeEmptyPage(
            buffer, offset, available, SERVER_INSTRUMENT_LIST_REPORT, INSTRUMENT_LIST_REPORT_REQUEST_ID,
            INSTRUMENT_LIST_REPORT_LAST, requestId);
    }

    /**
     * @param buffer        to write to.
     * @param offset        of the frame.
     * @param available     bytes that may be written from offset.
     * @param clientOrderId of the stop order.
     * @param orderId       exchange order id.
     * @param timestampNs   sequencer time.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeTriggered(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long clientOrderId,
        final long orderId,
        final long timestampNs)
    {
        final int length = sizeOfVarintField(clientOrderId) + sizeOfVarintField(orderId) +
            sizeOfFixed64Field(timestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_TRIGGERED, length);
        position = putVarintField(buffer, position, TRIGGERED_CLIENT_ORDER_ID, clientOrderId);
        position = putVarintField(buffer, position, TRIGGERED_ORDER_ID, orderId);
        putFixed64Field(buffer, position, TRIGGERED_TIMESTAMP_NS, timestampNs);
        return frameLength;
    }

    /**
     * @param buffer        to write to.
     * @param offset        of the frame.
     * @param available     bytes that may be written from offset.
     * @param requestId     of the MassCancel.
     * @param canceledCount orders it cancelled.
     * @param timestampNs   sequencer time.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeMassCancelReport(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long requestId,
        final int canceledCount,
        final long timestampNs)
    {
        final int length = sizeOfVarintField(requestId) + sizeOfUint32Field(canceledCount) +
            sizeOfFixed64Field(timestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_MASS_CANCEL_REPORT, length);
        position = putVarintField(buffer, position, MASS_CANCEL_REPORT_REQUEST_ID, requestId);
        position = putUint32Field(buffer, position, MASS_CANCEL_REPORT_CANCELED_COUNT, canceledCount);
        putFixed64Field(buffer, position, MASS_CANCEL_REPORT_TIMESTAMP_NS, timestampNs);
        return frameLength;
    }

    /**
     * @param buffer      to write to.
     * @param offset      of the frame.
     * @param available   bytes that may be written from offset.
     * @param asset       name of the asset.
     * @param amount      available amount in 1e-8 units of the asset.
     * @param held        held amount in 1e-8 units of the asset.
     * @param timestampNs sequencer time of the command that changed it.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeBalanceUpdate(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final CharSequence asset,
        final long amount,
        final long held,
        final long timestampNs)
    {
        final int assetLength = Utf8.encodedLength(asset);
        final int length = sizeOfLengthDelimitedField(assetLength) + sizeOfVarintField(amount) +
            sizeOfVarintField(held) + sizeOfFixed64Field(timestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_BALANCE_UPDATE, length);
        position = putStringField(buffer, position, BALANCE_UPDATE_ASSET, asset, assetLength);
        position = putVarintField(buffer, position, BALANCE_UPDATE_AVAILABLE, amount);
        position = putVarintField(buffer, position, BALANCE_UPDATE_HELD, held);
        putFixed64Field(buffer, position, BALANCE_UPDATE_TIMESTAMP_NS, timestampNs);
        return frameLength;
    }

    /**
     * One page of a BalanceReport holding one asset's balance; with a null or empty asset, the single page of an
     * empty answer (amounts then 0).
     *
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @param requestId of the BalanceRequest.
     * @param asset     name of the asset, or null for an empty answer.
     * @param amount    available amount in 1e-8 units of the asset.
     * @param held      held amount in 1e-8 units of the asset.
     * @param last      true on the answer's last page.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeBalanceReport(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long requestId,
        final CharSequence asset,
        final long amount,
        final long held,
        final boolean last)
    {
        final int assetLength = Utf8.encodedLength(asset);
        final int length = sizeOfVarintField(requestId) + sizeOfLengthDelimitedField(assetLength) +
            sizeOfVarintField(amount) + sizeOfVarintField(held) + sizeOfVarintField(last ? 1 : 0);
        final int frameLength = sizeOfFrame(SERVER_BALANCE_REPORT, length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, SERVER_BALANCE_REPORT, length);
        position = putVarintField(buffer, position, BALANCE_REPORT_REQUEST_ID, requestId);
        position = putStringField(buffer, position, BALANCE_REPORT_ASSET, asset, assetLength);
        position = putVarintField(buffer, position, BALANCE_REPORT_AVAILABLE, amount);
        position = putVarintField(buffer, position, BALANCE_REPORT_HELD, held);
        putVarintField(buffer, position, BALANCE_REPORT_LAST, last ? 1 : 0);
        return frameLength;
    }

    private static int encodeEmptyPage(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final int envelopeTag,
        final int requestIdTag,
        final int lastTag,
        final long requestId)
    {
        final int length = sizeOfVarintField(requestId) + sizeOfVarintField(1);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, envelopeTag, length);
        position = putVarintField(buffer, position, requestIdTag, requestId);
        putVarintField(buffer, position, lastTag, 1);
        return frameLength;
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
