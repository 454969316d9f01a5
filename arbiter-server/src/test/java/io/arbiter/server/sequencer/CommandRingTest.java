package io.arbiter.server.sequencer;

import com.lmax.disruptor.EventHandler;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandRingTest
{
    @Test
    void shouldFailTryPublishWhenRingIsFullAndDeliverEverythingAfterwards() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final List<Long> seen = new ArrayList<>();
        final EventHandler<CommandEvent> blocked = (event, sequence, endOfBatch) ->
        {
            release.await();
            synchronized (seen)
            {
                seen.add(event.clientOrderId());
            }
        };
        final CommandRing sequencer = new CommandRing(8, WaitStrategyKind.SLEEPING, blocked, Thread::new);
        sequencer.start();
        final IngressCommand staged = new IngressCommand();
        staged.command().newOrder(
            0, 0, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1, 1, SelfTradePrevention.NONE);

        int published = 0;
        while (published < 100)
        {
            staged.clientOrderId(published);
            if (!sequencer.tryPublish(staged))
            {
                break;
            }
            published++;
        }
        assertEquals(8, published);
        assertFalse(sequencer.tryPublish(staged));
        assertEquals(0, sequencer.remainingCapacity());

        release.countDown();
        assertTrue(sequencer.drainAndStop(5_000));
        synchronized (seen)
        {
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), seen);
        }
    }

    @Test
    void shouldDeliverEveryCommandOfManyProducersInPerProducerOrder() throws Exception
    {
        final int producers = 3;
        final int perProducer = 20_000;
        final long[] lastSeen = new long[producers];
        final long[] count = new long[producers];
        final boolean[] outOfOrder = new boolean[1];
        final CountDownLatch done = new CountDownLatch(producers * perProducer);
        java.util.Arrays.fill(lastSeen, -1);
        final EventHandler<CommandEvent> handler = (event, sequence, endOfBatch) ->
        {
            final int producer = (int)event.sessionId();
            if (event.clientOrderId() != lastSeen[producer] + 1)
            {
                outOfOrder[0] = true;
            }
            lastSeen[producer] = event.clientOrderId();
            count[producer]++;
            done.countDown();
        };
        final CommandRing sequencer = new CommandRing(64, WaitStrategyKind.YIELDING, handler, Thread::new);
        sequencer.start();
        final Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++)
        {
            final int producer = p;
            threads[p] = new Thread(() ->
            {
                final IngressCommand staged = new IngressCommand().sessionId(producer);
                for (int i = 0; i < perProducer; i++)
                {
                    staged.clientOrderId(i);
                    while (!sequencer.tryPublish(staged))
                    {
                        Thread.onSpinWait();
                    }
                }
            });
            threads[p].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertTrue(sequencer.drainAndStop(5_000));
        assertFalse(outOfOrder[0]);
        for (int p = 0; p < producers; p++)
        {
            assertEquals(perProducer, count[p]);
        }
    }
}
