package io.arbiter.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The pending batch of one {@link ArbiterClient}: a pooled direct buffer that send methods encode frames straight
 * into (through {@link #view()}), written to the channel on {@link #flush()} or once it holds the auto-flush count of
 * messages. Not thread safe: the client's lock guards it. Allocates nothing but the pooled buffers.
 */
final class OutboundBatch
{
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final Channel channel;
    private final ByteBufAllocator allocator;
    private final int bufferSize;
    private final int autoFlushBatchSize;
    private ByteBuf pending;
    private int pendingMessages;
    private long messagesSent;
    private long flushes;

    /**
     * @param channel            written to.
     * @param allocator          of the batch buffers.
     * @param bufferSize         bytes of a batch buffer (larger when one frame needs more).
     * @param autoFlushBatchSize messages after which the batch is written without waiting for {@link #flush()}.
     */
    OutboundBatch(
        final Channel channel, final ByteBufAllocator allocator, final int bufferSize, final int autoFlushBatchSize)
    {
        this.channel = channel;
        this.allocator = allocator;
        this.bufferSize = bufferSize;
        this.autoFlushBatchSize = autoFlushBatchSize;
    }

    /**
     * Makes sure a buffer with at least {@code maxBytes} free is pending, flushing the batch first if it has less.
     *
     * @param maxBytes bytes the next frame needs at most (0 when unknown).
     * @return the index in {@link #view()} to encode the next frame at.
     */
    int reserve(final int maxBytes)
    {
        if (pending != null && pending.writableBytes() < maxBytes)
        {
            flush();
        }
        if (pending == null)
        {
            final ByteBuf buffer = allocator.directBuffer(Math.max(bufferSize, maxBytes));
            final int capacity = buffer.capacity();
            if (buffer.hasMemoryAddress())
            {
                view.wrap(buffer.memoryAddress(), capacity);
            }
            else if (buffer.hasArray())
            {
                view.wrap(buffer.array(), buffer.arrayOffset(), capacity);
            }
            else
            {
                view.wrap(buffer.nioBuffer(0, capacity));
            }
            pending = buffer;
        }
        return pending.writerIndex();
    }

    /**
     * @return the pending buffer's whole capacity, valid after {@link #reserve(int)}.
     */
    MutableDirectBuffer view()
    {
        return view;
    }

    /**
     * @return bytes free in the pending buffer, valid after {@link #reserve(int)}.
     */
    int available()
    {
        return pending.capacity() - pending.writerIndex();
    }

    /**
     * Commits an encoded frame, or, when the encoder reported (as a negative length) that it did not fit, flushes the
     * batch so that the next {@link #reserve(int)} starts a buffer big enough.
     *
     * @param index  where the frame starts.
     * @param length of the frame, or minus the bytes it needs.
     */
    void commitOrFlush(final int index, final int length)
    {
        if (length <= 0)
        {
            flush();
            return;
        }
        pending.writerIndex(index + length);
        messagesSent++;
        if (++pendingMessages >= autoFlushBatchSize)
        {
            flush();
        }
    }

    /**
     * Writes and flushes the pending batch, if any, or releases it if the channel is closed.
     */
    void flush()
    {
        final ByteBuf buffer = pending;
        if (buffer == null)
        {
            return;
        }
        pending = null;
        pendingMessages = 0;
        if (buffer.isReadable() && channel.isActive())
        {
            flushes++;
            channel.writeAndFlush(buffer, channel.voidPromise());
        }
        else
        {
            buffer.release();
        }
    }

    /**
     * Drops the pending batch unsent (the connection closed).
     */
    void release()
    {
        if (pending != null)
        {
            pending.release();
            pending = null;
        }
    }

    /**
     * @return messages committed so far.
     */
    long messagesSent()
    {
        return messagesSent;
    }

    /**
     * @return batches written so far.
     */
    long flushes()
    {
        return flushes;
    }
}
