package io.arbiter.server.gateway;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.PlatformDependent;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The allocator of the gateway's connections: direct buffers of one size (slabs) kept in a free list per allocating
 * thread, to which a slab returns when its last reference is released, so socket reads, egress writes and gateway
 * replies cycle through the same few slabs of an event loop instead of being carved from Netty's adaptive allocator
 * (which builds free lists for each new chunk it carves: garbage per message). Any thread may allocate and release;
 * a slab released by a thread other than the one that took it, or after that thread ended, is freed, not recycled.
 * <p>
 * A thread makes up to {@code slabsPerThread} slabs as needed, then reuses them. A direct buffer larger than a slab,
 * one whose maximum capacity is below a slab, or one asked for while every slab of the thread is held (e.g. by writes
 * a slow consumer keeps pending) comes from the fallback allocator and is counted in {@link #fallbacks()}; heap
 * buffers always come from the fallback. A thread's free slabs are freed when its Netty {@link FastThreadLocal}s are
 * removed, i.e. when an event loop thread ends.
 * <p>
 * A slab is Netty's direct buffer that reads and writes its memory through {@code sun.misc.Unsafe}; where Netty does
 * not use it (its default from Java 25 on, unless the JVM runs with {@code --sun-misc-unsafe-memory-access=allow}, as
 * the {@code arbiter} launcher and the build's tests do), every buffer comes from the fallback allocator (each counted
 * in {@link #fallbacks()}).
 */
public final class RecyclingByteBufAllocator extends AbstractByteBufAllocator
{
    private final int slabBytes;
    private final int slabsPerThread;
    private final ByteBufAllocator fallback;
    private final boolean recycling;
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicInteger liveSlabs = new AtomicInteger();
    private final FastThreadLocal<ThreadSlabs> threadSlabs = new FastThreadLocal<>()
    {
        @Override
        protected ThreadSlabs initialValue()
        {
            return new ThreadSlabs();
        }

        @Override
        protected void onRemoval(final ThreadSlabs slabs)
        {
            slabs.close();
        }
    };

    /**
     * Produces garbage (control plane).
     *
     * @param slabBytes      capacity of each slab.
     * @param slabsPerThread most slabs one thread makes.
     * @param fallback       serves heap buffers and the direct buffers no slab can serve.
     */
    public RecyclingByteBufAllocator(final int slabBytes, final int slabsPerThread, final ByteBufAllocator fallback)
    {
        this(slabBytes, slabsPerThread, fallback, PlatformDependent.hasUnsafe());
    }

    /**
     * Produces garbage (control plane).
     *
     * @param slabBytes      capacity of each slab.
     * @param slabsPerThread most slabs one thread makes.
     * @param fallback       serves heap buffers and the direct buffers no slab can serve.
     * @param recycling      false to serve every buffer from the fallback (Netty cannot use {@code sun.misc.Unsafe}).
     */
    RecyclingByteBufAllocator(
        final int slabBytes, final int slabsPerThread, final ByteBufAllocator fallback, final boolean recycling)
    {
        super(true);
        if (slabBytes <= 0 || slabsPerThread <= 0)
        {
            throw new IllegalArgumentException("slabBytes and slabsPerThread must be positive");
        }
        this.slabBytes = slabBytes;
        this.slabsPerThread = slabsPerThread;
        this.fallback = fallback;
        this.recycling = recycling;
    }

    /**
     * @return capacity of each slab.
     */
    public int slabBytes()
    {
        return slabBytes;
    }

    /**
     * @return direct buffers served by the fallback allocator so far (all threads).
     */
    public long fallbacks()
    {
        return fallbacks.get();
    }

    /**
     * @return slabs whose memory is allocated now (free or in use, all threads).
     */
    public int liveSlabs()
    {
        return liveSlabs.get();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean isDirectBufferPooled()
    {
        return true;
    }

    @Override
    protected ByteBuf newHeapBuffer(final int initialCapacity, final int maxCapacity)
    {
        return fallback.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(final int initialCapacity, final int maxCapacity)
    {
        if (recycling && initialCapacity <= slabBytes && maxCapacity >= slabBytes)
        {
            final Slab slab = threadSlabs.get().tryAcquire(maxCapacity);
            if (slab != null)
            {
                return ResourceLeakDetector.isEnabled() ? toLeakAwareBuffer(slab) : slab;
            }
        }
        fallbacks.incrementAndGet();
        return fallback.directBuffer(initialCapacity, maxCapacity);
    }

    /**
     * The slabs of one thread; {@link #tryAcquire(int)} and {@link #close()} on that thread only.
     */
    private final class ThreadSlabs
    {
        private final Thread owner = Thread.currentThread();
        private final Slab[] free = new Slab[slabsPerThread];
        private final AtomicInteger freedElsewhere = new AtomicInteger();
        private int freeCount;
        private int made;
        private volatile boolean closed;

        Slab tryAcquire(final int maxCapacity)
        {
            if (freeCount > 0)
            {
                final Slab slab = free[--freeCount];
                free[freeCount] = null;
                slab.reuse(maxCapacity);
                return slab;
            }
            if (made == slabsPerThread && freedElsewhere.get() > 0)
            {
                made -= freedElsewhere.getAndSet(0);
            }
            if (made < slabsPerThread && !closed)
            {
                made++;
                liveSlabs.incrementAndGet();
                return new Slab(this, maxCapacity);
            }
            return null;
        }

        void onReleased(final Slab slab)
        {
            if (Thread.currentThread() != owner)
            {
                freedElsewhere.incrementAndGet();
                slab.free();
            }
            else if (closed || slab.capacity() != slabBytes)
            {
                made--;
                slab.free();
            }
            else
            {
                free[freeCount++] = slab;
            }
        }

        void close()
        {
            closed = true;
            while (freeCount > 0)
            {
                final Slab slab = free[--freeCount];
                free[freeCount] = null;
                made--;
                slab.free();
            }
        }
    }

    /**
     * A direct buffer that goes back to its thread's free list when released.
     */
    private final class Slab extends UnpooledUnsafeDirectByteBuf
    {
        private final ThreadSlabs home;

        Slab(final ThreadSlabs home, final int maxCapacity)
        {
            super(RecyclingByteBufAllocator.this, slabBytes, maxCapacity);
            this.home = home;
        }

        void reuse(final int maxCapacity)
        {
            resetRefCnt();
            maxCapacity(maxCapacity);
            clear();
            markReaderIndex();
            markWriterIndex();
        }

        @Override
        protected void deallocate()
        {
            home.onReleased(this);
        }

        void free()
        {
            super.deallocate();
            liveSlabs.decrementAndGet();
        }
    }
}
