package io.arbiter.marketdata;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The feed thread's view of one subscriber connection: its subscriptions, the snapshots it is owed, and its outbox.
 * The feed thread appends each message's bytes to a staging buffer; once a duty cycle it hands the staged bytes to the
 * connection's event loop, which writes and flushes them. Two direct buffers take turns (the one handed off is reused
 * once Netty has written and released it), so fan-out allocates no buffer and no write task per message; the hand-off
 * is one {@code execute} of this session (a preallocated task) per connection and duty cycle. Feed thread only, apart
 * from {@link #run()} (the connection's event loop).
 */
final class FeedSession implements Runnable
{
    private static final int INITIAL_BYTES = 4096;

    final Channel channel;
    final List<FeedSubscription> subscriptions = new ArrayList<>();
    boolean touched;
    boolean owesSnapshots;
    boolean closed;
    private ByteBuf staging = Unpooled.directBuffer(INITIAL_BYTES);
    private ByteBuf spare = Unpooled.directBuffer(INITIAL_BYTES);
    private volatile ByteBuf handed;

    FeedSession(final Channel channel)
    {
        this.channel = channel;
    }

    FeedSubscription find(final InstrumentStream stream)
    {
        for (int i = 0, size = subscriptions.size(); i < size; i++)
        {
            if (subscriptions.get(i).stream == stream)
            {
                return subscriptions.get(i);
            }
        }
        return null;
    }

    /**
     * Stage a frame for the next hand-off.
     *
     * @param frame  holds the frame from offset 0.
     * @param length of the frame.
     */
    void append(final byte[] frame, final int length)
    {
        staging.writeBytes(frame, 0, length);
    }

    /**
     * @return bytes staged and not yet handed to the event loop.
     */
    int stagedBytes()
    {
        return staging.readableBytes();
    }

    /**
     * @param highWaterMark staged bytes at or above which the subscriber counts as behind.
     * @return false if the connection has more queued than its high water mark, or more is staged than that.
     */
    boolean writable(final int highWaterMark)
    {
        return channel.isWritable() && staging.readableBytes() < highWaterMark;
    }

    /**
     * @return bytes queued in Netty beyond the low water mark, plus bytes staged.
     */
    long backlogBytes()
    {
        return channel.bytesBeforeWritable() + staging.readableBytes();
    }

    /**
     * Hand the staged bytes to the event loop, unless the previous hand-off is not written yet.
     *
     * @return true if nothing is left staged.
     */
    boolean tryHandOff()
    {
        if (closed || staging.readableBytes() == 0)
        {
            return true;
        }
        if (spare.refCnt() != 1)
        {
            return false;
        }
        final ByteBuf full = staging;
        staging = spare.clear();
        spare = full;
        handed = full.retain();
        try
        {
            channel.eventLoop().execute(this);
        }
        catch (final RejectedExecutionException ex)
        {
            full.release();
        }
        return true;
    }

    /**
     * Write and flush the bytes handed off (the connection's event loop); Netty releases the reference taken for it
     * once written, or when the connection has closed.
     */
    @Override
    public void run()
    {
        channel.writeAndFlush(handed, channel.voidPromise());
    }

    /**
     * Give up the outbox (the session is dropped); a hand-off still being written is freed by Netty's release.
     */
    void release()
    {
        if (staging.refCnt() > 0)
        {
            staging.release();
        }
        if (spare.refCnt() > 0)
        {
            spare.release();
        }
    }
}
