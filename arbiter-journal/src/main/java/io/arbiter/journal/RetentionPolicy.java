package io.arbiter.journal;

/**
 * What happens to journal segments that a snapshot has made unnecessary for recovery.
 */
public enum RetentionPolicy
{
    /** Keep every segment: a full replay from sequence 1 stays possible. */
    KEEP,
    /** Delete segments wholly covered by the oldest retained snapshot. */
    DELETE,
    /** Move such segments into the {@code archive/} subdirectory of the data directory. */
    ARCHIVE;

    /**
     * Parse a policy name as given on a command line or in a config file (case-insensitive).
     *
     * @param name {@code keep}, {@code delete} or {@code archive}.
     * @return the policy.
     * @throws IllegalArgumentException for any other name.
     */
    public static RetentionPolicy parse(final String name)
    {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
