package io.arbiter.engine;

import io.arbiter.engine.support.CommandGenerator;
import io.arbiter.engine.support.CommandGenerator.InstrumentSpec;
import io.arbiter.engine.support.RecordingExecutionListener;
import io.arbiter.engine.support.ReferenceBook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot + replay == live, with every order type and command of issue #17 in the stream: at points along a seeded
 * extended stream the live engine is copied through its snapshot walk ({@link SnapshotRestorer}), and the copy, fed
 * the rest of the stream, must emit exactly the live engine's events and end with its state hash. Waiting stops,
 * iceberg slices and hidden quantity, GTD expiries, halted and banded instruments, delisted ids, the last trade
 * prices, the clock and the acceptance numbers all have to survive the copy for that to hold.
 */
class SnapshotReplayTest
{
    private static final List<InstrumentSpec> INSTRUMENTS = List.of(
        new InstrumentSpec("AAA", 1_000_000L, 1, 10_000),
        new InstrumentSpec("BBB", 50_000_000L, 10, 200));
    private static final int COMMANDS = 6_000;
    private static final int COPY_EVERY = 1_500;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 17, 99})
    void shouldMatchTheLiveEngineAfterASnapshotCopy(final long seed)
    {
        final EngineContext context = new EngineContext().orderPoolSize(64).levelPoolSize(16);
        final ReferenceBook reference = new ReferenceBook(context, NoOpExecutionListener.INSTANCE);
        final RecordingExecutionListener liveEvents = new RecordingExecutionListener();
        final MatchingEngine live = new MatchingEngine(context, liveEvents);
        for (final InstrumentSpec spec : INSTRUMENTS)
        {
            reference.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
            live.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
        }
        final CommandGenerator generator =
            new CommandGenerator(seed, reference, INSTRUMENTS, 3, 4, context.maxQuantity(), context.maxPriceTicks())
                .extended();
        final List<MatchingEngine> copies = new ArrayList<>();
        final List<RecordingExecutionListener> copyEvents = new ArrayList<>();
        int waitingStopsSeen = 0;
        for (int i = 0; i < COMMANDS; i++)
        {
            if (i > 0 && i % COPY_EVERY == 0)
            {
                final RecordingExecutionListener events = new RecordingExecutionListener();
                final MatchingEngine copy = new MatchingEngine(context, events);
                live.snapshot(new SnapshotRestorer(copy));
                assertEquals(live.stateHash(), copy.stateHash(), "seed " + seed + ": hash of the copy at " + i);
                copies.add(copy);
                copyEvents.add(events);
            }
            final Command command = generator.next();
            reference.onCommand(command);
            liveEvents.clear();
            live.onCommand(command);
            for (int c = 0; c < copies.size(); c++)
            {
                copyEvents.get(c).clear();
                copies.get(c).onCommand(command);
                assertEquals(liveEvents.fullEvents(), copyEvents.get(c).fullEvents(),
                    "seed " + seed + ", command " + i + " " + command + ", copy " + c);
            }
            if (command.type() == CommandType.DELIST && liveEvents.events().contains(
                "DELIST_STATE," + command.instrumentId() + ",0"))
            {
                final Instrument delisted = live.instrument(command.instrumentId());
                reference.addInstrument(delisted.symbol(), delisted.tickSizeUnits(), delisted.lotSize());
                live.addInstrument(delisted.symbol(), delisted.tickSizeUnits(), delisted.lotSize());
                for (final MatchingEngine copy : copies)
                {
                    copy.addInstrument(delisted.symbol(), delisted.tickSizeUnits(), delisted.lotSize());
                }
            }
            if (live.openOrderCount() > 0 && command.type() == CommandType.NEW &&
                command.orderType() == OrderType.STOP_LIMIT && liveEvents.events().size() == 1)
            {
                waitingStopsSeen++;
            }
        }
        assertEquals(reference.stateHash(), live.stateHash(), "seed " + seed + ": live engine against the reference");
        for (final MatchingEngine copy : copies)
        {
            assertEquals(live.stateHash(), copy.stateHash(), "seed " + seed + ": hash at the end");
        }
        assertEquals(COMMANDS / COPY_EVERY - (COMMANDS % COPY_EVERY == 0 ? 1 : 0), copies.size());
        assertTrue(waitingStopsSeen > 0, "the stream leaves stops waiting");
    }
}
