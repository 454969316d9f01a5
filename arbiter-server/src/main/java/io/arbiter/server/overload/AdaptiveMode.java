package io.arbiter.server.overload;

/**
 * The limiters' mode switch: after {@code adaptiveBadWindows} consecutive bad windows, all budgets go leaky-only (no
 * bursts) until {@code adaptiveHealthyWindows} consecutive windows are healthy. A window is bad when at least
 * {@code adaptiveSlowPermille} of its new orders waited longer than {@code adaptiveDelayThresholdNs} (by default half
 * of them: the window's median delay is above the threshold): a sustained backlog, not one stall that delayed a few
 * orders. Written by the matching thread only ({@link #onWindow}); I/O threads read {@link #leakyOnly()}
 * (a volatile read of a padded field).
 */
public final class AdaptiveMode extends AdaptiveModeHotField
{
    private final long thresholdNs;
    private final int slowPermilleToBeBad;
    private final int badWindowsToEnter;
    private final int healthyWindowsToLeave;
    private final OverloadEvents events;
    private int badWindows;
    private int healthyWindows;

    /**
     * @param context validated configuration.
     * @param events  where transitions are counted and logged.
     */
    public AdaptiveMode(final OverloadContext context, final OverloadEvents events)
    {
        thresholdNs = context.adaptiveDelayThresholdNs();
        slowPermilleToBeBad = context.adaptiveSlowPermille();
        badWindowsToEnter = context.adaptiveBadWindows();
        healthyWindowsToLeave = context.adaptiveHealthyWindows();
        this.events = events;
    }

    /**
     * @return true while the limiters admit no bursts. Any thread.
     */
    public boolean leakyOnly()
    {
        return leakyOnly;
    }

    /**
     * Feed one closed measurement window. Matching thread only.
     *
     * @param nowNs        end of the window.
     * @param queueDelayNs largest queueing delay seen in the window.
     * @param slowPermille share of the window's new orders, permille, that waited longer than the threshold.
     */
    public void onWindow(final long nowNs, final long queueDelayNs, final int slowPermille)
    {
        if (queueDelayNs > thresholdNs && slowPermille >= slowPermilleToBeBad)
        {
            healthyWindows = 0;
            if (++badWindows >= badWindowsToEnter && !leakyOnly)
            {
                leakyOnly = true;
                events.onTransition(OverloadTransition.LEAKY_ONLY_ENTERED, nowNs,
                    "queueing delay above " + thresholdNs + " ns for " + slowPermille + " permille of the new " +
                    "orders in each of " + badWindows + " windows (last window's largest " + queueDelayNs + " ns)");
            }
        }
        else
        {
            badWindows = 0;
            if (++healthyWindows >= healthyWindowsToLeave && leakyOnly)
            {
                leakyOnly = false;
                events.onTransition(OverloadTransition.LEAKY_ONLY_LEFT, nowNs,
                    "queueing delay above " + thresholdNs + " ns for fewer than " + slowPermilleToBeBad +
                    " permille of the new orders in each of " + healthyWindows + " windows");
            }
        }
    }
}

/** Padding before the hot field. */
abstract class AdaptiveModeLeftPad
{
    long p01, p02, p03, p04, p05, p06, p07;
    long p11, p12, p13, p14, p15, p16, p17;
}

/** The field read by every I/O thread per order. */
abstract class AdaptiveModeValue extends AdaptiveModeLeftPad
{
    volatile boolean leakyOnly;
}

/** Padding after the hot field. */
abstract class AdaptiveModeHotField extends AdaptiveModeValue
{
    long p21, p22, p23, p24, p25, p26, p27;
    long p31, p32, p33, p34, p35, p36, p37;
}
