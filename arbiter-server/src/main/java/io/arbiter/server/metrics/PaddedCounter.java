package io.arbiter.server.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class PaddedCounterLhsPadding
{
    protected long p01, p02, p03, p04, p05, p06, p07;
}

abstract class PaddedCounterValue extends PaddedCounterLhsPadding
{
    protected volatile long value;
}

abstract class PaddedCounterRhsPadding extends PaddedCounterValue
{
    protected long p11, p12, p13, p14, p15, p16, p17;
}

/**
 * A 64-bit counter or gauge padded against false sharing. One owning thread updates it with the {@code *Release}
 * methods (a plain read and an ordered store, no lock, no CAS); counters shared by several writers use the
 * {@code *Atomic} methods instead. Any thread may read it with {@link #get()}. Allocates nothing.
 */
public final class PaddedCounter extends PaddedCounterRhsPadding
{
    private static final VarHandle VALUE;

    static
    {
        try
        {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * Adds one. Only the owning (single) writer thread may call it.
     */
    public void incrementRelease()
    {
        VALUE.setRelease(this, (long)VALUE.get(this) + 1L);
    }

    /**
     * Adds a delta. Only the owning (single) writer thread may call it.
     *
     * @param delta to add.
     */
    public void addRelease(final long delta)
    {
        VALUE.setRelease(this, (long)VALUE.get(this) + delta);
    }

    /**
     * Sets the value, as a gauge. Only the owning (single) writer thread may call it.
     *
     * @param newValue to publish.
     */
    public void setRelease(final long newValue)
    {
        VALUE.setRelease(this, newValue);
    }

    /**
     * Adds one atomically; safe from any number of writer threads (lock-free).
     *
     * @return the value before the increment.
     */
    public long incrementAtomic()
    {
        return (long)VALUE.getAndAdd(this, 1L);
    }

    /**
     * Adds a delta atomically; safe from any number of writer threads (lock-free).
     *
     * @param delta to add, may be negative for gauges.
     * @return the value before the addition.
     */
    public long addAtomic(final long delta)
    {
        return (long)VALUE.getAndAdd(this, delta);
    }

    /**
     * @return the current value with volatile (acquire) semantics; any thread.
     */
    public long get()
    {
        return value;
    }
}
