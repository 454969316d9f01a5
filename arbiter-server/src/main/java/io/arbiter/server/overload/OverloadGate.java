package io.arbiter.server.overload;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's per-order admission check: the breaker first, then the session's and/or account's
 * {@link DualModeBucket}, then (HALF_OPEN only) the node-wide trickle. One gate per Netty I/O thread, used by that
 * thread only; the buckets it is given must be confined to the same thread (with {@link LimitScope#ACCOUNT} or
 * {@link LimitScope#BOTH} and several I/O threads, an account's sessions must share one event loop). Counters are
 * single-writer and may be read by any thread.
 * <p>
 * Release mechanism: an admitted order carries {@link #releaseDelayNs()}. At 0 it is published at once. Above 0 the
 * gateway holds it without blocking: it keeps the decoded order in the session's one pending slot, stops reading
 * that channel (auto-read off, the rest stays in the socket buffers and TCP pushes back on the client) and publishes
 * it from an event-loop timer at the release time, then resumes reading. The delay never exceeds
 * {@code maxQueueDelayNs}.
 * <p>
 * Cancels, replaces' cancel legs and logouts are never throttled: there is deliberately no method for them.
 */
public final class OverloadGate
{
    private final LimitScope scope;
    private final AdaptiveMode adaptiveMode;
    private final CircuitBreaker breaker;
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong breakerRejects = new AtomicLong();
    private final AtomicLong admitted = new AtomicLong();
    private long retryAfterNs;
    private long releaseDelayNs;

    /**
     * @param context      validated configuration.
     * @param adaptiveMode read per order (leaky-only or not).
     * @param breaker      read per order.
     */
    public OverloadGate(final OverloadContext context, final AdaptiveMode adaptiveMode, final CircuitBreaker breaker)
    {
        scope = context.limitScope();
        this.adaptiveMode = adaptiveMode;
        this.breaker = breaker;
    }

    /**
     * Decide on one new order (or the new leg of a replace).
     *
     * @param session the session's budget; unused (may be null) when the scope excludes sessions.
     * @param account the account's budget; unused (may be null) when the scope excludes accounts.
     * @param nowNs   the caller's time.
     * @return {@link AdmissionDecision#ADMITTED} (publish after {@link #releaseDelayNs()}),
     * {@link AdmissionDecision#THROTTLED} (hint {@link #retryAfterNs()}) or {@link AdmissionDecision#MARKET_PROTECTION}
     * (hint {@link #retryAfterNs()}, 0 if unknown).
     */
    public int tryAcquireNewOrder(final DualModeBucket session, final DualModeBucket account, final long nowNs)
    {
        final int state = breaker.state();
        if (CircuitBreaker.OPEN == state)
        {
            return rejectByBreaker(breaker.coolDownRemainingNs(nowNs));
        }

        final boolean leakyOnly = adaptiveMode.leakyOnly();
        long releaseNs = nowNs;
        long retryNs = 0;
        int status = AdmissionDecision.ADMITTED;
        if (scope.includesSession())
        {
            if (AdmissionDecision.ADMITTED == session.check(nowNs, leakyOnly))
            {
                releaseNs = Math.max(releaseNs, session.releaseNs());
            }
            else
            {
                status = AdmissionDecision.THROTTLED;
                retryNs = session.retryAfterNs();
            }
        }
        if (scope.includesAccount())
        {
            if (AdmissionDecision.ADMITTED == account.check(nowNs, leakyOnly))
            {
                releaseNs = Math.max(releaseNs, account.releaseNs());
            }
            else
            {
                status = AdmissionDecision.THROTTLED;
                retryNs = Math.max(retryNs, account.retryAfterNs());
            }
        }
        if (AdmissionDecision.THROTTLED == status)
        {
            retryAfterNs = retryNs;
            releaseDelayNs = 0;
            throttled.lazySet(throttled.get() + 1);
            return status;
        }

        if (CircuitBreaker.HALF_OPEN == state && !breaker.tryAcquireTrickle(nowNs))
        {
            return rejectByBreaker(0);
        }

        if (scope.includesSession())
        {
            session.commit(releaseNs, leakyOnly);
        }
        if (scope.includesAccount())
        {
            account.commit(releaseNs, leakyOnly);
        }
        retryAfterNs = 0;
        releaseDelayNs = releaseNs - nowNs;
        admitted.lazySet(admitted.get() + 1);
        return AdmissionDecision.ADMITTED;
    }

    private int rejectByBreaker(final long retryNs)
    {
        retryAfterNs = retryNs;
        releaseDelayNs = 0;
        breakerRejects.lazySet(breakerRejects.get() + 1);
        return AdmissionDecision.MARKET_PROTECTION;
    }

    /**
     * @return after ADMITTED, how long the gateway holds the order before publishing it (0 = at once).
     */
    public long releaseDelayNs()
    {
        return releaseDelayNs;
    }

    /**
     * @return after THROTTLED or MARKET_PROTECTION, the retry-after hint in nanoseconds (0 if none).
     */
    public long retryAfterNs()
    {
        return retryAfterNs;
    }

    /**
     * @return the retry-after hint rounded up to whole milliseconds, for the wire.
     */
    public long retryAfterMs()
    {
        return (retryAfterNs + 999_999) / 1_000_000;
    }

    /**
     * @return new orders rejected THROTTLED by this gate. Any thread.
     */
    public long throttledCount()
    {
        return throttled.get();
    }

    /**
     * @return new orders rejected MARKET_PROTECTION by this gate. Any thread.
     */
    public long breakerRejectCount()
    {
        return breakerRejects.get();
    }

    /**
     * @return new orders admitted by this gate. Any thread.
     */
    public long admittedCount()
    {
        return admitted.get();
    }
}
