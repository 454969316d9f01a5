package io.arbiter.client;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Static helpers for the protobuf wire format (varints, tags, little-endian fixed64) over Agrona buffers. Stateless,
 * usable from any thread; nothing allocates.
 */
public final class ProtoWire
{
    /** Wire type of varint-encoded scalars and enums. */
    public static final int WIRE_VARINT = 0;
    /** Wire type of fixed64 and double. */
    public static final int WIRE_FIXED64 = 1;
    /** Wire type of strings, bytes and embedded messages. */
    public static final int WIRE_LENGTH_DELIMITED = 2;
    /** Wire type of fixed32 and float. */
    public static final int WIRE_FIXED32 = 5;
    /** Largest encoded size of a varint. */
    public static final int MAX_VARINT_LENGTH = 10;

    private ProtoWire()
    {
    }

    /**
     * The tag (field number and wire type) as it is encoded before a field.
     *
     * @param fieldNumber the field number.
     * @param wireType    the wire type.
     * @return the tag value.
     */
    public static int tag(final int fieldNumber, final int wireType)
    {
        return (fieldNumber << 3) | wireType;
    }

    /**
     * Encoded size of a value as an unsigned varint (negative int64 values take ten bytes).
     *
     * @param value the value.
     * @return its size in bytes, 1 to 10.
     */
    public static int varintSize(final long value)
    {
        if (value < 0)
        {
            return MAX_VARINT_LENGTH;
        }
        final int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    /**
     * Writes a varint.
     *
     * @param buffer the buffer.
     * @param offset where to write.
     * @param value  the value (treated as unsigned 64 bits).
     * @return the offset after the varint.
     */
    public static int putVarint(final MutableDirectBuffer buffer, final int offset, final long value)
    {
        int position = offset;
        long remaining = value;
        while ((remaining & ~0x7FL) != 0)
        {
            buffer.putByte(position++, (byte)((remaining & 0x7F) | 0x80));
            remaining >>>= 7;
        }
        buffer.putByte(position++, (byte)remaining);
        return position;
    }

    /**
     * Writes a little-endian fixed64.
     *
     * @param buffer the buffer.
     * @param offset where to write.
     * @param value  the value.
     * @return the offset after the eight bytes.
     */
    public static int putFixed64(final MutableDirectBuffer buffer, final int offset, final long value)
    {
        buffer.putLong(offset, value, ByteOrder.LITTLE_ENDIAN);
        return offset + Long.BYTES;
    }

    /**
     * Reads a varint of at most ten bytes; the caller must have checked that the bytes are present.
     *
     * @param buffer the buffer.
     * @param offset where the varint starts.
     * @param limit  the first offset past the readable region.
     * @return the value; callers find its end, and whether it is well formed, with
     * {@link #varintEnd(DirectBuffer, int, int)}.
     */
    public static long getVarint(final DirectBuffer buffer, final int offset, final int limit)
    {
        long result = 0;
        int shift = 0;
        int position = offset;
        while (position < limit && shift < 64)
        {
            final byte b = buffer.getByte(position++);
            result |= (long)(b & 0x7F) << shift;
            if (b >= 0)
            {
                return result;
            }
            shift += 7;
        }
        return result;
    }

    /**
     * The offset after the varint that starts at {@code offset}.
     *
     * @param buffer the buffer.
     * @param offset where the varint starts.
     * @param limit  the first offset past the readable region.
     * @return the offset after the varint, or {@code -1} if it is truncated or longer than ten bytes.
     */
    public static int varintEnd(final DirectBuffer buffer, final int offset, final int limit)
    {
        final int max = Math.min(limit, offset + MAX_VARINT_LENGTH);
        for (int position = offset; position < max; position++)
        {
            if (buffer.getByte(position) >= 0)
            {
                return position + 1;
            }
        }
        return -1;
    }

    /**
     * Reads a little-endian fixed64.
     *
     * @param buffer the buffer.
     * @param offset where it starts.
     * @return the value.
     */
    public static long getFixed64(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
    }
}
