package io.arbiter.app.journal;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.JournalCorruptedException;
import io.arbiter.journal.ReplayReport;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ConfigException;
import io.arbiter.server.config.ServerConfigLoader;
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
 * {@code arbiter replay}: rebuild the engine from a data directory (latest valid snapshot plus the journal after it,
 * or the whole journal with {@code --from-scratch}) and print what was replayed, the last sequence, open orders,
 * trades and the state hash. Read-only: a torn tail is reported, not repaired. Main thread only.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Verify a node's snapshots and journal by replaying them into a fresh engine, then",
        "print the last sequence, command counts, open orders, trades and the state hash.",
        "Instruments come from --config (on top of the embedded default) or the embedded",
        "default configuration, in the same order as the server defines them. Read-only.",
        ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:replayed",
        "1:journal or snapshot corrupted, or I/O error (message on stderr)",
        "2:usage error or bad configuration"
    })
public final class ReplayCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "The node's data directory.")
    private Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Server configuration (properties) giving the instruments and engine pool sizes.")
    private Path config;

    @Option(names = "--from-scratch",
        description = "Ignore snapshots and replay the whole journal from sequence 1 (needs retention keep).")
    private boolean fromScratch;

    /**
     * Run the replay.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dataDir))
        {
            err.println("arbiter replay: no such directory: " + dataDir);
            err.flush();
            return ArbiterMain.EXIT_USAGE;
        }
        final ServerContext context;
        try
        {
            final ServerConfigLoader loader = new ServerConfigLoader();
            context = config == null ? loader.loadDefaults() : loader.applyFile(loader.loadDefaults(), config);
        }
        catch (final ConfigException ex)
        {
            err.println("arbiter replay: bad configuration: " + ex.getMessage());
            err.flush();
            return ArbiterMain.EXIT_USAGE;
        }
        final MatchingEngine engine = new MatchingEngine(
            new EngineContext().orderPoolSize(context.orderPoolSize()).levelPoolSize(context.levelPoolSize()),
            NoOpExecutionListener.INSTANCE);
        for (final InstrumentConfig instrument : context.instruments())
        {
            engine.addInstrument(instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
        }
        final JournalContext journalContext = new JournalContext()
            .dataDir(dataDir)
            .warningSink(message -> err.println("warning: " + message));
        try
        {
            final ReplayReport report = ReplayReport.run(journalContext, engine, fromScratch);
            report.print(out);
            out.flush();
            err.flush();
            return ArbiterMain.EXIT_OK;
        }
        catch (final JournalCorruptedException | IllegalStateException | UncheckedIOException ex)
        {
            out.flush();
            err.println("arbiter replay: " + ex.getMessage());
            err.flush();
            return ArbiterMain.EXIT_FAILURE;
        }
    }
}
