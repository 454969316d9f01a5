package io.arbiter.app.bench;

import java.util.concurrent.Callable;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code arbiter bench}: the parent of the benchmark subcommands. Run alone, it lists them and exits with a usage
 * error. Used from the main thread only.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run a benchmark (see the subcommands).",
    subcommands = { BenchEngineCommand.class, BenchPipelineCommand.class, BenchEchoCommand.class,
        BenchE2eCommand.class, BenchSlowReaderCommand.class, BenchIdleSessionsCommand.class,
        BenchIdleClientsCommand.class, BenchClusterCommand.class, BenchMarketDataCommand.class,
        BenchFixCommand.class, BenchFanOutCommand.class })
public final class BenchCommand implements Callable<Integer>
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
