package io.arbiter.journal;

import io.arbiter.engine.CommandType;

import java.nio.file.Path;

/**
 * What a pass over the journal found: the last sequence, records per command type, and a truncated or truncatable
 * tail. Filled by one thread; read it after the pass.
 */
public final class ScanResult
{
    /** Value of {@link #tailPosition()} when the tail was clean. */
    public static final long NO_TAIL = -1;

    final long[] countsByType = new long[CommandType.values().length];
    long lastSequence;
    long recordsRead;
    long recordsDelivered;
    int segmentsRead;
    int segmentsSkipped;
    Path tailFile;
    long tailPosition = NO_TAIL;
    long tailBytes;
    String tailReason;
    boolean tailRepaired;

    /**
     * @return sequence of the last valid record, or the covered sequence if the journal holds nothing after it.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @return valid records read, including those at or before the covered sequence.
     */
    public long recordsRead()
    {
        return recordsRead;
    }

    /**
     * @return records after the covered sequence, given to the handler.
     */
    public long recordsDelivered()
    {
        return recordsDelivered;
    }

    /**
     * @param type of command.
     * @return valid records of that type read.
     */
    public long count(final CommandType type)
    {
        return countsByType[type.ordinal()];
    }

    /**
     * @return segments whose records were read.
     */
    public int segmentsRead()
    {
        return segmentsRead;
    }

    /**
     * @return segments skipped unread because a snapshot or the start sequence covers them wholly.
     */
    public int segmentsSkipped()
    {
        return segmentsSkipped;
    }

    /**
     * @return the file with a torn or corrupt tail, or null if the tail was clean.
     */
    public Path tailFile()
    {
        return tailFile;
    }

    /**
     * @return byte position of the bad tail, or {@link #NO_TAIL}.
     */
    public long tailPosition()
    {
        return tailPosition;
    }

    /**
     * @return bytes from the bad tail to the end of its file.
     */
    public long tailBytes()
    {
        return tailBytes;
    }

    /**
     * @return why the tail is bad, or null.
     */
    public String tailReason()
    {
        return tailReason;
    }

    /**
     * @return true if the bad tail was truncated (or an empty torn segment deleted).
     */
    public boolean tailRepaired()
    {
        return tailRepaired;
    }
}
