package io.arbiter.loadgen;

/**
 * The headline load scenario, shared by {@code arbiter loadgen --preset headline} and
 * {@code arbiter bench e2e --preset headline}: 2,000 connections offering 1.5 M orders/s, half buys, half sells.
 */
public final class HeadlinePreset
{
    /** Name of the preset on the command line. */
    public static final String NAME = "headline";
    /** Concurrent connections. */
    public static final int CONNECTIONS = 2_000;
    /** Aggregate offered rate, orders per second. */
    public static final long RATE = 1_500_000;
    /** Share of buys, percent. */
    public static final int BUY_PERCENT = 50;

    private HeadlinePreset()
    {
    }

    /**
     * @param preset name given on the command line, or null for none.
     * @return true if it names this preset, false if none was given.
     * @throws IllegalArgumentException for any other name.
     */
    public static boolean isSelected(final String preset)
    {
        if (preset == null)
        {
            return false;
        }
        if (!NAME.equals(preset))
        {
            throw new IllegalArgumentException("unknown preset '" + preset + "' (known: " + NAME + ")");
        }
        return true;
    }
}
