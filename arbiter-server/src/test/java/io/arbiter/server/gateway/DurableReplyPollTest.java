package io.arbiter.server.gateway;

import com.lmax.disruptor.Sequence;
import io.arbiter.server.egress.ReplyGate;
import io.netty.channel.EventLoop;
import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurableReplyPollTest
{
    private static final long BUDGET_NS = 500_000L;
    /** Liveness bound for the running loop: it polls within microseconds; 30 s is far beyond 10x that. */
    private static final long LIVENESS_NS = TimeUnit.SECONDS.toNanos(30);

    private final AtomicLong nowNs = new AtomicLong(1_000_000L);
    private final Sequence journal = new Sequence(-1);
    private final ReplyGate gate = new ReplyGate().addDurabilityConsumer(journal);
    private final AtomicLong cursor = new AtomicLong(-1);
    private int selectNowCalls;
    private final IntSupplier selectNow = () ->
    {
        selectNowCalls++;
        return 0;
    };

    private DurableReplyPoll watchingPoll(final long budgetNs)
    {
        final DurableReplyPoll poll = new DurableReplyPoll(budgetNs, nowNs::get);
        poll.watch(gate, cursor::get);
        return poll;
    }

    private void publish(final DurableReplyPoll poll)
    {
        cursor.incrementAndGet();
        poll.onPublished();
    }

    @Test
    void shouldSleepWhenNothingPublishedWaits() throws Exception
    {
        final DurableReplyPoll poll = watchingPoll(BUDGET_NS);

        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false));
        assertEquals(0, selectNowCalls);
    }

    @Test
    void shouldSelectNowWhenTasksWaitWhateverTheGate() throws Exception
    {
        final DurableReplyPoll poll = new DurableReplyPoll(BUDGET_NS, nowNs::get);

        assertEquals(0, poll.calculateStrategy(selectNow, true));
        assertEquals(1, selectNowCalls);
        assertEquals(0, poll.polls());
    }

    @Test
    void shouldPollWhilePublishedCommandsWaitForTheForceThenSleepAfterTheGrace() throws Exception
    {
        final DurableReplyPoll poll = watchingPoll(BUDGET_NS);
        publish(poll);
        publish(poll);

        assertEquals(0, poll.calculateStrategy(selectNow, false));
        nowNs.addAndGet(100_000L);
        assertEquals(0, poll.calculateStrategy(selectNow, false));
        assertEquals(2, poll.polls());

        journal.set(0);
        nowNs.addAndGet(100_000L);
        assertEquals(0, poll.calculateStrategy(selectNow, false), "command 1 still waits");

        journal.set(1);
        assertEquals(0, poll.calculateStrategy(selectNow, false), "released: polls for the drain within the grace");
        nowNs.addAndGet(DurableReplyPoll.GRACE_NS);
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false));
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false));
        assertEquals(4, poll.polls());
        assertEquals(4, selectNowCalls);
    }

    @Test
    void shouldStopPollingWhenNothingAdvancesForTheBudget() throws Exception
    {
        final DurableReplyPoll poll = watchingPoll(BUDGET_NS);
        publish(poll);

        assertEquals(0, poll.calculateStrategy(selectNow, false));
        nowNs.addAndGet(BUDGET_NS - 1);
        assertEquals(0, poll.calculateStrategy(selectNow, false));
        nowNs.addAndGet(1);
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false), "a stalled force: sleep");
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false));

        nowNs.addAndGet(BUDGET_NS);
        publish(poll);
        assertEquals(0, poll.calculateStrategy(selectNow, false), "a new publish polls again");
        nowNs.addAndGet(BUDGET_NS - 1);
        journal.set(0);
        assertEquals(0, poll.calculateStrategy(selectNow, false));
        nowNs.addAndGet(BUDGET_NS - 1);
        assertEquals(0, poll.calculateStrategy(selectNow, false), "the release of command 0 was progress");
        nowNs.addAndGet(1);
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false));
    }

    @Test
    void shouldAlwaysSleepWithNoBudgetNoWatchOrTheOpenGate() throws Exception
    {
        final DurableReplyPoll noBudget = watchingPoll(0);
        final DurableReplyPoll unwatched = new DurableReplyPoll(BUDGET_NS, nowNs::get);
        final DurableReplyPoll open = new DurableReplyPoll(BUDGET_NS, nowNs::get);
        open.watch(ReplyGate.OPEN, cursor::get);

        for (final DurableReplyPoll poll : new DurableReplyPoll[]{ noBudget, unwatched, open })
        {
            publish(poll);
            assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false));
        }
        assertEquals(0, selectNowCalls);
    }

    @Test
    void shouldGiveEachGatewayLoopAPollThatTheLoopUsesOnceWatching() throws Exception
    {
        final GatewayEventLoopGroup group = new GatewayEventLoopGroup(
            2, new DefaultThreadFactory("poll-test"), GatewayTransport.NIO, TimeUnit.SECONDS.toNanos(60));
        try
        {
            group.watch(gate, cursor::get);
            final EventLoop loop = group.next();
            final DurableReplyPoll poll = GatewayEventLoopGroup.pollOf(loop);
            assertNotNull(poll);
            assertTrue(poll != GatewayEventLoopGroup.pollOf(group.next()), "one poll per loop");
            assertNull(GatewayEventLoopGroup.pollOf(new io.netty.channel.DefaultEventLoop()));

            loop.submit(() -> publish(poll)).get();
            final long deadline = System.nanoTime() + LIVENESS_NS;
            while (loop.submit(poll::polls).get() < 1_000 && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertTrue(loop.submit(poll::polls).get() >= 1_000, "the loop polls while the command waits");

            journal.set(cursor.get());
            long previous = -1;
            long current = loop.submit(poll::polls).get();
            while (current != previous && System.nanoTime() < deadline)
            {
                previous = current;
                Thread.sleep(20);
                current = loop.submit(poll::polls).get();
            }
            assertEquals(previous, current, "released: the loop sleeps again instead of polling");
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
