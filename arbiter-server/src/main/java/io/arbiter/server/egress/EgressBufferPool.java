package io.arbiter.server.egress;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chunks of a node's session report queues, lent to a {@link ChannelSessionEgress} only while it has reports
 * waiting, so an idle session holds none: a session's queue takes its first chunk with the first report after it
 * went empty, grows by one chunk at a time while its event loop lags, and gives each chunk back from the event loop
 * once it has written everything in it. Two caps, both counted in chunks: a session may hold at most
 * {@link #sessionMaxChunks()} (beyond that it is a slow consumer), and beyond its first
 * {@link #guaranteedChunks()} a session gets another chunk only while the node lends fewer than
 * {@link #nodeMaxChunks()} (so many growing sessions cannot take all memory, and a healthy session's first chunks
 * are never refused because of them). Taking allocates only when no free chunk is left (the pool grows to its
 * high-water mark); at most {@code maxFreeChunks} free chunks are kept, others are left to the collector. Thread
 * safety: {@link #tryTake(boolean)} and {@link #sink()} on the matching thread only; {@link #give(ReportChunk)} from
 * any thread.
 */
public final class EgressBufferPool
{
    /** Bytes of one chunk by default. */
    public static final int DEFAULT_CHUNK_BYTES = 16 * 1024;
    /** Bytes of its queue a session may always hold, whatever the node lends (rounded up to chunks). */
    public static final int GUARANTEED_BYTES = 64 * 1024;
    /** Smallest chunk: a record header and the longest report (4 KiB) must fit in one. */
    public static final int MIN_CHUNK_BYTES = 8 * 1024;
    /** Free chunks kept for reuse by default (16 MiB of default chunks). */
    public static final int DEFAULT_MAX_FREE_CHUNKS = 1024;
    /** Node-wide cap of lent chunks by default, in bytes. */
    public static final long DEFAULT_NODE_MAX_BYTES = 256L * 1024 * 1024;

    private final int chunkBytes;
    private final int sessionMaxChunks;
    private final int guaranteedChunks;
    private final long nodeMaxChunks;
    private final ManyToOneConcurrentArrayQueue<ReportChunk> freeChunks;
    private final AtomicLong chunksMade = new AtomicLong();
    private final AtomicLong chunksLent = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final UnsafeBuffer sink;

    /**
     * A pool with default chunks, node cap and free list (tests and tools). Produces garbage (control plane).
     *
     * @param sessionMaxBytes most bytes of chunks one session may hold (see
     *                        {@link #EgressBufferPool(int, long, int, int)}).
     */
    public EgressBufferPool(final int sessionMaxBytes)
    {
        this(sessionMaxBytes, DEFAULT_NODE_MAX_BYTES, DEFAULT_CHUNK_BYTES, DEFAULT_MAX_FREE_CHUNKS);
    }

    /**
     * Produces garbage (control plane).
     *
     * @param sessionMaxBytes most bytes of chunks one session may hold, rounded up to whole chunks and to at least
     *                        {@link #GUARANTEED_BYTES}.
     * @param nodeMaxBytes    bytes of chunks the node lends in all beyond each session's guaranteed ones; rounded
     *                        down to whole chunks.
     * @param chunkBytes      bytes of one chunk, a power of two of at least {@link #MIN_CHUNK_BYTES} (rounded up).
     * @param maxFreeChunks   free chunks kept for reuse.
     */
    public EgressBufferPool(
        final int sessionMaxBytes, final long nodeMaxBytes, final int chunkBytes, final int maxFreeChunks)
    {
        this.chunkBytes = Integer.highestOneBit(Math.max(chunkBytes, MIN_CHUNK_BYTES) - 1) << 1;
        this.guaranteedChunks = chunksFor(GUARANTEED_BYTES);
        this.sessionMaxChunks = Math.max(guaranteedChunks, chunksFor(sessionMaxBytes));
        this.nodeMaxChunks = nodeMaxBytes / this.chunkBytes;
        this.freeChunks = new ManyToOneConcurrentArrayQueue<>(Math.max(2, maxFreeChunks));
        this.sink = new UnsafeBuffer(ByteBuffer.allocateDirect(this.chunkBytes));
    }

    private int chunksFor(final long bytes)
    {
        return (int)Math.min(Integer.MAX_VALUE, (bytes + chunkBytes - 1) / chunkBytes);
    }

    /**
     * @return bytes of one chunk (a power of two).
     */
    public int chunkBytes()
    {
        return chunkBytes;
    }

    /**
     * @return chunks one session may hold at most.
     */
    public int sessionMaxChunks()
    {
        return sessionMaxChunks;
    }

    /**
     * @return chunks a session may hold whatever the node lends.
     */
    public int guaranteedChunks()
    {
        return guaranteedChunks;
    }

    /**
     * @return lent chunks above which a session beyond its guaranteed chunks is refused another.
     */
    public long nodeMaxChunks()
    {
        return nodeMaxChunks;
    }

    /**
     * A chunk for a session's queue. Matching thread only; allocates only when none is free.
     *
     * @param guaranteed true if the session holds fewer than {@link #guaranteedChunks()}: the node cap does not apply.
     * @return an empty chunk with no successor, or null if the node lends {@link #nodeMaxChunks()} already and the
     *         chunk is not guaranteed.
     */
    ReportChunk tryTake(final boolean guaranteed)
    {
        if (!guaranteed && chunksLent.get() >= nodeMaxChunks)
        {
            refusals.incrementAndGet();
            return null;
        }
        chunksLent.incrementAndGet();
        ReportChunk chunk = freeChunks.poll();
        if (chunk == null)
        {
            chunksMade.incrementAndGet();
            chunk = new ReportChunk(new UnsafeBuffer(ByteBuffer.allocateDirect(chunkBytes)));
        }
        chunk.next = null;
        return chunk;
    }

    /**
     * Give back a chunk from {@link #tryTake(boolean)}: nothing may read or write it afterwards. Any thread.
     *
     * @param chunk the chunk; its contents are forgotten.
     */
    void give(final ReportChunk chunk)
    {
        chunk.next = null;
        chunksLent.decrementAndGet();
        freeChunks.offer(chunk);
    }

    /**
     * Where a session that was refused a chunk encodes its remaining reports of the batch, which are dropped (it is
     * being closed as a slow consumer). Matching thread only.
     *
     * @return a scratch buffer of {@link #chunkBytes()} bytes.
     */
    UnsafeBuffer sink()
    {
        return sink;
    }

    /**
     * @return chunks lent to sessions now (taken and not given back); the chunks of a closed session that were never
     *         given back (it closed while its reports were being written) stay counted.
     */
    public long chunksLent()
    {
        return chunksLent.get();
    }

    /**
     * @return bytes of chunks lent to sessions now.
     */
    public long bytesLent()
    {
        return chunksLent.get() * chunkBytes;
    }

    /**
     * @return chunks allocated so far.
     */
    public long chunksMade()
    {
        return chunksMade.get();
    }

    /**
     * @return chunks refused so far because the node lent {@link #nodeMaxChunks()} already.
     */
    public long nodeCapRefusals()
    {
        return refusals.get();
    }
}
