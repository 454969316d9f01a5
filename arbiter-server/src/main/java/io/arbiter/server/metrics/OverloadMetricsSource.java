package io.arbiter.server.metrics;

/**
 * What the overload protection (rate limiters and circuit breaker) exposes to metrics and slow-order attribution.
 * Implementations keep these values in counters their own threads update; every method is called from other threads
 * (scrape, tracing, and the matching thread when it captures a slow order) and must be cheap, non-blocking and
 * allocation-free.
 */
public interface OverloadMetricsSource
{
    /** Breaker closed: commands flow. */
    int BREAKER_CLOSED = 0;
    /** Breaker half-open: probing whether to close again. */
    int BREAKER_HALF_OPEN = 1;
    /** Breaker open: commands are refused. */
    int BREAKER_OPEN = 2;

    /**
     * @return {@link #BREAKER_CLOSED}, {@link #BREAKER_HALF_OPEN} or {@link #BREAKER_OPEN}.
     */
    int breakerState();

    /**
     * @return how many times the breaker has opened since start.
     */
    long breakerTrips();

    /**
     * @return commands refused by rate limiters since start.
     */
    long limiterRejects();

    /**
     * @return sessions currently throttled (over their budget, or with socket reads paused).
     */
    long throttledSessions();

    /**
     * @return 1 while the limiters are in leaky-only (no bursts) mode, else 0.
     */
    default int leakyOnly()
    {
        return 0;
    }

    /**
     * @return label of each kind of overload transition, indexed as {@link #transitions(int)} counts them.
     */
    default String[] transitionKinds()
    {
        return new String[0];
    }

    /**
     * @param kind index into {@link #transitionKinds()}.
     * @return how many transitions of that kind happened since start.
     */
    default long transitions(final int kind)
    {
        return 0;
    }

    /**
     * @param state a breaker state code.
     * @return its lower-case name, "unknown" for other codes.
     */
    static String breakerStateName(final int state)
    {
        switch (state)
        {
            case BREAKER_CLOSED:
                return "closed";
            case BREAKER_HALF_OPEN:
                return "half_open";
            case BREAKER_OPEN:
                return "open";
            default:
                return "unknown";
        }
    }
}
