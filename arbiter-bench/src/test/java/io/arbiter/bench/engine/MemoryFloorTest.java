package io.arbiter.bench.engine;

import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The machine floor of a recorded tape: the recorder's touches account for every change of the engine's open orders
 * (it throws otherwise), every kind of touch occurs in the benchmark's flow, and both variants run.
 */
class MemoryFloorTest
{
    @Test
    void shouldRecordTouchesThatAccountForEveryOpenOrderChange()
    {
        final OrderFlowGenerator generator = new OrderFlowGenerator(7, 1, 3_000, 100);
        final EngineContext context = EngineBenchmark.contextFor(generator);
        final MatchingEngine engine = new MatchingEngine(context, generator);
        generator.addInstruments(engine, false);
        final Command command = new Command();
        EngineBenchmark.buildBook(engine, generator, command, null);
        EngineBenchmark.runSteadyState(engine, generator, command, 10_000);

        final FloorRecorder recorder = new FloorRecorder(engine, EngineBenchmark.contextFor(generator));
        final CommandTape tape = new CommandTape(30_000);
        EngineBenchmark.record(engine, generator, command, tape, 30_000);
        final MemoryFloor floor = recorder.floorOf(tape);

        assertEquals(30_000, floor.commands());
        assertTrue(floor.count(MemoryFloor.LOOKUP) > 0, "cancels, replaces and filled makers look orders up");
        assertTrue(floor.count(MemoryFloor.INSERT) > 0, "new orders rest");
        assertTrue(floor.count(MemoryFloor.RECORD) > 0, "makers are partially filled");
        assertTrue(floor.count(MemoryFloor.PROBE) > 0, "late cancels probe for ids that rest nowhere");
        assertEquals(floor.touches(), floor.count(MemoryFloor.LOOKUP) + floor.count(MemoryFloor.INSERT) +
            floor.count(MemoryFloor.RECORD) + floor.count(MemoryFloor.PROBE));
        assertEquals(2L * (floor.count(MemoryFloor.LOOKUP) + floor.count(MemoryFloor.INSERT)) +
            floor.count(MemoryFloor.RECORD) + floor.count(MemoryFloor.PROBE), floor.lines());
        assertTrue(floor.run(false) >= 0);
        assertTrue(floor.run(true) >= 0);
        assertTrue(floor.lastWallNanos() > 0);
    }
}
