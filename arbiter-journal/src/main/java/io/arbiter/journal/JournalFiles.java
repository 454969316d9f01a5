package io.arbiter.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * File-system helpers for the data directory: listing segments and snapshots in sequence order and forcing a
 * directory. Control plane only (produces garbage); usable from any thread.
 */
public final class JournalFiles
{
    private JournalFiles()
    {
    }

    /**
     * Segment files of a directory in ascending first-sequence order.
     *
     * @param dir to list; a missing directory has no segments.
     * @return the segment paths.
     */
    public static List<Path> segments(final Path dir)
    {
        return listByName(dir, JournalDescriptor.SEGMENT_PREFIX, JournalDescriptor.SEGMENT_SUFFIX);
    }

    /**
     * Snapshot files of a directory in ascending last-sequence order (temporary files excluded).
     *
     * @param dir to list; a missing directory has no snapshots.
     * @return the snapshot paths.
     */
    public static List<Path> snapshots(final Path dir)
    {
        return listByName(dir, SnapshotDescriptor.SNAPSHOT_PREFIX, SnapshotDescriptor.SNAPSHOT_SUFFIX);
    }

    /**
     * Leftover temporary snapshot files, from a crash during a snapshot write.
     *
     * @param dir to list.
     * @return the temporary files.
     */
    public static List<Path> temporarySnapshots(final Path dir)
    {
        final List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(dir))
        {
            return result;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SnapshotDescriptor.TEMP_SUFFIX))
        {
            stream.forEach(result::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        result.sort(Comparator.naturalOrder());
        return result;
    }

    private static List<Path> listByName(final Path dir, final String prefix, final String suffix)
    {
        final List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(dir))
        {
            return result;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, prefix + "*" + suffix))
        {
            for (final Path path : stream)
            {
                if (JournalDescriptor.parseName(path.getFileName().toString(), prefix, suffix) >= 0)
                {
                    result.add(path);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        result.sort(Comparator.comparing(path -> path.getFileName().toString()));
        return result;
    }

    /**
     * Force a directory's entries (new, renamed or removed files) to the device. A no-op where the platform cannot
     * open a directory (Windows).
     *
     * @param dir to force.
     */
    public static void forceDirectory(final Path dir)
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            if (!System.getProperty("os.name", "").startsWith("Windows"))
            {
                throw new UncheckedIOException("cannot force directory " + dir, ex);
            }
        }
    }
}
