package io.arbiter.engine;

/**
 * Why an order (or its remainder) left the book without trading.
 */
public enum CancelReason
{
    /** Cancelled by its owner. */
    USER,
    /** Remainder of an IOC or MARKET order. */
    IOC,
    /** Fill-or-kill order that could not fill completely. */
    FOK,
    /** Post-only order that would have crossed. */
    POST_ONLY,
    /** Self-trade prevention. */
    SELF_TRADE,
    /** A good-till-date order whose expiry time the clock reached. */
    EXPIRED,
    /** Mass cancel of its account. */
    MASS,
    /** Its instrument was delisted. */
    DELISTED,
    /** A market order (or triggered stop market) stopped at the price band's edge with quantity left. */
    PRICE_BAND,
    /** Remainder of a BUY MARKET order whose hold cannot pay for one more lot. */
    INSUFFICIENT_FUNDS,
    /** The account was disabled (kill switch). */
    ACCOUNT_DISABLED;

    private static final CancelReason[] VALUES = values();

    /**
     * Reason for an ordinal without allocating a values array.
     *
     * @param ordinal of the reason.
     * @return the reason.
     */
    public static CancelReason get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
