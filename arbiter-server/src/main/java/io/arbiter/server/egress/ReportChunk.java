package io.arbiter.server.egress;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One fixed-size piece of a session's report queue, lent by an {@link EgressBufferPool}: a direct buffer of records
 * (see {@link ChunkedReportQueue}) and the link to the chunk the queue continues in. Written by the matching thread
 * beyond the queue's published position, read by the session's event loop before it.
 */
final class ReportChunk
{
    final UnsafeBuffer buffer;
    /** The next chunk of the queue; null while this is the tail (set before the position that reveals it). */
    ReportChunk next;

    ReportChunk(final UnsafeBuffer buffer)
    {
        this.buffer = buffer;
    }
}
