package io.arbiter.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat ticks of every client on one event loop with one tick period: one periodic task serves them all,
 * instead of one scheduled task per client (with thousands of connections, re-inserting each client's task into the
 * event loop's priority queue twice per heartbeat interval showed in the load generator's profile). Each client is
 * put in one of up to {@link #SLICES} slots, round robin, and the task runs once per slice of the period, ticking
 * one slot: so every client ticks exactly once per period, at a fixed phase, and the heartbeats of clients that
 * logged on together leave spread over the period instead of in one burst. Adding a client allocates only when its
 * slot grows to a new high-water mark; removing swaps the slot's last entry in; the task is cancelled when the last
 * client leaves. Event loop thread only.
 */
final class HeartbeatTimer implements Runnable
{
    /** Most slots a period is divided into. */
    static final int SLICES = 16;
    private static final long MIN_SLICE_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * One client's place in the timer: its slot and index in it. Event loop thread only.
     */
    abstract static class Entry
    {
        int slot = -1;
        int index = -1;

        /**
         * One tick of the period: the client sends a heartbeat if it sent nothing since the previous tick and counts
         * silent ticks. May close the connection (which removes the entry, now or later).
         */
        abstract void onTick();
    }

    private final EventExecutor executor;
    private final long periodNs;
    private final long sliceNs;
    private final Entry[][] slots;
    private final int[] counts;
    private int size;
    private int nextSlot;
    private int currentSlot;
    private ScheduledFuture<?> future;

    /**
     * A timer without clients; its task starts with the first {@link #add(Entry)}.
     *
     * @param executor the event loop it runs on.
     * @param periodNs the tick period of every client it serves.
     */
    HeartbeatTimer(final EventExecutor executor, final long periodNs)
    {
        this.executor = executor;
        this.periodNs = periodNs;
        final int slices = (int)Math.max(1, Math.min(SLICES, periodNs / MIN_SLICE_NS));
        this.sliceNs = periodNs / slices;
        this.slots = new Entry[slices][];
        this.counts = new int[slices];
        for (int i = 0; i < slices; i++)
        {
            slots[i] = new Entry[8];
        }
    }

    /**
     * @return the tick period of the clients this timer serves.
     */
    long periodNs()
    {
        return periodNs;
    }

    /**
     * @return the slots a period is divided into.
     */
    int slices()
    {
        return slots.length;
    }

    /**
     * @return clients served now.
     */
    int size()
    {
        return size;
    }

    /**
     * @return whether the periodic task is scheduled.
     */
    boolean isScheduled()
    {
        return future != null;
    }

    /**
     * Start ticking a client; its first tick comes within one period.
     *
     * @param entry the client's entry (not in any timer).
     */
    void add(final Entry entry)
    {
        final int slot = nextSlot;
        nextSlot = slot + 1 == slots.length ? 0 : slot + 1;
        final int count = counts[slot];
        if (count == slots[slot].length)
        {
            slots[slot] = Arrays.copyOf(slots[slot], count * 2);
        }
        slots[slot][count] = entry;
        counts[slot] = count + 1;
        entry.slot = slot;
        entry.index = count;
        size++;
        if (future == null)
        {
            future = executor.scheduleAtFixedRate(this, sliceNs, sliceNs, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Stop ticking a client; nothing if it is not in this timer.
     *
     * @param entry the client's entry.
     */
    void remove(final Entry entry)
    {
        final int slot = entry.slot;
        final int index = entry.index;
        if (slot < 0 || slot >= slots.length || index < 0 || index >= counts[slot] || slots[slot][index] != entry)
        {
            return;
        }
        final Entry[] members = slots[slot];
        final int last = --counts[slot];
        members[index] = members[last];
        members[index].index = index;
        members[last] = null;
        entry.slot = -1;
        entry.index = -1;
        if (--size == 0 && future != null)
        {
            future.cancel(false);
            future = null;
        }
    }

    /**
     * Tick the clients of the next slot. Walks the slot downwards: a tick that closes its client and removes it
     * swaps in an entry already ticked.
     */
    @Override
    public void run()
    {
        final int slot = currentSlot;
        currentSlot = slot + 1 == slots.length ? 0 : slot + 1;
        final Entry[] members = slots[slot];
        for (int i = counts[slot] - 1; i >= 0; i--)
        {
            if (i < counts[slot])
            {
                members[i].onTick();
            }
        }
    }
}
