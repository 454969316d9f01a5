package io.arbiter.server.egress;

import org.agrona.BitUtil;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's queue of report records, from the matching thread (the producer) to the session's event loop (the
 * consumer): a chain of {@link ReportChunk}s lent by an {@link EgressBufferPool}, held only while records are in it.
 * The producer encodes reports straight into the tail chunk, inside an open record, and starts the next chunk when a
 * report does not fit (refused beyond the session's or the node's cap); {@link #publish(long, long)} stamps the
 * records written since the last publication with their release sequence and makes them visible at once, so the
 * consumer never sees a report before its batch is handed over. The consumer reads records up to the published
 * position, gives each chunk back once it has passed its end, and gives the last one back once the queue is empty.
 * <pre>
 *   chunk:  | record | record | ... | END (-1) | unused |      a record: 0        4        8                 16
 *                                                                          | length | unused | release sequence |
 *                                                                       16 | hand-off ns (0: not measured)    |
 *                                                                       24 | reports (length bytes) ... pad to 8
 * </pre>
 * Positions are {@code chunkNumber * chunkBytes + offset}, chunk numbers counting from 0 when the queue was lent.
 * Producer and consumer agree on the hand-back through one atomic state word: its low two bits say detached, holding
 * or producing, the rest is an epoch bumped on every change so a consumer's compare-and-set fails if the producer
 * touched the queue since the consumer looked (no ABA). The producer moves the state to producing before it writes
 * and back to holding once everything written is published or aborted; the consumer detaches only a holding, empty
 * queue.
 */
final class ChunkedReportQueue
{
    /** Bytes of a record's header. */
    static final int HEADER_LENGTH = 24;
    private static final int LENGTH_OFFSET = 0;
    private static final int RELEASE_OFFSET = 8;
    private static final int HAND_OFF_OFFSET = 16;
    /** A record length that says: the queue goes on at the start of the next chunk. */
    private static final int END_OF_CHUNK = -1;
    /** {@link #peek(long)}: no record may be read now. */
    static final int NONE = -1;

    private static final long DETACHED = 0;
    private static final long HOLDING = 1;
    private static final long PRODUCING = 2;
    private static final long KIND_MASK = 3;
    private static final long EPOCH_STEP = 4;

    private final EgressBufferPool pool;
    private final AtomicLong state = new AtomicLong(DETACHED);
    private final int chunkShift;
    /** Bytes of a chunk records may use: the last 8 always leave room for the end-of-chunk mark. */
    private final int usableBytes;

    /** The consumer's chunk; written by the producer when it lends the first chunk (detached), else the consumer. */
    private ReportChunk head;
    /** Records up to this position are published (producer writes, consumer reads). */
    private volatile long published;
    /** Number of the consumer's chunk (consumer writes, producer reads for the caps). */
    private volatile long headNumber;

    // consumer only
    private int headOffset;

    // producer only
    private boolean producing;
    private ReportChunk tail;
    private long tailNumber;
    private int tailOffset;
    /** Offset of the open record's header in the tail chunk, -1 when no record is open. */
    private int recordStart = -1;
    /** Where the records not yet published start. */
    private ReportChunk firstUnpublished;
    private long firstUnpublishedNumber;
    private int firstUnpublishedOffset;

    /**
     * Produces garbage (control plane).
     *
     * @param pool lends the chunks and sets the caps.
     */
    ChunkedReportQueue(final EgressBufferPool pool)
    {
        this.pool = pool;
        this.chunkShift = Integer.numberOfTrailingZeros(pool.chunkBytes());
        this.usableBytes = pool.chunkBytes() - BitUtil.SIZE_OF_LONG;
    }

    /**
     * Producer: make sure a record is open in a chunk with room for its header, lending the first chunk if none is
     * held.
     *
     * @return false if a chunk was needed and refused (the session is over its cap or the node over its own).
     */
    boolean openRecord()
    {
        if (!producing)
        {
            startProducing();
        }
        if (recordStart >= 0)
        {
            return true;
        }
        if (tailOffset + HEADER_LENGTH >= usableBytes && !nextChunk())
        {
            return false;
        }
        recordStart = tailOffset;
        tailOffset += HEADER_LENGTH;
        return true;
    }

    /**
     * @return the chunk the producer writes (after {@link #openRecord()}).
     */
    MutableDirectBuffer tailBuffer()
    {
        return tail.buffer;
    }

    /**
     * @return the offset the next report goes to in {@link #tailBuffer()}.
     */
    int tailOffset()
    {
        return tailOffset;
    }

    /**
     * @return bytes the next report may take at {@link #tailOffset()}.
     */
    int room()
    {
        return usableBytes - tailOffset;
    }

    /**
     * Producer: a report of {@code length} bytes was written at {@link #tailOffset()}.
     *
     * @param length its bytes.
     */
    void advance(final int length)
    {
        tailOffset += length;
    }

    /**
     * Producer: the next report does not fit in the tail chunk. Close the open record, mark the chunk's end and go on
     * at the start of a new chunk, if the caps allow one; the next {@link #openRecord()} opens a record there.
     *
     * @return false if the chunk was refused (nothing changed but the record being closed).
     */
    boolean nextChunk()
    {
        closeRecord();
        final long held = tailNumber + 2 - headNumber;
        if (held > pool.sessionMaxChunks())
        {
            return false;
        }
        final ReportChunk chunk = pool.tryTake(held <= pool.guaranteedChunks());
        if (chunk == null)
        {
            return false;
        }
        tail.buffer.putInt(tailOffset + LENGTH_OFFSET, END_OF_CHUNK);
        tail.next = chunk;
        tail = chunk;
        tailNumber++;
        tailOffset = 0;
        return true;
    }

    private void closeRecord()
    {
        if (recordStart >= 0)
        {
            final int length = tailOffset - recordStart - HEADER_LENGTH;
            if (length == 0)
            {
                tailOffset = recordStart;
            }
            else
            {
                tail.buffer.putInt(recordStart + LENGTH_OFFSET, length);
                tailOffset = BitUtil.align(tailOffset, BitUtil.SIZE_OF_LONG);
            }
            recordStart = -1;
        }
    }

    /**
     * Producer: stamp every record written since the last publication and make them visible to the consumer.
     *
     * @param releaseSequence the command sequence the gate must release before they may leave.
     * @param handOffNs       the hand-off time, 0 when not measured.
     * @return false if there was nothing to publish.
     */
    boolean publish(final long releaseSequence, final long handOffNs)
    {
        if (!producing)
        {
            return false;
        }
        closeRecord();
        ReportChunk chunk = firstUnpublished;
        int offset = firstUnpublishedOffset;
        if (chunk == tail && offset == tailOffset)
        {
            return false;
        }
        while (chunk != tail || offset != tailOffset)
        {
            final int length = chunk.buffer.getInt(offset + LENGTH_OFFSET);
            if (length == END_OF_CHUNK)
            {
                chunk = chunk.next;
                offset = 0;
            }
            else
            {
                chunk.buffer.putLong(offset + RELEASE_OFFSET, releaseSequence);
                chunk.buffer.putLong(offset + HAND_OFF_OFFSET, handOffNs);
                offset = BitUtil.align(offset + HEADER_LENGTH + length, BitUtil.SIZE_OF_LONG);
            }
        }
        markPublished();
        published = position(tailNumber, tailOffset);
        return true;
    }

    private void markPublished()
    {
        firstUnpublished = tail;
        firstUnpublishedNumber = tailNumber;
        firstUnpublishedOffset = tailOffset;
    }

    /**
     * Producer: drop everything written since the last publication and give back the chunks it took.
     */
    void abortUnpublished()
    {
        if (!producing)
        {
            return;
        }
        recordStart = -1;
        ReportChunk chunk = firstUnpublished.next;
        firstUnpublished.next = null;
        while (chunk != null)
        {
            final ReportChunk next = chunk.next;
            pool.give(chunk);
            chunk = next;
        }
        tail = firstUnpublished;
        tailNumber = firstUnpublishedNumber;
        tailOffset = firstUnpublishedOffset;
    }

    /**
     * Producer: everything written is published or aborted; the consumer may give the chunks back once it has read
     * them.
     */
    void stopProducing()
    {
        if (producing)
        {
            producing = false;
            final long current = state.get();
            state.set((current & ~KIND_MASK) + EPOCH_STEP | HOLDING);
        }
    }

    /**
     * Producer: true while records were written and not yet published or aborted.
     *
     * @return whether a publication would reveal anything.
     */
    boolean hasUnpublished()
    {
        return producing && (recordStart >= 0 || firstUnpublished != tail || firstUnpublishedOffset != tailOffset);
    }

    private void startProducing()
    {
        while (true)
        {
            final long current = state.get();
            final long next = (current & ~KIND_MASK) + EPOCH_STEP;
            if ((current & KIND_MASK) == DETACHED)
            {
                final ReportChunk first = pool.tryTake(true);
                head = first;
                tail = first;
                tailNumber = 0;
                tailOffset = 0;
                headNumber = 0;
                published = 0;
                markPublished();
                state.set(next | PRODUCING);
                break;
            }
            if (state.compareAndSet(current, next | PRODUCING))
            {
                break;
            }
        }
        producing = true;
    }

    private long position(final long chunkNumber, final int offset)
    {
        return (chunkNumber << chunkShift) + offset;
    }

    /**
     * @return true while chunks are held.
     */
    boolean held()
    {
        return (state.get() & KIND_MASK) != DETACHED;
    }

    /**
     * Consumer: read the state before reading the queue; pass it to {@link #tryGiveBack(long)} afterwards.
     *
     * @return the state word, {@link #isDetached(long)} if there is nothing to read.
     */
    long observe()
    {
        return state.get();
    }

    /**
     * @param observed a state word from {@link #observe()}.
     * @return true if no chunk was held then.
     */
    static boolean isDetached(final long observed)
    {
        return (observed & KIND_MASK) == DETACHED;
    }

    /**
     * Consumer (after {@link #observe()} returned a state that is not detached): find the next record, giving back
     * every chunk passed on the way.
     *
     * @param releasedSequence the gate's released sequence: a record waiting for a later one is not read.
     * @return the bytes of reports in the record, read with {@link #headBuffer()} from {@link #reportsOffset()};
     *         {@link #NONE} if nothing published is left or the next record is not released.
     */
    int peek(final long releasedSequence)
    {
        final long limit = published;
        while (position(headNumber, headOffset) != limit)
        {
            final ReportChunk chunk = head;
            final int length = chunk.buffer.getInt(headOffset + LENGTH_OFFSET);
            if (length != END_OF_CHUNK)
            {
                return chunk.buffer.getLong(headOffset + RELEASE_OFFSET) > releasedSequence ? NONE : length;
            }
            head = chunk.next;
            headOffset = 0;
            headNumber = headNumber + 1;
            pool.give(chunk);
        }
        return NONE;
    }

    /**
     * @return the consumer's chunk (after {@link #peek(long)} found a record).
     */
    MutableDirectBuffer headBuffer()
    {
        return head.buffer;
    }

    /**
     * @return where the record's reports start in {@link #headBuffer()}.
     */
    int reportsOffset()
    {
        return headOffset + HEADER_LENGTH;
    }

    /**
     * @return the record's hand-off time, 0 when not measured.
     */
    long handOffNs()
    {
        return head.buffer.getLong(headOffset + HAND_OFF_OFFSET);
    }

    /**
     * Consumer: done with the record {@link #peek(long)} found.
     *
     * @param length its bytes of reports, as peek returned.
     */
    void consume(final int length)
    {
        headOffset = BitUtil.align(headOffset + HEADER_LENGTH + length, BitUtil.SIZE_OF_LONG);
    }

    /**
     * Consumer: give every chunk back if everything published is read and the producer has not touched the queue
     * since {@code observed}.
     *
     * @param observed the state word read before the queue was read.
     */
    void tryGiveBack(final long observed)
    {
        if ((observed & KIND_MASK) == HOLDING && position(headNumber, headOffset) == published)
        {
            detach(observed);
        }
    }

    /**
     * Consumer, once the connection has gone: drop what is queued and give the chunks back, unless the producer is
     * writing (then the producer's next flush schedules the consumer again).
     *
     * @param observed the state word from {@link #observe()}.
     */
    void discardAndGiveBack(final long observed)
    {
        if ((observed & KIND_MASK) == HOLDING)
        {
            detach(observed);
        }
    }

    private void detach(final long observed)
    {
        final ReportChunk first = head;
        if (state.compareAndSet(observed, (observed & ~KIND_MASK) + EPOCH_STEP | DETACHED))
        {
            headOffset = 0;
            ReportChunk chunk = first;
            while (chunk != null)
            {
                final ReportChunk next = chunk.next;
                pool.give(chunk);
                chunk = next;
            }
        }
    }
}
