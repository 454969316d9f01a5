package io.arbiter.bench.pipeline;

import java.util.Locale;

/**
 * The structure that carries commands from the client thread to the matching thread in a {@link PipelineBenchmark}.
 */
public enum PipelineQueue
{
    /** The node's {@code CommandRing}: a multi-producer Disruptor ring consumed by a batch event processor. */
    DISRUPTOR("disruptor"),
    /** Agrona {@code ManyToOneRingBuffer}: commands copied in as fixed-size records, decoded into one reused event. */
    AGRONA("agrona"),
    /** {@code ArrayBlockingQueue} of preallocated events, drained in batches. */
    ABQ("abq"),
    /**
     * No queue: the client thread runs the matching handler itself (one thread; its CPU per command is the handler's
     * work without a hand-off, for steadier comparisons on a shared machine).
     */
    INLINE("inline");

    private final String configName;

    PipelineQueue(final String configName)
    {
        this.configName = configName;
    }

    /**
     * @return the name used on the command line and in JSON.
     */
    public String configName()
    {
        return configName;
    }

    /**
     * @param name {@code disruptor}, {@code agrona}, {@code abq} or {@code inline}, case-insensitive.
     * @return the queue.
     * @throws IllegalArgumentException naming the accepted values if there is no such queue.
     */
    public static PipelineQueue parse(final String name)
    {
        final String normalized = name.trim().toLowerCase(Locale.ROOT);
        for (final PipelineQueue queue : values())
        {
            if (queue.configName.equals(normalized))
            {
                return queue;
            }
        }
        throw new IllegalArgumentException(
            "unknown queue '" + name + "', expected one of disruptor, agrona, abq, inline");
    }
}
