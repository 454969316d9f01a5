package io.arbiter.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File chores of the commands that run a node and write reports: writing a report (creating its folder) and
 * removing a temporary data directory. Control plane; any thread.
 */
public final class ReportFiles
{
    private ReportFiles()
    {
    }

    /**
     * Write a text file as UTF-8, creating its parent directories.
     *
     * @param path    of the file.
     * @param content to write.
     * @throws IOException if it cannot be written.
     */
    public static void write(final Path path, final String content) throws IOException
    {
        final Path parent = path.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    /**
     * Delete a directory and everything below it; nothing happens if it does not exist.
     *
     * @param dir to delete.
     * @throws IOException if something cannot be deleted.
     */
    public static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
