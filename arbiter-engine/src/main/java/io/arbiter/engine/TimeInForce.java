package io.arbiter.engine;

/**
 * Time in force of a new order.
 */
public enum TimeInForce
{
    /** Good till cancelled: match, then rest the remainder. */
    GTC,
    /** Immediate or cancel: match, cancel the remainder. */
    IOC,
    /** Fill or kill: fill the whole quantity at once or change nothing. */
    FOK,
    /** Rest only: cancelled without trading if it would cross the best opposite price. */
    POST_ONLY,
    /** Good till date: as GTC, but expires when the engine's clock reaches its expiry time. */
    GTD;

    private static final TimeInForce[] VALUES = values();

    /**
     * Time in force for an ordinal without allocating a values array.
     *
     * @param ordinal of the time in force.
     * @return the time in force.
     */
    public static TimeInForce get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
