package io.arbiter.protocol;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Static primitives of the protobuf wire format over Agrona buffers: sizes, writes and reads of varints, fixed64
 * values and single-byte tags. Reads return the new position, or {@link #MALFORMED} when the bytes are not valid within
 * the limit; the value read goes to a caller-owned {@link ProtobufWire.Cursor}. Stateless and thread safe.
 */
final class ProtobufWire
{
    /** Returned by reads for bytes that are not valid protobuf within the limit. */
    static final int MALFORMED = -1;
    /** Most bytes a varint of 64 bits takes. */
    static final int MAX_VARINT_BYTES = 10;

    private ProtobufWire()
    {
    }

    /**
     * Holder of the last value read, one per decoder (not thread safe).
     */
    static final class Cursor
    {
        long value;
    }

    static int sizeOfVarint(final long value)
    {
        final int bits = 64 - Long.numberOfLeadingZeros(value | 1L);
        return (bits + 6) / 7;
    }

    static int sizeOfVarintField(final long value)
    {
        return 0 == value ? 0 : 1 + sizeOfVarint(value);
    }

    static int sizeOfUint32Field(final int value)
    {
        return 0 == value ? 0 : 1 + sizeOfVarint(value & 0xFFFF_FFFFL);
    }

    static int sizeOfFixed64Field(final long value)
    {
        return 0 == value ? 0 : 1 + Long.BYTES;
    }

    static int sizeOfLengthDelimitedField(final int length)
    {
        return 0 == length ? 0 : 1 + sizeOfVarint(length) + length;
    }

    /**
     * Size of a frame holding an envelope whose only field is a message of the given size.
     */
    static int sizeOfFrame(final int memberLength)
    {
        final int envelopeLength = 1 + sizeOfVarint(memberLength) + memberLength;
        return sizeOfVarint(envelopeLength) + envelopeLength;
    }

    /**
     * Size of a frame holding an envelope whose only field is a message of the given size, for an envelope field
     * number of 16 or more (a tag of two bytes or more).
     */
    static int sizeOfFrame(final int envelopeTag, final int memberLength)
    {
        final int envelopeLength = sizeOfVarint(envelopeTag) + sizeOfVarint(memberLength) + memberLength;
        return sizeOfVarint(envelopeLength) + envelopeLength;
    }

    /**
     * Write the frame prefix, the envelope tag (a varint: one byte for field numbers up to 15) and the member length.
     *
     * @return position of the member's first field.
     */
    static int putFrameHeader(
        final MutableDirectBuffer buffer, final int offset, final int envelopeTag, final int memberLength)
    {
        final int envelopeLength = sizeOfVarint(envelopeTag) + sizeOfVarint(memberLength) + memberLength;
        final int position = putVarint(buffer, offset, envelopeLength);
        return putVarint(buffer, putVarint(buffer, position, envelopeTag), memberLength);
    }

    static int putVarint(final MutableDirectBuffer buffer, final int offset, final long value)
    {
        if (offset >= 0 && offset <= buffer.capacity() - MAX_VARINT_BYTES)
        {
            // the longest varint fits: one bounds check for the value instead of one per byte (the encoders' hot path)
            final byte[] array = buffer.byteArray();
            final long base = buffer.addressOffset();
            long address = base + offset;
            long remaining = value;
            while ((remaining & ~0x7FL) != 0)
            {
                UnsafeApi.putByte(array, address++, (byte)((remaining & 0x7F) | 0x80));
                remaining >>>= 7;
            }
            UnsafeApi.putByte(array, address++, (byte)remaining);
            return (int)(address - base);
        }
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

    static int putVarintField(final MutableDirectBuffer buffer, final int offset, final int tag, final long value)
    {
        if (0 == value)
        {
            return offset;
        }
        buffer.putByte(offset, (byte)tag);
        return putVarint(buffer, offset + 1, value);
    }

    static int putUint32Field(final MutableDirectBuffer buffer, final int offset, final int tag, final int value)
    {
        return putVarintField(buffer, offset, tag, value & 0xFFFF_FFFFL);
    }

    static int putFixed64Field(final MutableDirectBuffer buffer, final int offset, final int tag, final long value)
    {
        if (0 == value)
        {
            return offset;
        }
        buffer.putByte(offset, (byte)tag);
        buffer.putLong(offset + 1, value, ByteOrder.LITTLE_ENDIAN);
        return offset + 1 + Long.BYTES;
    }

    static int putBytesField(
        final MutableDirectBuffer buffer,
        final int offset,
        final int tag,
        final DirectBuffer source,
        final int sourceOffset,
        final int length)
    {
        if (0 == length)
        {
            return offset;
        }
        buffer.putByte(offset, (byte)tag);
        final int position = putVarint(buffer, offset + 1, length);
        buffer.putBytes(position, source, sourceOffset, length);
        return position + length;
    }

    static int putStringField(
        final MutableDirectBuffer buffer, final int offset, final int tag, final CharSequence text,
            final int utf8Length)
    {
        if (0 == utf8Length)
        {
            return offset;
        }
        buffer.putByte(offset, (byte)tag);
        final int position = putVarint(buffer, offset + 1, utf8Length);
        return position + Utf8.encode(text, buffer, position);
    }

    /**
     * Read a varint of at most ten bytes into {@code cursor.value}.
     *
     * @return the position after it, or {@link #MALFORMED} if it runs past the limit or is longer than ten bytes.
     */
    static int readVarint(final DirectBuffer buffer, final int offset, final int limit, final Cursor cursor)
    {
        if (offset < 0)
        {
            throw new IndexOutOfBoundsException("offset=" + offset);
        }
        // every byte read lies in [offset, end), within the buffer: no bounds check per byte; a varint that reaches a
        // limit past the buffer's end is malformed like one that reaches the limit
        final int end = Math.min(limit, buffer.capacity());
        final byte[] array = buffer.byteArray();
        final long base = buffer.addressOffset();
        long result = 0;
        int shift = 0;
        int position = offset;
        while (position < end)
        {
            final byte b = UnsafeApi.getByte(array, base + position++);
            result |= (long)(b & 0x7F) << shift;
            if (b >= 0)
            {
                cursor.value = result;
                return position;
            }
            shift += 7;
            if (shift >= 70)
            {
                return MALFORMED;
            }
        }
        return MALFORMED;
    }

    /**
     * Read a fixed64 (little endian) into {@code cursor.value}.
     *
     * @return the position after it, or {@link #MALFORMED} if it runs past the limit.
     */
    static int readFixed64(final DirectBuffer buffer, final int offset, final int limit, final Cursor cursor)
    {
        if (limit - offset < Long.BYTES)
        {
            return MALFORMED;
        }
        cursor.value = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        return offset + Long.BYTES;
    }

    /**
     * Read the length of a length-delimited field into {@code cursor.value}.
     *
     * @return the position of the field's first byte, or {@link #MALFORMED} if the length is negative or the bytes
     * run past the limit.
     */
    static int readLength(final DirectBuffer buffer, final int offset, final int limit, final Cursor cursor)
    {
        final int position = readVarint(buffer, offset, limit, cursor);
        if (MALFORMED == position)
        {
            return MALFORMED;
        }
        final int length = (int)cursor.value;
        if (length < 0 || length > limit - position)
        {
            return MALFORMED;
        }
        cursor.value = length;
        return position;
    }

    /**
     * Read a tag as protobuf does (a varint truncated to 32 bits) into {@code cursor.value}.
     *
     * @return the position after it, or {@link #MALFORMED} if it is not a valid varint or its field number is 0.
     */
    static int readTag(final DirectBuffer buffer, final int offset, final int limit, final Cursor cursor)
    {
        final int position = readVarint(buffer, offset, limit, cursor);
        if (MALFORMED == position)
        {
            return MALFORMED;
        }
        final int tag = (int)cursor.value;
        if ((tag >>> 3) == 0)
        {
            return MALFORMED;
        }
        cursor.value = tag;
        return position;
    }

    /**
     * Skip the value of a field the reader does not know, of any wire type. An end-group tag outside a group is
     * malformed, as are wire types 6 and 7.
     *
     * @return the position after the value, or {@link #MALFORMED}.
     */
    static int skipField(
        final DirectBuffer buffer, final int offset, final int limit, final int tag, final Cursor cursor)
    {
        return skipField(buffer, offset, limit, tag, cursor, 0);
    }

    private static int skipField(
        final DirectBuffer buffer,
        final int offset,
        final int limit,
        final int tag,
        final Cursor cursor,
        final int depth)
    {
        switch (tag & 7)
        {
            case WireDescriptor.WIRE_VARINT:
                return readVarint(buffer, offset, limit, cursor);

            case WireDescriptor.WIRE_FIXED64:
                return limit - offset < Long.BYTES ? MALFORMED : offset + Long.BYTES;

            case WireDescriptor.WIRE_LENGTH_DELIMITED:
            {
                final int position = readLength(buffer, offset, limit, cursor);
                return MALFORMED == position ? MALFORMED : position + (int)cursor.value;
            }

            case WireDescriptor.WIRE_START_GROUP:
                return skipGroup(buffer, offset, limit, tag >>> 3, cursor, depth + 1);

            case WireDescriptor.WIRE_FIXED32:
                return limit - offset < Integer.BYTES ? MALFORMED : offset + Integer.BYTES;

            default:
                return MALFORMED;
        }
    }

    private static int skipGroup(
        final DirectBuffer buffer,
        final int offset,
        final int limit,
        final int fieldNumber,
        final Cursor cursor,
        final int depth)
    {
        if (depth > WireDescriptor.MAX_GROUP_DEPTH)
        {
            return MALFORMED;
        }
        int position = offset;
        while (true)
        {
            position = readTag(buffer, position, limit, cursor);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
            final int tag = (int)cursor.value;
            if ((tag & 7) == WireDescriptor.WIRE_END_GROUP)
            {
                return (tag >>> 3) == fieldNumber ? position : MALFORMED;
            }
            position = skipField(buffer, position, limit, tag, cursor, depth);
            if (MALFORMED == position)
            {
                return MALFORMED;
            }
        }
    }
}
