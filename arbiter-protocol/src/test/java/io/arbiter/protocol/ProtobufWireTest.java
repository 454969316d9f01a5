package io.arbiter.protocol;

import com.google.protobuf.CodedOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Varints written and read by {@link ProtobufWire} on heap, direct, sliced and expandable buffers, against
 * protobuf-java's own encoding; writes on both paths: with room for the longest varint (one bounds check per value)
 * and within {@link ProtobufWire#MAX_VARINT_BYTES} of the buffer's end (a check per byte).
 */
class ProtobufWireTest
{
    @Property
    void shouldWriteWhatProtobufWritesWhereverTheVarintLies(
        @ForAll final long value, @ForAll @IntRange(min = 0, max = 24) final int slack) throws IOException
    {
        final byte[] expected = protobuf(value);
        final int offset = 3;
        // slack 0..9: the varint ends within 10 bytes of the end, so the per-byte path writes it
        for (final MutableDirectBuffer buffer : buffers(offset + expected.length + slack))
        {
            final int end = ProtobufWire.putVarint(buffer, offset, value);

            assertEquals(offset + expected.length, end);
            final byte[] written = new byte[expected.length];
            buffer.getBytes(offset, written);
            assertArrayEquals(expected, written, buffer.getClass().getSimpleName());
            assertEquals(0, buffer.getByte(offset - 1), "nothing before the varint");
            if (end < buffer.capacity())
            {
                assertEquals(0, buffer.getByte(end), "nothing after the varint");
            }
        }
    }

    @Property
    void shouldReadBackEveryValueAndStopAtTheLimit(
        @ForAll final long value, @ForAll @IntRange(min = 0, max = 24) final int slack) throws IOException
    {
        final byte[] encoded = protobuf(value);
        for (final MutableDirectBuffer buffer : buffers(encoded.length + slack))
        {
            buffer.putBytes(0, encoded);
            final ProtobufWire.Cursor cursor = new ProtobufWire.Cursor();

            assertEquals(encoded.length, ProtobufWire.readVarint(buffer, 0, encoded.length, cursor));
            assertEquals(value, cursor.value);
            assertEquals(ProtobufWire.MALFORMED, ProtobufWire.readVarint(buffer, 0, encoded.length - 1, cursor),
                "a varint cut by the limit is malformed, whatever follows it in the buffer");
            // a limit past the end reads no further than the buffer: the same answer when the varint ends in it
            assertEquals(encoded.length, ProtobufWire.readVarint(buffer, 0, buffer.capacity() + 1, cursor));
            assertEquals(value, cursor.value);
            if (encoded.length > 1)
            {
                final int cut = buffer.capacity() - encoded.length + 1;
                buffer.setMemory(0, buffer.capacity(), (byte)0);
                buffer.putBytes(cut, encoded, 0, encoded.length - 1);
                assertEquals(ProtobufWire.MALFORMED, ProtobufWire.readVarint(buffer, cut, cut + encoded.length, cursor),
                    "a varint that runs off the buffer's end is malformed");
            }
        }
    }

    @Property
    void shouldRejectElevenByteVarints(@ForAll @IntRange(min = 0, max = 24) final int slack)
    {
        final byte[] tooLong = new byte[11];
        Arrays.fill(tooLong, (byte)0x80);
        tooLong[10] = 1;
        for (final MutableDirectBuffer buffer : buffers(tooLong.length + slack))
        {
            buffer.putBytes(0, tooLong);
            assertEquals(ProtobufWire.MALFORMED,
                ProtobufWire.readVarint(buffer, 0, tooLong.length, new ProtobufWire.Cursor()));
        }
    }

    private static MutableDirectBuffer[] buffers(final int capacity)
    {
        return new MutableDirectBuffer[]{
            new UnsafeBuffer(new byte[capacity]),
            new UnsafeBuffer(ByteBuffer.allocateDirect(capacity)),
            new UnsafeBuffer(ByteBuffer.allocate(capacity + 5).position(5).slice()),
            new ExpandableArrayBuffer(capacity),
        };
    }

    private static byte[] protobuf(final long value) throws IOException
    {
        final byte[] bytes = new byte[CodedOutputStream.computeUInt64SizeNoTag(value)];
        final CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeUInt64NoTag(value);
        out.checkNoSpaceLeft();
        return bytes;
    }
}
