package io.arbiter.engine;

import io.arbiter.engine.support.CommandGenerator;
import io.arbiter.engine.support.CommandGenerator.InstrumentSpec;
import io.arbiter.engine.support.EngineMatcher;
import io.arbiter.engine.support.Matcher;
import io.arbiter.engine.support.RecordingExecutionListener;
import io.arbiter.engine.support.ReferenceBook;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential test: the {@link MatchingEngine} and the naive {@link ReferenceBook} run the same seeded random command
 * streams; their events must be identical after every command and their state hashes, open order counts and trade
 * counts identical periodically and at the end. A failure names the seed and the first differing command, shows both
 * event lists, and shrinks the stream to a small reproduction.
 */
class MatchingEngineDifferentialTest
{
    private static final List<InstrumentSpec> INSTRUMENTS = List.of(
        new InstrumentSpec("AAA", 1_000_000L, 1, 10_000),
        new InstrumentSpec("BBB", 50_000_000L, 10, 200),
        new InstrumentSpec("CCC", 1L, 100, 50));
    private static final int SHORT_STREAMS = 200;
    private static final int SHORT_STREAM_LENGTH = 2_000;
    private static final int LONG_STREAM_LENGTH = 200_000;
    private static final long SHRINK_BUDGET_NS = 20_000_000_000L;
    /** Commands of the extended stream (issue #17) in the suite; more with -Darbiter.fuzz.commands=N. */
    private static final int EXTENDED_COMMANDS = Integer.getInteger("arbiter.fuzz.commands", 300_000);
    private static final int EXTENDED_STREAM_LENGTH = 3_000;

    /**
     * One run's configuration, all derived from its seed.
     */
    private record Scenario(
        long seed,
        int commandCount,
        int checkStateEvery,
        List<InstrumentSpec> instruments,
        int accounts,
        long spreadTicks,
        int orderPoolSize,
        int levelPoolSize,
        long maxQuantity,
        long maxPriceTicks)
    {
        static Scenario of(final long seed, final int commandCount, final int checkStateEvery)
        {
            final SplittableRandom random = new SplittableRandom(seed * 0x5DEECE66DL + 11);
            final List<InstrumentSpec> instruments = new ArrayList<>(INSTRUMENTS);
            if (random.nextBoolean())
            {
                instruments.remove(random.nextInt(instruments.size()));
            }
            final boolean smallPools = seed % 4 == 0;
            final boolean defaultPools = seed % 10 == 1 || commandCount > SHORT_STREAM_LENGTH;
            return new Scenario(
                seed,
                commandCount,
                checkStateEvery,
                instruments,
                2 + random.nextInt(3),
                2 + random.nextInt(7),
                smallPools ? 1 + random.nextInt(8) : defaultPools ? EngineContext.DEFAULT_ORDER_POOL_SIZE : 2048,
                smallPools ? 1 + random.nextInt(4) : defaultPools ? EngineContext.DEFAULT_LEVEL_POOL_SIZE : 256,
                seed % 5 == 0 ? 500 : EngineContext.DEFAULT_MAX_QUANTITY,
                seed % 7 == 0 ? 10_003 : EngineContext.DEFAULT_MAX_PRICE_TICKS);
        }

        EngineContext context()
        {
            return new EngineContext()
                .orderPoolSize(orderPoolSize)
                .levelPoolSize(levelPoolSize)
                .maxQuantity(maxQuantity)
                .maxPriceTicks(maxPriceTicks);
        }
    }

    /**
     * The engine and the reference side by side, each with its own recorder.
     */
    private static final class Pair
    {
        private final RecordingExecutionListener engineEvents = new RecordingExecutionListener();
        private final RecordingExecutionListener referenceEvents = new RecordingExecutionListener();
        private final Command engineCommand = new Command();
        private final Matcher engine;
        private final ReferenceBook reference;
        private List<String> lastEngineEvents = List.of();
        private List<String> lastReferenceEvents = List.of();

        Pair(final Scenario scenario)
        {
            engine = new EngineMatcher(scenario.context(), engineEvents);
            reference = new ReferenceBook(scenario.context(), referenceEvents);
            for (final InstrumentSpec spec : scenario.instruments())
            {
                final Instrument expected =
                    reference.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
                final Instrument actual = engine.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
                assertEquals(expected.id(), actual.id(), "instrument id of " + spec.symbol());
            }
        }

        /**
         * @return null if both agree, else what differs.
         */
        String apply(final Command command, final boolean checkState)
        {
            engineEvents.clear();
            referenceEvents.clear();
            String thrown = null;
            try
            {
                reference.onCommand(command);
            }
            catch (final RuntimeException ex)
            {
                thrown = "reference threw " + stackTrace(ex);
            }
            try
            {
                engine.onCommand(engineCommand.copyFrom(command));
            }
            catch (final RuntimeException | AssertionError ex)
            {
                thrown = "engine threw " + stackTrace(ex);
            }
            lastEngineEvents = List.copyOf(engineEvents.fullEvents());
            lastReferenceEvents = List.copyOf(referenceEvents.fullEvents());
            if (null != thrown)
            {
                return thrown;
            }
            if (command.type() == CommandType.DELIST && lastReferenceEvents.contains(
                "DELIST_STATE," + command.instrumentId() + ",0"))
            {
                final Instrument delisted = reference.instrument(command.instrumentId());
                final Instrument expected = reference.addInstrument(
                    delisted.symbol(), delisted.tickSizeUnits(), delisted.lotSize());
                final Instrument actual =
                    engine.addInstrument(delisted.symbol(), delisted.tickSizeUnits(), delisted.lotSize());
                if (expected.id() != actual.id())
                {
                    return "instrument defined again with id " + actual.id() + ", expected " + expected.id();
                }
            }
            if (!lastEngineEvents.equals(lastReferenceEvents))
            {
                return "events differ";
            }
            return checkState ? compareState() : null;
        }

        String compareState()
        {
            try
            {
                reference.checkInvariants();
            }
            catch (final IllegalStateException ex)
            {
                return "reference invariant broken: " + ex.getMessage();
            }
            if (engine.openOrderCount() != reference.openOrderCount())
            {
                return "openOrderCount: expected " + reference.openOrderCount() + " but was " + engine.openOrderCount();
            }
            if (engine.tradeCount() != reference.tradeCount())
            {
                return "tradeCount: expected " + reference.tradeCount() + " but was " + engine.tradeCount();
            }
            if (engine.stateHash() != reference.stateHash())
            {
                return "stateHash differs; reference open orders " + reference.openOrders();
            }
            return null;
        }
    }

    @Test
    void shouldProduceTheSameEventsAsTheReferenceOnManySeededStreams()
    {
        final Map<String, Integer> coverage = new TreeMap<>();
        for (long seed = 1; seed <= SHORT_STREAMS; seed++)
        {
            run(Scenario.of(seed, SHORT_STREAM_LENGTH, 50), coverage, false);
        }
        assertCovered(coverage, SHORT_STREAMS * SHORT_STREAM_LENGTH);
    }

    @Test
    void shouldProduceTheSameEventsAsTheReferenceOnOneLongStream()
    {
        final Map<String, Integer> coverage = new TreeMap<>();
        run(Scenario.of(0x5EEDL, LONG_STREAM_LENGTH, 1_000), coverage, false);
        assertCovered(coverage, LONG_STREAM_LENGTH);
    }

    /**
     * Streams with every command of issue #17 (stops, icebergs, GTD and TIME, mass cancel, halt, resume, bands,
     * delisting): {@value #EXTENDED_STREAM_LENGTH} commands per seed, {@code arbiter.fuzz.commands} (300,000 by
     * default; scripts/fuzz-engine runs millions) in all.
     */
    @Test
    void shouldProduceTheSameEventsAsTheReferenceOnExtendedStreams()
    {
        final Map<String, Integer> coverage = new TreeMap<>();
        final int streams = Math.max(1, EXTENDED_COMMANDS / EXTENDED_STREAM_LENGTH);
        final long firstSeed = Long.getLong("arbiter.fuzz.seed", 1);
        for (long seed = firstSeed; seed < firstSeed + streams; seed++)
        {
            run(Scenario.of(seed, EXTENDED_STREAM_LENGTH, 25), coverage, true);
        }
        final int commandCount = streams * EXTENDED_STREAM_LENGTH;
        final List<String> kinds = new ArrayList<>(List.of("ACCEPTED", "TRADE", "REPLACED", "TRIGGERED",
            "MASS_CANCELED", "HALT_STATE", "RESUME_STATE", "BAND_STATE", "DELIST_STATE"));
        for (final CancelReason reason : CancelReason.values())
        {
            kinds.add("CANCELED," + reason);
        }
        for (final RejectReason reason : RejectReason.values())
        {
            kinds.add("REJECTED," + reason);
        }
        // the streams have no instrument with assets and disable no account (the reference has no risk): the risk
        // outcomes are SpotRiskPropertyTest's
        kinds.removeAll(List.of("CANCELED,INSUFFICIENT_FUNDS", "CANCELED,ACCOUNT_DISABLED", "REJECTED,ACCOUNT_DISABLED",
            "REJECTED,MAX_QTY_EXCEEDED", "REJECTED,MAX_NOTIONAL_EXCEEDED", "REJECTED,INSUFFICIENT_FUNDS"));
        for (final String kind : kinds)
        {
            final int count = coverage.getOrDefault(kind, 0);
            assertTrue(count >= commandCount / 20_000, "too few " + kind + ": " + coverage);
        }
    }

    /**
     * The streams are only worth comparing if they reach every kind of event, and the tricky situations, often.
     */
    private static void assertCovered(final Map<String, Integer> coverage, final int commandCount)
    {
        final List<String> kinds = new ArrayList<>(List.of("ACCEPTED", "TRADE", "REPLACED"));
        for (final CancelReason reason : CancelReason.values())
        {
            if (reason.ordinal() <= CancelReason.SELF_TRADE.ordinal())
            {
                kinds.add("CANCELED," + reason); // TODO(#17): generate stops, icebergs, GTD, mass cancel, lifecycle
            }
        }
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason.ordinal() <= RejectReason.UNKNOWN_ORDER.ordinal())
            {
                kinds.add("REJECTED," + reason);
            }
        }
        kinds.addAll(List.of(
            "situation:REPLACE_TRADES",
            "situation:REPLACE_POST_ONLY_CANCELED",
            "situation:SWEEP_SEVERAL_LEVELS",
            "situation:FOK_FILLS_SEVERAL_MAKERS",
            "situation:FOK_FILLS_PAST_CANCELED_OWN_MAKER",
            "situation:CANCEL_MAKER_THEN_TRADE"));
        for (final String kind : kinds)
        {
            final int count = coverage.getOrDefault(kind, 0);
            final int minimum = kind.startsWith("situation:") ? commandCount / 10_000 : commandCount / 1_000;
            assertTrue(count >= minimum, "too few " + kind + ": " + coverage);
        }
        assertTrue(coverage.get("TRADE") >= commandCount / 10, "too few trades: " + coverage);
    }

    /**
     * Run one scenario and fail with a report at the first difference.
     *
     * @param scenario to run.
     * @param coverage counts of the reference's event kinds, added to.
     */
    private static void run(final Scenario scenario, final Map<String, Integer> coverage, final boolean extended)
    {
        final Pair pair = new Pair(scenario);
        final CommandGenerator generator = new CommandGenerator(
            scenario.seed(),
            pair.reference,
            scenario.instruments(),
            scenario.accounts(),
            scenario.spreadTicks(),
            scenario.maxQuantity(),
            scenario.maxPriceTicks());
        if (extended)
        {
            generator.extended();
        }
        final List<Command> commands = new ArrayList<>(scenario.commandCount());
        for (int i = 0; i < scenario.commandCount(); i++)
        {
            final Command command = generator.next();
            commands.add(command);
            final boolean checkState = i % scenario.checkStateEvery() == 0 || i == scenario.commandCount() - 1;
            final String difference = pair.apply(command, checkState);
            if (null != difference)
            {
                fail(report(scenario, commands, i, difference, pair));
            }
            for (final String event : pair.lastReferenceEvents)
            {
                coverage.merge(kindOf(event), 1, Integer::sum);
            }
            for (final String situation : situationsOf(command, pair.lastReferenceEvents))
            {
                coverage.merge(situation, 1, Integer::sum);
            }
        }
    }

    /**
     * Situations of one command worth seeing often: sweeps, replaces that trade, FOK fills with STP, and so on.
     */
    private static List<String> situationsOf(final Command command, final List<String> events)
    {
        final List<String> situations = new ArrayList<>();
        final long trades = events.stream().filter((e) -> e.startsWith("TRADE,")).count();
        final long tradePrices = events.stream()
            .filter((e) -> e.startsWith("TRADE,")).map((e) -> e.split(",")[2]).distinct().count();
        final boolean makerSelfTradeCancel = events.stream()
            .anyMatch((e) -> e.endsWith(",SELF_TRADE,acct=" + command.account()) &&
                !e.startsWith("CANCELED," + command.orderId() + ","));
        if (command.type() == CommandType.REPLACE && trades > 0)
        {
            situations.add("situation:REPLACE_TRADES");
        }
        if (command.type() == CommandType.REPLACE && events.stream().anyMatch((e) -> e.contains(",POST_ONLY,")))
        {
            situations.add("situation:REPLACE_POST_ONLY_CANCELED");
        }
        if (command.type() == CommandType.NEW && tradePrices >= 2)
        {
            situations.add("situation:SWEEP_SEVERAL_LEVELS");
        }
        if (command.type() == CommandType.NEW && command.timeInForce() == TimeInForce.FOK && trades >= 2)
        {
            situations.add("situation:FOK_FILLS_SEVERAL_MAKERS");
        }
        if (command.type() == CommandType.NEW && command.timeInForce() == TimeInForce.FOK && makerSelfTradeCancel &&
            trades > 0)
        {
            situations.add("situation:FOK_FILLS_PAST_CANCELED_OWN_MAKER");
        }
        if (command.type() == CommandType.NEW && makerSelfTradeCancel && trades > 0 &&
            command.selfTradePrevention() == SelfTradePrevention.CANCEL_MAKER)
        {
            situations.add("situation:CANCEL_MAKER_THEN_TRADE");
        }
        return situations;
    }

    private static String kindOf(final String event)
    {
        final String[] fields = event.split(",");
        switch (fields[0])
        {
            case "CANCELED":
                return fields[0] + "," + fields[3];
            case "REJECTED":
                return fields[0] + "," + fields[2];
            default:
                return fields[0];
        }
    }

    private static String report(
        final Scenario scenario,
        final List<Command> commands,
        final int index,
        final String difference,
        final Pair pair)
    {
        final StringBuilder out = new StringBuilder(4096);
        out.append("engine differs from ReferenceBook: seed=").append(scenario.seed())
            .append(", first differing command index=").append(index).append(": ").append(difference).append('\n')
            .append("scenario: ").append(scenario).append('\n')
            .append("command: ").append(commands.get(index)).append('\n')
            .append("expected (reference): ").append(pair.lastReferenceEvents).append('\n')
            .append("actual (engine):      ").append(pair.lastEngineEvents).append('\n')
            .append("preceding commands:\n");
        for (int i = Math.max(0, index - 15); i < index; i++)
        {
            out.append("  [").append(i).append("] ").append(commands.get(i)).append('\n');
        }

        final List<Command> minimal = shrink(scenario, new ArrayList<>(commands.subList(0, index + 1)));
        out.append("shrunk reproduction (").append(minimal.size()).append(" commands, same scenario limits):\n");
        final Pair replay = new Pair(scenario);
        for (int i = 0; i < minimal.size(); i++)
        {
            final String replayDifference = replay.apply(minimal.get(i), true);
            out.append("  ").append(minimal.get(i)).append('\n')
                .append("    reference: ").append(replay.lastReferenceEvents).append('\n')
                .append("    engine:    ").append(replay.lastEngineEvents).append('\n');
            if (null != replayDifference)
            {
                out.append("    -> ").append(replayDifference).append('\n');
                break;
            }
        }
        return out.toString();
    }

    /**
     * Remove chunks of commands while the engine still differs from the reference (a simple delta debugging).
     */
    private static List<Command> shrink(final Scenario scenario, final List<Command> failing)
    {
        final long deadlineNs = System.nanoTime() + SHRINK_BUDGET_NS;
        List<Command> current = failing;
        int chunk = Math.max(1, current.size() / 2);
        while (System.nanoTime() < deadlineNs)
        {
            boolean removed = false;
            int start = 0;
            while (start < current.size() && System.nanoTime() < deadlineNs)
            {
                final List<Command> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (!candidate.isEmpty() && differs(scenario, candidate))
                {
                    current = candidate;
                    removed = true;
                }
                else
                {
                    start += chunk;
                }
            }
            if (!removed)
            {
                if (chunk == 1)
                {
                    break;
                }
                chunk = Math.max(1, chunk / 2);
            }
        }
        return current;
    }

    private static String stackTrace(final Throwable ex)
    {
        final StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static boolean differs(final Scenario scenario, final List<Command> commands)
    {
        final Pair pair = new Pair(scenario);
        for (int i = 0; i < commands.size(); i++)
        {
            if (null != pair.apply(commands.get(i), i == commands.size() - 1))
            {
                return true;
            }
        }
        return false;
    }
}
