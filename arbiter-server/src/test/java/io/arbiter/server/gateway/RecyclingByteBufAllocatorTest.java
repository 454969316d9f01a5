package io.arbiter.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RecyclingByteBufAllocator}: recycling on the owning thread, the fallback, and freeing on other threads and at
 * thread end.
 */
class RecyclingByteBufAllocatorTest
{
    private static final int SLAB = 1024;

    @Test
    void shouldHandOutTheSameSlabAgainOnceReleasedOnItsThread()
    {
        final RecyclingByteBufAllocator allocator = new RecyclingByteBufAllocator(SLAB, 4, ByteBufAllocator.DEFAULT);
        final ByteBuf first = allocator.directBuffer(100);
        first.writeLong(42).readByte();
        first.release();

        final ByteBuf second = allocator.ioBuffer(200);

        assertSame(slab(first), slab(second));
        assertEquals(1, second.refCnt());
        assertEquals(0, second.readerIndex());
        assertEquals(0, second.writerIndex());
        assertEquals(SLAB, second.capacity());
        assertTrue(second.isDirect() && second.hasMemoryAddress());
        assertSame(allocator, second.alloc());
        assertEquals(1, allocator.liveSlabs());
        assertEquals(0, allocator.fallbacks());
        second.release();
    }

    /**
     * Where Netty cannot use {@code sun.misc.Unsafe} (Java 25 on, by default), slabs cannot be made: every direct
     * buffer comes from the fallback and is a working buffer.
     */
    @Test
    void shouldServeEveryBufferFromTheFallbackWhenNotRecycling()
    {
        final RecyclingByteBufAllocator allocator =
            new RecyclingByteBufAllocator(SLAB, 4, ByteBufAllocator.DEFAULT, false);
        final ByteBuf buffer = allocator.directBuffer(100);
        buffer.writeLong(42);

        assertEquals(42, buffer.readLong());
        assertTrue(buffer.isDirect());
        assertNotSame(allocator, buffer.alloc());
        assertEquals(0, allocator.liveSlabs());
        assertEquals(1, allocator.fallbacks());
        buffer.release();
    }

    @Test
    void shouldFallBackWhileEverySlabOfTheThreadIsHeld()
    {
        final RecyclingByteBufAllocator allocator = new RecyclingByteBufAllocator(SLAB, 2, ByteBufAllocator.DEFAULT);
        final ByteBuf a = allocator.directBuffer(10);
        final ByteBuf b = allocator.directBuffer(10);

        final ByteBuf c = allocator.directBuffer(10);

        assertEquals(1, allocator.fallbacks(), "a third buffer while two slabs are held");
        assertNotSame(allocator, c.alloc());
        assertEquals(2, allocator.liveSlabs());
        c.release();
        b.release();
        final ByteBuf d = allocator.directBuffer(10);
        assertSame(slab(b), slab(d), "a released slab serves the next request");
        assertEquals(1, allocator.fallbacks());
        a.release();
        d.release();
    }

    @Test
    void shouldFallBackForBuffersLargerThanASlabAndForHeapBuffers()
    {
        final RecyclingByteBufAllocator allocator = new RecyclingByteBufAllocator(SLAB, 2, ByteBufAllocator.DEFAULT);
        final ByteBuf large = allocator.directBuffer(SLAB + 1);
        final ByteBuf capped = allocator.directBuffer(10, SLAB - 1);
        final ByteBuf heap = allocator.heapBuffer(10);

        assertEquals(2, allocator.fallbacks());
        assertEquals(0, allocator.liveSlabs());
        assertTrue(capped.maxCapacity() == SLAB - 1 && !heap.isDirect());
        large.release();
        capped.release();
        heap.release();
    }

    @Test
    void shouldFreeASlabReleasedOnAnotherThreadAndMakeANewOneInItsPlace() throws InterruptedException
    {
        final RecyclingByteBufAllocator allocator = new RecyclingByteBufAllocator(SLAB, 1, ByteBufAllocator.DEFAULT);
        final ByteBuf slab = allocator.directBuffer(10);
        final Thread other = new Thread(slab::release);
        other.start();
        other.join();
        assertEquals(0, allocator.liveSlabs(), "freed, not recycled");

        final ByteBuf next = allocator.directBuffer(10);

        assertEquals(0, allocator.fallbacks(), "the freed slab no longer counts against the thread's limit");
        assertEquals(1, allocator.liveSlabs());
        next.release();
    }

    @Test
    void shouldFreeTheFreeSlabsOfAThreadWhenItEndsAndTheOthersWhenReleased() throws InterruptedException
    {
        final RecyclingByteBufAllocator allocator = new RecyclingByteBufAllocator(SLAB, 4, ByteBufAllocator.DEFAULT);
        final AtomicReference<ByteBuf> held = new AtomicReference<>();
        final Thread eventLoop = new DefaultThreadFactory("recycling-test").newThread(() ->
        {
            allocator.directBuffer(10).release();
            final ByteBuf a = allocator.directBuffer(10);
            final ByteBuf b = allocator.directBuffer(10);
            held.set(allocator.directBuffer(10));
            a.release();
            b.release();
        });
        eventLoop.start();
        eventLoop.join();

        assertEquals(1, allocator.liveSlabs(), "only the slab still held outlives its thread");
        held.get().release();
        assertEquals(0, allocator.liveSlabs());
    }

    /**
     * The slab behind a buffer: Netty's leak detector wraps a sample of the buffers an allocator hands out (about one
     * in 128 at its default level), so the same slab may come back wrapped one time and bare the next.
     */
    private static ByteBuf slab(final ByteBuf buffer)
    {
        final ByteBuf unwrapped = buffer.unwrap();
        return null == unwrapped ? buffer : unwrapped;
    }
}
