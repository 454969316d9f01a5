package io.arbiter.server.overload;

/**
 * The matching thread's side of overload protection: it measures each new order's queueing delay (gateway receive
 * to matching take: the command ring and the matching thread's own backlog, never the journal, the reply gate or the
 * egress) and, once per window, feeds the largest delay, the share of orders slower than the adaptive threshold, the
 * ring occupancy and the budget use to {@link AdaptiveMode} and {@link CircuitBreaker}. Matching thread only;
 * allocates nothing except on transitions.
 * <p>
 * The matching thread must call {@link #onDutyCycle} even while idle (for example from its wait strategy's timeout
 * or a periodic tick), or an OPEN breaker would never reach HALF_OPEN.
 */
public final class OverloadMonitor
{
    private static final long SECOND_NS = 1_000_000_000L;

    private final AdaptiveMode adaptiveMode;
    private final CircuitBreaker breaker;
    private final long windowNs;
    private final long slowThresholdNs;
    private final long budgetPerWindowPerKey;
    private boolean started;
    private long windowEndNs;
    private long windowMaxDelayNs;
    private long windowOrders;
    private long windowSlowOrders;
    private long lastWindowDelayNs;
    private int lastSlowPermille;
    private int lastRingPermille;
    private int lastBudgetPermille;

    /**
     * @param context      validated configuration.
     * @param adaptiveMode the limiters' mode switch to drive.
     * @param breaker      the breaker to drive.
     */
    public OverloadMonitor(final OverloadContext context, final AdaptiveMode adaptiveMode, final CircuitBreaker breaker)
    {
        this.adaptiveMode = adaptiveMode;
        this.breaker = breaker;
        windowNs = context.windowNs();
        slowThresholdNs = context.adaptiveDelayThresholdNs();
        budgetPerWindowPerKey = Math.max(1, context.refillRatePerSecond() * (windowNs / 1000) / (SECOND_NS / 1000));
    }

    /**
     * Record one new order taken off the ring.
     *
     * @param receivedNs when the gateway received it (same time base as {@code nowNs}).
     * @param nowNs      now, on the matching thread.
     */
    public void onNewOrderTaken(final long receivedNs, final long nowNs)
    {
        final long delayNs = nowNs - receivedNs;
        if (delayNs > windowMaxDelayNs)
        {
            windowMaxDelayNs = delayNs;
        }
        if (delayNs > slowThresholdNs)
        {
            windowSlowOrders++;
        }
        windowOrders++;
    }

    /**
     * Close the measurement window if it is over. Call at least once per window, also when idle.
     *
     * @param nowNs         now, on the matching thread.
     * @param ringUsed      commands waiting in the ring.
     * @param ringCapacity  slots in the ring.
     * @param activeBudgets budgets (sessions or accounts, as charged) currently logged on.
     * @return true if a window was closed.
     */
    public boolean onDutyCycle(final long nowNs, final long ringUsed, final long ringCapacity, final int activeBudgets)
    {
        if (!started)
        {
            started = true;
            windowEndNs = nowNs + windowNs;
            return false;
        }
        if (nowNs < windowEndNs)
        {
            return false;
        }

        lastWindowDelayNs = windowMaxDelayNs;
        lastSlowPermille = windowOrders > 0 ? (int)(windowSlowOrders * 1000 / windowOrders) : 0;
        lastRingPermille = ringCapacity > 0 ? (int)Math.min(1000, ringUsed * 1000 / ringCapacity) : 0;
        lastBudgetPermille = activeBudgets > 0 ?
            (int)Math.min(Integer.MAX_VALUE, windowOrders * 1000 / (budgetPerWindowPerKey * activeBudgets)) : 0;
        windowMaxDelayNs = 0;
        windowOrders = 0;
        windowSlowOrders = 0;
        windowEndNs = nowNs + windowNs;

        adaptiveMode.onWindow(nowNs, lastWindowDelayNs, lastSlowPermille);
        breaker.onWindow(nowNs, lastWindowDelayNs, lastRingPermille, lastBudgetPermille);
        return true;
    }

    /**
     * @return largest queueing delay of the last closed window, ns.
     */
    public long lastWindowDelayNs()
    {
        return lastWindowDelayNs;
    }

    /**
     * @return share of the last closed window's new orders, permille, that waited longer than the adaptive threshold.
     */
    public int lastSlowPermille()
    {
        return lastSlowPermille;
    }

    /**
     * @return ring occupancy at the end of the last closed window, permille.
     */
    public int lastRingPermille()
    {
        return lastRingPermille;
    }

    /**
     * @return budget use of the last closed window, permille of the active budgets' refill.
     */
    public int lastBudgetPermille()
    {
        return lastBudgetPermille;
    }
}
