package io.arbiter.server.egress;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EgressWakesTest
{
    /** Liveness bound: a task on an idle loop runs within a millisecond; 30 s is far beyond 10x that. */
    private static final long LIVENESS_S = 30;

    private MultiThreadIoEventLoopGroup group;
    private EventLoop loop;

    @BeforeEach
    void setUp()
    {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        loop = group.next();
    }

    @AfterEach
    void tearDown()
    {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void shouldLeaveAQueuedDrainToTheLoopsNextWakeUpAndRunItOnceNudged() throws Exception
    {
        final EgressWakes wakes = new EgressWakes();
        final CountDownLatch ran = queueOnIdleLoop(wakes.forLoop(loop));
        // the loop sleeps in its selector with no timer: nothing but a wake-up runs the queued drain
        assertFalse(ran.await(50, TimeUnit.MILLISECONDS));
        wakes.nudge();
        assertTrue(ran.await(LIVENESS_S, TimeUnit.SECONDS));
    }

    @Test
    void shouldRunAQueuedDrainWhenTheLoopWakesForAnythingElse() throws Exception
    {
        final EgressWakes wakes = new EgressWakes();
        final CountDownLatch ran = queueOnIdleLoop(wakes.forLoop(loop));
        loop.execute(() -> { });
        assertTrue(ran.await(LIVENESS_S, TimeUnit.SECONDS));
    }

    @Test
    void shouldKeepOneEntryPerLoop()
    {
        final EgressWakes wakes = new EgressWakes();
        assertSame(wakes.forLoop(loop), wakes.forLoop(loop));
    }

    private CountDownLatch queueOnIdleLoop(final EgressWakes.Loop entry) throws InterruptedException
    {
        awaitIdle();
        final CountDownLatch ran = new CountDownLatch(1);
        entry.queue(() ->
        {
            entry.onDrained();
            ran.countDown();
        });
        return ran;
    }

    private void awaitIdle() throws InterruptedException
    {
        final CountDownLatch started = new CountDownLatch(1);
        loop.execute(started::countDown);
        assertTrue(started.await(LIVENESS_S, TimeUnit.SECONDS));
        // let the loop go back to its selector
        Thread.sleep(20);
    }
}
