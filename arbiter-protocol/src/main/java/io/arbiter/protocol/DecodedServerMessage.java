package io.arbiter.protocol;

import org.agrona.DirectBuffer;

/**
 * One decoded {@code arbiter.v1.ServerMessage}, reused for every frame by a {@link ServerMessageDecoder}. Values are
 * as on the wire (absent fields read as zero); each accessor says which messages carry it. The text is a slice of
 * {@link #buffer()}, valid until that memory is reused. Not thread safe.
 */
public final class DecodedServerMessage
{
    ServerMessageType type = ServerMessageType.NONE;
    DirectBuffer buffer;
    long sessionId;
    int heartbeatIntervalMs;
    long accountId;
    int reason;
    long clientOrderId;
    long orderId;
    long tradeId;
    long price;
    long quantity;
    long leavesQuantity;
    int liquidity;
    int instrumentId;
    int side;
    int requestType;
    long clientTimestampNs;
    long timestampNs;
    int textOffset;
    int textLength;
    long requestId;
    boolean last;
    boolean more;
    boolean hasEntry;
    int orderType;
    int timeInForce;
    int selfTradePrevention;
    long tickSize;
    long lotSize;
    long stopPrice;
    long displayQuantity;
    long expireTimeMs;
    long available;
    long held;
    int canceledCount;

    void reset(final ServerMessageType type)
    {
        this.type = type;
        sessionId = 0;
        heartbeatIntervalMs = 0;
        accountId = 0;
        reason = 0;
        clientOrderId = 0;
        orderId = 0;
        tradeId = 0;
        price = 0;
        quantity = 0;
        leavesQuantity = 0;
        liquidity = 0;
        instrumentId = 0;
        side = 0;
        requestType = 0;
        clientTimestampNs = 0;
        timestampNs = 0;
        textOffset = 0;
        textLength = 0;
        requestId = 0;
        last = false;
        more = false;
        hasEntry = false;
        orderType = 0;
        timeInForce = 0;
        selfTradePrevention = 0;
        tickSize = 0;
        lotSize = 0;
        stopPrice = 0;
        displayQuantity = 0;
        expireTimeMs = 0;
        available = 0;
        held = 0;
        canceledCount = 0;
    }

    /**
     * @return an OpenOrder's stop price in 1e-8 units (0 for none).
     */
    public long stopPrice()
    {
        return stopPrice;
    }

    /**
     * @return an OpenOrder's display quantity (0 for none).
     */
    public long displayQuantity()
    {
        return displayQuantity;
    }

    /**
     * @return an OpenOrder's expiry in epoch milliseconds (0 for none).
     */
    public long expireTimeMs()
    {
        return expireTimeMs;
    }

    /**
     * @return the available amount of a BalanceUpdate or BalanceReport page, 1e-8 units of its asset.
     */
    public long available()
    {
        return available;
    }

    /**
     * @return the held amount of a BalanceUpdate or BalanceReport page, 1e-8 units of its asset.
     */
    public long held()
    {
        return held;
    }

    /**
     * @return the number of orders a MassCancelReport says were cancelled.
     */
    public int canceledCount()
    {
        return canceledCount;
    }

    /**
     * @return request id of an OpenOrdersReport, InstrumentListReport or BalanceReport page, or of a
     * MassCancelReport.
     */
    public long requestId()
    {
        return requestId;
    }

    /**
     * @return true on the last page of an OpenOrdersReport or InstrumentListReport answer.
     */
    public boolean last()
    {
        return last;
    }

    /**
     * @return true on the last page of an OpenOrdersReport answer that was cut short: further orders match.
     */
    public boolean more()
    {
        return more;
    }

    /**
     * @return true if an OpenOrdersReport page holds an order, an InstrumentListReport page an instrument, or a
     *         BalanceReport page an asset (false only in the single page of an empty answer). The entry's fields are
     *         {@link #orderId()}, {@link #clientOrderId()}, {@link #instrumentId()}, the symbol in
     *         {@link #textOffset()} and {@link #textLength()}, {@link #side()}, {@link #orderType()},
     *         {@link #timeInForce()}, {@link #price()}, {@link #quantity()} (remaining),
     *         {@link #selfTradePrevention()},
     *         {@link #stopPrice()}, {@link #displayQuantity()} and {@link #expireTimeMs()} for an order;
     *         {@link #instrumentId()}, the symbol, {@link #tickSize()} and {@link #lotSize()} for an instrument; the
     *         asset in the text slice, {@link #available()} and {@link #held()} for a balance.
     */
    public boolean hasEntry()
    {
        return hasEntry;
    }

    /**
     * @return wire number of the open order's {@code OrderType} (OpenOrdersReport).
     */
    public int orderType()
    {
        return orderType;
    }

    /**
     * @return wire number of the open order's {@code TimeInForce} (OpenOrdersReport).
     */
    public int timeInForce()
    {
        return timeInForce;
    }

    /**
     * @return wire number of the open order's {@code SelfTradePrevention} (OpenOrdersReport).
     */
    public int selfTradePrevention()
    {
        return selfTradePrevention;
    }

    /**
     * @return the instrument's tick size in 1e-8 units (InstrumentListReport).
     */
    public long tickSize()
    {
        return tickSize;
    }

    /**
     * @return the instrument's lot size (InstrumentListReport).
     */
    public long lotSize()
    {
        return lotSize;
    }

    /**
     * @return which message the frame held.
     */
    public ServerMessageType type()
    {
        return type;
    }

    /**
     * @return the buffer the text slice points into.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return LogonAck session id.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * @return LogonAck heartbeat interval.
     */
    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /**
     * @return LogonAck account id.
     */
    public long accountId()
    {
        return accountId;
    }

    /**
     * @return wire number of the LogonReject's {@code LogonRejectReason}, the Canceled's {@code CancelReason}, the
     * Rejected's {@code RejectReason} or the ProtocolError's {@code ProtocolErrorCode}.
     */
    public int reason()
    {
        return reason;
    }

    /**
     * @return client order id of an execution report.
     */
    public long clientOrderId()
    {
        return clientOrderId;
    }

    /**
     * @return exchange order id of Accepted, Fill, Canceled and Replaced.
     */
    public long orderId()
    {
        return orderId;
    }

    /**
     * @return Fill trade id.
     */
    public long tradeId()
    {
        return tradeId;
    }

    /**
     * @return Fill or Replaced price in 1e-8 units.
     */
    public long price()
    {
        return price;
    }

    /**
     * @return Fill quantity, Replaced new quantity or Canceled cancelled quantity.
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * @return Fill leaves quantity.
     */
    public long leavesQuantity()
    {
        return leavesQuantity;
    }

    /**
     * @return wire number of the Fill's {@code Liquidity}.
     */
    public int liquidity()
    {
        return liquidity;
    }

    /**
     * @return instrument id of Accepted or Fill.
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return wire number of the Fill's {@code Side}.
     */
    public int side()
    {
        return side;
    }

    /**
     * @return wire number of the Rejected's {@code RequestType}.
     */
    public int requestType()
    {
        return requestType;
    }

    /**
     * @return client timestamp echoed in Accepted or Rejected.
     */
    public long clientTimestampNs()
    {
        return clientTimestampNs;
    }

    /**
     * @return server (sequencer) time of an execution report.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    /**
     * @return offset in {@link #buffer()} of the LogonReject, Rejected or ProtocolError text, of an OpenOrder or
     * InstrumentInfo symbol, or of a BalanceUpdate or BalanceReport asset (UTF-8).
     */
    public int textOffset()
    {
        return textOffset;
    }

    /**
     * @return length in bytes of the text.
     */
    public int textLength()
    {
        return textLength;
    }
}
