package io.arbiter.server.overload;

/**
 * The kinds of overload state change, each counted by {@link OverloadEvents} and logged once when it happens.
 */
public enum OverloadTransition
{
    /** Queueing delay stayed above the adaptive threshold: limiters stop admitting bursts. */
    LEAKY_ONLY_ENTERED,
    /** Queueing delay recovered: limiters admit bursts again. */
    LEAKY_ONLY_LEFT,
    /** CLOSED to OPEN: the sessions' budgets stayed nearly exhausted for the sustain time. */
    BREAKER_OPENED_EXHAUSTION,
    /** CLOSED to OPEN: the ring stayed above its high watermark for the sustain time. */
    BREAKER_OPENED_RING,
    /** CLOSED to OPEN: queueing delay stayed above the hard limit for the hard-delay sustain time. */
    BREAKER_OPENED_DELAY,
    /** OPEN to HALF_OPEN: the cool-down has passed; a trickle of new orders is admitted. */
    BREAKER_HALF_OPENED,
    /** HALF_OPEN to CLOSED: delay and ring occupancy were healthy for enough windows. */
    BREAKER_CLOSED,
    /** HALF_OPEN to OPEN: a window was unhealthy while probing. */
    BREAKER_REOPENED;

    private static final OverloadTransition[] VALUES = values();

    /**
     * @param ordinal of a transition.
     * @return the transition, without allocating a values array.
     */
    public static OverloadTransition get(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @return number of transition kinds.
     */
    public static int count()
    {
        return VALUES.length;
    }
}
