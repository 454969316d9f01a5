package io.arbiter.protocol;

import io.arbiter.engine.Command;
import io.arbiter.engine.Prices;
import org.agrona.DirectBuffer;

/**
 * One decoded {@code arbiter.v1.ClientMessage}, reused for every frame by a {@link ClientMessageDecoder}. Values are
 * as on the wire (fields a frame did not carry read as zero); strings and bytes are slices of {@link #buffer()} and
 * are valid only until that memory is reused. Not thread safe. Field values are not checked by the decoder:
 * {@link #validate()} rejects every value the engine or the server could not apply, and the engine rejects the rest
 * of what is wrong with its own reasons.
 */
public final class DecodedClientMessage
{
    /** {@link #applyTo} result when the command was written. */
    public static final int APPLIED = 0;
    /** {@link #applyTo} result for a message that is not an order request (logon, heartbeat, logout, none). */
    public static final int NOT_A_COMMAND = -1;
    /**
     * The one {@code client_order_id} a NewOrder may not carry: 2<sup>64</sup>-1, read as the long -1, which the
     * server and its journal use for "no client order id".
     */
    public static final long RESERVED_CLIENT_ORDER_ID = -1L;

    ClientMessageType type = ClientMessageType.NONE;
    DirectBuffer buffer;
    long clientOrderId;
    int symbolOffset;
    int symbolLength;
    int instrumentId = SymbolTable.MISSING;
    int side;
    int orderType;
    int timeInForce;
    int selfTradePrevention;
    long price;
    long quantity;
    long clientTimestampNs;
    long traceIdHigh;
    long traceIdLow;
    long stopPrice;
    long displayQuantity;
    long expireTimeMs;
    int accountOffset;
    int accountLength;
    int secretOffset;
    int secretLength;
    int protocolVersion;
    int heartbeatIntervalMs;
    long afterOrderId;

    void reset(final ClientMessageType type)
    {
        this.type = type;
        clientOrderId = 0;
        symbolOffset = 0;
        symbolLength = 0;
        instrumentId = SymbolTable.MISSING;
        side = 0;
        orderType = 0;
        timeInForce = 0;
        selfTradePrevention = 0;
        price = 0;
        quantity = 0;
        clientTimestampNs = 0;
        traceIdHigh = 0;
        traceIdLow = 0;
        stopPrice = 0;
        displayQuantity = 0;
        expireTimeMs = 0;
        accountOffset = 0;
        accountLength = 0;
        secretOffset = 0;
        secretLength = 0;
        protocolVersion = 0;
        heartbeatIntervalMs = 0;
        afterOrderId = 0;
    }

    /**
     * Check every field value that the engine or the server's order maps cannot take, so that every command that
     * reaches the ring applies cleanly. In this order, for a NewOrder: {@code client_order_id} 2<sup>64</sup>-1
     * ({@link #RESERVED_CLIENT_ORDER_ID}, the server's "no client order id"); side, order type, time in force and
     * self-trade prevention numbers with no engine meaning; a price of -2<sup>63</sup> ({@link Prices#NULL_PRICE},
     * the engine's "no price", which a wire price of 0 stands for); a stop price of -2<sup>63</sup> (likewise:
     * {@code INVALID_STOP}); a negative {@code expire_time_ms} ({@code INVALID_EXPIRY}: -1 is the engine's "no
     * time", {@link Command#NO_TIME}, which a wire 0 stands for, and the engine clock is never negative). Whether a
     * stop price, display quantity or expiry belongs to the order's type and time in force is the engine's check
     * (journaled, with its own reasons). For a Replace: the price -2<sup>63</sup>. A MassCancel and a BalanceRequest
     * have no invalid value (a MassCancel's unknown symbol cancels nothing). Other
     * quantities, prices and symbols are left to the engine, which rejects them with its own reasons; a Cancel or
     * Replace naming 2<sup>64</sup>-1 names no open order and is rejected {@code UNKNOWN_CLIENT_ORDER_ID} by the
     * matching thread before the journal. For an OpenOrdersRequest: a non-empty symbol the decoder's symbol table
     * does not know ({@code UNKNOWN_SYMBOL}; with no symbol table every non-empty symbol is unknown); its request id
     * may be any value. An InstrumentListRequest has no invalid value.
     *
     * @return 0 if the message may be applied, else the wire number of the {@code arbiter.v1.RejectReason} to answer.
     */
    public int validate()
    {
        if (ClientMessageType.OPEN_ORDERS_REQUEST == type)
        {
            return symbolLength > 0 && SymbolTable.MISSING == instrumentId ?
                io.arbiter.protocol.proto.RejectReason.UNKNOWN_SYMBOL_VALUE : APPLIED;
        }
        if (ClientMessageType.REPLACE == type)
        {
            return Prices.NULL_PRICE == price ? io.arbiter.protocol.proto.RejectReason.INVALID_PRICE_VALUE : APPLIED;
        }
        if (ClientMessageType.NEW_ORDER != type)
        {
            return APPLIED;
        }
        if (RESERVED_CLIENT_ORDER_ID == clientOrderId)
        {
            return io.arbiter.protocol.proto.RejectReason.INVALID_CLIENT_ORDER_ID_VALUE;
        }
        if (null == WireEnums.side(side))
        {
            return io.arbiter.protocol.proto.RejectReason.INVALID_SIDE_VALUE;
        }
        if (null == WireEnums.orderType(orderType))
        {
            return io.arbiter.protocol.proto.RejectReason.INVALID_ORDER_TYPE_VALUE;
        }
        if (null == WireEnums.timeInForce(timeInForce))
        {
            return io.arbiter.protocol.proto.RejectReason.INVALID_TIME_IN_FORCE_VALUE;
        }
        if (null == WireEnums.selfTradePrevention(selfTradePrevention))
        {
            return io.arbiter.protocol.proto.RejectReason.INVALID_SELF_TRADE_PREVENTION_VALUE;
        }
        if (Prices.NULL_PRICE == price)
        {
            return io.arbiter.protocol.proto.RejectReason.INVALID_PRICE_VALUE;
        }
        if (Prices.NULL_PRICE == stopPrice)
        {
            return io.arbiter.protocol.proto.RejectReason.INVALID_STOP_VALUE;
        }
        if (expireTimeMs < 0)
        {
            return io.arbiter.protocol.proto.RejectReason.INVALID_EXPIRY_VALUE;
        }
        return APPLIED;
    }

    /**
     * Text for the {@code Rejected} the gateway sends for a {@link #validate()} result.
     *
     * @param reason wire number returned by {@link #validate()}.
     * @return a short constant text naming the invalid field.
     */
    public static String rejectText(final int reason)
    {
        switch (reason)
        {
            case io.arbiter.protocol.proto.RejectReason.INVALID_CLIENT_ORDER_ID_VALUE:
                return "client_order_id 2^64-1 is reserved";
            case io.arbiter.protocol.proto.RejectReason.INVALID_SIDE_VALUE:
                return "side unspecified or unknown";
            case io.arbiter.protocol.proto.RejectReason.INVALID_ORDER_TYPE_VALUE:
                return "order type unspecified or unknown";
            case io.arbiter.protocol.proto.RejectReason.INVALID_TIME_IN_FORCE_VALUE:
                return "time in force unspecified or unknown";
            case io.arbiter.protocol.proto.RejectReason.INVALID_SELF_TRADE_PREVENTION_VALUE:
                return "unknown self-trade prevention";
            case io.arbiter.protocol.proto.RejectReason.INVALID_PRICE_VALUE:
                return "price -2^63 is invalid";
            case io.arbiter.protocol.proto.RejectReason.INVALID_STOP_VALUE:
                return "stop_price -2^63 is invalid";
            case io.arbiter.protocol.proto.RejectReason.INVALID_EXPIRY_VALUE:
                return "expire_time_ms is negative";
            case io.arbiter.protocol.proto.RejectReason.UNKNOWN_SYMBOL_VALUE:
                return "unknown symbol";
            default:
                return "invalid field value";
        }
    }

    /**
     * Write this NewOrder, Cancel, Replace or MassCancel into an engine command (sequence and timestamp are left to
     * the sequencer). A wire price or stop price of 0 becomes {@link Prices#NULL_PRICE}, a wire expiry of 0
     * {@link Command#NO_TIME}. The gateway supplies the exchange order id: a fresh one for a NewOrder, the one its
     * session map holds for the client order id of a Cancel or Replace. A MassCancel names the account and
     * {@link Command#ALL_INSTRUMENTS} (no symbol) or the symbol's instrument id ({@link SymbolTable#MISSING} for an
     * unknown symbol, which the engine treats as an instrument with no order).
     *
     * @param command to overwrite.
     * @param orderId exchange order id.
     * @param account engine account of the session.
     * @return {@link #APPLIED}; or the wire number of a {@code RejectReason} from {@link #validate()}, the command
     * untouched; or {@link #NOT_A_COMMAND}.
     */
    public int applyTo(final Command command, final long orderId, final long account)
    {
        switch (type)
        {
            case NEW_ORDER:
            {
                final int invalid = validate();
                if (APPLIED != invalid)
                {
                    return invalid;
                }
                command.newOrder(
                    orderId,
                    account,
                    instrumentId,
                    WireEnums.side(side),
                    WireEnums.orderType(orderType),
                    WireEnums.timeInForce(timeInForce),
                    enginePrice(),
                    quantity,
                    WireEnums.selfTradePrevention(selfTradePrevention))
                    .stopPrice(0 == stopPrice ? Prices.NULL_PRICE : stopPrice)
                    .displayQuantity(displayQuantity)
                    .time(0 == expireTimeMs ? Command.NO_TIME : expireTimeMs);
                return APPLIED;
            }

            case CANCEL:
                command.cancel(orderId, account);
                return APPLIED;

            case MASS_CANCEL:
                command.massCancel(account, 0 == symbolLength ? Command.ALL_INSTRUMENTS : instrumentId);
                return APPLIED;

            case REPLACE:
            {
                final int invalid = validate();
                if (APPLIED != invalid)
                {
                    return invalid;
                }
                command.replace(orderId, account, enginePrice(), quantity);
                return APPLIED;
            }

            default:
                return NOT_A_COMMAND;
        }
    }

    /**
     * @return the price as the engine takes it: the wire price, or {@link Prices#NULL_PRICE} for a wire 0.
     */
    public long enginePrice()
    {
        return 0 == price ? Prices.NULL_PRICE : price;
    }

    /**
     * @return which message the frame held.
     */
    public ClientMessageType type()
    {
        return type;
    }

    /**
     * @return the request id of an OpenOrdersRequest, InstrumentListRequest, MassCancel or BalanceRequest (kept in
     * the client order id slot).
     */
    public long requestId()
    {
        return clientOrderId;
    }

    /**
     * @return an OpenOrdersRequest's after_order_id: only orders with a larger (unsigned) order id are asked for.
     */
    public long afterOrderId()
    {
        return afterOrderId;
    }

    /**
     * @return a NewOrder's wire stop price in 1e-8 units (0 when absent).
     */
    public long stopPrice()
    {
        return stopPrice;
    }

    /**
     * @return a NewOrder's display quantity (0 when absent: not an iceberg).
     */
    public long displayQuantity()
    {
        return displayQuantity;
    }

    /**
     * @return a NewOrder's expiry, Unix epoch milliseconds (0 when absent).
     */
    public long expireTimeMs()
    {
        return expireTimeMs;
    }

    /**
     * @return the buffer the string and bytes slices point into.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return client order id of a NewOrder, or of the target of a Cancel or Replace.
     */
    public long clientOrderId()
    {
        return clientOrderId;
    }

    /**
     * @return offset in {@link #buffer()} of the symbol (UTF-8) of a NewOrder, OpenOrdersRequest or MassCancel.
     */
    public int symbolOffset()
    {
        return symbolOffset;
    }

    /**
     * @return length in bytes of a NewOrder's symbol.
     */
    public int symbolLength()
    {
        return symbolLength;
    }

    /**
     * @return instrument id the decoder's {@link SymbolTable} gave the symbol, or {@link SymbolTable#MISSING}.
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return wire number of the NewOrder's {@code Side}.
     */
    public int side()
    {
        return side;
    }

    /**
     * @return wire number of the NewOrder's {@code OrderType}.
     */
    public int orderType()
    {
        return orderType;
    }

    /**
     * @return wire number of the NewOrder's {@code TimeInForce}.
     */
    public int timeInForce()
    {
        return timeInForce;
    }

    /**
     * @return wire number of the NewOrder's {@code SelfTradePrevention}.
     */
    public int selfTradePrevention()
    {
        return selfTradePrevention;
    }

    /**
     * @return wire price of a NewOrder or Replace in 1e-8 units (0 when absent).
     */
    public long price()
    {
        return price;
    }

    /**
     * @return quantity of a NewOrder, or new remaining quantity of a Replace.
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * @return client timestamp of a NewOrder, Cancel or Replace, to echo back.
     */
    public long clientTimestampNs()
    {
        return clientTimestampNs;
    }

    /**
     * @return high 64 bits of a NewOrder's trace id (0 when absent).
     */
    public long traceIdHigh()
    {
        return traceIdHigh;
    }

    /**
     * @return low 64 bits of a NewOrder's trace id (0 when absent).
     */
    public long traceIdLow()
    {
        return traceIdLow;
    }

    /**
     * @return offset in {@link #buffer()} of a Logon's account (UTF-8).
     */
    public int accountOffset()
    {
        return accountOffset;
    }

    /**
     * @return length in bytes of a Logon's account.
     */
    public int accountLength()
    {
        return accountLength;
    }

    /**
     * @return offset in {@link #buffer()} of a Logon's secret.
     */
    public int secretOffset()
    {
        return secretOffset;
    }

    /**
     * @return length in bytes of a Logon's secret.
     */
    public int secretLength()
    {
        return secretLength;
    }

    /**
     * @return a Logon's protocol version as sent (0 means 1).
     */
    public int protocolVersion()
    {
        return protocolVersion;
    }

    /**
     * @return a Logon's requested heartbeat interval (0 lets the server choose).
     */
    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }
}
