package io.arbiter.protocol;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;

/**
 * Allocation-free mapping between engine enums and the enum numbers of {@code arbiter.proto}. Wire-to-engine methods
 * return null for numbers that have no engine value (unspecified or unknown). Stateless and thread safe.
 */
public final class WireEnums
{
    private WireEnums()
    {
    }

    /**
     * @param side engine side.
     * @return wire number of {@code arbiter.v1.Side}.
     */
    public static int side(final Side side)
    {
        return Side.BUY == side ? io.arbiter.protocol.proto.Side.BUY_VALUE : io.arbiter.protocol.proto.Side.SELL_VALUE;
    }

    /**
     * @param wire number of {@code arbiter.v1.Side}.
     * @return engine side, or null if unspecified or unknown.
     */
    public static Side side(final int wire)
    {
        switch (wire)
        {
            case io.arbiter.protocol.proto.Side.BUY_VALUE:
                return Side.BUY;
            case io.arbiter.protocol.proto.Side.SELL_VALUE:
                return Side.SELL;
            default:
                return null;
        }
    }

    /**
     * @param orderType engine order type.
     * @return wire number of {@code arbiter.v1.OrderType}.
     */
    public static int orderType(final OrderType orderType)
    {
        switch (orderType)
        {
            case LIMIT:
                return io.arbiter.protocol.proto.OrderType.LIMIT_VALUE;
            case MARKET:
                return io.arbiter.protocol.proto.OrderType.MARKET_VALUE;
            case STOP_LIMIT:
                return io.arbiter.protocol.proto.OrderType.STOP_LIMIT_VALUE;
            default:
                return io.arbiter.protocol.proto.OrderType.STOP_MARKET_VALUE;
        }
    }

    /**
     * @param wire number of {@code arbiter.v1.OrderType}.
     * @return engine order type, or null if unspecified or unknown.
     */
    public static OrderType orderType(final int wire)
    {
        switch (wire)
        {
            case io.arbiter.protocol.proto.OrderType.LIMIT_VALUE:
                return OrderType.LIMIT;
            case io.arbiter.protocol.proto.OrderType.MARKET_VALUE:
                return OrderType.MARKET;
            case io.arbiter.protocol.proto.OrderType.STOP_LIMIT_VALUE:
                return OrderType.STOP_LIMIT;
            case io.arbiter.protocol.proto.OrderType.STOP_MARKET_VALUE:
                return OrderType.STOP_MARKET;
            default:
                return null;
        }
    }

    /**
     * @param timeInForce engine time in force.
     * @return wire number of {@code arbiter.v1.TimeInForce}.
     */
    public static int timeInForce(final TimeInForce timeInForce)
    {
        switch (timeInForce)
        {
            case GTC:
                return io.arbiter.protocol.proto.TimeInForce.GTC_VALUE;
            case IOC:
                return io.arbiter.protocol.proto.TimeInForce.IOC_VALUE;
            case FOK:
                return io.arbiter.protocol.proto.TimeInForce.FOK_VALUE;
            case POST_ONLY:
                return io.arbiter.protocol.proto.TimeInForce.POST_ONLY_VALUE;
            default:
                return io.arbiter.protocol.proto.TimeInForce.GTD_VALUE;
        }
    }

    /**
     * @param wire number of {@code arbiter.v1.TimeInForce}.
     * @return engine time in force, or null if unspecified or unknown.
     */
    public static TimeInForce timeInForce(final int wire)
    {
        switch (wire)
        {
            case io.arbiter.protocol.proto.TimeInForce.GTC_VALUE:
                return TimeInForce.GTC;
            case io.arbiter.protocol.proto.TimeInForce.IOC_VALUE:
                return TimeInForce.IOC;
            case io.arbiter.protocol.proto.TimeInForce.FOK_VALUE:
                return TimeInForce.FOK;
            case io.arbiter.protocol.proto.TimeInForce.POST_ONLY_VALUE:
                return TimeInForce.POST_ONLY;
            case io.arbiter.protocol.proto.TimeInForce.GTD_VALUE:
                return TimeInForce.GTD;
            default:
                return null;
        }
    }

    /**
     * @param stp engine self-trade prevention mode.
     * @return wire number of {@code arbiter.v1.SelfTradePrevention}.
     */
    public static int selfTradePrevention(final SelfTradePrevention stp)
    {
        switch (stp)
        {
            case NONE:
                return io.arbiter.protocol.proto.SelfTradePrevention.STP_NONE_VALUE;
            case CANCEL_TAKER:
                return io.arbiter.protocol.proto.SelfTradePrevention.STP_CANCEL_TAKER_VALUE;
            case CANCEL_MAKER:
                return io.arbiter.protocol.proto.SelfTradePrevention.STP_CANCEL_MAKER_VALUE;
            default:
                return io.arbiter.protocol.proto.SelfTradePrevention.STP_CANCEL_BOTH_VALUE;
        }
    }

    /**
     * @param wire number of {@code arbiter.v1.SelfTradePrevention}; unspecified (0) reads as NONE.
     * @return engine mode, or null if unknown.
     */
    public static SelfTradePrevention selfTradePrevention(final int wire)
    {
        switch (wire)
        {
            case io.arbiter.protocol.proto.SelfTradePrevention.STP_UNSPECIFIED_VALUE:
            case io.arbiter.protocol.proto.SelfTradePrevention.STP_NONE_VALUE:
                return SelfTradePrevention.NONE;
            case io.arbiter.protocol.proto.SelfTradePrevention.STP_CANCEL_TAKER_VALUE:
                return SelfTradePrevention.CANCEL_TAKER;
            case io.arbiter.protocol.proto.SelfTradePrevention.STP_CANCEL_MAKER_VALUE:
                return SelfTradePrevention.CANCEL_MAKER;
            case io.arbiter.protocol.proto.SelfTradePrevention.STP_CANCEL_BOTH_VALUE:
                return SelfTradePrevention.CANCEL_BOTH;
            default:
                return null;
        }
    }

    /**
     * @param reason engine cancel reason.
     * @return wire number of {@code arbiter.v1.CancelReason}.
     */
    public static int cancelReason(final CancelReason reason)
    {
        switch (reason)
        {
            case USER:
                return io.arbiter.protocol.proto.CancelReason.USER_VALUE;
            case IOC:
                return io.arbiter.protocol.proto.CancelReason.IOC_REMAINDER_VALUE;
            case FOK:
                return io.arbiter.protocol.proto.CancelReason.FOK_KILLED_VALUE;
            case POST_ONLY:
                return io.arbiter.protocol.proto.CancelReason.POST_ONLY_WOULD_CROSS_VALUE;
            case SELF_TRADE:
                return io.arbiter.protocol.proto.CancelReason.SELF_TRADE_VALUE;
            case EXPIRED:
                return io.arbiter.protocol.proto.CancelReason.EXPIRED_VALUE;
            case MASS:
                return io.arbiter.protocol.proto.CancelReason.MASS_CANCELED_VALUE;
            case DELISTED:
                return io.arbiter.protocol.proto.CancelReason.INSTRUMENT_DELISTED_VALUE;
            case PRICE_BAND:
                return io.arbiter.protocol.proto.CancelReason.PRICE_BAND_REACHED_VALUE;
            case INSUFFICIENT_FUNDS:
                return io.arbiter.protocol.proto.CancelReason.FUNDS_EXHAUSTED_VALUE;
            default:
                return io.arbiter.protocol.proto.CancelReason.KILL_SWITCH_VALUE;
        }
    }

    /**
     * @param reason engine reject reason.
     * @return wire number of {@code arbiter.v1.RejectReason}.
     */
    public static int rejectReason(final RejectReason reason)
    {
        switch (reason)
        {
            case UNKNOWN_SYMBOL:
                return io.arbiter.protocol.proto.RejectReason.UNKNOWN_SYMBOL_VALUE;
            case INVALID_QTY:
                return io.arbiter.protocol.proto.RejectReason.INVALID_QUANTITY_VALUE;
            case INVALID_PRICE:
                return io.arbiter.protocol.proto.RejectReason.INVALID_PRICE_VALUE;
            case INVALID_TIF:
                return io.arbiter.protocol.proto.RejectReason.INVALID_TIME_IN_FORCE_VALUE;
            case DUPLICATE_ORDER_ID:
                return io.arbiter.protocol.proto.RejectReason.DUPLICATE_ORDER_ID_VALUE;
            case UNKNOWN_ORDER:
                return io.arbiter.protocol.proto.RejectReason.UNKNOWN_ORDER_VALUE;
            case INVALID_STOP:
                return io.arbiter.protocol.proto.RejectReason.INVALID_STOP_VALUE;
            case INVALID_DISPLAY:
                return io.arbiter.protocol.proto.RejectReason.INVALID_DISPLAY_VALUE;
            case INVALID_EXPIRY:
                return io.arbiter.protocol.proto.RejectReason.INVALID_EXPIRY_VALUE;
            case INSTRUMENT_HALTED:
                return io.arbiter.protocol.proto.RejectReason.INSTRUMENT_HALTED_VALUE;
            case PRICE_OUT_OF_BAND:
                return io.arbiter.protocol.proto.RejectReason.PRICE_OUT_OF_BAND_VALUE;
            case NOT_REPLACEABLE:
                return io.arbiter.protocol.proto.RejectReason.NOT_REPLACEABLE_VALUE;
            case ACCOUNT_DISABLED:
                return io.arbiter.protocol.proto.RejectReason.ACCOUNT_DISABLED_VALUE;
            case MAX_QTY_EXCEEDED:
                return io.arbiter.protocol.proto.RejectReason.MAX_QUANTITY_EXCEEDED_VALUE;
            case MAX_NOTIONAL_EXCEEDED:
                return io.arbiter.protocol.proto.RejectReason.MAX_NOTIONAL_EXCEEDED_VALUE;
            default:
                return io.arbiter.protocol.proto.RejectReason.INSUFFICIENT_FUNDS_VALUE;
        }
    }

    /**
     * @param type engine command type.
     * @return wire number of {@code arbiter.v1.RequestType}.
     */
    public static int requestType(final CommandType type)
    {
        switch (type)
        {
            case NEW:
                return io.arbiter.protocol.proto.RequestType.REQUEST_NEW_ORDER_VALUE;
            case CANCEL:
                return io.arbiter.protocol.proto.RequestType.REQUEST_CANCEL_VALUE;
            case MASS_CANCEL:
                return io.arbiter.protocol.proto.RequestType.REQUEST_MASS_CANCEL_VALUE;
            default:
                return io.arbiter.protocol.proto.RequestType.REQUEST_REPLACE_VALUE;
        }
    }

    /**
     * @param taker true if the order was the incoming one.
     * @return wire number of {@code arbiter.v1.Liquidity}.
     */
    public static int liquidity(final boolean taker)
    {
        return taker ? io.arbiter.protocol.proto.Liquidity.TAKER_VALUE :
            io.arbiter.protocol.proto.Liquidity.MAKER_VALUE;
    }
}
