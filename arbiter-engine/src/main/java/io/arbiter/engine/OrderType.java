package io.arbiter.engine;

/**
 * Type of a new order.
 */
public enum OrderType
{
    /** Has a limit price; may rest. */
    LIMIT,
    /** No price; takes what liquidity exists, never rests (IOC or FOK only). */
    MARKET,
    /** Waits outside the book until the last trade price reaches its stop price, then enters as a LIMIT order. */
    STOP_LIMIT,
    /** Waits outside the book until the last trade price reaches its stop price, then enters as a MARKET order. */
    STOP_MARKET;

    private static final OrderType[] VALUES = values();

    /**
     * Type for an ordinal without allocating a values array.
     *
     * @param ordinal of the type.
     * @return the type.
     */
    public static OrderType get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
