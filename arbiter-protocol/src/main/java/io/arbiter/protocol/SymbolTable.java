package io.arbiter.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Hashing;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Open-addressing map from symbol bytes (UTF-8) to int instrument ids, so a decoder can resolve the symbol of a frame
 * to an instrument id without allocating. Keys are copied into one arena buffer. {@link #put} copies the whole table
 * and publishes the copy through a volatile field (control plane, produces garbage; one writer thread at a time), so
 * any number of threads may call {@link #get} at any time, also while instruments are added at run time: a reader
 * sees the table before or after a put, never a half-written one.
 */
public final class SymbolTable
{
    /** Returned by {@link #get} for a symbol that is not in the table. */
    public static final int MISSING = -1;

    private volatile Table table = new Table(16, new ExpandableArrayBuffer(256), 0, 0);

    /**
     * An empty table.
     */
    public SymbolTable()
    {
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
     * Map the symbol held in a buffer slice to an id, replacing any previous id of that symbol. Produces garbage.
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
        final Table current = table;
        final int capacity = (current.size + 1) * 2 > current.values.length ?
            current.values.length * 2 : current.values.length;
        final Table next = current.copy(capacity);
        next.put(buffer, offset, length, id);
        table = next;
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
        return table.get(buffer, offset, length);
    }

    /**
     * @return number of symbols mapped.
     */
    public int size()
    {
        return table.size;
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

    /**
     * One immutable-once-published version of the map.
     */
    private static final class Table
    {
        final ExpandableArrayBuffer keys;
        final int[] keyOffsets;
        final int[] keyLengths;
        final int[] hashes;
        final int[] values;
        int keysLength;
        int size;

        Table(final int capacity, final ExpandableArrayBuffer keys, final int keysLength, final int size)
        {
            this.keys = keys;
            this.keysLength = keysLength;
            this.size = size;
            keyOffsets = new int[capacity];
            keyLengths = new int[capacity];
            hashes = new int[capacity];
            values = new int[capacity];
            Arrays.fill(values, MISSING);
        }

        Table copy(final int capacity)
        {
            final ExpandableArrayBuffer copiedKeys = new ExpandableArrayBuffer(Math.max(256, keysLength * 2));
            copiedKeys.putBytes(0, keys, 0, keysLength);
            final Table next = new Table(capacity, copiedKeys, keysLength, size);
            final int mask = capacity - 1;
            for (int i = 0; i < values.length; i++)
            {
                if (MISSING != values[i])
                {
                    int index = Hashing.hash(hashes[i], mask);
                    while (MISSING != next.values[index])
                    {
                        index = (index + 1) & mask;
                    }
                    next.keyOffsets[index] = keyOffsets[i];
                    next.keyLengths[index] = keyLengths[i];
                    next.hashes[index] = hashes[i];
                    next.values[index] = values[i];
                }
            }
            return next;
        }

        void put(final DirectBuffer buffer, final int offset, final int length, final int id)
        {
            final int hash = hash(buffer, offset, length);
            final int mask = values.length - 1;
            int index = Hashing.hash(hash, mask);
            while (MISSING != values[index])
            {
                if (hashes[index] == hash && keyEquals(index, buffer, offset, length))
                {
                    values[index] = id;
                    return;
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
        }

        int get(final DirectBuffer buffer, final int offset, final int length)
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
    }
}
