package io.arbiter.loadgen;

/**
 * One interval of the run's time series. Immutable.
 *
 * @param elapsedS   seconds since the schedule started, at the end of the interval.
 * @param measured   false while in the warm-up.
 * @param sentPerS   requests sent per second in the interval.
 * @param ackedPerS  Accepted reports per second in the interval.
 * @param p50Ns      median acknowledgement latency of the interval (0 if none recorded).
 * @param p99Ns      99th percentile of the interval.
 * @param maxNs      maximum of the interval.
 */
public record TimePoint(
    double elapsedS, boolean measured, double sentPerS, double ackedPerS, long p50Ns, long p99Ns, long maxNs)
{
}
