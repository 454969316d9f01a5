package io.arbiter.cluster.service;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.logbuffer.FragmentHandler;
import io.arbiter.engine.MatchingEngine;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The {@link EngineClusteredService}'s part of a cluster snapshot: a length header, then the applied command count,
 * every gateway's stream and the engine's state ({@link EngineSnapshotCodec}), in chunks. Service thread only;
 * produces garbage (snapshots are rare).
 */
final class ServiceSnapshot
{
    private static final int SNAPSHOT_MAGIC = 0x43425241;
    private static final int SNAPSHOT_VERSION = 3;
    private static final int SNAPSHOT_VERSION_BEFORE_MARKET_DATA = 2;
    private static final int SNAPSHOT_CHUNK = 32 * 1024;

    private ServiceSnapshot()
    {
    }

    /**
     * Write the service's state into the snapshot publication.
     *
     * @param snapshotPublication the cluster's snapshot publication.
     * @param idle                how to wait while it is back-pressured.
     * @param appliedCommands     commands applied so far.
     * @param streams             every gateway's stream.
     * @param engine              the engine.
     * @throws IllegalStateException if the publication is closed.
     */
    static void write(final ExclusivePublication snapshotPublication, final IdleStrategy idle,
        final long appliedCommands, final Int2ObjectHashMap<GatewayStream> streams, final MatchingEngine engine)
    {
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(1 << 16);
        int position = 16;
        out.putInt(0, SNAPSHOT_MAGIC, ByteOrder.LITTLE_ENDIAN);
        out.putInt(4, SNAPSHOT_VERSION, ByteOrder.LITTLE_ENDIAN);
        out.putLong(8, appliedCommands, ByteOrder.LITTLE_ENDIAN);
        out.putInt(position, streams.size(), ByteOrder.LITTLE_ENDIAN);
        position += 4;
        for (final GatewayStream stream : streams.values())
        {
            position = stream.encode(out, position);
        }
        position = EngineSnapshotCodec.encode(engine, appliedCommands, out, position);

        final UnsafeBuffer lengthHeader = new UnsafeBuffer(new byte[8]);
        lengthHeader.putInt(0, SNAPSHOT_MAGIC, ByteOrder.LITTLE_ENDIAN);
        lengthHeader.putInt(4, position, ByteOrder.LITTLE_ENDIAN);
        offerFully(snapshotPublication, lengthHeader, 0, 8, idle);
        for (int chunk = 0; chunk < position; chunk += SNAPSHOT_CHUNK)
        {
            offerFully(snapshotPublication, out, chunk, Math.min(SNAPSHOT_CHUNK, position - chunk), idle);
        }
    }

    private static void offerFully(
        final ExclusivePublication publication,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final IdleStrategy idle)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (result == ExclusivePublication.CLOSED || result == ExclusivePublication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("snapshot publication refused the engine's state: " + result);
            }
            idle.idle();
        }
    }

    /**
     * Read the service's state from a snapshot image into empty streams and a fresh engine.
     *
     * @param image            the snapshot.
     * @param idle             how to wait for its fragments.
     * @param maxRetainedBytes bound on each restored stream's retained reports.
     * @param streams          filled with the gateways' streams.
     * @param reports          told of each restored stream.
     * @param engine           loaded with the engine's state.
     * @return the applied command count of the snapshot.
     * @throws IllegalStateException if the image is not a complete snapshot of a known version.
     */
    static long read(final Image image, final IdleStrategy idle, final int maxRetainedBytes,
        final Int2ObjectHashMap<GatewayStream> streams, final ReportCollector reports, final MatchingEngine engine)
    {
        final ExpandableDirectByteBuffer in = new ExpandableDirectByteBuffer(1 << 16);
        final int[] expected = {-1};
        final int[] received = {0};
        final FragmentHandler handler = (buffer, offset, length, header) ->
        {
            if (expected[0] < 0)
            {
                if (buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) != SNAPSHOT_MAGIC)
                {
                    throw new IllegalStateException("not an Arbiter engine snapshot");
                }
                expected[0] = buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN);
            }
            else
            {
                in.putBytes(received[0], buffer, offset, length);
                received[0] += length;
            }
        };
        idle.reset();
        while (expected[0] < 0 || received[0] < expected[0])
        {
            final int fragments = image.poll(handler, 16);
            if (fragments == 0)
            {
                if (image.isClosed() || image.isEndOfStream())
                {
                    throw new IllegalStateException("engine snapshot ended after " + received[0] + " of " +
                        expected[0] + " bytes");
                }
                idle.idle();
            }
        }
        final int version = in.getInt(4, ByteOrder.LITTLE_ENDIAN);
        if (version != SNAPSHOT_VERSION && version != SNAPSHOT_VERSION_BEFORE_MARKET_DATA)
        {
            throw new IllegalStateException("engine snapshot version " + version);
        }
        final long appliedCommands = in.getLong(8, ByteOrder.LITTLE_ENDIAN);
        final int streamCount = in.getInt(16, ByteOrder.LITTLE_ENDIAN);
        int position = 20;
        for (int i = 0; i < streamCount; i++)
        {
            final GatewayStream stream = GatewayStream.decode(
                in, position, maxRetainedBytes, version == SNAPSHOT_VERSION);
            position += stream.encodedLength();
            streams.put(stream.gatewayId(), stream);
            reports.restored(stream);
        }
        EngineSnapshotCodec.decode(in, position, engine);
        return appliedCommands;
    }

}
