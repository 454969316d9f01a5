package io.arbiter.server.overload;

/**
 * Status codes returned by the overload decisions; plain {@code int}s so that a decision allocates nothing. Any
 * thread may use them.
 */
public final class AdmissionDecision
{
    /** The order may go to the matching ring (possibly after a release delay). */
    public static final int ADMITTED = 0;

    /** The order's session or account has no budget left: reject with THROTTLED and a retry-after hint. */
    public static final int THROTTLED = 1;

    /** The circuit breaker is open (or half-open and the trickle is used up): reject with MARKET_PROTECTION. */
    public static final int MARKET_PROTECTION = 2;

    private AdmissionDecision()
    {
    }

    /**
     * @param status one of the codes of this class.
     * @return its name, for logs and test messages.
     */
    public static String name(final int status)
    {
        switch (status)
        {
            case ADMITTED:
                return "ADMITTED";
            case THROTTLED:
                return "THROTTLED";
            case MARKET_PROTECTION:
                return "MARKET_PROTECTION";
            default:
                return "UNKNOWN(" + status + ")";
        }
    }
}
