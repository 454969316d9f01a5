package io.arbiter.bench.engine;

import io.arbiter.engine.Command;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.risk.SpotRisk;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the engine (and the generator that drives it) allocates nothing in steady state: builds a book with
 * {@link OrderFlowGenerator}, warms up, then counts the bytes the thread allocates over a million mixed commands.
 * The book is 200,000 resting orders over 1,000 levels (the benchmark uses 1,000,000) to keep the test short.
 * On a busy machine the JIT may not have compiled (and escape-analysed) every method by the end of the warm-up, so
 * the count is taken over up to {@link #MAX_ATTEMPTS} windows and one must be exactly 0: an allocation per command
 * would show in every window (a million commands), a late compilation only in the first ones.
 */
class EngineAllocationTest
{
    private static final long SEED = 7L;
    private static final int RESTING = 200_000;
    private static final int LEVELS = 1_000;
    private static final long WARMUP = 500_000;
    private static final long MEASURED = 1_000_000;
    private static final int MAX_ATTEMPTS = 5;

    @Test
    void shouldAllocateNothingPerCommandInSteadyState()
    {
        measure(false, false);
    }

    @Test
    void shouldAllocateNothingPerCommandWithSpotRisk()
    {
        measure(false, true);
    }

    /**
     * The same with stop market orders (10 % of the commands, triggering soon after they are sent) and icebergs
     * (about 10 % of the commands): waiting stops, triggers and iceberg refreshes allocate nothing either.
     */
    @Test
    void shouldAllocateNothingPerCommandWithStopsAndIcebergs()
    {
        final OrderFlowGenerator generator = measure(true, false);
        assertTrue(generator.commandCount(OrderFlowGenerator.KIND_STOP) > 100_000, "stops");
        assertTrue(generator.commandCount(OrderFlowGenerator.KIND_ICEBERG) > 50_000, "icebergs");
    }

    /**
     * A recorded tape replayed with look-ahead ({@link CommandTape#replay}, {@link MatchingEngine#prefetch}) into a
     * copy of the book: the look-ahead allocates nothing either, and the copy ends in the recorded engine's state.
     */
    @Test
    void shouldAllocateNothingPerCommandReplayedWithLookAhead()
    {
        final OrderFlowGenerator generator = new OrderFlowGenerator(SEED, 1, RESTING, LEVELS);
        final MatchingEngine engine = new MatchingEngine(EngineBenchmark.contextFor(generator), generator);
        generator.addInstruments(engine, false);
        final Command command = new Command();
        EngineBenchmark.buildBook(engine, generator, command, null);
        EngineBenchmark.runSteadyState(engine, generator, command, WARMUP);
        final MatchingEngine replay = EngineBenchmark.copyOf(
            engine, EngineBenchmark.contextFor(generator), new CountingListener());
        final int window = (int)MEASURED / MAX_ATTEMPTS;
        final CommandTape tape = new CommandTape(window * MAX_ATTEMPTS);
        EngineBenchmark.record(engine, generator, command, tape, tape.capacity());

        final StringBuilder attempts = new StringBuilder();
        boolean clean = false;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
        {
            final long before = EngineBenchmark.threadAllocatedBytes();
            tape.replay(replay, command, attempt * window, (attempt + 1) * window, MatchingEngine.PREFETCH_DISTANCE);
            final long allocated = EngineBenchmark.threadAllocatedBytes() - before;
            attempts.append(allocated).append(' ');
            clean |= allocated == 0;
        }

        assertTrue(clean, "bytes allocated per window of " + window + " replayed commands: " + attempts);
        assertEquals(engine.stateHash(), replay.stateHash(), "the replay ends in the recorded engine's state");
        assertEquals(engine.tradeCount(), replay.tradeCount(), "trades");
    }

    private static OrderFlowGenerator measure(final boolean stopsAndIcebergs, final boolean risk)
    {
        final OrderFlowGenerator generator = new OrderFlowGenerator(SEED, 1, RESTING, LEVELS);
        if (stopsAndIcebergs)
        {
            generator.stopsAndIcebergs();
        }
        final MatchingEngine engine = new MatchingEngine(EngineBenchmark.contextFor(generator), generator);
        generator.addInstruments(engine, risk);
        if (risk)
        {
            generator.fundAccounts(engine);
        }
        final Command command = new Command();
        EngineBenchmark.buildBook(engine, generator, command, null);
        EngineBenchmark.runSteadyState(engine, generator, command, WARMUP);

        final long tradesBefore = engine.tradeCount();
        final long cancelsBefore = generator.commandCount(OrderFlowGenerator.KIND_CANCEL);
        final long replacesBefore = generator.commandCount(OrderFlowGenerator.KIND_REPLACE);
        final long marketsBefore = generator.commandCount(OrderFlowGenerator.KIND_MARKET);
        final StringBuilder attempts = new StringBuilder();
        boolean clean = false;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !clean; attempt++)
        {
            final long before = EngineBenchmark.threadAllocatedBytes();
            EngineBenchmark.runSteadyState(engine, generator, command, MEASURED);
            final long allocated = EngineBenchmark.threadAllocatedBytes() - before;
            attempts.append(allocated).append(' ');
            clean = allocated == 0;
        }

        assertTrue(clean, "bytes allocated per window of " + MEASURED + " steady-state commands (seed " + SEED +
            ", pool growth " + engine.poolGrowth() + "): " + attempts);
        assertEquals(0, engine.poolGrowth(), "pool growth");
        assertTrue(engine.tradeCount() - tradesBefore > 10_000, "the measured flow trades");
        assertTrue(generator.commandCount(OrderFlowGenerator.KIND_CANCEL) - cancelsBefore > 100_000, "cancels");
        assertTrue(generator.commandCount(OrderFlowGenerator.KIND_REPLACE) - replacesBefore > 100_000, "replaces");
        assertTrue(generator.commandCount(OrderFlowGenerator.KIND_MARKET) - marketsBefore > 10_000, "market orders");
        assertEquals(generator.restingCount() + generator.waitingStops(), engine.openOrderCount(),
            "generator tracks the engine's book");
        assertTrue(Math.abs(engine.openOrderCount() - RESTING) < RESTING / 20, "book stays near its target size");
        if (risk)
        {
            final int quote = engine.riskControls().assetId("QUOTE");
            assertTrue(engine.balances().available(SpotRisk.FEE_ACCOUNT, quote) > 0, "fees were collected");
            assertEquals(0, generator.insufficientFunds(), "no order was short of funds");
        }
        return generator;
    }
}
