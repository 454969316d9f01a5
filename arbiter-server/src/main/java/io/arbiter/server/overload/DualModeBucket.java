package io.arbiter.server.overload;

/**
 * One budget (a session's or an account's): a token bucket for admission and a leaky bucket for release, kept as
 * two virtual clocks that an order is charged to together, so the two share one budget. Confined to one thread
 * (the I/O thread of its session); not thread safe.
 * <p>
 * Normal mode: an order needs a token (token clock at most {@code (capacity - 1) * refillInterval} ahead of now),
 * and its release slot {@code max(now, nextRelease)} must be at most {@code maxQueueDelay} ahead; then both clocks
 * advance (token by the refill interval, release by the drain interval). Leaky-only mode: no token burst; the
 * release slot is {@code max(now, tokenClock, nextRelease)} and both clocks advance by the refill interval, so orders
 * are spaced at the sustained rate. Either check failing leaves both clocks untouched and sets
 * {@link #retryAfterNs()}.
 */
public final class DualModeBucket
{
    private static final long IDLE = Long.MIN_VALUE / 4;

    private final long refillIntervalNs;
    private final long drainIntervalNs;
    private final long burstToleranceNs;
    private final long maxQueueDelayNs;

    private long tokenClockNs = IDLE;
    private long releaseClockNs = IDLE;
    private long pendingTokenClockNs;
    private long pendingReleaseNs;
    private long retryAfterNs;

    /**
     * Produces garbage (control plane): one object per session or account.
     *
     * @param context validated configuration giving the budget.
     */
    public DualModeBucket(final OverloadContext context)
    {
        refillIntervalNs = context.refillIntervalNs();
        drainIntervalNs = context.drainIntervalNs();
        burstToleranceNs = (context.burstCapacity() - 1) * refillIntervalNs;
        maxQueueDelayNs = context.maxQueueDelayNs();
    }

    /**
     * Charge one order if the budget allows it.
     *
     * @param nowNs     the caller's time.
     * @param leakyOnly true in leaky-only (no burst) mode.
     * @return {@link AdmissionDecision#ADMITTED} (see {@link #releaseNs()}) or {@link AdmissionDecision#THROTTLED} (see
     * {@link #retryAfterNs()}).
     */
    public int tryAcquire(final long nowNs, final boolean leakyOnly)
    {
        final int status = check(nowNs, leakyOnly);
        if (AdmissionDecision.ADMITTED == status)
        {
            commit(pendingReleaseNs, leakyOnly);
        }
        return status;
    }

    /**
     * First half of a two-budget charge: test without charging. On ADMITTED the order's earliest release time is
     * {@link #releaseNs()}; charge it with {@link #commit(long, boolean)}.
     *
     * @param nowNs     the caller's time.
     * @param leakyOnly true in leaky-only (no burst) mode.
     * @return {@link AdmissionDecision#ADMITTED} or {@link AdmissionDecision#THROTTLED}.
     */
    public int check(final long nowNs, final boolean leakyOnly)
    {
        if (leakyOnly)
        {
            final long releaseNs = Math.max(nowNs, Math.max(tokenClockNs, releaseClockNs));
            if (releaseNs - nowNs > maxQueueDelayNs)
            {
                retryAfterNs = releaseNs - maxQueueDelayNs - nowNs;
                return AdmissionDecision.THROTTLED;
            }
            pendingReleaseNs = releaseNs;
            return AdmissionDecision.ADMITTED;
        }

        final long tokenClockNs = Math.max(this.tokenClockNs, nowNs);
        final long releaseNs = Math.max(releaseClockNs, nowNs);
        final long tokenWaitNs = tokenClockNs - burstToleranceNs - nowNs;
        final long releaseWaitNs = releaseNs - maxQueueDelayNs - nowNs;
        if (tokenWaitNs > 0 || releaseWaitNs > 0)
        {
            retryAfterNs = Math.max(tokenWaitNs, releaseWaitNs);
            return AdmissionDecision.THROTTLED;
        }
        pendingTokenClockNs = tokenClockNs + refillIntervalNs;
        pendingReleaseNs = releaseNs;
        return AdmissionDecision.ADMITTED;
    }

    /**
     * Second half of a two-budget charge, after {@link #check(long, boolean)} returned ADMITTED with no other
     * call on this bucket in between.
     *
     * @param releaseNs when the order is released: {@link #releaseNs()}, or later if another budget needs it later.
     * @param leakyOnly the same mode as given to {@link #check(long, boolean)}.
     */
    public void commit(final long releaseNs, final boolean leakyOnly)
    {
        if (leakyOnly)
        {
            tokenClockNs = releaseNs + refillIntervalNs;
            releaseClockNs = releaseNs + refillIntervalNs;
        }
        else
        {
            tokenClockNs = pendingTokenClockNs;
            releaseClockNs = releaseNs + drainIntervalNs;
        }
    }

    /**
     * @return earliest release time of the order last found admissible by {@link #check(long, boolean)}.
     */
    public long releaseNs()
    {
        return pendingReleaseNs;
    }

    /**
     * @return after THROTTLED, how long from that call's {@code nowNs} until the same order would be admitted
     * (nanoseconds, positive), if nothing else is charged meanwhile.
     */
    public long retryAfterNs()
    {
        return retryAfterNs;
    }
}
