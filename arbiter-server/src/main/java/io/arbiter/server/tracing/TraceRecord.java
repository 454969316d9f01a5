package io.arbiter.server.tracing;

import io.arbiter.server.metrics.StageTimestamps;

/**
 * A pooled copy of one captured order's {@link StageTimestamps} with why it was captured. Written by the matching
 * thread, then owned by the tracing thread until it returns to the pool.
 */
final class TraceRecord
{
    /** Captured because its sequence was sampled (1 in N). */
    static final int SAMPLED = 1;
    /** Captured because its total latency reached the slow threshold. */
    static final int SLOW = 2;

    final StageTimestamps timestamps = new StageTimestamps();
    long totalNs;
    long thresholdNs;
    int reasons;
    int breakerState;
    long ringOccupancy;
}
