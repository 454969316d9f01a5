package io.arbiter.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Applies the {@link RetentionPolicy} to segments that lie wholly at or before the oldest kept snapshot, so every kept
 * snapshot can still be recovered from. The last segment (the one being appended to) is never touched. Control plane
 * (produces garbage); call it on the thread that writes snapshots.
 */
public final class Retention
{
    private Retention()
    {
    }

    /**
     * Delete or archive the segments that no kept snapshot needs.
     *
     * @param context data directory and policy.
     * @return number of segments deleted or archived.
     * @throws UncheckedIOException if a file cannot be moved or deleted.
     */
    public static int apply(final JournalContext context)
    {
        if (context.retention() == RetentionPolicy.KEEP)
        {
            return 0;
        }
        final Path dir = context.dataDir();
        final List<Path> snapshots = JournalFiles.snapshots(dir);
        if (snapshots.isEmpty())
        {
            return 0;
        }
        final int oldestKept = Math.max(0, snapshots.size() - context.snapshotsToKeep());
        final long coveredThrough = SnapshotDescriptor.snapshotLastSequence(snapshots.get(oldestKept));
        final List<Path> segments = JournalFiles.segments(dir);
        int released = 0;
        try
        {
            for (int i = 0; i + 1 < segments.size(); i++)
            {
                if (JournalDescriptor.segmentFirstSequence(segments.get(i + 1)) > coveredThrough + 1)
                {
                    break;
                }
                final Path segment = segments.get(i);
                if (context.retention() == RetentionPolicy.DELETE)
                {
                    Files.delete(segment);
                }
                else
                {
                    final Path archive = context.archiveDir();
                    Files.createDirectories(archive);
                    Files.move(segment, archive.resolve(segment.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
                released++;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot apply retention " + context.retention() + " in " + dir, ex);
        }
        if (released > 0)
        {
            JournalFiles.forceDirectory(dir);
            if (context.retention() == RetentionPolicy.ARCHIVE)
            {
                JournalFiles.forceDirectory(context.archiveDir());
            }
        }
        return released;
    }
}
