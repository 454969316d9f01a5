package io.arbiter.app.journal;

import io.arbiter.app.ArbiterMain;
import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.JournalWriter;
import io.arbiter.journal.SnapshotWriter;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code arbiter replay} and {@code arbiter journal dump} over a journal written here with the embedded default
 * instruments. Single-threaded.
 */
class JournalToolsCommandTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        final CommandLine commandLine = ArbiterMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private long writeJournal()
    {
        return writeJournal(false);
    }

    /**
     * @param divergentSnapshot true: the last order is journaled but not applied, and a snapshot of the state without
     *                          it is written at the last sequence (what a node that threw after journaling left).
     */
    private long writeJournal(final boolean divergentSnapshot)
    {
        final MatchingEngine engine = new MatchingEngine(new EngineContext(), NoOpExecutionListener.INSTANCE);
        for (final InstrumentConfig instrument : new ServerConfigLoader().loadDefaults().instruments())
        {
            engine.addInstrument(instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
        }
        try (JournalWriter writer = new JournalWriter(new JournalContext().dataDir(dir), 0))
        {
            final Command command = new Command();
            for (int i = 1; i <= 6; i++)
            {
                command.newOrder(i, 7, 0, i % 2 == 0 ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                    (100 + i % 3) * Prices.UNIT, 4, SelfTradePrevention.NONE).sequence(i).timestampNs(1000 + i);
                writer.append(command);
                if (!divergentSnapshot || i < 6)
                {
                    engine.onCommand(command);
                }
            }
            writer.commit(0);
        }
        if (divergentSnapshot)
        {
            new SnapshotWriter(new JournalContext().dataDir(dir)).write(engine, 6);
        }
        return engine.stateHash();
    }

    @Test
    void shouldReplayTheJournalAndPrintTheStateHash()
    {
        final long hash = writeJournal();

        assertEquals(ArbiterMain.EXIT_OK, run("replay", "--data-dir", dir.toString(), "--from-scratch"),
            err.toString());

        assertTrue(out.toString().contains(String.format("%016x", hash)), out.toString());
    }

    @Test
    void shouldCrossCheckTheSnapshotAgainstAReplayFromScratch()
    {
        final long hash = writeJournal();
        new SnapshotWriter(new JournalContext().dataDir(dir)).write(replayedEngine(), 6);

        assertEquals(ArbiterMain.EXIT_OK, run("replay", "--data-dir", dir.toString()), err.toString());
        assertTrue(out.toString().contains("cross-check:     full replay agrees"), out.toString());
        assertTrue(out.toString().contains(Long.toHexString(hash)), out.toString());
    }

    @Test
    void shouldExitNonZeroWhenTheSnapshotAndTheReplayFromScratchDisagree()
    {
        writeJournal(true);

        assertEquals(ArbiterMain.EXIT_FAILURE, run("replay", "--data-dir", dir.toString()), out.toString());
        assertTrue(err.toString().contains("disagree"), err.toString());
        out.getBuffer().setLength(0);
        assertEquals(ArbiterMain.EXIT_FAILURE, run("replay", "--data-dir", dir.toString(), "--from-scratch"));
        assertTrue(out.toString().contains("snapshot + replay DISAGREES"), out.toString());
    }

    private MatchingEngine replayedEngine()
    {
        final MatchingEngine engine = new MatchingEngine(new EngineContext(), NoOpExecutionListener.INSTANCE);
        for (final InstrumentConfig instrument : new ServerConfigLoader().loadDefaults().instruments())
        {
            engine.addInstrument(instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
        }
        new io.arbiter.journal.Recovery(new JournalContext().dataDir(dir)).repair(false).recover(engine);
        return engine;
    }

    @Test
    void shouldDumpRecordsFromASequence()
    {
        writeJournal();

        assertEquals(ArbiterMain.EXIT_OK,
            run("journal", "dump", "--data-dir", dir.toString(), "--from", "3", "--limit", "2"), err.toString());

        final String text = out.toString();
        assertTrue(text.lines().anyMatch(l -> l.startsWith("3 ")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("4 ")), text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("5 ")), text);
    }

    @Test
    void shouldRefuseAMissingDirectory()
    {
        assertEquals(ArbiterMain.EXIT_USAGE, run("replay", "--data-dir", dir.resolve("nope").toString()));
        assertEquals(ArbiterMain.EXIT_USAGE, run("journal"));
    }
}
