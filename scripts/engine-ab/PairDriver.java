import io.arbiter.bench.engine.CommandTape;
import io.arbiter.bench.engine.EngineBenchmark;
import io.arbiter.bench.engine.OrderFlowGenerator;
import io.arbiter.engine.Command;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;

import java.util.function.LongUnaryOperator;

/**
 * One engine variant of scripts/engine-ab.sh, loaded in its own class loader: builds the bench-engine book, copies the
 * engine through a snapshot, records a tape on the original and replays it on the copy chunk by chunk; a negative
 * count asks whether the copy ended in the original's state.
 */
public final class PairDriver implements LongUnaryOperator
{
    private final MatchingEngine source;
    private final MatchingEngine replay;
    private final CommandTape tape;
    private final Command command = new Command();
    private final int lookAhead;
    private int next;

    public PairDriver(
        final Boolean risk, final Integer resting, final Long warmup, final Integer tapeLength, final Integer lookAhead)
    {
        this.lookAhead = lookAhead;
        final OrderFlowGenerator generator = new OrderFlowGenerator(EngineBenchmark.DEFAULT_SEED, 1, resting, 1000);
        source = new MatchingEngine(EngineBenchmark.contextFor(generator), generator);
        generator.addInstruments(source, risk);
        if (risk)
        {
            generator.fundAccounts(source);
        }
        EngineBenchmark.buildBook(source, generator, command, null);
        EngineBenchmark.runSteadyState(source, generator, command, warmup);
        replay = EngineBenchmark.copyOf(source, EngineBenchmark.contextFor(generator), NoOpExecutionListener.INSTANCE);
        tape = new CommandTape(tapeLength);
        EngineBenchmark.record(source, generator, command, tape, tapeLength);
    }

    @Override
    public long applyAsLong(final long count)
    {
        if (count < 0)
        {
            return replay.stateHash() == source.stateHash() ? 1 : 0;
        }
        final int end = (int)Math.min(tape.size(), next + count);
        final MatchingEngine engine = replay;
        final CommandTape tape = this.tape;
        final Command command = this.command;
        if (lookAhead > 0)
        {
            // CommandTape.replay with look-ahead exists from the engine6 change on; older jars take the loop below
            tape.replay(engine, command, next, end, lookAhead);
        }
        else
        {
            for (int i = next; i < end; i++)
            {
                engine.onCommand(tape.read(i, command));
            }
        }
        final long done = end - next;
        next = end;
        return done;
    }
}
