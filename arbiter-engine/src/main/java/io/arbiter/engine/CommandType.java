package io.arbiter.engine;

/**
 * Kind of a command sent to the matching engine.
 */
public enum CommandType
{
    /** Place a new order. */
    NEW,
    /** Cancel an open order. */
    CANCEL,
    /** Change an open order's price and remaining quantity. */
    REPLACE;

    private static final CommandType[] VALUES = values();

    /**
     * Type for an ordinal without allocating a values array.
     *
     * @param ordinal of the type.
     * @return the type.
     */
    public static CommandType get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
