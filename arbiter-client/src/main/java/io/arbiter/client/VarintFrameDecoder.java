package io.arbiter.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * Cuts varint-length-prefixed frames (protobuf's {@code writeDelimitedTo} framing) out of the inbound byte stream and
 * hands each to a {@link FrameHandler} through a reused {@link UnsafeBuffer} view over the Netty buffer, without
 * copying when the buffer has a memory address or a backing array. One instance per channel, on its event loop.
 */
public final class VarintFrameDecoder extends ByteToMessageDecoder
{
    private static final int MAX_PREFIX_LENGTH = 5;

    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final FrameHandler handler;
    private final int maxFrameLength;
    private byte[] scratch = new byte[0];

    /**
     * Creates a decoder.
     *
     * @param handler        receives the frames.
     * @param maxFrameLength the largest frame accepted; a longer prefix closes the connection.
     */
    public VarintFrameDecoder(final FrameHandler handler, final int maxFrameLength)
    {
        this.handler = handler;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        while (in.isReadable())
        {
            final int readerIndex = in.readerIndex();
            final int readable = in.readableBytes();
            int length = 0;
            int prefixLength = 0;
            boolean complete = false;
            while (prefixLength < Math.min(readable, MAX_PREFIX_LENGTH))
            {
                final byte b = in.getByte(readerIndex + prefixLength);
                length |= (b & 0x7F) << (7 * prefixLength);
                prefixLength++;
                if (b >= 0)
                {
                    complete = true;
                    break;
                }
            }
            if (!complete)
            {
                if (prefixLength == MAX_PREFIX_LENGTH)
                {
                    throw new CorruptedFrameException("length prefix longer than " + MAX_PREFIX_LENGTH + " bytes");
                }
                return;
            }
            if (length < 0 || length > maxFrameLength)
            {
                throw new TooLongFrameException("frame of " + length + " bytes exceeds " + maxFrameLength);
            }
            if (readable - prefixLength < length)
            {
                return;
            }
            final int frameIndex = readerIndex + prefixLength;
            wrap(in, frameIndex, length);
            in.readerIndex(frameIndex + length);
            if (handler.onFrame(view, 0, length) < 0)
            {
                throw new CorruptedFrameException("malformed frame of " + length + " bytes");
            }
        }
    }

    private void wrap(final ByteBuf in, final int index, final int length)
    {
        if (length == 0)
        {
            view.wrap(scratch, 0, 0);
        }
        else if (in.hasMemoryAddress())
        {
            view.wrap(in.memoryAddress() + index, length);
        }
        else if (in.hasArray())
        {
            view.wrap(in.array(), in.arrayOffset() + index, length);
        }
        else
        {
            if (scratch.length < length)
            {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            in.getBytes(index, scratch, 0, length);
            view.wrap(scratch, 0, length);
        }
    }
}
