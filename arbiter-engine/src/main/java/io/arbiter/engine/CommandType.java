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
    BAND,
    /**
     * Define an instrument at run time: symbol and optional base and quote assets packed into the command's fields
     * ({@link Command#defineInstrument}), tick size in {@link Command#price()}, lot size in {@link Command#quantity()}.
     */
    INSTRUMENT,
    /** Add to an account's available balance of an asset ({@link Command#funds}). */
    DEPOSIT,
    /** Take from an account's available balance of an asset, if it is large enough ({@link Command#funds}). */
    WITHDRAW,
    /** Set the maker and taker fees of an instrument with assets ({@link Command#fees}). */
    FEES,
    /** Set the order limits of an instrument with assets ({@link Command#limits}). */
    LIMITS,
    /** Kill switch: cancel every open order of an account and refuse its new orders and replaces. */
    DISABLE,
    /** Let a disabled account trade again. */
    ENABLE;

    private static final CommandType[] VALUES = values();

    /**
     * @return true for the operator's commands that change accounts or instruments (INSTRUMENT to ENABLE), which
     *         come from the admin API or a command file, never from a trading session.
     */
    public boolean isOperator()
    {
        return ordinal() >= INSTRUMENT.ordinal();
    }

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
