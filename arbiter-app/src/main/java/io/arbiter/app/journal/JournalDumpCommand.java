package io.arbiter.app.journal;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import io.arbiter.journal.JournalCorruptedException;
import io.arbiter.journal.JournalDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code arbiter journal dump}: print journal records, one line each, from a sequence on. Read-only. Main thread
 * only.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = "Print journal records one per line (sequence, timestamp, command, file position). Read-only.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = { "0:printed", "1:journal corrupted or I/O error", "2:usage error" })
public final class JournalDumpCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "The node's data directory.")
    private Path dataDir;

    @Option(names = "--from", paramLabel = "SEQ", defaultValue = "1",
        description = "First sequence to print (default: ${DEFAULT-VALUE}).")
    private long from;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
        description = "Print at most N records (default: all).")
    private long limit;

    /**
     * Print the records.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dataDir) || from < 1 || limit < 0)
        {
            err.println("arbiter journal dump: " +
                (!Files.isDirectory(dataDir) ? "no such directory: " + dataDir : "--from must be >= 1, --limit >= 0"));
            err.flush();
            return ArbiterMain.EXIT_USAGE;
        }
        try
        {
            JournalDump.dump(dataDir, from, limit, out);
            out.flush();
            return ArbiterMain.EXIT_OK;
        }
        catch (final JournalCorruptedException | UncheckedIOException ex)
        {
            out.flush();
            err.println("arbiter journal dump: " + ex.getMessage());
            err.flush();
            return ArbiterMain.EXIT_FAILURE;
        }
    }
}
