package io.arbiter.engine;

/**
 * Side of an order.
 */
public enum Side
{
    /** Buys: matches against asks, rests on the bid side. */
    BUY,
    /** Sells: matches against bids, rests on the ask side. */
    SELL;

    private static final Side[] VALUES = values();

    /**
     * Side for an ordinal without allocating a values array.
     *
     * @param ordinal of the side.
     * @return the side.
     */
    public static Side get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
