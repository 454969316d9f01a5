package io.arbiter.app.journal;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code arbiter journal}: parent of the journal tools ({@code dump}). Main thread only.
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Inspect a node's command journal (see the subcommands).",
    subcommands = { JournalDumpCommand.class })
public final class JournalCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    /**
     * Called when no subcommand is given: list the subcommands on stderr.
     *
     * @return {@link ArbiterMain#EXIT_USAGE}.
     */
    @Override
    public Integer call()
    {
        return ArbiterMain.missingSubcommand(spec);
    }
}
