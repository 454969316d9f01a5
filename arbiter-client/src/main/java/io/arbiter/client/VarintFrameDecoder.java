package io.arbiter.client;

import io.arbiter.protocol.FrameDecoder;
import io.arbiter.protocol.FrameStatus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * Cuts varint-length-prefixed frames (protobuf's {@code writeDelimitedTo} framing, found by the protocol's
 * {@link FrameDecoder}) out of the inbound byte stream and hands each body to a {@link FrameHandler} through a reused
 * {@link UnsafeBuffer} view over the Netty buffer, without copying when the buffer has a memory address or a backing
 * array. One instance per channel, on its event loop.
 */
public final class VarintFrameDecoder extends ByteToMessageDecoder
{
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final FrameDecoder frameDecoder;
    private final FrameHandler handler;
    private byte[] scratch = new byte[0];

    /**
     * Creates a decoder.
     *
     * @param handler        receives the frames.
     * @param maxFrameLength the largest frame body accepted; a longer one closes the connection.
     */
    public VarintFrameDecoder(final FrameHandler handler, final int maxFrameLength)
    {
        this.handler = handler;
        this.frameDecoder = new FrameDecoder(maxFrameLength);
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        final int readerIndex = in.readerIndex();
        final int readable = in.readableBytes();
        if (readable == 0)
        {
            return;
        }
        wrap(in, readerIndex, readable);
        int offset = 0;
        try
        {
            while (offset < readable)
            {
                final FrameStatus status = frameDecoder.tryDecodeFrame(view, offset, readable - offset);
                if (status == FrameStatus.NEED_MORE)
                {
                    break;
                }
                if (status == FrameStatus.TOO_LARGE)
                {
                    throw new TooLongFrameException("frame exceeds " + frameDecoder.maxFrameLength() + " bytes");
                }
                if (status == FrameStatus.MALFORMED)
                {
                    throw new CorruptedFrameException("malformed length prefix");
                }
                offset = frameDecoder.frameEnd();
                if (handler.onFrame(view, frameDecoder.frameOffset(), frameDecoder.frameLength()) < 0)
                {
                    throw new CorruptedFrameException("malformed frame of " + frameDecoder.frameLength() + " bytes");
                }
            }
        }
        finally
        {
            in.readerIndex(readerIndex + offset);
        }
    }

    private void wrap(final ByteBuf in, final int index, final int length)
    {
        if (in.hasMemoryAddress())
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
