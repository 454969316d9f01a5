package io.arbiter.server.overload;

/**
 * The limiters' mode switch: after {@code adaptiveBadWindows} consecutive windows whose queueing delay is above the
 * threshold, all budgets go leaky-only (no bursts) until {@code adaptiveHealthyWindows} consecutive windows are at
 * or below it. Written by the matching thread only ({@link #onWindow}); I/O threads read {@link #leakyOnly()}
 * (a volatile read of a padded field).
 */
public final class AdaptiveMode extends AdaptiveModeHotField
{
    private final long thresholdNs;
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
     * @param nowNs          end of the window.
     * @param queueDelayNs   largest queueing delay seen in the window.
     */
    public void onWindow(final long nowNs, final long queueDelayNs)
    {
        if (queueDelayNs > thresholdNs)
        {
            healthyWindows = 0;
            if (++badWindows >= badWindowsToEnter && !leakyOnly)
            {
                leakyOnly = true;
                events.onTransition(OverloadTransition.LEAKY_ONLY_ENTERED, nowNs,
                    "queueing delay above " + thresholdNs + " ns for " + badWindows + " windows (last " +
                    queueDelayNs + " ns)");
            }
        }
        else
        {
            badWindows = 0;
            if (++healthyWindows >= healthyWindowsToLeave && leakyOnly)
            {
                leakyOnly = false;
                events.onTransition(OverloadTransition.LEAKY_ONLY_LEFT, nowNs,
                    "queueing delay at most " + thresholdNs + " ns for " + healthyWindows + " windows");
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
