package io.arbiter.server.tracing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer single-consumer ring of preallocated {@link TraceRecord}s: the matching thread claims the
 * next free slot, fills it and publishes it; the tracing thread reads published slots and frees them. Allocation-free
 * and lock-free; a full ring makes {@link #claim()} return null.
 */
final class TraceRecordRing
{
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(TraceRecordRing.class, "head", long.class);
            TAIL = lookup.findVarHandle(TraceRecordRing.class, "tail", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final TraceRecord[] slots;
    private final int mask;
    @SuppressWarnings("unused")
    private volatile long head;
    @SuppressWarnings("unused")
    private volatile long tail;

    /**
     * @param capacity rounded up to a power of two.
     */
    TraceRecordRing(final int capacity)
    {
        final int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        slots = new TraceRecord[size];
        for (int i = 0; i < size; i++)
        {
            slots[i] = new TraceRecord();
        }
        mask = size - 1;
    }

    int capacity()
    {
        return slots.length;
    }

    /**
     * Producer: the next free slot, or null if the ring is full.
     */
    TraceRecord claim()
    {
        final long t = (long)TAIL.get(this);
        if (t - (long)HEAD.getAcquire(this) >= slots.length)
        {
            return null;
        }
        return slots[(int)t & mask];
    }

    /**
     * Producer: publishes the slot returned by the last {@link #claim()}.
     */
    void publish()
    {
        TAIL.setRelease(this, (long)TAIL.get(this) + 1L);
    }

    /**
     * Consumer: the oldest published slot, or null if none.
     */
    TraceRecord peek()
    {
        final long h = (long)HEAD.get(this);
        if (h >= (long)TAIL.getAcquire(this))
        {
            return null;
        }
        return slots[(int)h & mask];
    }

    /**
     * Consumer: frees the slot returned by the last {@link #peek()}.
     */
    void free()
    {
        HEAD.setRelease(this, (long)HEAD.get(this) + 1L);
    }
}
