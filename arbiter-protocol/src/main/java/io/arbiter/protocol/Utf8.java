package io.arbiter.protocol;

import org.agrona.MutableDirectBuffer;

/**
 * Allocation-free UTF-8 encoding of a {@link CharSequence} into a buffer. An unpaired surrogate is written as
 * {@code '?'}, as {@link String#getBytes(java.nio.charset.Charset)} does. Stateless and thread safe.
 */
public final class Utf8
{
    private Utf8()
    {
    }

    /**
     * @param text to measure; null counts as empty.
     * @return the number of bytes its UTF-8 encoding takes.
     */
    public static int encodedLength(final CharSequence text)
    {
        if (null == text)
        {
            return 0;
        }
        final int length = text.length();
        int bytes = 0;
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                bytes++;
            }
            else if (c < 0x800)
            {
                bytes += 2;
            }
            else if (Character.isSurrogate(c))
            {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
                {
                    bytes += 4;
                    i++;
                }
                else
                {
                    bytes++;
                }
            }
            else
            {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Write the UTF-8 encoding of a text; the buffer must have room for {@link #encodedLength(CharSequence)} bytes.
     *
     * @param text   to encode; null writes nothing.
     * @param buffer to write to.
     * @param offset of the first byte.
     * @return the number of bytes written.
     */
    public static int encode(final CharSequence text, final MutableDirectBuffer buffer, final int offset)
    {
        if (null == text)
        {
            return 0;
        }
        final int length = text.length();
        int position = offset;
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(position++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(position++, (byte)(0xC0 | (c >>> 6)));
                buffer.putByte(position++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isSurrogate(c))
            {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
                {
                    final int codePoint = Character.toCodePoint(c, text.charAt(++i));
                    buffer.putByte(position++, (byte)(0xF0 | (codePoint >>> 18)));
                    buffer.putByte(position++, (byte)(0x80 | ((codePoint >>> 12) & 0x3F)));
                    buffer.putByte(position++, (byte)(0x80 | ((codePoint >>> 6) & 0x3F)));
                    buffer.putByte(position++, (byte)(0x80 | (codePoint & 0x3F)));
                }
                else
                {
                    buffer.putByte(position++, (byte)'?');
                }
            }
            else
            {
                buffer.putByte(position++, (byte)(0xE0 | (c >>> 12)));
                buffer.putByte(position++, (byte)(0x80 | ((c >>> 6) & 0x3F)));
                buffer.putByte(position++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return position - offset;
    }
}
