package io.arbiter.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import io.arbiter.bench.engine.EngineBenchmark;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.WaitStrategyKind;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Agrona and ArrayBlockingQueue ingress allocate nothing per command in steady state: publish and the matching
 * agent's duty cycle run on the test thread (no threads started) while its allocated bytes are counted.
 */
class IngressAllocationTest
{
    private static final int WARMUP = 200_000;
    private static final int MEASURED = 1_000_000;

    @ParameterizedTest
    @EnumSource(value = PipelineQueue.class, names = { "AGRONA", "ABQ" })
    void shouldAllocateNothingPerCommand(final PipelineQueue queue) throws Exception
    {
        final long[] handled = new long[1];
        final EventHandler<CommandEvent> handler =
            (event, sequence, endOfBatch) -> handled[0] += event.clientOrderId();
        final PipelineIngress ingress = PipelineIngress.create(queue, 1024, WaitStrategyKind.BUSY_SPIN, handler);
        final IngressCommand staged = new IngressCommand().sessionId(1).clientOrderId(1);
        staged.command().newOrder(0, 0, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 1,
            SelfTradePrevention.NONE);

        run(ingress, staged, WARMUP);
        handled[0] = 0;
        final long before = EngineBenchmark.threadAllocatedBytes();
        run(ingress, staged, MEASURED);
        final long allocated = EngineBenchmark.threadAllocatedBytes() - before;

        assertEquals(MEASURED, handled[0], "commands handled");
        assertEquals(0, allocated, "bytes allocated over " + MEASURED + " commands");
    }

    private static void run(final PipelineIngress ingress, final IngressCommand staged, final int commands)
        throws Exception
    {
        final Agent matching = (Agent)ingress;
        for (int i = 0; i < commands; i += 8)
        {
            if (i % 16 == 0)
            {
                for (int k = 0; k < 8; k++)
                {
                    ingress.tryPublish(staged);
                }
            }
            else
            {
                ingress.tryClaim(8);
                for (int k = 0; k < 8; k++)
                {
                    ingress.put(staged);
                }
                ingress.commit();
            }
            matching.doWork();
        }
        matching.doWork();
        matching.doWork();
    }
}
