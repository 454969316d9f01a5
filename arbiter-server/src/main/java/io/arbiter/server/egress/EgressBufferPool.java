package io.arbiter.server.egress;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reply buffers of a node's sessions, lent to a {@link ChannelSessionEgress} only while it has reports in hand, so
 * an idle session holds none. Two kinds: batch buffers, which the matching thread encodes one session's reports of a
 * batch into and gives back at the end of that batch (matching thread only), and queues (single-producer
 * single-consumer rings, all of one capacity), which a session holds from its first report until its event loop has
 * written everything queued and gives back from that event loop. Taking allocates only when no free buffer is left
 * (the pool grows to its high-water mark); at most {@code maxFreeQueues} free queues are kept, others are left to the
 * collector. Thread safety: batch buffers and {@link #takeQueue()} on the matching thread only;
 * {@link #giveQueue(OneToOneRingBuffer)} from any thread.
 */
public final class EgressBufferPool
{
    /** Bytes of one batch buffer; no single report is longer than half of it. */
    public static final int BATCH_BUFFER_BYTES = 8 * 1024;
    /**
     * Smallest queue: one command's reports for one session (a sweep of thousands of resting orders) must fit, since
     * a batch is committed whole. The same floor as when every session owned its queue.
     */
    public static final int MIN_QUEUE_BYTES = 128 * 1024;
    /** Free queues kept for reuse by default. */
    public static final int DEFAULT_MAX_FREE_QUEUES = 256;

    private final int queueCapacity;
    private final ArrayDeque<UnsafeBuffer> freeBatches = new ArrayDeque<>();
    private final ManyToOneConcurrentArrayQueue<OneToOneRingBuffer> freeQueues;
    private final AtomicLong queuesMade = new AtomicLong();
    private final AtomicLong queuesLent = new AtomicLong();
    private long batchesMade;

    /**
     * Produces garbage (control plane).
     *
     * @param queueBytes    reports one session may have waiting for its event loop, in bytes (rounded up to a power of
     *                      two, at least {@link #MIN_QUEUE_BYTES}).
     * @param maxFreeQueues free queues kept for reuse.
     */
    public EgressBufferPool(final int queueBytes, final int maxFreeQueues)
    {
        this.queueCapacity = Integer.highestOneBit(Math.max(queueBytes, MIN_QUEUE_BYTES) - 1) << 1;
        this.freeQueues = new ManyToOneConcurrentArrayQueue<>(Math.max(2, maxFreeQueues));
    }

    /**
     * @return the capacity of each queue in bytes (a power of two).
     */
    public int queueCapacity()
    {
        return queueCapacity;
    }

    /**
     * A batch buffer for one session's reports of the current batch. Matching thread only; allocates only when none
     * is free.
     *
     * @return a buffer of {@link #BATCH_BUFFER_BYTES} bytes.
     */
    public UnsafeBuffer takeBatch()
    {
        final UnsafeBuffer free = freeBatches.pollLast();
        if (free != null)
        {
            return free;
        }
        batchesMade++;
        return new UnsafeBuffer(ByteBuffer.allocateDirect(BATCH_BUFFER_BYTES));
    }

    /**
     * Give back a buffer from {@link #takeBatch()}. Matching thread only.
     *
     * @param batch the buffer; its contents are forgotten.
     */
    public void giveBatch(final UnsafeBuffer batch)
    {
        freeBatches.addLast(batch);
    }

    /**
     * An empty queue for one session. Matching thread only; allocates only when none is free.
     *
     * @return a queue of {@link #queueCapacity()} bytes.
     */
    public OneToOneRingBuffer takeQueue()
    {
        queuesLent.incrementAndGet();
        final OneToOneRingBuffer free = freeQueues.poll();
        if (free != null)
        {
            return free;
        }
        queuesMade.incrementAndGet();
        return new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(queueCapacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * Give back an empty queue from {@link #takeQueue()}: nothing may read or write it afterwards. Any thread.
     *
     * @param queue the queue; must be empty (everything written was read).
     */
    public void giveQueue(final OneToOneRingBuffer queue)
    {
        queuesLent.decrementAndGet();
        freeQueues.offer(queue);
    }

    /**
     * @return queues lent to sessions now (taken and not given back); a closed session's queue that was never given
     *         back (it closed while its reports were being written) stays counted.
     */
    public long queuesLent()
    {
        return queuesLent.get();
    }

    /**
     * @return queues allocated so far.
     */
    public long queuesMade()
    {
        return queuesMade.get();
    }

    /**
     * @return batch buffers allocated so far (matching thread's view).
     */
    public long batchesMade()
    {
        return batchesMade;
    }
}
