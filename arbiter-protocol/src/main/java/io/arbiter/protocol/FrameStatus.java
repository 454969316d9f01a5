package io.arbiter.protocol;

/**
 * Outcome of trying to take one frame (and decode its message) from accumulated bytes.
 */
public enum FrameStatus
{
    /** The bytes end inside the length prefix or the body: read more and try again from the same offset. */
    NEED_MORE,
    /** A whole frame is available (and, for a message decoder, its message was decoded). */
    FRAME,
    /** The length prefix exceeds the maximum frame length: the connection should be closed. */
    TOO_LARGE,
    /** The length prefix or the body is not valid protobuf: the connection should be closed. */
    MALFORMED
}
