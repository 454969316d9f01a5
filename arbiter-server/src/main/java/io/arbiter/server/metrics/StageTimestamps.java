package io.arbiter.server.metrics;

/**
 * Nanosecond marks of one command's path through the node plus the context needed to attribute and trace it. It is
 * meant to be embedded in the preallocated ring event and reused: the gateway thread sets the first marks before
 * publishing, the matching thread the rest, then hands it to {@link StageLatencyRecorder#record(StageTimestamps)}.
 * Not thread-safe by itself; the ring's publication orders the writes. A mark of {@link #UNSET} means "did not happen".
 * <pre>
 *  receivedNs ─DECODE─► decodedNs ─RING_WAIT─► dequeuedNs
 *  matchStartNs ─MATCH─► matchEndNs     journalStartNs ─JOURNAL─► journalEndNs
 *  egressStartNs ─EGRESS─► egressEndNs  receivedNs ─TOTAL─► egressEndNs
 * </pre>
 */
public final class StageTimestamps
{
    /** Value of a mark that was not taken. */
    public static final long UNSET = 0L;
    private long receivedNs;
    private long decodedNs;
    private long dequeuedNs;
    private long matchStartNs;
    private long matchEndNs;
    private long journalStartNs;
    private long journalEndNs;
    private long egressStartNs;
    private long egressEndNs;
    private long sequence;
    private long sessionId;
    private long clientOrderId;
    private long traceIdHigh;
    private long traceIdLow;
    private long ringDepth;
    private long batchSize;

    /**
     * @return {@code System.nanoTime()} when the gateway had the complete frame.
     */
    public long receivedNs()
    {
        return receivedNs;
    }

    /**
     * @param receivedNs {@code System.nanoTime()} when the gateway had the complete frame.
     * @return this for fluent use.
     */
    public StageTimestamps receivedNs(final long receivedNs)
    {
        this.receivedNs = receivedNs;
        return this;
    }

    /**
     * @return {@code System.nanoTime()} when the gateway had decoded and admitted the command, just before publishing.
     */
    public long decodedNs()
    {
        return decodedNs;
    }

    /**
     * @param decodedNs {@code System.nanoTime()} when the gateway had decoded and admitted the command, just before
     * publishing.
     * @return this for fluent use.
     */
    public StageTimestamps decodedNs(final long decodedNs)
    {
        this.decodedNs = decodedNs;
        return this;
    }

    /**
     * @return {@code System.nanoTime()} when the matching thread picked the command from the ring.
     */
    public long dequeuedNs()
    {
        return dequeuedNs;
    }

    /**
     * @param dequeuedNs {@code System.nanoTime()} when the matching thread picked the command from the ring.
     * @return this for fluent use.
     */
    public StageTimestamps dequeuedNs(final long dequeuedNs)
    {
        this.dequeuedNs = dequeuedNs;
        return this;
    }

    /**
     * @return {@code System.nanoTime()} when the engine started on the command.
     */
    public long matchStartNs()
    {
        return matchStartNs;
    }

    /**
     * @param matchStartNs {@code System.nanoTime()} when the engine started on the command.
     * @return this for fluent use.
     */
    public StageTimestamps matchStartNs(final long matchStartNs)
    {
        this.matchStartNs = matchStartNs;
        return this;
    }

    /**
     * @return {@code System.nanoTime()} when the engine returned.
     */
    public long matchEndNs()
    {
        return matchEndNs;
    }

    /**
     * @param matchEndNs {@code System.nanoTime()} when the engine returned.
     * @return this for fluent use.
     */
    public StageTimestamps matchEndNs(final long matchEndNs)
    {
        this.matchEndNs = matchEndNs;
        return this;
    }

    /**
     * @return {@code System.nanoTime()} when the journal append started.
     */
    public long journalStartNs()
    {
        return journalStartNs;
    }

    /**
     * @param journalStartNs {@code System.nanoTime()} when the journal append started.
     * @return this for fluent use.
     */
    public StageTimestamps journalStartNs(final long journalStartNs)
    {
        this.journalStartNs = journalStartNs;
        return this;
    }

    /**
     * @return {@code System.nanoTime()} when the command was durable (its group commit done).
     */
    public long journalEndNs()
    {
        return journalEndNs;
    }

    /**
     * @param journalEndNs {@code System.nanoTime()} when the command was durable (its group commit done).
     * @return this for fluent use.
     */
    public StageTimestamps journalEndNs(final long journalEndNs)
    {
        this.journalEndNs = journalEndNs;
        return this;
    }

    /**
     * @return {@code System.nanoTime()} when encoding the replies started.
     */
    public long egressStartNs()
    {
        return egressStartNs;
    }

    /**
     * @param egressStartNs {@code System.nanoTime()} when encoding the replies started.
     * @return this for fluent use.
     */
    public StageTimestamps egressStartNs(final long egressStartNs)
    {
        this.egressStartNs = egressStartNs;
        return this;
    }

    /**
     * @return {@code System.nanoTime()} when the replies were flushed to the channel.
     */
    public long egressEndNs()
    {
        return egressEndNs;
    }

    /**
     * @param egressEndNs {@code System.nanoTime()} when the replies were flushed to the channel.
     * @return this for fluent use.
     */
    public StageTimestamps egressEndNs(final long egressEndNs)
    {
        this.egressEndNs = egressEndNs;
        return this;
    }

    /**
     * @return sequence number stamped by the sequencer; sampling is decided on it.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @param sequence sequence number stamped by the sequencer; sampling is decided on it.
     * @return this for fluent use.
     */
    public StageTimestamps sequence(final long sequence)
    {
        this.sequence = sequence;
        return this;
    }

    /**
     * @return id of the session that sent the command.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * @param sessionId id of the session that sent the command.
     * @return this for fluent use.
     */
    public StageTimestamps sessionId(final long sessionId)
    {
        this.sessionId = sessionId;
        return this;
    }

    /**
     * @return the client's order id.
     */
    public long clientOrderId()
    {
        return clientOrderId;
    }

    /**
     * @param clientOrderId the client's order id.
     * @return this for fluent use.
     */
    public StageTimestamps clientOrderId(final long clientOrderId)
    {
        this.clientOrderId = clientOrderId;
        return this;
    }

    /**
     * @return high 64 bits of the client-supplied trace id, 0 when none.
     */
    public long traceIdHigh()
    {
        return traceIdHigh;
    }

    /**
     * @param traceIdHigh high 64 bits of the client-supplied trace id, 0 when none.
     * @return this for fluent use.
     */
    public StageTimestamps traceIdHigh(final long traceIdHigh)
    {
        this.traceIdHigh = traceIdHigh;
        return this;
    }

    /**
     * @return low 64 bits of the client-supplied trace id, 0 when none.
     */
    public long traceIdLow()
    {
        return traceIdLow;
    }

    /**
     * @param traceIdLow low 64 bits of the client-supplied trace id, 0 when none.
     * @return this for fluent use.
     */
    public StageTimestamps traceIdLow(final long traceIdLow)
    {
        this.traceIdLow = traceIdLow;
        return this;
    }

    /**
     * @return commands waiting in the ring when this one was picked up.
     */
    public long ringDepth()
    {
        return ringDepth;
    }

    /**
     * @param ringDepth commands waiting in the ring when this one was picked up.
     * @return this for fluent use.
     */
    public StageTimestamps ringDepth(final long ringDepth)
    {
        this.ringDepth = ringDepth;
        return this;
    }

    /**
     * @return size of the ring batch this command was processed in.
     */
    public long batchSize()
    {
        return batchSize;
    }

    /**
     * @param batchSize size of the ring batch this command was processed in.
     * @return this for fluent use.
     */
    public StageTimestamps batchSize(final long batchSize)
    {
        this.batchSize = batchSize;
        return this;
    }

    /**
     * @param stage whose interval starts.
     * @return the mark at which the stage starts, {@link #UNSET} if not taken.
     */
    public long startNs(final Stage stage)
    {
        switch (stage)
        {
            case DECODE:
            case TOTAL:
                return receivedNs;
            case RING_WAIT:
                return decodedNs;
            case MATCH:
                return matchStartNs;
            case JOURNAL:
                return journalStartNs;
            case EGRESS:
                return egressStartNs;
            default:
                return UNSET;
        }
    }

    /**
     * @param stage whose interval ends.
     * @return the mark at which the stage ends, {@link #UNSET} if not taken.
     */
    public long endNs(final Stage stage)
    {
        switch (stage)
        {
            case DECODE:
                return decodedNs;
            case RING_WAIT:
                return dequeuedNs;
            case MATCH:
                return matchEndNs;
            case JOURNAL:
                return journalEndNs;
            case EGRESS:
            case TOTAL:
                return egressEndNs;
            default:
                return UNSET;
        }
    }

    /**
     * @param stage to measure.
     * @return the stage's duration in nanoseconds (0 if the clock went backwards), or -1 if either mark is unset.
     */
    public long durationNs(final Stage stage)
    {
        final long start = startNs(stage);
        final long end = endNs(stage);
        if (start == UNSET || end == UNSET)
        {
            return -1L;
        }
        return Math.max(0L, end - start);
    }

    /**
     * Clears every mark and context field so the slot can carry the next command.
     *
     * @return this for fluent use.
     */
    public StageTimestamps reset()
    {
        receivedNs = UNSET;
        decodedNs = UNSET;
        dequeuedNs = UNSET;
        matchStartNs = UNSET;
        matchEndNs = UNSET;
        journalStartNs = UNSET;
        journalEndNs = UNSET;
        egressStartNs = UNSET;
        egressEndNs = UNSET;
        sequence = UNSET;
        sessionId = UNSET;
        clientOrderId = UNSET;
        traceIdHigh = UNSET;
        traceIdLow = UNSET;
        ringDepth = UNSET;
        batchSize = UNSET;
        return this;
    }

    /**
     * Copies every mark and context field of another instance into this one.
     *
     * @param other to copy from.
     * @return this for fluent use.
     */
    public StageTimestamps copyFrom(final StageTimestamps other)
    {
        receivedNs = other.receivedNs;
        decodedNs = other.decodedNs;
        dequeuedNs = other.dequeuedNs;
        matchStartNs = other.matchStartNs;
        matchEndNs = other.matchEndNs;
        journalStartNs = other.journalStartNs;
        journalEndNs = other.journalEndNs;
        egressStartNs = other.egressStartNs;
        egressEndNs = other.egressEndNs;
        sequence = other.sequence;
        sessionId = other.sessionId;
        clientOrderId = other.clientOrderId;
        traceIdHigh = other.traceIdHigh;
        traceIdLow = other.traceIdLow;
        ringDepth = other.ringDepth;
        batchSize = other.batchSize;
        return this;
    }
}
