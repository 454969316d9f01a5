package io.arbiter.cluster.service;

import io.arbiter.engine.MatchingEngine;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.SnapshotLoader;
import io.arbiter.journal.SnapshotWriter;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * The engine part of a cluster member's snapshot: a length, then the engine's state in the journal's snapshot format
 * ({@link io.arbiter.journal.SnapshotDescriptor}: instruments with their state and assets, resting orders and stops,
 * risk state, counters, checksum), written by {@link SnapshotWriter} and read by {@link SnapshotLoader}, so a single
 * node and a cluster member share one snapshot codec. Service thread only; produces garbage (snapshots are the
 * control plane).
 */
final class EngineSnapshotCodec
{
    private static final String NAME = "cluster snapshot";

    private EngineSnapshotCodec()
    {
    }

    /**
     * @param engine       to write.
     * @param lastSequence the last command sequence applied to it.
     * @param buffer       to write into.
     * @param offset       where to start.
     * @return the offset after the written bytes.
     */
    static int encode(
        final MatchingEngine engine, final long lastSequence, final ExpandableDirectByteBuffer buffer, final int offset)
    {
        final BufferChannel channel = new BufferChannel(buffer, offset + Integer.BYTES);
        final long length = new SnapshotWriter(new JournalContext()).write(engine, lastSequence, channel);
        buffer.putInt(offset, Math.toIntExact(length), ByteOrder.LITTLE_ENDIAN);
        return channel.position;
    }

    /**
     * Verify and restore the state written by {@link #encode} into an engine with no instruments.
     *
     * @param in     snapshot bytes, a direct or heap buffer.
     * @param offset where the engine state starts.
     * @param engine to restore into.
     * @return the offset after the engine state.
     * @throws io.arbiter.journal.JournalCorruptedException if the state is damaged.
     * @throws IllegalStateException                        if it cannot be restored.
     */
    static int decode(final DirectBuffer in, final int offset, final MatchingEngine engine)
    {
        final int length = in.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        final byte[] bytes = new byte[length];
        in.getBytes(offset + Integer.BYTES, bytes);
        SnapshotLoader.load(ByteBuffer.wrap(bytes), NAME, engine);
        return offset + Integer.BYTES + length;
    }

    /**
     * Appends what is written to an expandable buffer.
     */
    private static final class BufferChannel implements WritableByteChannel
    {
        private final ExpandableDirectByteBuffer buffer;
        private int position;

        BufferChannel(final ExpandableDirectByteBuffer buffer, final int position)
        {
            this.buffer = buffer;
            this.position = position;
        }

        @Override
        public int write(final ByteBuffer src)
        {
            final int length = src.remaining();
            buffer.putBytes(position, src, src.position(), length);
            src.position(src.limit());
            position += length;
            return length;
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        @Override
        public void close()
        {
        }
    }
}
