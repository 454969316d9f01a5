package io.arbiter.server.gateway;

import com.lmax.disruptor.EventHandler;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.CommandRing;
import io.arbiter.server.sequencer.CountingWaitStrategy;
import io.arbiter.server.sequencer.HeldSignalWaitStrategy;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.SessionRegistration;
import io.arbiter.server.sequencer.SignalHoldingThread;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayEventLoopGroupTest
{
    private static final int COMMANDS = 20;
    /** Liveness bound: a loop publishes and a consumer takes a few commands in microseconds; 30 s is far beyond. */
    private static final long LIVENESS_S = 30;

    @Test
    void shouldSignalTheMatchingThreadAtTheEndOfTheCycleAndAtEachMostPublishesItHolds() throws Exception
    {
        final int commands = 2 * SignalHoldingThread.MAX_HELD_PUBLISHES + 3;
        final CountingWaitStrategy counting = new CountingWaitStrategy();
        final CountDownLatch consumed = new CountDownLatch(commands);
        final EventHandler<CommandEvent> handler = (event, sequence, endOfBatch) -> consumed.countDown();
        final CommandRing ring = new CommandRing(1024, new HeldSignalWaitStrategy(counting), handler, Thread::new);
        ring.start();
        final GatewayEventLoopGroup group = new GatewayEventLoopGroup(
            1, GatewayEventLoopGroup.signalHoldingThreads("held-signal-test"),
            GatewayTransport.NIO, 0);
        try
        {
            final EventLoop loop = group.next();
            final boolean[] holding = new boolean[1];
            loop.submit(() ->
            {
                holding[0] = Thread.currentThread() instanceof SignalHoldingThread;
                publish(ring, commands);
                return null;
            }).get(LIVENESS_S, TimeUnit.SECONDS);

            assertTrue(holding[0], "the event loop runs on a signal-holding thread");
            assertTrue(consumed.await(LIVENESS_S, TimeUnit.SECONDS), "every command reaches the matching thread");
            // the signal at the end of the cycle follows the task's completion (and the consumer may have taken every
            // command before it): count once the loop has stopped
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            assertEquals(3, counting.signals.get(), commands + " commands published in one cycle: a signal at each " +
                SignalHoldingThread.MAX_HELD_PUBLISHES + "th and one at the end of the cycle");
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            ring.drainAndStop(5_000);
        }
    }

    @Test
    void shouldGiveTheHeldSignalBeforeWaitingForRoomInARingItFilled() throws Exception
    {
        final int ringSize = 4;
        final CountingWaitStrategy counting = new CountingWaitStrategy();
        final CountDownLatch consumed = new CountDownLatch(ringSize + 1);
        final EventHandler<CommandEvent> handler = (event, sequence, endOfBatch) -> consumed.countDown();
        final HeldSignalWaitStrategy strategy = new HeldSignalWaitStrategy(counting);
        final CommandRing ring = new CommandRing(ringSize, strategy, handler, Thread::new);
        ring.start();
        final GatewayEventLoopGroup group = new GatewayEventLoopGroup(
            1, GatewayEventLoopGroup.signalHoldingThreads("held-signal-test"),
            GatewayTransport.NIO, 0);
        try
        {
            // the matching thread is asleep before the cycle fills the ring (fewer publishes than the most held)
            TimeUnit.MILLISECONDS.sleep(100);
            group.next().submit(() ->
            {
                publish(ring, ringSize);
                ring.publishSessionOpened(new SessionRegistration(1, 1, null));
                return null;
            }).get(LIVENESS_S, TimeUnit.SECONDS);

            assertTrue(consumed.await(LIVENESS_S, TimeUnit.SECONDS));
        }
        finally
        {
            // if the loop waits for room behind a consumer it left asleep, this (any other thread) wakes it
            strategy.signalAllWhenBlocking();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            ring.drainAndStop(5_000);
        }
    }

    @Test
    void shouldSignalAtEveryPublishFromAThreadThatHoldsNothing() throws Exception
    {
        final CountingWaitStrategy counting = new CountingWaitStrategy();
        final CountDownLatch consumed = new CountDownLatch(COMMANDS);
        final EventHandler<CommandEvent> handler = (event, sequence, endOfBatch) -> consumed.countDown();
        final CommandRing ring = new CommandRing(1024, new HeldSignalWaitStrategy(counting), handler, Thread::new);
        ring.start();
        try
        {
            publish(ring, COMMANDS);
            assertTrue(consumed.await(LIVENESS_S, TimeUnit.SECONDS));
            assertEquals(COMMANDS, counting.signals.get());
        }
        finally
        {
            ring.drainAndStop(5_000);
        }
    }

    private static void publish(final CommandRing ring, final int commands)
    {
        final IngressCommand staged = new IngressCommand();
        staged.command().newOrder(
            0, 0, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1, 1, SelfTradePrevention.NONE);
        for (int i = 0; i < commands; i++)
        {
            staged.clientOrderId(i);
            assertTrue(ring.tryPublish(staged));
        }
    }
}
