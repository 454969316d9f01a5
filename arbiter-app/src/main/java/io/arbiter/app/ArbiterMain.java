package io.arbiter.app;

import java.util.concurrent.Callable;

import io.arbiter.app.admin.AdminCommand;
import io.arbiter.app.bench.BenchCommand;
import io.arbiter.app.book.BookCommand;
import io.arbiter.app.cluster.ClusterNodeCommand;
import io.arbiter.app.demo.DemoCommand;
import io.arbiter.app.journal.JournalCommand;
import io.arbiter.app.journal.ReplayCommand;
import io.arbiter.app.loadgen.LoadgenCommand;
import io.arbiter.app.logging.LoggingSetup;
import io.arbiter.app.match.MatchCommand;
import io.arbiter.app.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code arbiter} command: entry point of the runnable jar, dispatching to its subcommands. Exit codes are
 * {@link #EXIT_OK}, {@link #EXIT_FAILURE} and {@link #EXIT_USAGE}. Used from the main thread only.
 */
@Command(
    name = "arbiter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Arbiter: a price-time-priority order matching engine for the JVM.",
    subcommands = {
        DemoCommand.class, ServerCommand.class, LoadgenCommand.class, MatchCommand.class, BenchCommand.class,
        ReplayCommand.class, JournalCommand.class, BookCommand.class, ClusterNodeCommand.class, AdminCommand.class,
        CommandLine.HelpCommand.class },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:runtime failure (malformed input, I/O error)",
        "2:usage error"
    })
public final class ArbiterMain implements Callable<Integer>
{
    /** Exit code of a successful run. */
    public static final int EXIT_OK = CommandLine.ExitCode.OK;
    /** Exit code of a run that failed at runtime, for example on malformed input. */
    public static final int EXIT_FAILURE = CommandLine.ExitCode.SOFTWARE;
    /** Exit code of a command line that could not be parsed. */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    private CommandSpec spec;

    /**
     * Run {@code arbiter} and exit with its exit code.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        LoggingSetup.configure(System.err);
        System.exit(commandLine().execute(args));
    }

    /**
     * Produces garbage.
     *
     * @return a new picocli command line for {@code arbiter} and all its subcommands, writing to the standard streams.
     */
    public static CommandLine commandLine()
    {
        return new CommandLine(new ArbiterMain());
    }

    /**
     * Called when no subcommand is given: print the usage to stderr.
     *
     * @return {@link #EXIT_USAGE}.
     */
    @Override
    public Integer call()
    {
        return missingSubcommand(spec);
    }

    /**
     * Report a missing subcommand of a parent command and print its usage, listing the subcommands, to stderr.
     *
     * @param spec of the parent command.
     * @return {@link #EXIT_USAGE}.
     */
    public static int missingSubcommand(final CommandSpec spec)
    {
        final CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println(spec.qualifiedName() + ": missing subcommand");
        commandLine.usage(commandLine.getErr());
        commandLine.getErr().flush();
        return EXIT_USAGE;
    }
}
