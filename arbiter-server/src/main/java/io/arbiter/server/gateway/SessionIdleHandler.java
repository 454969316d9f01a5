package io.arbiter.server.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Ticker;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reader and writer idle detection of one session without garbage per message: reads and writes only store a time,
 * and one periodic check (a quarter of the shorter timeout) fires Netty's shared {@link IdleStateEvent} constants.
 * Netty's {@code IdleStateHandler} instead replaces every void write promise with a new promise to see the write
 * complete, one object per write. Writer idle counts from the last write call, not its completion. The checks of all
 * sessions on one event loop run in one periodic task ({@link IdleSweeper}). Event loop only.
 */
final class SessionIdleHandler extends ChannelDuplexHandler
{
    private static final long MIN_CHECK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long readerIdleNs;
    private final long writerIdleNs;
    private final Map<EventExecutor, IdleSweeper> sweepers;
    private IdleSweeper sweeper;
    /** This handler's place in its sweeper, -1 when not checked (the sweeper's thread only). */
    int sweepIndex = -1;
    private ChannelHandlerContext context;
    private Ticker ticker = Ticker.systemTicker();
    private long lastReadNs;
    private long lastWriteNs;

    /**
     * @param readerIdleMs nothing read for this long fires {@link IdleStateEvent#READER_IDLE_STATE_EVENT}; 0 = never.
     * @param writerIdleMs nothing written for this long fires {@link IdleStateEvent#WRITER_IDLE_STATE_EVENT};
     *                     0 = never.
     */
    SessionIdleHandler(final long readerIdleMs, final long writerIdleMs)
    {
        this(readerIdleMs, writerIdleMs, IdleSweeper.newRegistry());
    }

    /**
     * @param readerIdleMs nothing read for this long fires {@link IdleStateEvent#READER_IDLE_STATE_EVENT}; 0 = never.
     * @param writerIdleMs nothing written for this long fires {@link IdleStateEvent#WRITER_IDLE_STATE_EVENT};
     *                     0 = never.
     * @param sweepers     the gateway's idle sweepers by event loop: every session of a loop is checked by one task.
     */
    SessionIdleHandler(final long readerIdleMs, final long writerIdleMs, final Map<EventExecutor, IdleSweeper> sweepers)
    {
        this.sweepers = sweepers;
        this.readerIdleNs = TimeUnit.MILLISECONDS.toNanos(Math.max(0, readerIdleMs));
        this.writerIdleNs = TimeUnit.MILLISECONDS.toNanos(Math.max(0, writerIdleMs));
    }

    /**
     * @param readerIdleNs reader timeout in ns.
     * @param writerIdleNs writer timeout in ns.
     * @return the period of the idle check: a quarter of the shorter positive timeout, at least 1 ms; 0 if neither.
     */
    static long checkPeriodNs(final long readerIdleNs, final long writerIdleNs)
    {
        final long shorter = readerIdleNs <= 0 ? writerIdleNs :
            writerIdleNs <= 0 ? readerIdleNs : Math.min(readerIdleNs, writerIdleNs);
        return shorter <= 0 ? 0 : Math.max(MIN_CHECK_NS, shorter / 4);
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        if (ctx.channel().isActive() && ctx.channel().isRegistered())
        {
            start(ctx);
        }
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        stop();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        lastReadNs = ticker.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
    {
        lastWriteNs = ticker.nanoTime();
        ctx.write(msg, promise);
    }

    private void start(final ChannelHandlerContext ctx)
    {
        final long periodNs = checkPeriodNs(readerIdleNs, writerIdleNs);
        if (sweeper != null || periodNs == 0)
        {
            return;
        }
        context = ctx;
        sweeper = IdleSweeper.forLoop(sweepers, ctx.executor(), periodNs);
        ticker = sweeper.ticker();
        final long nowNs = ticker.nanoTime();
        lastReadNs = nowNs;
        lastWriteNs = nowNs;
        sweeper.add(this);
    }

    private void stop()
    {
        if (sweeper != null)
        {
            sweeper.remove(this);
            sweeper = null;
        }
    }

    /**
     * Fire the idle events that are due (the sweeper's task, on the event loop).
     *
     * @param nowNs the sweep's time.
     */
    void check(final long nowNs)
    {
        if (!context.channel().isOpen())
        {
            stop();
            return;
        }
        if (readerIdleNs > 0 && nowNs - lastReadNs >= readerIdleNs)
        {
            lastReadNs = nowNs;
            context.fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        }
        if (writerIdleNs > 0 && nowNs - lastWriteNs >= writerIdleNs)
        {
            lastWriteNs = nowNs;
            context.fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        }
    }
}
