package io.arbiter.loadgen;

import org.HdrHistogram.AbstractHistogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percentiles of one latency histogram, in nanoseconds. Immutable.
 *
 * @param count  number of values.
 * @param mean   mean.
 * @param p50    median.
 * @param p90    90th percentile.
 * @param p99    99th percentile.
 * @param p999   99.9th percentile.
 * @param p9999  99.99th percentile.
 * @param max    maximum.
 */
public record LatencySummary(long count, double mean, long p50, long p90, long p99, long p999, long p9999, long max)
{
    /** Percentiles reported, as the names used in JSON. */
    static final String[] NAMES = {"p50", "p90", "p99", "p99_9", "p99_99", "max"};

    /**
     * Summarises a histogram (all zero when it is empty).
     *
     * @param histogram the values in nanoseconds.
     * @return the summary.
     */
    public static LatencySummary of(final AbstractHistogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getMean(),
            histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
            histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
            histogram.getValueAtPercentile(99.99), histogram.getMaxValue());
    }

    /**
     * The figures as ordered name/value pairs (nanoseconds).
     *
     * @return the map.
     */
    public Map<String, Object> describe()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("mean_ns", Math.round(mean));
        map.put("p50_ns", p50);
        map.put("p90_ns", p90);
        map.put("p99_ns", p99);
        map.put("p99_9_ns", p999);
        map.put("p99_99_ns", p9999);
        map.put("max_ns", max);
        return map;
    }
}
