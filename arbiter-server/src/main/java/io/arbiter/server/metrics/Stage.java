package io.arbiter.server.metrics;

/**
 * The stages of one order's path through the node, each an interval between two {@link StageTimestamps} marks.
 * {@link #TOTAL} spans from receipt on the gateway to the flush of its reply.
 */
public enum Stage
{
    /** Gateway: frame complete to decoded and admitted (limiter passed), just before publishing to the ring. */
    DECODE("decode"),
    /** Ring: published by the gateway to picked up by the matching thread. */
    RING_WAIT("ring_wait"),
    /** Matching thread: the engine processing the command. */
    MATCH("match"),
    /** Journal: append start to durable (includes waiting for the group commit of its batch). */
    JOURNAL("journal"),
    /** Egress: encoding the reports to flushing them to the session's channel. */
    EGRESS("egress"),
    /** Receipt on the gateway to the flush of the reply: the whole in-server latency. */
    TOTAL("total");

    /** All stages, to iterate without allocating a values array. */
    static final Stage[] VALUES = values();

    /** Number of stages. */
    public static final int COUNT = VALUES.length;

    private final String label;

    Stage(final String label)
    {
        this.label = label;
    }

    /**
     * @return the lower-case name used as the {@code stage} label and span name.
     */
    public String label()
    {
        return label;
    }

    /**
     * Stage for an ordinal without allocating a values array.
     *
     * @param ordinal of the stage.
     * @return the stage.
     */
    public static Stage get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
