package io.arbiter.client;

import org.agrona.DirectBuffer;

/**
 * Receives the frames that {@link VarintFrameDecoder} cuts from a connection's byte stream. Called on the
 * connection's event loop; the buffer is a view valid only during the call.
 */
@FunctionalInterface
public interface FrameHandler
{
    /**
     * One complete frame, without its length prefix.
     *
     * @param buffer the buffer holding the frame.
     * @param offset where the frame starts.
     * @param length its length in bytes.
     * @return {@code 0} to continue, a negative value if the frame is malformed (the connection is then closed).
     */
    int onFrame(DirectBuffer buffer, int offset, int length);
}
