package io.arbiter.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.SessionRegistration;
import io.arbiter.server.sequencer.WaitStrategyKind;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's ingress variants: every command arrives once, in publish order and with its content intact (the
 * ArrayBlockingQueue's pooled events are not overwritten while in use), and {@code endOfBatch} marks the last command
 * of each drain.
 */
class PipelineIngressTest
{
    @ParameterizedTest
    @EnumSource(value = PipelineQueue.class, names = { "AGRONA", "ABQ" })
    void shouldMarkTheLastCommandOfEachDrainAsEndOfBatch(final PipelineQueue queue) throws Exception
    {
        final RecordingHandler handler = new RecordingHandler();
        final PipelineIngress ingress = PipelineIngress.create(queue, 64, WaitStrategyKind.BUSY_SPIN, handler);
        final Agent matching = (Agent)ingress;
        final IngressCommand staged = new IngressCommand();

        for (int i = 0; i < 5; i++)
        {
            assertTrue(ingress.tryPublish(command(staged, i)));
        }
        assertEquals(5, matching.doWork());
        assertTrue(ingress.tryClaim(3));
        for (int i = 5; i < 8; i++)
        {
            ingress.put(command(staged, i));
        }
        ingress.commit();
        assertTrue(ingress.tryPublish(command(staged, 8)));
        matching.doWork();
        assertEquals(0, matching.doWork());

        assertEquals(9, handler.ids.size());
        for (int i = 0; i < 9; i++)
        {
            assertEquals(i, handler.ids.get(i));
            assertEquals(i == 4 || i == 8, handler.endOfBatch.get(i), "endOfBatch of command " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = PipelineQueue.class, names = { "AGRONA", "ABQ" })
    void shouldRefuseWhenFullAndAcceptAgainOnceDrained(final PipelineQueue queue) throws Exception
    {
        final RecordingHandler handler = new RecordingHandler();
        final PipelineIngress ingress = PipelineIngress.create(queue, 16, WaitStrategyKind.BUSY_SPIN, handler);
        final IngressCommand staged = new IngressCommand();
        int published = 0;
        while (ingress.tryPublish(command(staged, published)))
        {
            published++;
            assertTrue(published <= 64, "a ring of 16 commands took more than 64");
        }
        assertTrue(published >= 16, "took " + published);
        assertFalse(ingress.tryClaim(1));

        drain((Agent)ingress);
        assertEquals(published, handler.ids.size());
        assertTrue(ingress.tryPublish(command(staged, published)));
        drain((Agent)ingress);
        assertEquals(published + 1, handler.ids.size());
        assertEquals(published, handler.ids.get(published));
    }

    @ParameterizedTest
    @EnumSource(PipelineQueue.class)
    void shouldDeliverEveryCommandOnceInOrderAcrossThreads(final PipelineQueue queue) throws Exception
    {
        final int commands = 20_000; // wraps the 64-slot ring ~300 times; more only costs time on a busy machine
        final RecordingHandler handler = new RecordingHandler();
        final PipelineIngress ingress = PipelineIngress.create(queue, 64, WaitStrategyKind.YIELDING, handler);
        ingress.start(new SessionRegistration[] { new SessionRegistration(7, 1, null) });
        final IngressCommand staged = new IngressCommand();
        int next = 0;
        while (next < commands)
        {
            if (next % 3 == 0)
            {
                final int n = Math.min(5, commands - next);
                if (ingress.tryClaim(n))
                {
                    for (int k = 0; k < n; k++)
                    {
                        ingress.put(command(staged, next++));
                    }
                    ingress.commit();
                }
            }
            else if (ingress.tryPublish(command(staged, next)))
            {
                next++;
            }
        }
        assertTrue(ingress.drainAndStop(10_000), "drained");

        assertEquals(1, handler.sessionsOpened);
        assertEquals(commands, handler.ids.size());
        for (int i = 0; i < commands; i++)
        {
            assertEquals(i, handler.ids.get(i), "command at " + i);
        }
        assertEquals(0, handler.corrupt, "events whose fields did not match their command");
        assertTrue(handler.endOfBatch.get(commands - 1), "the last command ends a batch");
    }

    /**
     * Run the matching agent until two duty cycles in a row find nothing (a read that only skips the ring's padding
     * record at the wrap counts as nothing).
     */
    private static void drain(final Agent matching) throws Exception
    {
        int rounds = 0;
        int idle = 0;
        while (idle < 2)
        {
            idle = matching.doWork() > 0 ? 0 : idle + 1;
            assertTrue(++rounds < 100, "still draining after 100 rounds");
        }
    }

    private static IngressCommand command(final IngressCommand staged, final int id)
    {
        staged.sessionId(7).clientOrderId(id).clientTimestampNs(id * 3L);
        staged.command().newOrder(0, 0, id % 5, id % 2 == 0 ? Side.BUY : Side.SELL, OrderType.LIMIT,
            TimeInForce.GTC, 1_000L + id, 1L + id % 7, SelfTradePrevention.NONE);
        return staged;
    }

    /**
     * Records each engine command's id and endOfBatch, and checks its fields against the id.
     */
    private static final class RecordingHandler implements EventHandler<CommandEvent>
    {
        final List<Long> ids = new ArrayList<>();
        final List<Boolean> endOfBatch = new ArrayList<>();
        int sessionsOpened;
        int corrupt;

        @Override
        public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.kind() == EventKind.SESSION_OPENED)
            {
                sessionsOpened++;
                return;
            }
            final long id = event.clientOrderId();
            ids.add(id);
            this.endOfBatch.add(endOfBatch);
            if (event.sessionId() != 7 || event.clientTimestampNs() != id * 3 ||
                event.command().type() != CommandType.NEW || event.command().price() != 1_000 + id ||
                event.command().quantity() != 1 + id % 7 || event.command().instrumentId() != id % 5 ||
                event.command().side() != (id % 2 == 0 ? Side.BUY : Side.SELL))
            {
                corrupt++;
            }
        }
    }
}
