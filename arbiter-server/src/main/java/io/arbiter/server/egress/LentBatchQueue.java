package io.arbiter.server.egress;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's queue of report batches, from the matching thread (the producer) to the session's event loop (the
 * consumer), held only while batches are in it: an {@link EgressBufferPool} lends the ring on the first claim and
 * takes it back once the event loop found it empty. Producer and consumer agree on the hand-back through one atomic
 * state word: its low two bits say detached, holding or producing, the rest is an epoch bumped on every change so a
 * consumer's compare-and-set fails if the producer touched the queue since the consumer looked (no ABA). The producer
 * moves the state to producing before it claims and back to holding once everything claimed is committed or
 * aborted; the consumer detaches only a holding, empty queue. Claimed slots stay invisible to the consumer until
 * committed.
 */
final class LentBatchQueue
{
    private static final int MSG_BATCH = 1;
    private static final long DETACHED = 0;
    private static final long HOLDING = 1;
    private static final long PRODUCING = 2;
    private static final long KIND_MASK = 3;
    private static final long EPOCH_STEP = 4;
    private static final ControlledMessageHandler DISCARD = (msgTypeId, buffer, index, length) ->
        ControlledMessageHandler.Action.CONTINUE;

    private final EgressBufferPool pool;
    private final AtomicLong state = new AtomicLong(DETACHED);
    private final int[] claimedIndexes;
    private int claimedCount;
    /** The ring lent by the pool; meaningful only while the state is not detached. */
    private volatile OneToOneRingBuffer ring;
    /** True while the producer has moved the state to producing (producer only). */
    private boolean producing;

    /**
     * Produces garbage (control plane).
     *
     * @param pool      lends the rings.
     * @param maxClaims slots one batch may claim before it is committed.
     */
    LentBatchQueue(final EgressBufferPool pool, final int maxClaims)
    {
        this.pool = pool;
        this.claimedIndexes = new int[maxClaims];
    }

    /**
     * Producer: claim a slot of {@code headerLength + length} bytes, taking a ring from the pool if none is held, and
     * copy {@code length} bytes of {@code source} after the header.
     *
     * @param headerLength bytes left for {@link #commitClaimed(int, long, int, long)} to fill.
     * @param source       the bytes.
     * @param length       how many.
     * @return false if the ring is full (nothing claimed).
     */
    boolean tryClaim(final int headerLength, final DirectBuffer source, final int length)
    {
        final OneToOneRingBuffer queue = startProducing();
        final int index = claimedCount < claimedIndexes.length ? queue.tryClaim(MSG_BATCH, headerLength + length) : -1;
        if (index < 0)
        {
            return false;
        }
        queue.buffer().putBytes(index + headerLength, source, 0, length);
        claimedIndexes[claimedCount++] = index;
        return true;
    }

    /**
     * @return slots claimed and not yet committed or aborted (producer only).
     */
    int claimedCount()
    {
        return claimedCount;
    }

    /**
     * Producer: write two longs into the header of every claimed slot and commit them, in claim order.
     *
     * @param firstOffset  offset of the first long in the header.
     * @param first        its value.
     * @param secondOffset offset of the second long.
     * @param second       its value.
     */
    void commitClaimed(final int firstOffset, final long first, final int secondOffset, final long second)
    {
        final OneToOneRingBuffer queue = ring;
        for (int i = 0; i < claimedCount; i++)
        {
            queue.buffer().putLong(claimedIndexes[i] + firstOffset, first);
            queue.buffer().putLong(claimedIndexes[i] + secondOffset, second);
            queue.commit(claimedIndexes[i]);
        }
        claimedCount = 0;
    }

    /**
     * Producer: abort every claimed slot.
     */
    void abortClaimed()
    {
        for (int i = 0; i < claimedCount; i++)
        {
            ring.abort(claimedIndexes[i]);
        }
        claimedCount = 0;
    }

    /**
     * Producer: everything claimed is committed or aborted; the consumer may give the ring back once it is empty.
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

    private OneToOneRingBuffer startProducing()
    {
        if (!producing)
        {
            while (true)
            {
                final long current = state.get();
                final long next = (current & ~KIND_MASK) + EPOCH_STEP;
                if ((current & KIND_MASK) == DETACHED)
                {
                    ring = pool.takeQueue();
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
        return ring;
    }

    /**
     * @return true while a ring is held.
     */
    boolean held()
    {
        return (state.get() & KIND_MASK) != DETACHED;
    }

    /**
     * Consumer: read the state before reading the ring; pass it to {@link #tryGiveBack(long)} afterwards.
     *
     * @return the state word, {@link #isDetached(long)} if there is nothing to read.
     */
    long observe()
    {
        return state.get();
    }

    /**
     * @param observed a state word from {@link #observe()}.
     * @return true if no ring was held then.
     */
    static boolean isDetached(final long observed)
    {
        return (observed & KIND_MASK) == DETACHED;
    }

    /**
     * Consumer: the held ring (only after {@link #observe()} returned a state that is not detached).
     *
     * @return the ring.
     */
    OneToOneRingBuffer ring()
    {
        return ring;
    }

    /**
     * Consumer: give the ring back if it is empty and the producer has not touched it since {@code observed}.
     *
     * @param observed the state word read before the ring was read.
     */
    void tryGiveBack(final long observed)
    {
        final OneToOneRingBuffer queue = ring;
        if ((observed & KIND_MASK) == HOLDING && queue.size() == 0 &&
            state.compareAndSet(observed, (observed & ~KIND_MASK) + EPOCH_STEP | DETACHED))
        {
            pool.giveQueue(queue);
        }
    }

    /**
     * Consumer, once the connection has gone: drop what is queued and give the ring back, unless the producer is
     * writing it (then the producer's next flush schedules the consumer again).
     *
     * @param observed the state word from {@link #observe()}.
     */
    void discardAndGiveBack(final long observed)
    {
        if ((observed & KIND_MASK) != HOLDING)
        {
            return;
        }
        final OneToOneRingBuffer queue = ring;
        int emptyReads = 0;
        while (emptyReads < 2)
        {
            emptyReads = queue.controlledRead(DISCARD) > 0 ? 0 : emptyReads + 1;
        }
        tryGiveBack(observed);
    }
}
