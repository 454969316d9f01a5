package io.arbiter.engine;

/**
 * Type of a new order.
 */
public enum OrderType
{
    /** Has a limit price; may rest. */
    LIMIT,
    /** No price; takes what liquidity exists, never rests (IOC or FOK only). */
    MARKET;

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
