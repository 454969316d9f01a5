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
        return OrderType.LIMIT == orderType ?
            io.arbiter.protocol.proto.OrderType.LIMIT_VALUE : io.arbiter.protocol.proto.OrderType.MARKET_VALUE;
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
            default:
                return io.arbiter.protocol.proto.TimeInForce.POST_ONLY_VALUE;
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
            default:
                return io.arbiter.protocol.proto.CancelReason.SELF_TRADE_VALUE;
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
            default:
                return io.arbiter.protocol.proto.RejectReason.UNKNOWN_ORDER_VALUE;
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
