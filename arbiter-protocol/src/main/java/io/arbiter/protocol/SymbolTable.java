package io.arbiter.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Hashing;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Open-addressing map from symbol bytes (UTF-8) to int instrument ids, so a decoder can resolve the symbol of a frame
 * to an instrument id without allocating. Keys are copied into one arena buffer on {@link #put}; lookups compare
 * bytes. Fill it on one thread before sharing it (control plane, produces garbage); once safely published and no
 * longer mutated, any number of threads may call {@link #get}.
 */
public final class SymbolTable
{
    /** Returned by {@link #get} for a symbol that is not in the table. */
    public static final int MISSING = -1;

    private final ExpandableArrayBuffer keys = new ExpandableArrayBuffer(256);
    private int keysLength;
    private int size;
    private int[] keyOffsets;
    private int[] keyLengths;
    private int[] hashes;
    private int[] values;

    /**
     * An empty table.
     */
    public SymbolTable()
    {
        allocate(16);
    }

    /**
     * Map a symbol to an id, replacing any previous id of that symbol. Produces garbage.
     *
     * @param symbol to map; encoded as UTF-8.
     * @param id     non-negative id.
     * @return this for fluent use.
     */
    public SymbolTable put(final String symbol, final int id)
    {
        final byte[] bytes = symbol.getBytes(StandardCharsets.UTF_8);
        return put(new UnsafeBuffer(bytes), 0, bytes.length, id);
    }

    /**
     * Map the symbol held in a buffer slice to an id, replacing any previous id of that symbol. May produce garbage.
     *
     * @param buffer holding the symbol's bytes.
     * @param offset of the first byte.
     * @param length of the symbol in bytes.
     * @param id     non-negative id.
     * @return this for fluent use.
     */
    public SymbolTable put(final DirectBuffer buffer, final int offset, final int length, final int id)
    {
        if (id < 0)
        {
            throw new IllegalArgumentException("id must not be negative: " + id);
        }
        if ((size + 1) * 2 > values.length)
        {
            rehash(values.length * 2);
        }
        final int hash = hash(buffer, offset, length);
        final int mask = values.length - 1;
        int index = Hashing.hash(hash, mask);
        while (MISSING != values[index])
        {
            if (hashes[index] == hash && keyEquals(index, buffer, offset, length))
            {
                values[index] = id;
                return this;
            }
            index = (index + 1) & mask;
        }
        keys.putBytes(keysLength, buffer, offset, length);
        keyOffsets[index] = keysLength;
        keyLengths[index] = length;
        hashes[index] = hash;
        values[index] = id;
        keysLength += length;
        size++;
        return this;
    }

    /**
     * Look up the id of the symbol held in a buffer slice. Allocates nothing.
     *
     * @param buffer holding the symbol's bytes.
     * @param offset of the first byte.
     * @param length of the symbol in bytes.
     * @return the id, or {@link #MISSING}.
     */
    public int get(final DirectBuffer buffer, final int offset, final int length)
    {
        final int hash = hash(buffer, offset, length);
        final int[] values = this.values;
        final int mask = values.length - 1;
        int index = Hashing.hash(hash, mask);
        int value;
        while (MISSING != (value = values[index]))
        {
            if (hashes[index] == hash && keyEquals(index, buffer, offset, length))
            {
                return value;
            }
            index = (index + 1) & mask;
        }
        return MISSING;
    }

    /**
     * @return number of symbols mapped.
     */
    public int size()
    {
        return size;
    }

    private boolean keyEquals(final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        if (keyLengths[index] != length)
        {
            return false;
        }
        final int keyOffset = keyOffsets[index];
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (keys.getLong(keyOffset + i) != buffer.getLong(offset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (keys.getByte(keyOffset + i) != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static int hash(final DirectBuffer buffer, final int offset, final int length)
    {
        int hash = 0x811C9DC5 ^ length;
        for (int i = 0; i < length; i++)
        {
            hash = (hash ^ buffer.getByte(offset + i)) * 0x01000193;
        }
        return hash;
    }

    private void allocate(final int capacity)
    {
        keyOffsets = new int[capacity];
        keyLengths = new int[capacity];
        hashes = new int[capacity];
        values = new int[capacity];
        Arrays.fill(values, MISSING);
    }

    private void rehash(final int capacity)
    {
        final int[] oldOffsets = keyOffsets;
        final int[] oldLengths = keyLengths;
        final int[] oldHashes = hashes;
        final int[] oldValues = values;
        allocate(capacity);
        final int mask = capacity - 1;
        for (int i = 0; i < oldValues.length; i++)
        {
            if (MISSING != oldValues[i])
            {
                int index = Hashing.hash(oldHashes[i], mask);
                while (MISSING != values[index])
                {
                    index = (index + 1) & mask;
                }
                keyOffsets[index] = oldOffsets[i];
                keyLengths[index] = oldLengths[i];
                hashes[index] = oldHashes[i];
                values[index] = oldValues[i];
            }
        }
    }
}
