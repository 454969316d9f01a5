package io.arbiter.marketdata;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;

/**
 * The feed thread's view of one subscriber connection: its subscriptions, the snapshots it is owed, and its outbox.
 * The feed thread appends the cycle's bytes to a staging buffer; once a duty cycle it hands the staged bytes to the
 * connection's event loop through the loop's {@link FeedLoopHandOff}, which writes and flushes them. Two direct
 * buffers take turns (the one handed off is reused once Netty has written and released it), so fan-out allocates no
 * buffer and no write task per message. Feed thread only, apart from {@link #writeHanded()} (the connection's event
 * loop).
 */
final class FeedSession
{
    private static final int INITIAL_BYTES = 4096;

    final Channel channel;
    private final FeedLoopHandOff handOff;
    final List<FeedSubscription> subscriptions = new ArrayList<>();
    boolean touched;
    boolean owesSnapshots;
    boolean closed;
    private ByteBuf staging = Unpooled.directBuffer(INITIAL_BYTES);
    private ByteBuf spare = Unpooled.directBuffer(INITIAL_BYTES);
    private volatile ByteBuf handed;

    FeedSession(final Channel channel, final FeedLoopHandOff handOff)
    {
        this.channel = channel;
        this.handOff = handOff;
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
     * Stage frames for the next hand-off.
     *
     * @param frames holds the frames from offset 0.
     * @param length of the frames.
     */
    void append(final byte[] frames, final int length)
    {
        staging.writeBytes(frames, 0, length);
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
     * Add the staged bytes to the event loop's next hand-off, unless that loop's last hand-off has not run yet or this
     * session's previous bytes are not written yet.
     *
     * @return true if nothing is left staged.
     */
    boolean tryHandOff()
    {
        if (closed || staging.readableBytes() == 0)
        {
            return true;
        }
        if (handOff.busy() || spare.refCnt() != 1)
        {
            return false;
        }
        final ByteBuf full = staging;
        staging = spare.clear();
        spare = full;
        handed = full.retain();
        handOff.add(this);
        return true;
    }

    /**
     * Write and flush the bytes handed off (the connection's event loop); Netty releases the reference taken for it
     * once written, or when the connection has closed.
     */
    void writeHanded()
    {
        channel.writeAndFlush(handed, channel.voidPromise());
    }

    /**
     * Free the bytes handed off when the event loop refused the hand-off (it is shutting down).
     */
    void releaseHanded()
    {
        handed.release();
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
