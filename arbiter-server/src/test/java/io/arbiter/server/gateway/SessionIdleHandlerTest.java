package io.arbiter.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionIdleHandlerTest
{
    private final List<IdleState> events = new ArrayList<>();

    private EmbeddedChannel channel(final long readerIdleMs, final long writerIdleMs)
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new SessionIdleHandler(readerIdleMs, writerIdleMs));
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter()
        {
            @Override
            public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
            {
                events.add(((IdleStateEvent)evt).state());
            }
        });
        return channel;
    }

    private static void advance(final EmbeddedChannel channel, final long ms)
    {
        for (long i = 0; i < ms; i++)
        {
            channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
        }
    }

    @Test
    void shouldFireWriterIdleAfterTheHeartbeatIntervalWithoutWrites()
    {
        final EmbeddedChannel channel = channel(5_000, 1_000);
        advance(channel, 999);
        assertTrue(events.isEmpty(), events.toString());
        advance(channel, 251);
        assertEquals(List.of(IdleState.WRITER_IDLE), events);
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldNotFireWriterIdleWhileWriting()
    {
        final EmbeddedChannel channel = channel(5_000, 1_000);
        for (int i = 0; i < 8; i++)
        {
            advance(channel, 500);
            channel.writeOutbound(i);
        }
        assertTrue(events.isEmpty(), events.toString());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldFireReaderIdleOnlyAfterTheTimeoutWithoutReads()
    {
        final EmbeddedChannel channel = channel(1_000, 0);
        for (int i = 0; i < 6; i++)
        {
            advance(channel, 500);
            channel.writeInbound(i);
        }
        assertTrue(events.isEmpty(), events.toString());
        advance(channel, 1_250);
        assertEquals(List.of(IdleState.READER_IDLE), events);
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldCheckAtAQuarterOfTheShorterTimeout()
    {
        final long ms = TimeUnit.MILLISECONDS.toNanos(1);
        assertEquals(250 * ms, SessionIdleHandler.checkPeriodNs(5_000 * ms, 1_000 * ms));
        assertEquals(250 * ms, SessionIdleHandler.checkPeriodNs(1_000 * ms, 0));
        assertEquals(ms, SessionIdleHandler.checkPeriodNs(2 * ms, 0));
        assertEquals(0, SessionIdleHandler.checkPeriodNs(0, 0));
    }

    @Test
    void shouldCheckEverySessionOfAnEventLoopFromOneSweeperAndForgetRemovedOnes()
    {
        final Map<EventExecutor, IdleSweeper> sweepers = IdleSweeper.newRegistry();
        final EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        final SessionIdleHandler first = new SessionIdleHandler(0, 1_000, sweepers);
        final SessionIdleHandler second = new SessionIdleHandler(0, 1_000, sweepers);
        final SessionIdleHandler third = new SessionIdleHandler(0, 1_000, sweepers);
        channel.pipeline().addLast(first, second, third);
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter()
        {
            @Override
            public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
            {
                events.add(((IdleStateEvent)evt).state());
            }
        });
        assertEquals(1, sweepers.size(), "one sweeper per event loop");
        final IdleSweeper sweeper = sweepers.get(channel.eventLoop());
        assertEquals(3, sweeper.size());

        channel.pipeline().remove(second);
        assertEquals(2, sweeper.size(), "a removed handler is no longer checked");
        advance(channel, 1_250);
        assertEquals(List.of(IdleState.WRITER_IDLE, IdleState.WRITER_IDLE), events, "one event per checked handler");
        channel.close();
        advance(channel, 250);
        assertEquals(0, sweeper.size(), "closed sessions leave the sweep");
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldSpreadTheHeartbeatsOfSessionsThatStartedTogetherOverThePeriod()
    {
        final Map<EventExecutor, IdleSweeper> sweepers = IdleSweeper.newRegistry();
        final EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        final int sessions = 160;
        for (int i = 0; i < sessions; i++)
        {
            channel.pipeline().addLast(new SessionIdleHandler(0, 1_000, sweepers));
        }
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter()
        {
            @Override
            public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
            {
                events.add(((IdleStateEvent)evt).state());
            }
        });
        int most = 0;
        for (int ms = 0; ms < 1_250; ms++)
        {
            final int before = events.size();
            advance(channel, 1);
            most = Math.max(most, events.size() - before);
        }
        assertEquals(sessions, events.size(), "every session's heartbeat is due within the writer timeout + a period");
        assertEquals(sessions / IdleSweeper.SLICES, most, "at most one slice of the sessions at a time");
        channel.finishAndReleaseAll();
    }
}
