package io.arbiter.server.overload;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The node's circuit breaker for new orders: CLOSED admits, OPEN rejects with MARKET_PROTECTION, HALF_OPEN admits a
 * node-wide trickle. Its state is written by the matching thread only, once per measurement window
 * ({@link #onWindow}); I/O threads read it per order with one volatile read ({@link #state()}) and, while HALF_OPEN,
 * share the trickle through a compare-and-set ({@link #tryAcquireTrickle}). Both fields are padded.
 * <p>
 * CLOSED to OPEN when, for {@code sustainNs}, budget use stays at or above the exhaustion threshold, or the ring
 * stays at or above its high watermark; or when the queueing delay stays above the hard limit for
 * {@code hardDelaySustainNs}. OPEN to HALF_OPEN after {@code coolDownNs}. HALF_OPEN to CLOSED after
 * {@code halfOpenHealthyWindows} consecutive healthy windows (delay at most the adaptive threshold and ring below the
 * watermark); HALF_OPEN to OPEN on any unhealthy window.
 */
public final class CircuitBreaker extends CircuitBreakerHotFields
{
    /** New orders pass (subject to their budgets). */
    public static final int CLOSED = 0;
    /** New orders are rejected with MARKET_PROTECTION; cancels pass. */
    public static final int OPEN = 1;
    /** A node-wide trickle of new orders passes while delay and ring occupancy are probed. */
    public static final int HALF_OPEN = 2;

    private static final long NONE = Long.MIN_VALUE;
    private static final VarHandle TRICKLE_CLOCK;

    static
    {
        try
        {
            TRICKLE_CLOCK = MethodHandles.lookup()
                .findVarHandle(CircuitBreakerTrickle.class, "trickleClockNs", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final OverloadEvents events;
    private final long windowNs;
    private final int exhaustionThresholdPermille;
    private final int ringHighWatermarkPermille;
    private final long sustainNs;
    private final long hardDelayLimitNs;
    private final long hardDelaySustainNs;
    private final long softDelayNs;
    private final long coolDownNs;
    private final long trickleIntervalNs;
    private final int healthyWindowsToClose;

    private long exhaustedSinceNs = NONE;
    private long ringHighSinceNs = NONE;
    private long hardDelaySinceNs = NONE;
    private long openedAtNs;
    private int healthyWindows;

    /**
     * @param context validated configuration.
     * @param events  where transitions are counted and logged.
     */
    public CircuitBreaker(final OverloadContext context, final OverloadEvents events)
    {
        this.events = events;
        windowNs = context.windowNs();
        exhaustionThresholdPermille = context.exhaustionThresholdPermille();
        ringHighWatermarkPermille = context.ringHighWatermarkPermille();
        sustainNs = context.sustainNs();
        hardDelayLimitNs = context.hardDelayLimitNs();
        hardDelaySustainNs = context.hardDelaySustainNs();
        softDelayNs = context.adaptiveDelayThresholdNs();
        coolDownNs = context.coolDownNs();
        trickleIntervalNs = context.trickleIntervalNs();
        healthyWindowsToClose = context.halfOpenHealthyWindows();
    }

    /**
     * @return {@link #CLOSED}, {@link #OPEN} or {@link #HALF_OPEN}. Any thread.
     */
    public int state()
    {
        return state;
    }

    /**
     * @param state a state code.
     * @return its name.
     */
    public static String stateName(final int state)
    {
        switch (state)
        {
            case CLOSED:
                return "CLOSED";
            case OPEN:
                return "OPEN";
            case HALF_OPEN:
                return "HALF_OPEN";
            default:
                return "UNKNOWN(" + state + ")";
        }
    }

    /**
     * @param nowNs the caller's time.
     * @return while OPEN, nanoseconds until the cool-down ends (a retry hint, 0 if over); otherwise 0. Any thread;
     * the answer may be slightly stale.
     */
    public long coolDownRemainingNs(final long nowNs)
    {
        return state == OPEN ? Math.max(0, openedAtPublishedNs + coolDownNs - nowNs) : 0;
    }

    /**
     * Take one HALF_OPEN trickle permit: at most one per trickle interval over the node, no burst. Any thread,
     * lock-free.
     *
     * @param nowNs the caller's time.
     * @return true if this order may pass.
     */
    public boolean tryAcquireTrickle(final long nowNs)
    {
        while (true)
        {
            final long clockNs = trickleClockNs;
            if (clockNs > nowNs)
            {
                return false;
            }
            if (TRICKLE_CLOCK.compareAndSet(this, clockNs, nowNs + trickleIntervalNs))
            {
                return true;
            }
        }
    }

    /**
     * Feed one closed measurement window and make any transition it calls for. Matching thread only.
     *
     * @param nowNs          end of the window.
     * @param queueDelayNs   largest queueing delay seen in the window.
     * @param ringPermille   ring occupancy at the end of the window, permille of capacity.
     * @param budgetPermille new orders taken in the window, permille of the active budgets' refill in a window.
     */
    public void onWindow(final long nowNs, final long queueDelayNs, final int ringPermille, final int budgetPermille)
    {
        final int current = state;
        if (CLOSED == current)
        {
            onClosedWindow(nowNs, queueDelayNs, ringPermille, budgetPermille);
        }
        else if (OPEN == current)
        {
            if (nowNs - openedAtNs >= coolDownNs)
            {
                healthyWindows = 0;
                TRICKLE_CLOCK.setVolatile(this, nowNs);
                state = HALF_OPEN;
                events.onTransition(OverloadTransition.BREAKER_HALF_OPENED, nowNs,
                    "cool-down of " + coolDownNs + " ns over; admitting a trickle");
            }
        }
        else
        {
            final boolean healthy = queueDelayNs <= softDelayNs && ringPermille < ringHighWatermarkPermille;
            if (!healthy)
            {
                open(nowNs, OverloadTransition.BREAKER_REOPENED,
                    "unhealthy while half-open: delay " + queueDelayNs + " ns, ring " + ringPermille + " permille");
            }
            else if (++healthyWindows >= healthyWindowsToClose)
            {
                exhaustedSinceNs = NONE;
                ringHighSinceNs = NONE;
                hardDelaySinceNs = NONE;
                state = CLOSED;
                events.onTransition(OverloadTransition.BREAKER_CLOSED, nowNs,
                    "healthy for " + healthyWindows + " windows");
            }
        }
    }

    private void onClosedWindow(
        final long nowNs, final long queueDelayNs, final int ringPermille, final int budgetPermille)
    {
        final long windowStartNs = nowNs - windowNs;
        exhaustedSinceNs =
            budgetPermille >= exhaustionThresholdPermille ? since(exhaustedSinceNs, windowStartNs) : NONE;
        ringHighSinceNs = ringPermille >= ringHighWatermarkPermille ? since(ringHighSinceNs, windowStartNs) : NONE;
        hardDelaySinceNs = queueDelayNs > hardDelayLimitNs ? since(hardDelaySinceNs, windowStartNs) : NONE;

        if (NONE != exhaustedSinceNs && nowNs - exhaustedSinceNs >= sustainNs)
        {
            open(nowNs, OverloadTransition.BREAKER_OPENED_EXHAUSTION,
                "budget use at or above " + exhaustionThresholdPermille + " permille for " +
                (nowNs - exhaustedSinceNs) + " ns (last " + budgetPermille + ")");
        }
        else if (NONE != ringHighSinceNs && nowNs - ringHighSinceNs >= sustainNs)
        {
            open(nowNs, OverloadTransition.BREAKER_OPENED_RING,
                "ring at or above " + ringHighWatermarkPermille + " permille for " + (nowNs - ringHighSinceNs) +
                " ns (last " + ringPermille + ")");
        }
        else if (NONE != hardDelaySinceNs && nowNs - hardDelaySinceNs >= hardDelaySustainNs)
        {
            open(nowNs, OverloadTransition.BREAKER_OPENED_DELAY,
                "queueing delay above " + hardDelayLimitNs + " ns for " + (nowNs - hardDelaySinceNs) +
                " ns (last " + queueDelayNs + " ns)");
        }
    }

    private static long since(final long sinceNs, final long windowStartNs)
    {
        return NONE == sinceNs ? windowStartNs : sinceNs;
    }

    private void open(final long nowNs, final OverloadTransition transition, final String reason)
    {
        openedAtNs = nowNs;
        openedAtPublishedNs = nowNs;
        healthyWindows = 0;
        state = OPEN;
        events.onTransition(transition, nowNs, reason);
    }
}

/** Padding before the state. */
abstract class CircuitBreakerLeftPad
{
    long p01, p02, p03, p04, p05, p06, p07;
    long p11, p12, p13, p14, p15, p16, p17;
}

/** State read by every I/O thread per order; written by the matching thread on transitions only. */
abstract class CircuitBreakerState extends CircuitBreakerLeftPad
{
    volatile int state = CircuitBreaker.CLOSED;
    volatile long openedAtPublishedNs;
}

/** Padding between the state and the trickle clock, which I/O threads write while HALF_OPEN. */
abstract class CircuitBreakerMiddlePad extends CircuitBreakerState
{
    long p21, p22, p23, p24, p25, p26, p27;
    long p31, p32, p33, p34, p35, p36, p37;
}

/** The HALF_OPEN trickle's virtual clock, advanced by compare-and-set. */
abstract class CircuitBreakerTrickle extends CircuitBreakerMiddlePad
{
    volatile long trickleClockNs;
}

/** Padding after the trickle clock. */
abstract class CircuitBreakerHotFields extends CircuitBreakerTrickle
{
    long p41, p42, p43, p44, p45, p46, p47;
    long p51, p52, p53, p54, p55, p56, p57;
}
