package io.arbiter.journal;

import java.nio.file.Path;

/**
 * The journal or a snapshot is damaged in a way recovery must not paper over: a bad record followed by valid data, a
 * bad record in a segment that is not the last, a sequence gap, or a segment header that is not ours. The message
 * names the file, the byte position and the sequence.
 */
public final class JournalCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Value of {@link #sequence()} when no sequence applies. */
    public static final long NO_SEQUENCE = -1;

    private final transient Path file;
    private final long position;
    private final long sequence;

    /**
     * @param file     that is damaged.
     * @param position byte position of the damage in the file.
     * @param sequence the sequence expected or found there, or {@link #NO_SEQUENCE}.
     * @param reason   what is wrong.
     */
    public JournalCorruptedException(final Path file, final long position, final long sequence, final String reason)
    {
        super(file + " at byte " + position + (sequence == NO_SEQUENCE ? "" : " (sequence " + sequence + ")") + ": " +
            reason);
        this.file = file;
        this.position = position;
        this.sequence = sequence;
    }

    /**
     * @return the damaged file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return byte position of the damage.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return the sequence expected or found at the damage, or {@link #NO_SEQUENCE}.
     */
    public long sequence()
    {
        return sequence;
    }
}
