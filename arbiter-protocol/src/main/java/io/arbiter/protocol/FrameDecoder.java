package io.arbiter.protocol;

import org.agrona.DirectBuffer;

/**
 * Finds frames (a varint body length followed by the body, as protobuf's writeDelimitedTo writes them) in bytes
 * accumulated from a stream. Holds the position of the last frame found; one instance per connection or per thread,
 * not thread safe. Allocates nothing.
 */
public final class FrameDecoder
{
    private final int maxFrameLength;
    private int frameOffset;
    private int frameLength = -1;
    private int frameEnd;

    /**
     * @param maxFrameLength largest body length accepted; longer frames give {@link FrameStatus#TOO_LARGE}.
     */
    public FrameDecoder(final int maxFrameLength)
    {
        if (maxFrameLength < 0 || maxFrameLength > Integer.MAX_VALUE - WireDescriptor.MAX_LENGTH_PREFIX)
        {
            throw new IllegalArgumentException("maxFrameLength out of range: " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Look for one frame at the start of the given bytes. On {@link FrameStatus#FRAME}, {@link #frameOffset()} and
     * {@link #frameLength()} locate the body and {@link #frameEnd()} is where the next frame starts. On
     * {@link FrameStatus#NEED_MORE}, {@link #frameLength()} is the body length if the prefix was complete, else -1.
     *
     * @param buffer holding the bytes.
     * @param offset of the first unconsumed byte.
     * @param length of the bytes available from offset.
     * @return the status.
     */
    public FrameStatus tryDecodeFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        frameLength = -1;
        long value = 0;
        int shift = 0;
        for (int i = 0; i < WireDescriptor.MAX_LENGTH_PREFIX; i++)
        {
            if (i >= length)
            {
                return value > maxFrameLength ? FrameStatus.TOO_LARGE : FrameStatus.NEED_MORE;
            }
            final byte b = buffer.getByte(offset + i);
            value |= (long)(b & 0x7F) << shift;
            if (b >= 0)
            {
                if (value > maxFrameLength)
                {
                    return FrameStatus.TOO_LARGE;
                }
                final int prefixLength = i + 1;
                frameOffset = offset + prefixLength;
                frameLength = (int)value;
                if (length - prefixLength < frameLength)
                {
                    return FrameStatus.NEED_MORE;
                }
                frameEnd = frameOffset + frameLength;
                return FrameStatus.FRAME;
            }
            shift += 7;
        }
        return value > maxFrameLength ? FrameStatus.TOO_LARGE : FrameStatus.MALFORMED;
    }

    /**
     * @return largest body length accepted.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * @return offset of the last frame's body.
     */
    public int frameOffset()
    {
        return frameOffset;
    }

    /**
     * @return length of the last frame's body, or -1 when the prefix was incomplete.
     */
    public int frameLength()
    {
        return frameLength;
    }

    /**
     * @return offset just after the last frame found: where the next frame starts.
     */
    public int frameEnd()
    {
        return frameEnd;
    }
}
