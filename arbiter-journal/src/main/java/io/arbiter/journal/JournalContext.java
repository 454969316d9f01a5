package io.arbiter.journal;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Configuration of the journal, snapshots and recovery: data directory, segment size, durability and retention
 * policies, and the sink for warnings. Set it up on one thread before handing it to the journal classes.
 */
public final class JournalContext
{
    /** Default data directory. */
    public static final Path DEFAULT_DATA_DIR = Paths.get("data");
    /** Default segment size: 256 MiB. */
    public static final long DEFAULT_SEGMENT_SIZE = 256L * 1024 * 1024;
    /** Default write buffer: 1 MiB, enough for a batch of over 14,000 commands without an early write. */
    public static final int DEFAULT_WRITE_BUFFER_SIZE = 1024 * 1024;
    /** Default interval of the {@link DurabilityPolicy#INTERVAL} policy: 10 ms. */
    public static final long DEFAULT_FORCE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Default number of snapshots kept. */
    public static final int DEFAULT_SNAPSHOTS_TO_KEEP = 2;
    /** Default preallocation step: 256 KiB of zeros written ahead of the records (about 2,500 records). */
    public static final long DEFAULT_PREALLOCATE_BYTES = 256L * 1024;

    private Path dataDir = DEFAULT_DATA_DIR;
    private long segmentSize = DEFAULT_SEGMENT_SIZE;
    private int writeBufferSize = DEFAULT_WRITE_BUFFER_SIZE;
    private DurabilityPolicy durability = DurabilityPolicy.BATCH;
    private long forceIntervalNs = DEFAULT_FORCE_INTERVAL_NS;
    private RetentionPolicy retention = RetentionPolicy.KEEP;
    private int snapshotsToKeep = DEFAULT_SNAPSHOTS_TO_KEEP;
    private long preallocateBytes = DEFAULT_PREALLOCATE_BYTES;
    private Consumer<String> warningSink = message -> System.err.println("arbiter-journal: " + message);

    /**
     * @return directory holding segments, snapshots and {@code archive/}.
     */
    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * @param dataDir directory holding segments, snapshots and {@code archive/}.
     * @return this.
     */
    public JournalContext dataDir(final Path dataDir)
    {
        this.dataDir = Objects.requireNonNull(dataDir);
        return this;
    }

    /**
     * @return size in bytes at which a segment rolls over (a segment never exceeds it).
     */
    public long segmentSize()
    {
        return segmentSize;
    }

    /**
     * @param segmentSize size in bytes at which a segment rolls over; at least one header and one record.
     * @return this.
     */
    public JournalContext segmentSize(final long segmentSize)
    {
        if (segmentSize < JournalDescriptor.SEGMENT_HEADER_LENGTH + JournalDescriptor.COMMAND_RECORD_LENGTH)
        {
            throw new IllegalArgumentException("segment size too small: " + segmentSize);
        }
        this.segmentSize = segmentSize;
        return this;
    }

    /**
     * @return bytes of the reused direct buffer that records are encoded into before a write.
     */
    public int writeBufferSize()
    {
        return writeBufferSize;
    }

    /**
     * @param writeBufferSize bytes of the reused direct write buffer; at least one record.
     * @return this.
     */
    public JournalContext writeBufferSize(final int writeBufferSize)
    {
        if (writeBufferSize < JournalDescriptor.COMMAND_RECORD_LENGTH)
        {
            throw new IllegalArgumentException("write buffer too small: " + writeBufferSize);
        }
        this.writeBufferSize = writeBufferSize;
        return this;
    }

    /**
     * @return when commits force to the device.
     */
    public DurabilityPolicy durability()
    {
        return durability;
    }

    /**
     * @param durability when commits force to the device.
     * @return this.
     */
    public JournalContext durability(final DurabilityPolicy durability)
    {
        this.durability = Objects.requireNonNull(durability);
        return this;
    }

    /**
     * @return least time between two forces under {@link DurabilityPolicy#INTERVAL}.
     */
    public long forceIntervalNs()
    {
        return forceIntervalNs;
    }

    /**
     * @param forceIntervalNs least time between two forces under {@link DurabilityPolicy#INTERVAL}, not negative.
     * @return this.
     */
    public JournalContext forceIntervalNs(final long forceIntervalNs)
    {
        if (forceIntervalNs < 0)
        {
            throw new IllegalArgumentException("negative force interval: " + forceIntervalNs);
        }
        this.forceIntervalNs = forceIntervalNs;
        return this;
    }

    /**
     * @return bytes of zeros the writer keeps written ahead of the last record of a segment under a forcing policy
     *         ({@link DurabilityPolicy#BATCH}, {@link DurabilityPolicy#INTERVAL}); 0 = the file grows with each write.
     */
    public long preallocateBytes()
    {
        return preallocateBytes;
    }

    /**
     * Preallocate segments in steps of {@code preallocateBytes} zeros, written (not just reserved) ahead of the records
     * and forced with the file size once per step: a force of records that lie in that region then has no file size or
     * extent metadata to write, only the data. A zero-filled tail reads as the end of the journal (recovery truncates
     * it); a roll-over and {@link JournalWriter#close()} cut it off. Ignored under {@link DurabilityPolicy#NONE}, which
     * never forces.
     *
     * @param preallocateBytes step in bytes, 0 for none; not negative.
     * @return this.
     */
    public JournalContext preallocateBytes(final long preallocateBytes)
    {
        if (preallocateBytes < 0)
        {
            throw new IllegalArgumentException("negative preallocation step: " + preallocateBytes);
        }
        this.preallocateBytes = preallocateBytes;
        return this;
    }

    /**
     * @return what happens to segments covered by retained snapshots.
     */
    public RetentionPolicy retention()
    {
        return retention;
    }

    /**
     * @param retention what happens to segments covered by retained snapshots.
     * @return this.
     */
    public JournalContext retention(final RetentionPolicy retention)
    {
        this.retention = Objects.requireNonNull(retention);
        return this;
    }

    /**
     * @return how many of the newest snapshots are kept; older ones are deleted after a new one is written.
     */
    public int snapshotsToKeep()
    {
        return snapshotsToKeep;
    }

    /**
     * @param snapshotsToKeep how many of the newest snapshots are kept, at least 1. Segments are released only when
     *                        wholly before the oldest kept snapshot, so every kept snapshot stays usable as a fallback.
     * @return this.
     */
    public JournalContext snapshotsToKeep(final int snapshotsToKeep)
    {
        if (snapshotsToKeep < 1)
        {
            throw new IllegalArgumentException("must keep at least one snapshot: " + snapshotsToKeep);
        }
        this.snapshotsToKeep = snapshotsToKeep;
        return this;
    }

    /**
     * @return receives human-readable warnings (truncated tails, skipped snapshots, removed temp files).
     */
    public Consumer<String> warningSink()
    {
        return warningSink;
    }

    /**
     * @param warningSink receives human-readable warnings; called on the thread using the journal class.
     * @return this.
     */
    public JournalContext warningSink(final Consumer<String> warningSink)
    {
        this.warningSink = Objects.requireNonNull(warningSink);
        return this;
    }

    /**
     * @return the {@code archive/} directory under the data directory.
     */
    public Path archiveDir()
    {
        return dataDir.resolve("archive");
    }
}
