package io.arbiter.cluster.service;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.engine.support.CommandGenerator;
import io.arbiter.engine.support.CommandGenerator.InstrumentSpec;
import io.arbiter.engine.support.RecordingExecutionListener;
import io.arbiter.engine.support.ReferenceBook;
import io.arbiter.engine.support.SnapshotLines;
import io.arbiter.journal.JournalCorruptedException;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSnapshotCodecTest
{
    private static final List<InstrumentSpec> INSTRUMENTS = List.of(
        new InstrumentSpec("AAA", 1_000_000L, 1, 10_000),
        new InstrumentSpec("BBB", 50_000_000L, 10, 200));
    private static final String RISKY = "BTC-USD";
    private static final int COMMANDS = 4_000;

    @Test
    void shouldRestoreAnIdenticalEngineFromItsSnapshot()
    {
        for (final long seed : new long[] {1, 2, 3})
        {
            final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
            final CommandGenerator generator = CommandGenerator.standalone(seed);
            final Command command = new Command();
            for (int i = 1; i <= 20_000; i++)
            {
                engine.onCommand(generator.next(command, i));
            }
            assertTrue(engine.openOrderCount() > 0, "seed " + seed + " leaves resting orders");

            final MatchingEngine restored = roundTrip(engine, 20_000);
            assertEquals(engine.stateHash(), restored.stateHash(), "seed " + seed);
            assertEquals(engine.openOrderCount(), restored.openOrderCount());
        }
    }

    /**
     * Stops, icebergs, GTD orders, halted, banded and delisted instruments (the extended stream of #17) and the risk
     * state of #18 (assets, balances, holds, fees and limits, a disabled account) survive the cluster snapshot, and
     * the restored engine then answers the same commands with the same events.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 17})
    void shouldRestoreStopsIcebergsGtdInstrumentStatesAndBalances(final long seed)
    {
        final EngineContext context = new EngineContext().orderPoolSize(256).levelPoolSize(64);
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
        for (int i = 0; i < COMMANDS; i++)
        {
            final Command command = generator.next();
            reference.onCommand(command);
            liveEvents.clear();
            live.onCommand(command);
            if (command.type() == CommandType.DELIST && liveEvents.events().contains(
                "DELIST_STATE," + command.instrumentId() + ",0"))
            {
                final Instrument delisted = live.instrument(command.instrumentId());
                reference.addInstrument(delisted.symbol(), delisted.tickSizeUnits(), delisted.lotSize());
                live.addInstrument(delisted.symbol(), delisted.tickSizeUnits(), delisted.lotSize());
            }
        }
        final int risky = addRiskState(live);
        addOrderTypes(live);

        final List<String> walk = walk(live);
        assertTrue(count(walk, "stop ") > 0, "seed " + seed + ": stops waiting");
        assertTrue(walk.stream().anyMatch(line -> line.startsWith("order ") && !line.split(" ")[8].equals("0")),
            "seed " + seed + ": icebergs resting");
        assertTrue(walk.stream().anyMatch(line -> line.contains(" GTD ")), "seed " + seed + ": GTD orders open");
        assertTrue(walk.stream().anyMatch(line -> line.startsWith("state ") &&
            (line.split(" ")[2].equals("true") || !line.split(" ")[4].equals("0"))),
            "seed " + seed + ": an instrument halted or banded");
        assertTrue(count(walk, "balance ") > 0 && count(walk, "hold ") > 0 && count(walk, "disabled ") == 1 &&
            count(walk, "fees ") == 1, "seed " + seed + ": risk state");
        assertTrue(live.clock() > 0, "seed " + seed + ": the clock moved");

        final RecordingExecutionListener restoredEvents = new RecordingExecutionListener();
        final MatchingEngine restored = roundTrip(live, COMMANDS, context, restoredEvents);
        assertEquals(walk, walk(restored), "seed " + seed + ": the restored engine's snapshot walk");
        assertEquals(live.stateHash(), restored.stateHash(), "seed " + seed);
        assertEquals(live.openOrderCount(), restored.openOrderCount());
        assertEquals(live.clock(), restored.clock());
        final int btc = live.riskControls().assetId("BTC");
        assertEquals(live.balances().available(7, btc), restored.balances().available(7, btc));
        assertEquals(live.balances().held(7, btc), restored.balances().held(7, btc));
        assertEquals(live.instrument(risky).baseAsset(), restored.instrument(risky).baseAsset());

        // the same commands afterwards give the same events on both
        final Command command = new Command();
        for (int i = 0; i < 500; i++)
        {
            generator.next(command);
            reference.onCommand(command);
            liveEvents.clear();
            restoredEvents.clear();
            live.onCommand(command);
            restored.onCommand(command);
            assertEquals(liveEvents.fullEvents(), restoredEvents.fullEvents(), "seed " + seed + ", command " + i);
            if (command.type() == CommandType.DELIST)
            {
                break;
            }
        }
        // an expiry after the restore: the GTD orders expire alike on both
        liveEvents.clear();
        restoredEvents.clear();
        live.onCommand(command.clock(Long.MAX_VALUE / 2));
        restored.onCommand(command);
        assertEquals(liveEvents.fullEvents(), restoredEvents.fullEvents(), "seed " + seed + ": expiries");
        assertEquals(live.stateHash(), restored.stateHash(), "seed " + seed + " at the end");
    }

    @Test
    void shouldRefuseADamagedSnapshot()
    {
        final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final CommandGenerator generator = CommandGenerator.standalone(5);
        final Command command = new Command();
        for (int i = 1; i <= 1_000; i++)
        {
            engine.onCommand(generator.next(command, i));
        }
        final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(1024);
        final int end = EngineSnapshotCodec.encode(engine, 1_000, buffer, 8);
        buffer.putByte(end - 40, (byte)(buffer.getByte(end - 40) ^ 1));
        final MatchingEngine restored =
            new MatchingEngine(new EngineContext(), NoOpExecutionListener.INSTANCE);
        assertThrows(JournalCorruptedException.class, () -> EngineSnapshotCodec.decode(buffer, 8, restored));
        assertEquals(0, restored.instrumentCount(), "a damaged snapshot restores nothing");
    }

    private static int addRiskState(final MatchingEngine engine)
    {
        final int risky = engine.addInstrument(RISKY, Prices.UNIT, 1, "BTC", "USD").id();
        final int btc = engine.riskControls().assetId("BTC");
        final int usd = engine.riskControls().assetId("USD");
        engine.riskControls().fees(risky, 10, 20);
        engine.riskControls().limits(risky, 1_000, Prices.parse("1000000"));
        engine.riskControls().deposit(7, btc, Prices.parse("50"));
        engine.riskControls().deposit(8, usd, Prices.parse("100000"));
        engine.riskControls().deposit(9, usd, Prices.parse("500"));
        engine.riskControls().disable(9);
        engine.riskControls().endControlCommand();
        final Command command = new Command();
        engine.onCommand(command.newOrder(1L << 40, 7, risky, Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
            Prices.parse("101"), 20, SelfTradePrevention.NONE));
        engine.onCommand(command.newOrder((1L << 40) + 1, 8, risky, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            Prices.parse("99"), 30, SelfTradePrevention.NONE));
        engine.onCommand(command.newOrder((1L << 40) + 2, 8, risky, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            Prices.parse("101"), 5, SelfTradePrevention.NONE));
        assertNotEquals(0, engine.balances().held(7, btc));
        return risky;
    }

    /**
     * On a fresh instrument: a trade at 100, a waiting stop on each side, an iceberg, a GTD order; then a band on it
     * and a second fresh instrument halted.
     */
    private static void addOrderTypes(final MatchingEngine engine)
    {
        final int id = engine.addInstrument("EXT", Prices.UNIT, 1).id();
        final int halted = engine.addInstrument("HLT", Prices.UNIT, 1).id();
        final Command command = new Command();
        final long base = 2L << 40;
        engine.onCommand(command.newOrder(base, 21, id, Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
            Prices.parse("100"), 1, SelfTradePrevention.NONE));
        engine.onCommand(command.newOrder(base + 1, 22, id, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            Prices.parse("100"), 1, SelfTradePrevention.NONE));
        engine.onCommand(command.newOrder(base + 2, 21, id, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC,
            Prices.parse("111"), 3, SelfTradePrevention.NONE).stopPrice(Prices.parse("110")));
        engine.onCommand(command.newOrder(base + 3, 22, id, Side.SELL, OrderType.STOP_MARKET, TimeInForce.GTC,
            Prices.NULL_PRICE, 2, SelfTradePrevention.NONE).stopPrice(Prices.parse("90")));
        engine.onCommand(command.newOrder(base + 4, 21, id, Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
            Prices.parse("105"), 50, SelfTradePrevention.NONE).displayQuantity(5));
        engine.onCommand(command.newOrder(base + 5, 22, id, Side.BUY, OrderType.LIMIT, TimeInForce.GTD,
            Prices.parse("95"), 4, SelfTradePrevention.NONE).time(Long.MAX_VALUE / 4));
        engine.onCommand(command.band(id, 2_000));
        engine.onCommand(command.instrumentCommand(CommandType.HALT, halted));
    }

    private static List<String> walk(final MatchingEngine engine)
    {
        final List<String> lines = new ArrayList<>();
        engine.snapshot(new SnapshotLines(lines));
        return lines;
    }

    private static long count(final List<String> lines, final String prefix)
    {
        return lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    private static MatchingEngine roundTrip(final MatchingEngine engine, final long lastSequence)
    {
        return roundTrip(engine, lastSequence, new EngineContext(), NoOpExecutionListener.INSTANCE);
    }

    private static MatchingEngine roundTrip(
        final MatchingEngine engine,
        final long lastSequence,
        final EngineContext context,
        final io.arbiter.engine.ExecutionListener listener)
    {
        final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(1024);
        final int end = EngineSnapshotCodec.encode(engine, lastSequence, buffer, 8);
        final MatchingEngine restored = new MatchingEngine(context, listener);
        assertEquals(end, EngineSnapshotCodec.decode(buffer, 8, restored));
        return restored;
    }
}
