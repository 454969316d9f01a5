package io.arbiter.server.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Converts an HdrHistogram of nanoseconds into a Prometheus classic histogram data point in seconds, with fixed
 * bucket bounds computed on scrape. Each value is placed by the median of its HdrHistogram bucket, so counts near a
 * bound may shift by under 1%. Scrape thread only; produces garbage.
 */
final class LatencyExport
{
    /** Upper bounds of the classic buckets, in seconds: 1 µs to 10 s; +Inf is added. */
    static final double[] BUCKET_BOUNDS_SECONDS = {
        0.000_001, 0.000_002_5, 0.000_005, 0.000_010, 0.000_025, 0.000_050, 0.000_100, 0.000_250, 0.000_500,
        0.001, 0.002_5, 0.005, 0.010, 0.025, 0.050, 0.100, 0.250, 0.500, 1.0, 2.5, 10.0 };

    private static final double NANOS_PER_SECOND = 1e9;

    private LatencyExport()
    {
    }

    /**
     * @param histogram of nanosecond values.
     * @param labels    of the data point.
     * @return a classic histogram data point: per-bucket counts, total count and sum in seconds.
     */
    static HistogramSnapshot.HistogramDataPointSnapshot dataPoint(final Histogram histogram, final Labels labels)
    {
        final long[] counts = new long[BUCKET_BOUNDS_SECONDS.length + 1];
        double sumNs = 0;
        for (final HistogramIterationValue value : histogram.recordedValues())
        {
            final long valueNs = histogram.medianEquivalentValue(value.getValueIteratedTo());
            final long count = value.getCountAtValueIteratedTo();
            sumNs += (double)valueNs * count;
            counts[bucketIndex(valueNs / NANOS_PER_SECOND)] += count;
        }
        final ClassicHistogramBuckets.Builder buckets = ClassicHistogramBuckets.builder();
        for (int i = 0; i < BUCKET_BOUNDS_SECONDS.length; i++)
        {
            buckets.bucket(BUCKET_BOUNDS_SECONDS[i], counts[i]);
        }
        buckets.bucket(Double.POSITIVE_INFINITY, counts[BUCKET_BOUNDS_SECONDS.length]);
        return HistogramSnapshot.HistogramDataPointSnapshot.builder()
            .labels(labels)
            .classicHistogramBuckets(buckets.build())
            .sum(sumNs / NANOS_PER_SECOND)
            .build();
    }

    static int bucketIndex(final double seconds)
    {
        for (int i = 0; i < BUCKET_BOUNDS_SECONDS.length; i++)
        {
            if (seconds <= BUCKET_BOUNDS_SECONDS[i])
            {
                return i;
            }
        }
        return BUCKET_BOUNDS_SECONDS.length;
    }
}
