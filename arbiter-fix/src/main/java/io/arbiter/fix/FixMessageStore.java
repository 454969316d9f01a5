package io.arbiter.fix;

import org.quickfixj.CharsetSupport;
import quickfix.MessageStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * A FIX session's message store ({@link MessageStore}) in three files, built to cost one system call per message
 * sent and none per message received (QuickFIX/J's {@code FileStore} makes four per message sent and two per message
 * received: a body write, a header write, a seek and a write of the sequence number as text):
 * <pre>
 *  &lt;session&gt;.seqnums   memory-mapped, 64 bytes:
 *    0  magic "AFS1" (int)   4  unused (int)   8  creation time, epoch ms (long)
 *    16 next sender MsgSeqNum (int)   20 next target MsgSeqNum (int)
 *  &lt;session&gt;.messages  append-only records: length (int, big endian), the message's bytes
 *  &lt;session&gt;.index     memory-mapped in chunks: at 8 x MsgSeqNum, 1 + the offset of its record (0: none)
 * </pre>
 * A message is written to the operating system (one positional write of its record) before {@link #set} returns,
 * then its index entry; the sequence numbers live in the mapped page. All of it survives a crash of the process (the
 * pages are the operating system's) but not a power loss: nothing is forced to the device, as with {@code FileStore}
 * without {@code FileStoreSync}. A message whose index entry is missing is not resent (QuickFIX/J gap-fills it).
 * Thread-safe (every method holds the store's lock; QuickFIX/J calls it from the session's thread and from senders);
 * produces garbage (a byte array per message written, strings per message read).
 */
final class FixMessageStore implements MessageStore, AutoCloseable
{
    private static final int MAGIC = 0x41465331;
    private static final int SEQNUMS_BYTES = 64;
    private static final int MAGIC_OFFSET = 0;
    private static final int CREATION_OFFSET = 8;
    private static final int SENDER_OFFSET = 16;
    private static final int TARGET_OFFSET = 20;
    private static final int INDEX_CHUNK_SHIFT = 20;
    private static final int INDEX_CHUNK_ENTRIES = 1 << INDEX_CHUNK_SHIFT;
    private static final long INDEX_CHUNK_BYTES = (long)INDEX_CHUNK_ENTRIES * Long.BYTES;
    private static final int RECORD_HEADER = Integer.BYTES;

    private final FileChannel messages;
    private final FileChannel index;
    private final MappedByteBuffer seqnums;
    private final List<MappedByteBuffer> indexChunks = new ArrayList<>();
    private final Charset charset = CharsetSupport.getCharsetInstance();
    private ByteBuffer record = ByteBuffer.allocateDirect(4096);
    private long end;
    private int highestIndexed;

    /**
     * Open (or create) the store of one session.
     *
     * @param directory the store directory (created if missing).
     * @param name      the session's file name prefix.
     * @throws IOException if a file cannot be opened or holds no store.
     */
    FixMessageStore(final Path directory, final String name) throws IOException
    {
        Files.createDirectories(directory);
        final Path seqnumsPath = directory.resolve(name + ".seqnums");
        final boolean fresh = !Files.exists(seqnumsPath) || Files.size(seqnumsPath) < SEQNUMS_BYTES;
        try (FileChannel channel = FileChannel.open(seqnumsPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            seqnums = channel.map(FileChannel.MapMode.READ_WRITE, 0, SEQNUMS_BYTES);
        }
        messages = FileChannel.open(directory.resolve(name + ".messages"), StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
        index = FileChannel.open(directory.resolve(name + ".index"), StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
        end = messages.size();
        highestIndexed = (int)Math.min(Integer.MAX_VALUE, index.size() / Long.BYTES);
        if (fresh || seqnums.getInt(MAGIC_OFFSET) != MAGIC)
        {
            if (!fresh && seqnums.getInt(MAGIC_OFFSET) != 0)
            {
                throw new IOException(seqnumsPath + " is not a FIX session store");
            }
            initialize(System.currentTimeMillis());
        }
    }

    /**
     * Empty the store: index entries first, then the messages, then the sequence numbers, so that a crash of the
     * process in between leaves no index entry pointing at another message.
     */
    private void initialize(final long creationMs) throws IOException
    {
        final long entries = Math.max(index.size() / Long.BYTES, highestIndexed + 1L);
        for (long first = 0; first < entries; first += INDEX_CHUNK_ENTRIES)
        {
            final MappedByteBuffer chunk = chunk((int)first);
            for (int i = 0; i < chunk.capacity(); i += Long.BYTES)
            {
                chunk.putLong(i, 0);
            }
        }
        highestIndexed = 0;
        messages.truncate(0);
        end = 0;
        seqnums.putLong(CREATION_OFFSET, creationMs);
        seqnums.putInt(SENDER_OFFSET, 1);
        seqnums.putInt(TARGET_OFFSET, 1);
        seqnums.putInt(MAGIC_OFFSET, MAGIC);
    }

    /**
     * Take over the state of another store (the QuickFIX/J {@code FileStore} a node of an earlier version left):
     * creation time, sequence numbers and the messages sent before them.
     *
     * @param earlier the store to copy.
     * @throws IOException if either store fails.
     */
    synchronized void copyFrom(final MessageStore earlier) throws IOException
    {
        initialize(earlier.getCreationTime().getTime());
        final int nextSender = earlier.getNextSenderMsgSeqNum();
        final List<String> sent = new ArrayList<>();
        for (int from = 1; from < nextSender; from += INDEX_CHUNK_ENTRIES)
        {
            sent.clear();
            final int to = (int)Math.min(nextSender - 1L, from + (long)INDEX_CHUNK_ENTRIES - 1);
            earlier.get(from, to, sent);
            // FileStore returns the messages it has in sequence order without their numbers: read them from the text
            for (final String message : sent)
            {
                final int sequence = sequenceOf(message);
                if (sequence >= from && sequence <= to)
                {
                    set(sequence, message);
                }
            }
        }
        seqnums.putInt(SENDER_OFFSET, nextSender);
        seqnums.putInt(TARGET_OFFSET, earlier.getNextTargetMsgSeqNum());
    }

    private static int sequenceOf(final String message)
    {
        final int at = message.indexOf("\u000134=");
        if (at < 0)
        {
            return -1;
        }
        int sequence = 0;
        for (int i = at + 4; i < message.length() && Character.isDigit(message.charAt(i)); i++)
        {
            sequence = sequence * 10 + message.charAt(i) - '0';
        }
        return sequence;
    }

    @Override
    public synchronized boolean set(final int sequence, final String message) throws IOException
    {
        if (sequence <= 0)
        {
            return false;
        }
        final byte[] bytes = message.getBytes(charset);
        if (record.capacity() < RECORD_HEADER + bytes.length)
        {
            record = ByteBuffer.allocateDirect(Integer.highestOneBit(RECORD_HEADER + bytes.length) << 1);
        }
        record.clear();
        record.putInt(bytes.length).put(bytes).flip();
        final long offset = end;
        long at = offset;
        while (record.hasRemaining())
        {
            at += messages.write(record, at);
        }
        end = at;
        chunk(sequence).putLong(slot(sequence), offset + 1);
        highestIndexed = Math.max(highestIndexed, sequence);
        return true;
    }

    @Override
    public synchronized void get(final int startSequence, final int endSequence, final Collection<String> found)
        throws IOException
    {
        final int last = Math.min(endSequence, highestIndexed);
        final ByteBuffer length = ByteBuffer.allocate(RECORD_HEADER);
        for (int sequence = Math.max(1, startSequence); sequence <= last && sequence > 0; sequence++)
        {
            final long entry = chunk(sequence).getLong(slot(sequence));
            if (entry <= 0 || entry - 1 + RECORD_HEADER > end)
            {
                continue;
            }
            length.clear();
            readFully(length, entry - 1);
            final int size = length.getInt(0);
            if (size < 0 || entry - 1 + RECORD_HEADER + size > end)
            {
                continue;
            }
            final ByteBuffer body = ByteBuffer.allocate(size);
            readFully(body, entry - 1 + RECORD_HEADER);
            found.add(new String(body.array(), charset));
        }
    }

    private void readFully(final ByteBuffer buffer, final long position) throws IOException
    {
        long at = position;
        while (buffer.hasRemaining())
        {
            final int read = messages.read(buffer, at);
            if (read < 0)
            {
                throw new IOException("FIX session store truncated at " + at);
            }
            at += read;
        }
    }

    private MappedByteBuffer chunk(final int sequence) throws IOException
    {
        final int chunkIndex = sequence >>> INDEX_CHUNK_SHIFT;
        while (indexChunks.size() <= chunkIndex)
        {
            indexChunks.add(index.map(FileChannel.MapMode.READ_WRITE, indexChunks.size() * INDEX_CHUNK_BYTES,
                INDEX_CHUNK_BYTES));
        }
        return indexChunks.get(chunkIndex);
    }

    private static int slot(final int sequence)
    {
        return (sequence & (INDEX_CHUNK_ENTRIES - 1)) * Long.BYTES;
    }

    @Override
    public synchronized int getNextSenderMsgSeqNum()
    {
        return seqnums.getInt(SENDER_OFFSET);
    }

    @Override
    public synchronized int getNextTargetMsgSeqNum()
    {
        return seqnums.getInt(TARGET_OFFSET);
    }

    @Override
    public synchronized void setNextSenderMsgSeqNum(final int next)
    {
        seqnums.putInt(SENDER_OFFSET, next);
    }

    @Override
    public synchronized void setNextTargetMsgSeqNum(final int next)
    {
        seqnums.putInt(TARGET_OFFSET, next);
    }

    @Override
    public synchronized void incrNextSenderMsgSeqNum()
    {
        seqnums.putInt(SENDER_OFFSET, seqnums.getInt(SENDER_OFFSET) + 1);
    }

    @Override
    public synchronized void incrNextTargetMsgSeqNum()
    {
        seqnums.putInt(TARGET_OFFSET, seqnums.getInt(TARGET_OFFSET) + 1);
    }

    @Override
    public synchronized Date getCreationTime()
    {
        return new Date(seqnums.getLong(CREATION_OFFSET));
    }

    @Override
    public synchronized void reset() throws IOException
    {
        initialize(System.currentTimeMillis());
    }

    @Override
    public void refresh()
    {
        // the mapped page and the files are the store: there is nothing cached to read again
    }

    /**
     * Close the files (the mappings stay valid until collected).
     *
     * @throws IOException if a file cannot be closed.
     */
    @Override
    public synchronized void close() throws IOException
    {
        messages.close();
        index.close();
    }
}
