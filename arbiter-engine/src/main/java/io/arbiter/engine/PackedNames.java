package io.arbiter.engine;

/**
 * Packs short ASCII names (instrument symbols, asset names) into {@code long} fields of a fixed-size {@link Command},
 * so that a runtime INSTRUMENT command fits the journal's fixed record. A name is up to 8 bytes per long, printable
 * ASCII from {@code '!'} to {@code '~'} (no spaces, no commas), first byte in the lowest byte, zero padded; a long of
 * 0 is no name. Stateless; any thread.
 */
public final class PackedNames
{
    /** Longest instrument symbol a command carries, in bytes (three longs). */
    public static final int MAX_SYMBOL_LENGTH = 24;
    /** Longest asset name a command carries, in bytes (one long). */
    public static final int MAX_ASSET_LENGTH = 8;

    private PackedNames()
    {
    }

    /**
     * @param name      to check.
     * @param maxLength longest allowed, in bytes.
     * @return null if the name can be packed, else why not (for an operator's error message).
     */
    public static String problem(final String name, final int maxLength)
    {
        if (name == null || name.isEmpty())
        {
            return "must not be empty";
        }
        if (name.length() > maxLength)
        {
            return "longer than " + maxLength + " characters: " + name;
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c < '!' || c > '~' || c == ',')
            {
                return "only printable ASCII without spaces or commas is allowed: " + name;
            }
        }
        return null;
    }

    /**
     * Eight bytes of a name as a long.
     *
     * @param name  a name that passed {@link #problem}, or null (packs as 0).
     * @param chunk which eight bytes: 0 for bytes 0-7, 1 for 8-15, 2 for 16-23.
     * @return the packed bytes, 0 if the name is shorter than the chunk's start.
     */
    public static long pack(final String name, final int chunk)
    {
        long value = 0;
        if (name != null)
        {
            final int from = chunk * 8;
            final int to = Math.min(name.length(), from + 8);
            for (int i = to - 1; i >= from; i--)
            {
                value = value << 8 | (name.charAt(i) & 0xFF);
            }
        }
        return value;
    }

    /**
     * Rebuild a name from its packed longs (produces garbage).
     *
     * @param chunks the packed longs, in order.
     * @return the name, or null if every chunk is 0.
     */
    public static String unpack(final long... chunks)
    {
        final StringBuilder name = new StringBuilder(chunks.length * 8);
        for (final long chunk : chunks)
        {
            for (int shift = 0; shift < 64; shift += 8)
            {
                final int b = (int)(chunk >>> shift) & 0xFF;
                if (b == 0)
                {
                    return name.length() == 0 ? null : name.toString();
                }
                name.append((char)b);
            }
        }
        return name.length() == 0 ? null : name.toString();
    }
}
