package io.arbiter.app.match;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import io.arbiter.engine.EngineContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter match}: deterministic offline matching of a command file into an event file, on the calling thread.
 * A malformed line stops the run with exit code 1 and a message naming the line; the events of the lines before it
 * are written, nothing after.
 */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Apply a command file to a fresh matching engine and print one event per line.",
        "Input lines: INSTRUMENT, NEW, CANCEL, REPLACE, DEPOSIT, WITHDRAW, FEES, LIMITS;",
        "output lines: ACCEPTED, TRADE, CANCELED, REPLACED, REJECTED, WITHDRAW_REJECTED",
        "(and LEVEL with --book-updates, BALANCE with --balances).",
        "The format is in docs/match-format.md.",
        ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:all lines applied",
        "1:malformed line or I/O failure (message on stderr)",
        "2:usage error"
    })
public final class MatchCommand implements Callable<Integer>
{
    private static final int IO_BUFFER_SIZE = 1 << 16;
    private static final String STDIO = "-";

    @Spec
    private CommandSpec spec;

    @Option(
        names = { "-i", "--input" },
        required = true,
        paramLabel = "FILE",
        description = "Command file to read, or - for standard input.")
    private String input;

    @Option(
        names = { "-o", "--output" },
        paramLabel = "FILE",
        description = "Event file to write (created or truncated); standard output if absent or -.")
    private String output;

    @Option(
        names = "--book-updates",
        description = "After the events of each command, print a LEVEL line for every price level it changed.")
    private boolean bookUpdates;

    @Option(
        names = "--balances",
        description = "After the events of each command, print a BALANCE line for every balance it changed.")
    private boolean balances;

    /**
     * Run the match; picocli calls it after parsing the options.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        final MatchRunner runner = new MatchRunner(new EngineContext(), bookUpdates, balances);
        if (sameFile(input, output))
        {
            return fail(err, "the output file is the input file: " + output);
        }
        try (BufferedReader in = openInput())
        {
            if (output == null || STDIO.equals(output))
            {
                final PrintWriter out = spec.commandLine().getOut();
                runner.run(in, out);
                if (out.checkError())
                {
                    return fail(err, "cannot write to standard output");
                }
            }
            else
            {
                try (Writer out = openOutput())
                {
                    runner.run(in, out);
                }
            }
            return ArbiterMain.EXIT_OK;
        }
        catch (final MalformedLineException ex)
        {
            return fail(err, inputName() + ": line " + ex.lineNumber() + ": " + ex.reason());
        }
        catch (final NoSuchFileException ex)
        {
            return fail(err, "no such file: " + ex.getFile());
        }
        catch (final AccessDeniedException ex)
        {
            return fail(err, "permission denied: " + ex.getFile());
        }
        catch (final IOException ex)
        {
            return fail(err, "I/O error: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
        }
    }

    private BufferedReader openInput() throws IOException
    {
        final InputStream stream = STDIO.equals(input) ? System.in : Files.newInputStream(Path.of(input));
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), IO_BUFFER_SIZE);
    }

    private Writer openOutput() throws IOException
    {
        return new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(Path.of(output)), StandardCharsets.UTF_8), IO_BUFFER_SIZE);
    }

    private static boolean sameFile(final String input, final String output)
    {
        if (input == null || output == null || STDIO.equals(input) || STDIO.equals(output))
        {
            return false;
        }
        try
        {
            return Files.exists(Path.of(output)) && Files.isSameFile(Path.of(input), Path.of(output));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private String inputName()
    {
        return STDIO.equals(input) ? "<stdin>" : input;
    }

    private static int fail(final PrintWriter err, final String message)
    {
        err.println("arbiter match: " + message);
        err.flush();
        return ArbiterMain.EXIT_FAILURE;
    }
}
