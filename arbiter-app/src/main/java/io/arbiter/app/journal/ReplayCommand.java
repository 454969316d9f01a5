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
        "When a snapshot exists and the journal still starts at sequence 1, both ways are",
        "run (snapshot + tail, and the whole journal from scratch) and must reach the same",
        "last sequence, open orders, trades and state hash.",
        ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:replayed (and, when a snapshot was used, the journal replayed from scratch agrees with it)",
        "1:journal or snapshot corrupted, I/O error, or the snapshot and the replay from scratch disagree",
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
        final JournalContext journalContext = new JournalContext()
            .dataDir(dataDir)
            .warningSink(message -> err.println("warning: " + message));
        final ReplayReport report;
        try
        {
            report = ReplayReport.run(journalContext, engine(context), fromScratch);
            report.print(out);
            out.flush();
            err.flush();
        }
        catch (final JournalCorruptedException | IllegalStateException | UncheckedIOException ex)
        {
            out.flush();
            err.println("arbiter replay: " + ex.getMessage());
            err.flush();
            return ArbiterMain.EXIT_FAILURE;
        }
        return crossCheck(context, report, out, err);
    }

    /**
     * Replay the other way (from scratch after a snapshot replay, with snapshots after a full one) and compare.
     */
    private int crossCheck(
        final ServerContext context, final ReplayReport report, final PrintWriter out, final PrintWriter err)
    {
        final ReplayReport other;
        try
        {
            other = ReplayReport.run(new JournalContext().dataDir(dataDir).warningSink(message -> { }),
                engine(context), !fromScratch);
        }
        catch (final JournalCorruptedException | IllegalStateException | UncheckedIOException ex)
        {
            out.println("cross-check:     skipped (" + ex.getMessage() + ")");
            out.flush();
            return ArbiterMain.EXIT_OK;
        }
        if ((fromScratch ? other : report).result().snapshot() == null)
        {
            out.println("cross-check:     no snapshot to compare with");
            out.flush();
            return ArbiterMain.EXIT_OK;
        }
        final String mine = summary(report);
        final String theirs = summary(other);
        final String otherMode = fromScratch ? "snapshot + replay" : "full replay";
        if (mine.equals(theirs))
        {
            out.println("cross-check:     " + otherMode + " agrees (" + theirs + ")");
            out.flush();
            return ArbiterMain.EXIT_OK;
        }
        out.println("cross-check:     " + otherMode + " DISAGREES: " + theirs);
        out.flush();
        err.println("arbiter replay: the snapshot and the journal replayed from scratch disagree: " + mine + " vs " +
            otherMode + " " + theirs + " (the journal holds a command the live node did not apply as replay does)");
        err.flush();
        return ArbiterMain.EXIT_FAILURE;
    }

    private static String summary(final ReplayReport report)
    {
        return "last sequence " + report.lastSequence() + ", open orders " + report.openOrders() + ", trades " +
            report.tradeCount() + ", state hash " + Long.toHexString(report.stateHash());
    }

    private static MatchingEngine engine(final ServerContext context)
    {
        final MatchingEngine engine = new MatchingEngine(
            new EngineContext().orderPoolSize(context.orderPoolSize()).levelPoolSize(context.levelPoolSize()),
            NoOpExecutionListener.INSTANCE);
        for (final InstrumentConfig instrument : context.instruments())
        {
            engine.addInstrument(instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize(),
                instrument.baseAsset(), instrument.quoteAsset());
        }
        return engine;
    }
}
