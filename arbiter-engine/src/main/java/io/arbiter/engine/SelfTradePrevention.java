package io.arbiter.engine;

/**
 * What happens when an incoming order meets a resting order of the same account. The incoming order's mode applies.
 */
public enum SelfTradePrevention
{
    /** They trade with each other. */
    NONE,
    /** Cancel the incoming order's remainder and stop matching. */
    CANCEL_TAKER,
    /** Cancel the resting order and continue matching. */
    CANCEL_MAKER,
    /** Cancel the resting order, then the incoming order's remainder. */
    CANCEL_BOTH;

    private static final SelfTradePrevention[] VALUES = values();

    /**
     * Mode for an ordinal without allocating a values array.
     *
     * @param ordinal of the mode.
     * @return the mode.
     */
    public static SelfTradePrevention get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
