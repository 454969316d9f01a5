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
                engine.onCommand(command);
            }
            writer.commit(0);
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
