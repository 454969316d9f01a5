package io.arbiter.server.gateway;

import com.lmax.disruptor.Sequence;
import io.arbiter.server.egress.ReplyGate;
import io.netty.channel.EventLoop;
import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final AtomicInteger runnable = new AtomicInteger(1);
    private int selectNowCalls;
    private final IntSupplier selectNow = () ->
    {
        selectNowCalls++;
        return 0;
    };

    private DurableReplyPoll watchingPoll(final long budgetNs)
    {
        final DurableReplyPoll poll = new DurableReplyPoll(budgetNs, nowNs::get, runnable::get, 2);
        poll.watch(gate, cursor::get);
        return poll;
    }

    private void publish(final DurableReplyPoll poll)
    {
        cursor.incrementAndGet();
        poll.onPublished();
    }

    private long publishAndCountPolls(final DurableReplyPoll poll)
    {
        publish(poll);
        return poll.polls();
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
        final DurableReplyPoll poll = new DurableReplyPoll(BUDGET_NS, nowNs::get, runnable::get, 2);

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

    /** Advance the clock by {@code ns} in steps a polling loop that keeps its core takes, polling at each. */
    private void keepPolling(final DurableReplyPoll poll, final long ns) throws Exception
    {
        final long step = DurableReplyPoll.PREEMPTED_NS / 2;
        for (long done = 0; done < ns; done += step)
        {
            nowNs.addAndGet(Math.min(step, ns - done));
            assertEquals(0, poll.calculateStrategy(selectNow, false), "polls at +" + done + " ns");
        }
    }

    @Test
    void shouldStopPollingWhenNothingAdvancesForTheBudget() throws Exception
    {
        final DurableReplyPoll poll = watchingPoll(BUDGET_NS);
        publish(poll);

        assertEquals(0, poll.calculateStrategy(selectNow, false));
        keepPolling(poll, BUDGET_NS - 1);
        nowNs.addAndGet(1);
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false), "a stalled force: sleep");
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false));

        nowNs.addAndGet(BUDGET_NS);
        publish(poll);
        assertEquals(0, poll.calculateStrategy(selectNow, false), "a new publish polls again");
        keepPolling(poll, BUDGET_NS - 1);
        journal.set(0);
        assertEquals(0, poll.calculateStrategy(selectNow, false), "the release of command 0 is progress");
        keepPolling(poll, BUDGET_NS - 1);
        nowNs.addAndGet(1);
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false));
        assertEquals(0, poll.contendedBackoffs());
    }

    @Test
    void shouldSleepAsUsualForAWhileOnceItLostItsCoreBetweenTwoPolls() throws Exception
    {
        final DurableReplyPoll poll = watchingPoll(BUDGET_NS);
        publish(poll);
        assertEquals(0, poll.calculateStrategy(selectNow, false));

        nowNs.addAndGet(DurableReplyPoll.PREEMPTED_NS + 1);
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false), "preempted: sleep");
        assertEquals(1, poll.contendedBackoffs());
        publish(poll);
        nowNs.addAndGet(DurableReplyPoll.CONTENDED_BACKOFF_NS - 1);
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false), "still backing off");

        nowNs.addAndGet(1);
        publish(poll);
        assertEquals(0, poll.calculateStrategy(selectNow, false), "polls again after the back-off");
        assertEquals(1, poll.contendedBackoffs());
    }

    @Test
    void shouldSleepAsUsualForAWhileWhenTheRunQueueStaysLongerThanTheCpus() throws Exception
    {
        final DurableReplyPoll poll = watchingPoll(60 * BUDGET_NS);
        publish(poll);
        runnable.set(3);
        assertEquals(0, poll.calculateStrategy(selectNow, false), "first crowded look");
        runnable.set(2);
        keepPolling(poll, DurableReplyPoll.RUN_QUEUE_CHECK_NS);
        runnable.set(3);
        keepPolling(poll, (DurableReplyPoll.CROWDED_LOOKS - 1) * DurableReplyPoll.RUN_QUEUE_CHECK_NS);
        assertEquals(0, poll.contendedBackoffs(), "a look that was not crowded broke the run");

        keepPolling(poll, DurableReplyPoll.RUN_QUEUE_CHECK_NS - DurableReplyPoll.PREEMPTED_NS / 2);
        nowNs.addAndGet(DurableReplyPoll.PREEMPTED_NS / 2);
        assertEquals(SelectStrategy.SELECT, poll.calculateStrategy(selectNow, false), "crowded in a row: sleep");
        assertEquals(1, poll.contendedBackoffs());
        runnable.set(1);
        nowNs.addAndGet(DurableReplyPoll.CONTENDED_BACKOFF_NS);
        publish(poll);
        assertEquals(0, poll.calculateStrategy(selectNow, false), "polls again after the back-off");
    }

    @Test
    void shouldReadTheRunningCountOfProcLoadavg()
    {
        assertEquals(3, parse("7.05 7.76 6.89 3/125 28172\n"));
        assertEquals(12, parse("0.16 0.04 0.01 12/1234 4567\n"));
        assertEquals(RunQueueProbe.UNKNOWN, parse("0.16 0.04 0.01 x/1234 4567\n"));
        assertEquals(RunQueueProbe.UNKNOWN, parse("0.16 0.04"));
        final RunQueueProbe probe = RunQueueProbe.open();
        if (null != probe)
        {
            assertTrue(probe.getAsInt() >= 1, "this thread itself is running");
        }
    }

    private static int parse(final String line)
    {
        return RunQueueProbe.parse(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)), line.length());
    }

    @Test
    void shouldNotCountTheTimeSpentOnReadyEventsAsContention() throws Exception
    {
        final DurableReplyPoll poll = watchingPoll(BUDGET_NS);
        publish(poll);
        assertEquals(3, poll.calculateStrategy(() -> 3, false), "the poll found three channels ready");

        nowNs.addAndGet(DurableReplyPoll.PREEMPTED_NS * 2);
        assertEquals(0, poll.calculateStrategy(selectNow, false), "handling them took long: no contention");
        assertEquals(0, poll.contendedBackoffs());
    }

    @Test
    void shouldAlwaysSleepWithNoBudgetNoWatchOrTheOpenGate() throws Exception
    {
        final DurableReplyPoll noBudget = watchingPoll(0);
        final DurableReplyPoll unwatched = new DurableReplyPoll(BUDGET_NS, nowNs::get, runnable::get, 2);
        final DurableReplyPoll open = new DurableReplyPoll(BUDGET_NS, nowNs::get, runnable::get, 2);
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

            // a loop that loses its core backs off for a while and polls again after the next publish
            final long deadline = System.nanoTime() + LIVENESS_NS;
            while (loop.submit(() -> publishAndCountPolls(poll)).get() == 0 && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertTrue(loop.submit(poll::polls).get() > 0, "the loop polls while the command waits");

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
