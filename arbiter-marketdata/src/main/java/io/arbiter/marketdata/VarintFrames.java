package io.arbiter.marketdata;

import io.netty.buffer.ByteBuf;

/**
 * Splits the varint-length-prefixed frames of the feed's connections (both directions), as protobuf's
 * {@code writeDelimitedTo} writes them. Stateless.
 */
public final class VarintFrames
{
    /** The buffer does not hold the whole frame yet. */
    public static final int INCOMPLETE = -1;
    /** The prefix is not a varint of at most five bytes, or the frame is longer than allowed. */
    public static final int MALFORMED = -2;

    private VarintFrames()
    {
    }

    /**
     * Read the length prefix of the next frame. If the whole frame is readable, the reader index is left after the
     * prefix (read the frame next); otherwise it is left unchanged.
     *
     * @param in             bytes received.
     * @param maxFrameLength largest frame allowed.
     * @return the frame length, {@link #INCOMPLETE} or {@link #MALFORMED}.
     */
    public static int nextFrameLength(final ByteBuf in, final int maxFrameLength)
    {
        final int start = in.readerIndex();
        long length = 0;
        int shift = 0;
        while (true)
        {
            if (!in.isReadable())
            {
                in.readerIndex(start);
                return INCOMPLETE;
            }
            final byte b = in.readByte();
            length |= (long)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                break;
            }
            if (shift >= 35)
            {
                in.readerIndex(start);
                return MALFORMED;
            }
        }
        if (length > maxFrameLength)
        {
            in.readerIndex(start);
            return MALFORMED;
        }
        if (in.readableBytes() < length)
        {
            in.readerIndex(start);
            return INCOMPLETE;
        }
        return (int)length;
    }
}
