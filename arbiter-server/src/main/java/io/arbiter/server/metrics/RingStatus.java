package io.arbiter.server.metrics;

/**
 * Occupancy of the command ring, read on scrape and when a slow order is captured. Implementations (for example a
 * view over the Disruptor {@code RingBuffer}) must be thread-safe, non-blocking and allocation-free.
 */
public interface RingStatus
{
    /**
     * @return number of slots in the ring.
     */
    long capacity();

    /**
     * @return slots published and not yet consumed by the matching thread.
     */
    long occupancy();
}
