package io.arbiter.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses Prometheus text exposition into a map of series (name with its label text) to value, for assertions.
 */
public final class Exposition
{
    private Exposition()
    {
    }

    /**
     * Parses exposition text; comment lines are skipped.
     *
     * @param text exposition text.
     * @return series to value, e.g. {@code arbiter_orders_rejected_total{reason="busy"}} to 1.0.
     */
    public static Map<String, Double> parse(final String text)
    {
        final Map<String, Double> series = new LinkedHashMap<>();
        for (final String line : text.split("\n"))
        {
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final int split = line.lastIndexOf(' ');
            series.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        }
        return series;
    }
}
