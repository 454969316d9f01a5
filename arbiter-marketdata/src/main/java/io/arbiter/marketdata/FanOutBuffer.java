package io.arbiter.marketdata;

import org.agrona.ExpandableArrayBuffer;

/**
 * The frames of one instrument's stream for one kind of subscription (book, trades only, top of book) encoded during
 * one duty cycle of the feed thread: each message is encoded once and appended here, and at the end of the cycle the
 * whole buffer is appended to every subscriber of that kind in one copy, so that the feed thread's work per message
 * does not grow with the number of subscribers. Feed thread only; allocates nothing once grown to its working size.
 */
final class FanOutBuffer
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private int length;
    private int messages;

    /**
     * Append a frame.
     *
     * @param frame       holds the frame from offset 0.
     * @param frameLength of the frame.
     */
    void add(final byte[] frame, final int frameLength)
    {
        buffer.putBytes(length, frame, 0, frameLength);
        length += frameLength;
        messages++;
    }

    /**
     * @return the bytes (from offset 0, {@link #length()} of them).
     */
    byte[] bytes()
    {
        return buffer.byteArray();
    }

    /**
     * @return bytes appended this cycle.
     */
    int length()
    {
        return length;
    }

    /**
     * @return frames appended this cycle.
     */
    int messages()
    {
        return messages;
    }

    /**
     * Empty it for the next cycle.
     */
    void clear()
    {
        length = 0;
        messages = 0;
    }
}
