package io.arbiter.engine;

import io.arbiter.engine.support.CommandGenerator;
import io.arbiter.engine.support.CommandGenerator.InstrumentSpec;
import io.arbiter.engine.support.RecordingExecutionListener;
import io.arbiter.engine.support.ReferenceBook;
import io.arbiter.engine.support.SnapshotLines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine on primitive columns ({@link MatchingEngine}) against the engine as it was on linked objects
 * ({@link ObjectGraphMatchingEngine}): the same seeded command streams, every event of every command compared, and the
 * state hash, snapshot walk, open orders and trade count compared along the way and at the end. The state hash must
 * be the same value for the same state, so that snapshots and journals written before the change still verify.
 */
class StorageEquivalenceTest
{
    private static final List<InstrumentSpec> INSTRUMENTS = List.of(
        new InstrumentSpec("AAA", 1_000_000L, 1, 10_000),
        new InstrumentSpec("BBB", 50_000_000L, 10, 200),
        new InstrumentSpec("CCC", 1L, 100, 50));
    private static final int COMMANDS = 60_000;
    private static final int CHECK_STATE_EVERY = 997;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20_240_601, 7_777_777})
    void shouldEmitTheSameEventsAndHashAsTheObjectGraphEngine(final long seed)
    {
        // Small pools for some seeds, so that the stores' growth paths run too.
        final EngineContext context = new EngineContext()
            .orderPoolSize(seed % 2 == 0 ? 3 : 4096)
            .levelPoolSize(seed % 3 == 0 ? 2 : 512);
        final RecordingExecutionListener oldEvents = new RecordingExecutionListener();
        final RecordingExecutionListener newEvents = new RecordingExecutionListener();
        final ReferenceBook oracle = new ReferenceBook(context, new RecordingExecutionListener());
        final ObjectGraphMatchingEngine objects = new ObjectGraphMatchingEngine(context, oldEvents);
        final MatchingEngine columns = new MatchingEngine(context, newEvents);
        for (final InstrumentSpec spec : INSTRUMENTS)
        {
            oracle.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
            objects.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
            columns.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
        }
        final CommandGenerator generator = new CommandGenerator(
            seed, oracle, INSTRUMENTS, 3, 6, context.maxQuantity(), context.maxPriceTicks());

        int mostResting = 0;
        for (int i = 0; i < COMMANDS; i++)
        {
            final Command command = generator.next();
            oracle.onCommand(command);
            objects.onCommand(command);
            columns.onCommand(command);
            final List<String> expected = oldEvents.drain();
            final List<String> actual = newEvents.drain();
            assertEquals(expected, actual, "seed " + seed + ", command " + i + ": " + command);
            if (i % CHECK_STATE_EVERY == 0)
            {
                assertSameState(objects, columns, "seed " + seed + ", after command " + i);
            }
            mostResting = Math.max(mostResting, columns.openOrderCount());
        }
        assertSameState(objects, columns, "seed " + seed + ", at the end");
        assertTrue(columns.tradeCount() > 1_000, "the stream trades: " + columns.tradeCount());
        assertTrue(mostResting >= 20, "orders rested at once, at most: " + mostResting);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 6})
    void shouldRestoreTheObjectGraphEnginesSnapshotToTheSameHash(final long seed)
    {
        final EngineContext context = new EngineContext();
        final ReferenceBook oracle = new ReferenceBook(context, new RecordingExecutionListener());
        final ObjectGraphMatchingEngine objects = new ObjectGraphMatchingEngine(context,
            NoOpExecutionListener.INSTANCE);
        for (final InstrumentSpec spec : INSTRUMENTS)
        {
            oracle.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
            objects.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
        }
        final CommandGenerator generator = new CommandGenerator(
            seed, oracle, INSTRUMENTS, 4, 8, context.maxQuantity(), context.maxPriceTicks());
        // Stop where the books are deep, so that the snapshot carries many orders over several levels.
        for (int i = 0; i < 100_000 && objects.openOrderCount() < 20; i++)
        {
            final Command command = generator.next();
            oracle.onCommand(command);
            objects.onCommand(command);
        }

        final MatchingEngine restored = new MatchingEngine(context, NoOpExecutionListener.INSTANCE);
        objects.snapshot(new SnapshotRestorer(restored));
        assertTrue(objects.openOrderCount() >= 20, "orders rest: " + objects.openOrderCount());
        assertSameState(objects, restored, "seed " + seed + ", restored");
    }

    private static void assertSameState(
        final ObjectGraphMatchingEngine objects, final MatchingEngine columns, final String where)
    {
        assertEquals(objects.stateHash(), columns.stateHash(), where + ": state hash");
        assertEquals(objects.openOrderCount(), columns.openOrderCount(), where + ": open orders");
        assertEquals(objects.tradeCount(), columns.tradeCount(), where + ": trades");
        final List<String> expected = new ArrayList<>();
        final List<String> actual = new ArrayList<>();
        objects.snapshot(new SnapshotLines(expected));
        columns.snapshot(new SnapshotLines(actual));
        assertEquals(expected, actual, where + ": snapshot walk");
    }
}
