package io.arbiter.app.bench;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A command run in this JVM with its standard output and error captured (the bench commands print to
 * {@code System.out} and {@code System.err} directly). Test thread only.
 *
 * @param exitCode the command's exit code.
 * @param out      what it printed on standard output.
 * @param err      what it printed on standard error.
 */
record CapturedRun(int exitCode, String out, String err)
{
    /**
     * Run {@code command} with {@code args}, restoring the JVM's streams afterwards.
     *
     * @param command the picocli command object.
     * @param args    its arguments.
     * @return the exit code and both outputs.
     */
    static CapturedRun execute(final Object command, final String... args)
    {
        final PrintStream stdout = System.out;
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode;
        try
        {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = new CommandLine(command).execute(args);
        }
        finally
        {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return new CapturedRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
