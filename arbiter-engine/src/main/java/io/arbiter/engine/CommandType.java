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
    REPLACE,
    /** Set the engine's clock ({@link Command#time()}) and expire the good-till-date orders it reaches. */
    TIME,
    /** Cancel every open order of an account, in one instrument or in all ({@link Command#ALL_INSTRUMENTS}). */
    MASS_CANCEL,
    /** Halt an instrument: no new order or replace until it resumes. */
    HALT,
    /** Resume continuous trading of a halted instrument. */
    RESUME,
    /** Cancel every open order of an instrument and remove it. */
    DELIST,
    /** Set an instrument's price band ({@link Command#quantity()} holds the percent in hundredths; 0 is off). */
    BAND;

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
