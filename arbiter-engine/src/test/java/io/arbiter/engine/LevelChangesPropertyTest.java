package io.arbiter.engine;

import io.arbiter.engine.support.CommandGenerator;
import io.arbiter.engine.support.CommandGenerator.InstrumentSpec;
import io.arbiter.engine.support.RecordingExecutionListener;
import io.arbiter.engine.support.ReferenceBook;
import io.arbiter.engine.support.SnapshotLines;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property test of {@link LevelListener}: over seeded random command streams, a book rebuilt only from the reported
 * level changes equals the engine's own book (aggregated from its snapshot) after every command; every reported level
 * differs from its state before the command; the reports come in the documented order; rejected commands report none.
 */
class LevelChangesPropertyTest
{
    private static final List<InstrumentSpec> INSTRUMENTS = List.of(
        new InstrumentSpec("AAA", 1_000_000L, 1, 10_000),
        new InstrumentSpec("BBB", 50_000_000L, 10, 200),
        new InstrumentSpec("CCC", 1L, 100, 50));
    private static final int STREAMS = 60;
    private static final int STREAM_LENGTH = 3_000;

    /** Key of one level: instrument, side (0 buy, 1 sell) and price, ordered as the reports must be. */
    private record LevelKey(int instrumentId, int side, long price) implements Comparable<LevelKey>
    {
        @Override
        public int compareTo(final LevelKey other)
        {
            if (instrumentId != other.instrumentId)
            {
                return Integer.compare(instrumentId, other.instrumentId);
            }
            if (side != other.side)
            {
                return Integer.compare(side, other.side);
            }
            return side == 0 ? Long.compare(other.price, price) : Long.compare(price, other.price);
        }
    }

    private record LevelState(long quantity, int count)
    {
    }

    @Test
    void shouldRebuildTheEnginesBookFromLevelChangesAfterEveryCommand()
    {
        for (long seed = 1; seed <= STREAMS; seed++)
        {
            runStream(seed);
        }
    }

    private static void runStream(final long seed)
    {
        final EngineContext context = new EngineContext()
            .orderPoolSize(seed % 3 == 0 ? 4 : 1024)
            .levelPoolSize(seed % 3 == 0 ? 2 : 256);
        final ReferenceBook reference = new ReferenceBook(context, NoOpExecutionListener.INSTANCE);
        final List<LevelKey> reported = new ArrayList<>();
        final List<LevelState> reportedStates = new ArrayList<>();
        final RecordingExecutionListener events = new RecordingExecutionListener();
        final MatchingEngine engine = new MatchingEngine(context, events, (instrumentId, side, price, qty, count) ->
        {
            reported.add(new LevelKey(instrumentId, side == Side.BUY ? 0 : 1, price));
            reportedStates.add(new LevelState(qty, count));
        });
        for (final InstrumentSpec spec : INSTRUMENTS)
        {
            reference.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
            engine.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
        }
        final CommandGenerator generator = new CommandGenerator(
            seed, reference, INSTRUMENTS, 3, 2 + seed % 6, EngineContext.DEFAULT_MAX_QUANTITY,
            EngineContext.DEFAULT_MAX_PRICE_TICKS);
        final TreeMap<LevelKey, LevelState> rebuilt = new TreeMap<>();
        for (int i = 0; i < STREAM_LENGTH; i++)
        {
            final Command command = generator.next();
            reference.onCommand(command);
            reported.clear();
            reportedStates.clear();
            events.clear();
            engine.onCommand(new Command().copyFrom(command));
            final String where = "seed " + seed + " command " + i + " " + command;
            if (events.fullEvents().stream().anyMatch(e -> e.startsWith("REJECTED")))
            {
                assertEquals(List.of(), reported, where + ": a rejected command reports no level");
            }
            for (int r = 0; r < reported.size(); r++)
            {
                final LevelKey key = reported.get(r);
                if (r > 0)
                {
                    assertTrue(reported.get(r - 1).compareTo(key) < 0, where + ": order of " + reported);
                }
                final LevelState state = reportedStates.get(r);
                final LevelState before = rebuilt.getOrDefault(key, new LevelState(0, 0));
                assertNotEquals(before, state, where + ": level reported unchanged " + key);
                if (state.quantity() == 0 && state.count() == 0)
                {
                    rebuilt.remove(key);
                }
                else
                {
                    rebuilt.put(key, state);
                }
            }
            assertEquals(bookOf(engine), rebuilt, where);
        }
    }

    private static Map<LevelKey, LevelState> bookOf(final MatchingEngine engine)
    {
        final TreeMap<LevelKey, LevelState> book = new TreeMap<>();
        final List<String> lines = new ArrayList<>();
        engine.snapshot(new SnapshotLines(lines));
        for (final String line : lines)
        {
            final String[] f = line.split(" ");
            if (f[0].equals("order"))
            {
                book.merge(
                    new LevelKey(Integer.parseInt(f[1]), f[2].equals("BUY") ? 0 : 1, Long.parseLong(f[5])),
                    new LevelState(Long.parseLong(f[6]), 1),
                    (a, b) -> new LevelState(a.quantity() + b.quantity(), a.count() + b.count()));
            }
        }
        return book;
    }
}
