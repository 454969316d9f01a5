package io.arbiter.engine;

import io.arbiter.engine.support.CommandGenerator;
import io.arbiter.engine.support.CommandGenerator.InstrumentSpec;
import io.arbiter.engine.support.RecordingExecutionListener;
import io.arbiter.engine.support.ReferenceBook;
import io.arbiter.engine.support.SnapshotLines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MatchingEngine#prefetch} changes nothing: one engine applies a seeded stream plainly, another applies the
 * same stream while looking ahead at every stage over the commands to come (as a tape replay or the matching thread
 * does, at several distances), and also with made-up arguments (unknown ids, ids of orders that are gone, instruments
 * out of range, no side). Every event of every command, the state hash and the snapshot walk must be the same.
 */
class PrefetchEquivalenceTest
{
    private static final List<InstrumentSpec> INSTRUMENTS = List.of(
        new InstrumentSpec("AAA", 1_000_000L, 1, 10_000),
        new InstrumentSpec("BBB", 50_000_000L, 10, 200));
    private static final int COMMANDS = 25_000;
    private static final CommandType[] TYPES = CommandType.values();

    @ParameterizedTest(name = "seed {0}, distance {1}, extended {2}")
    @CsvSource({"1, 1, false", "2, 4, false", "3, 7, true", "42, 2, true", "20240601, 16, false"})
    void shouldEmitTheSameEventsWithAndWithoutLookAhead(final long seed, final int distance, final boolean extended)
    {
        // a small order pool for some seeds, so that the store grows under a look-ahead too
        final EngineContext context = new EngineContext().orderPoolSize(seed % 2 == 0 ? 8 : 4096);
        final ReferenceBook reference = new ReferenceBook(context, new RecordingExecutionListener());
        final RecordingExecutionListener plainEvents = new RecordingExecutionListener();
        final RecordingExecutionListener aheadEvents = new RecordingExecutionListener();
        final MatchingEngine plain = new MatchingEngine(context, plainEvents);
        final MatchingEngine ahead = new MatchingEngine(context, aheadEvents);
        for (final InstrumentSpec spec : INSTRUMENTS)
        {
            reference.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
            plain.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
            ahead.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
        }
        final CommandGenerator generator = new CommandGenerator(
            seed, reference, INSTRUMENTS, 3, 6, context.maxQuantity(), context.maxPriceTicks());
        if (extended)
        {
            generator.extended();
        }
        // the stream is generated against the reference first, so the look-ahead can see the commands to come
        final List<Command> commands = new ArrayList<>(COMMANDS);
        final List<Boolean> relist = new ArrayList<>(COMMANDS);
        for (int i = 0; i < COMMANDS; i++)
        {
            final Command command = generator.next();
            reference.onCommand(command);
            final boolean delisted =
                command.type() == CommandType.DELIST && !reference.isListed(command.instrumentId());
            if (delisted)
            {
                relist(reference, command.instrumentId());
            }
            commands.add(command);
            relist.add(delisted);
        }

        final SplittableRandom random = new SplittableRandom(seed);
        int cancelsAndReplaces = 0;
        for (int i = 0; i < COMMANDS; i++)
        {
            for (int stage = MatchingEngine.PREFETCH_SLOT; stage <= MatchingEngine.PREFETCH_NEIGHBOURS; stage++)
            {
                final int later = i + (MatchingEngine.PREFETCH_NEIGHBOURS + 1 - stage) * distance;
                if (later < COMMANDS)
                {
                    final Command next = commands.get(later);
                    ahead.prefetch(next.type(), next.orderId(), next.instrumentId(), next.side(), stage);
                }
            }
            if (random.nextInt(8) == 0)
            {
                ahead.prefetch(TYPES[random.nextInt(TYPES.length)], random.nextLong(1, 1 << 20),
                    random.nextInt(-2, 5), random.nextBoolean() ? null : Side.get(random.nextInt(2)),
                    random.nextInt(MatchingEngine.PREFETCH_NEIGHBOURS + 1));
            }
            final Command command = commands.get(i);
            if (command.type() == CommandType.CANCEL || command.type() == CommandType.REPLACE)
            {
                cancelsAndReplaces++;
            }
            plain.onCommand(command);
            ahead.onCommand(command);
            assertEquals(plainEvents.drain(), aheadEvents.drain(), "seed " + seed + ", command " + i + ": " + command);
            if (relist.get(i))
            {
                relist(plain, command.instrumentId());
                relist(ahead, command.instrumentId());
            }
        }
        assertEquals(plain.stateHash(), ahead.stateHash(), "state hash");
        assertEquals(plain.openOrderCount(), ahead.openOrderCount(), "open orders");
        final List<String> expected = new ArrayList<>();
        final List<String> actual = new ArrayList<>();
        plain.snapshot(new SnapshotLines(expected));
        ahead.snapshot(new SnapshotLines(actual));
        assertEquals(expected, actual, "snapshot walk");
        assertTrue(plain.tradeCount() > 1_000, "the stream trades: " + plain.tradeCount());
        assertTrue(cancelsAndReplaces > 1_000, "the stream cancels and replaces: " + cancelsAndReplaces);
    }

    private static void relist(final ReferenceBook reference, final int instrumentId)
    {
        final Instrument delisted = reference.instrument(instrumentId);
        reference.addInstrument(delisted.symbol(), delisted.tickSizeUnits(), delisted.lotSize());
    }

    private static void relist(final MatchingEngine engine, final int instrumentId)
    {
        final Instrument delisted = engine.instrument(instrumentId);
        engine.addInstrument(delisted.symbol(), delisted.tickSizeUnits(), delisted.lotSize());
    }
}
