package io.arbiter.loadgen;

import java.util.concurrent.TimeUnit;

/**
 * Parses and formats durations written as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or {@code 250us}.
 * Stateless; any thread.
 */
public final class Durations
{
    private Durations()
    {
    }

    /**
     * Parses a duration.
     *
     * @param text a non-negative integer followed by ns, us, ms, s, m or h (a bare number means seconds).
     * @return the duration in nanoseconds.
     * @throws IllegalArgumentException if the text is not a duration.
     */
    public static long parseNs(final String text)
    {
        final String trimmed = text.trim().toLowerCase(java.util.Locale.ROOT);
        int split = 0;
        while (split < trimmed.length() && Character.isDigit(trimmed.charAt(split)))
        {
            split++;
        }
        if (split == 0)
        {
            throw new IllegalArgumentException("not a duration (e.g. 500ms, 30s, 2m): " + text);
        }
        final long value = Long.parseLong(trimmed.substring(0, split));
        final String unit = trimmed.substring(split);
        switch (unit)
        {
            case "ns":
                return value;
            case "us":
                return TimeUnit.MICROSECONDS.toNanos(value);
            case "ms":
                return TimeUnit.MILLISECONDS.toNanos(value);
            case "":
            case "s":
                return TimeUnit.SECONDS.toNanos(value);
            case "m":
                return TimeUnit.MINUTES.toNanos(value);
            case "h":
                return TimeUnit.HOURS.toNanos(value);
            default:
                throw new IllegalArgumentException("unknown duration unit '" + unit + "' in " + text +
                    " (use ns, us, ms, s, m or h)");
        }
    }

    /**
     * Formats nanoseconds with a readable unit (for example {@code 1.25 ms}).
     *
     * @param nanos the duration.
     * @return the text.
     */
    public static String format(final long nanos)
    {
        if (nanos < 1_000)
        {
            return nanos + " ns";
        }
        if (nanos < 1_000_000)
        {
            return String.format(java.util.Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000)
        {
            return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
