package io.arbiter.engine;

/**
 * Why the engine refused a command. A rejected command changes nothing in any book.
 */
public enum RejectReason
{
    /** The instrument is not defined. */
    UNKNOWN_SYMBOL,
    /** Quantity is not positive, not a multiple of the lot size, or above the maximum. */
    INVALID_QTY,
    /**
     * Price is not positive, not a multiple of the tick size, missing for a LIMIT, given for a MARKET, or out of range.
     */
    INVALID_PRICE,
    /** Time in force not allowed for the order type (MARKET takes only IOC or FOK). */
    INVALID_TIF,
    /** The order id belongs to an order that is still open. */
    DUPLICATE_ORDER_ID,
    /** Cancel or replace of an order that is not open or does not belong to the account. */
    UNKNOWN_ORDER,
    /** Stop price missing, off the tick or out of range for a stop order, or given for an order that is no stop. */
    INVALID_STOP,
    /** Display quantity not a positive lot multiple at most the quantity, or given for an order that cannot rest. */
    INVALID_DISPLAY,
    /** GTD without an expiry after the clock, or an expiry given with another time in force. */
    INVALID_EXPIRY,
    /** The instrument is halted. */
    INSTRUMENT_HALTED,
    /** The limit price is outside the instrument's price band. */
    PRICE_OUT_OF_BAND,
    /** Replace of a waiting stop order. */
    NOT_REPLACEABLE,
    /** The account is disabled (kill switch): no new orders or replaces until it is enabled. */
    ACCOUNT_DISABLED,
    /** The quantity is above the instrument's order quantity limit. */
    MAX_QTY_EXCEEDED,
    /** The notional of a LIMIT order is above the instrument's order notional limit. */
    MAX_NOTIONAL_EXCEEDED,
    /** The account's available balance cannot cover the order's hold. */
    INSUFFICIENT_FUNDS;

    private static final RejectReason[] VALUES = values();

    /**
     * Reason for an ordinal without allocating a values array.
     *
     * @param ordinal of the reason.
     * @return the reason.
     */
    public static RejectReason get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
