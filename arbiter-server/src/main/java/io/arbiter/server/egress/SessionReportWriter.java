package io.arbiter.server.egress;

import io.arbiter.protocol.ServerMessageEncoder;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * The event loop's side of a {@link ChannelSessionEgress}: reads the released records of the session's
 * {@link ChunkedReportQueue} and copies them back to back into direct {@link ByteBuf}s of up to
 * {@value #WRITE_BUFFER_BYTES} bytes from the channel's allocator (one per drain in steady state; the gateway's
 * allocator recycles them once written), writes each with the void promise and flushes once; it gives the queue's
 * chunks back as it passes them and the last one once everything is written (or the connection has closed), and
 * closes a session that overflowed its queue as a slow consumer. A drain called from inside a drain (a flush made the
 * channel writable again) returns at once: the running one goes on. Event loop only.
 */
final class SessionReportWriter
{
    private static final int MAX_TIMED_BATCHES = 64;
    /** Largest buffer one drain fills before writing it and taking another. */
    static final int WRITE_BUFFER_BYTES = 64 * 1024;
    private static final String SLOW_CONSUMER_TEXT = "reports not read fast enough";

    private final Channel channel;
    private final ChunkedReportQueue queue;
    private final LongConsumer writeTime;
    private final Runnable onSlowConsumer;
    private final UnsafeBuffer target = new UnsafeBuffer(0, 0);
    private final long[] writtenStamps = new long[MAX_TIMED_BATCHES];
    private int writtenCount;
    private ByteBuf pendingWrite;
    private boolean closingAsSlowConsumer;
    /** True while a drain runs: a flush inside it may make the channel writable and call for a drain again. */
    private boolean draining;

    /**
     * Produces garbage (control plane).
     *
     * @param channel        of the session.
     * @param queue          the session's queue (this is its consumer).
     * @param writeTime      told the nanoseconds from each record's hand-off to the socket flush that sent it (at most
     *                       {@value #MAX_TIMED_BATCHES} per drain); null to measure nothing.
     * @param onSlowConsumer run once when the session is closed as a slow consumer; null for nothing.
     */
    SessionReportWriter(
        final Channel channel, final ChunkedReportQueue queue, final LongConsumer writeTime,
        final Runnable onSlowConsumer)
    {
        this.channel = channel;
        this.queue = queue;
        this.writeTime = writeTime;
        this.onSlowConsumer = onSlowConsumer;
    }

    /**
     * Write the released records while the channel is writable (or all of them), then flush; give the chunks back
     * once everything is written or the connection has gone.
     *
     * @param releasedSequence the gate's released sequence: nothing waiting for a later one is written.
     * @param whileWritable    true to stop once the channel is not writable; false to write everything released
     *                         (shutdown).
     */
    void drain(final long releasedSequence, final boolean whileWritable)
    {
        final long state = queue.observe();
        if (ChunkedReportQueue.isDetached(state))
        {
            return;
        }
        if (!channel.isActive())
        {
            queue.discardAndGiveBack(state);
            return;
        }
        if (draining)
        {
            return;
        }
        draining = true;
        try
        {
            writeReleased(releasedSequence, whileWritable);
        }
        finally
        {
            draining = false;
        }
        queue.tryGiveBack(state);
    }

    private void writeReleased(final long releasedSequence, final boolean whileWritable)
    {
        boolean wrote = false;
        while (true)
        {
            if (whileWritable && !channel.isWritable())
            {
                // the kernel may take what is written so far: flush, and go on only if that made room
                writePending();
                channel.flush();
                if (!channel.isWritable())
                {
                    break;
                }
            }
            final int length = queue.peek(releasedSequence);
            if (length == ChunkedReportQueue.NONE)
            {
                break;
            }
            write(queue.headBuffer(), queue.reportsOffset(), length, queue.handOffNs());
            queue.consume(length);
            wrote = true;
        }
        if (wrote)
        {
            writePending();
            channel.flush();
            recordWriteTimes();
        }
    }

    /**
     * The connection has gone: gives the chunks back once nothing writes them.
     */
    void onClosed()
    {
        final long state = queue.observe();
        if (!ChunkedReportQueue.isDetached(state))
        {
            queue.discardAndGiveBack(state);
        }
    }

    /**
     * Send {@code ProtocolError SLOW_CONSUMER} and close the connection, once.
     */
    void closeAsSlowConsumer()
    {
        if (closingAsSlowConsumer || !channel.isActive())
        {
            return;
        }
        closingAsSlowConsumer = true;
        if (onSlowConsumer != null)
        {
            onSlowConsumer.run();
        }
        final ByteBuf buf = channel.alloc().directBuffer(256);
        final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocate(256));
        final int length = new ServerMessageEncoder().encodeProtocolError(
            scratch, 0, scratch.capacity(), ProtocolErrorCode.SLOW_CONSUMER_VALUE, SLOW_CONSUMER_TEXT);
        copy(scratch, 0, length, buf);
        channel.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
    }

    private void write(final DirectBuffer buffer, final int index, final int length, final long handOffNs)
    {
        if (handOffNs != 0 && writtenCount < MAX_TIMED_BATCHES)
        {
            writtenStamps[writtenCount++] = handOffNs;
        }
        if (pendingWrite != null && pendingWrite.writableBytes() < length)
        {
            writePending();
        }
        if (pendingWrite == null)
        {
            pendingWrite = channel.alloc().directBuffer(Math.max(length, WRITE_BUFFER_BYTES));
        }
        copy(buffer, index, length, pendingWrite);
    }

    /**
     * Hand the buffer being filled to the channel (not flushed).
     */
    private void writePending()
    {
        final ByteBuf buf = pendingWrite;
        if (buf != null)
        {
            pendingWrite = null;
            channel.write(buf, channel.voidPromise());
        }
    }

    private void recordWriteTimes()
    {
        if (writeTime != null)
        {
            final long nowNs = System.nanoTime();
            for (int i = 0; i < writtenCount; i++)
            {
                writeTime.accept(nowNs - writtenStamps[i]);
            }
        }
        writtenCount = 0;
    }

    private void copy(final DirectBuffer source, final int index, final int length, final ByteBuf buf)
    {
        if (buf.hasMemoryAddress())
        {
            target.wrap(buf.memoryAddress() + buf.writerIndex(), length);
            target.putBytes(0, source, index, length);
            buf.writerIndex(buf.writerIndex() + length);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                buf.writeByte(source.getByte(index + i));
            }
        }
    }
}
