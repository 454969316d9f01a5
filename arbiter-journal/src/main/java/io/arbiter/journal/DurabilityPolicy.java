package io.arbiter.journal;

/**
 * When {@link JournalWriter#commit(long)} forces written records to the storage device. See {@code docs/journal.md}
 * for exactly what each policy risks.
 */
public enum DurabilityPolicy
{
    /** Write to the OS page cache and never force: survives a process crash, not an OS crash or power loss. */
    NONE,
    /** Force ({@code FileChannel.force}) on every commit: an acknowledged batch survives power loss. */
    BATCH,
    /**
     * Force at most once every {@link JournalContext#forceIntervalNs()}: up to one interval may be lost on power loss.
     */
    INTERVAL;

    /**
     * Parse a policy name as given on a command line or in a config file (case-insensitive).
     *
     * @param name {@code none}, {@code batch} or {@code interval}.
     * @return the policy.
     * @throws IllegalArgumentException for any other name.
     */
    public static DurabilityPolicy parse(final String name)
    {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
