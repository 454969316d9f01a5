package io.arbiter.server.egress;

import com.lmax.disruptor.Sequence;
import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds execution reports until the commands that caused them are durable. Each report batch a session's egress
 * hands over carries the command sequence it waits for; it leaves the node only once every durability consumer
 * (today the journal writer; later, for example, replication) has made that sequence durable: the gate's
 * {@link #releasedSequence()} is the minimum of their positions. A durability consumer joins with
 * {@link #addDurabilityConsumer(Sequence)} before the node starts and calls {@link #onDurable()} after it advances its
 * position; the gate then wakes the egresses whose reports it now releases, which drain on their own I/O thread up
 * to the released sequence. An egress that hands over reports not yet released tells the gate with
 * {@link #awaitRelease(Waiter, long)} (matching thread only): a single-producer queue ordered by sequence, so an
 * advance costs one step per egress it wakes, not one per session of the node. If that queue is full the next advance
 * wakes every registered egress instead. An egress on an event loop queues its drain there without waking the loop
 * ({@link #wakesFor(EventLoop)}), and the gate wakes each loop with drains queued once at the end of the advance:
 * one wake-up per event loop per advance, however many sessions it releases. The matching path does not change when
 * a consumer joins.
 * <p>
 * A gate with no durability consumer releases everything at once (the journal is disabled). After
 * {@link #freeze(long)} nothing past the frozen sequence is ever released (the node diverged). Thread safe:
 * {@link #onDurable()} may be called from any durability consumer's thread; registration is control plane.
 */
public final class ReplyGate
{
    /** Reports that wait for this sequence are released at once. */
    public static final long RELEASE_NOW = Long.MIN_VALUE;

    /** A gate with no durability consumer: it releases everything at once. */
    public static final ReplyGate OPEN = new ReplyGate();

    /**
     * An egress whose report batches wait for the gate.
     */
    public interface Waiter
    {
        /**
         * The released sequence advanced to {@code releasedSequence}: schedule a drain if reports wait for a sequence
         * not above it. Called by the thread that advanced the gate, under the gate's lock; must not block.
         *
         * @param releasedSequence the gate's released sequence now.
         * @return false once this waiter needs no more wake-ups (its connection is gone): the gate forgets it.
         */
        boolean onReleased(long releasedSequence);

        /**
         * @return false once the waiter's connection is gone.
         */
        boolean isActive();
    }

    /** Entries of the wake queue (a power of two). */
    static final int WAKE_QUEUE_CAPACITY = 1 << 16;

    private final Waiter[] wakeWaiters = new Waiter[WAKE_QUEUE_CAPACITY];
    private final long[] wakeSequences = new long[WAKE_QUEUE_CAPACITY];
    /** Next entry the matching thread writes (it writes, the advancing thread reads). */
    private final AtomicLong wakeTail = new AtomicLong();
    /** Next entry to wake (advancing thread under the lock writes, the matching thread reads). */
    private final AtomicLong wakeHead = new AtomicLong();
    /** Set when an entry did not fit: the next advance wakes every registered egress. */
    private volatile boolean wakeAll;
    private volatile Sequence[] positions = new Sequence[0];
    private volatile Waiter[] waiters = new Waiter[0];
    private volatile long frozenAt = Long.MAX_VALUE;
    /** Event loops with drains queued by the current advance (used under the gate's lock only). */
    private final EgressWakes releaseWakes = new EgressWakes();

    /**
     * Produces garbage (control plane, before the node starts).
     *
     * @param position a durability consumer's position: the last command sequence it made durable.
     * @return this.
     */
    public synchronized ReplyGate addDurabilityConsumer(final Sequence position)
    {
        if (this == OPEN)
        {
            throw new IllegalStateException("the shared open gate takes no durability consumer");
        }
        final Sequence[] grown = Arrays.copyOf(positions, positions.length + 1);
        grown[positions.length] = position;
        positions = grown;
        return this;
    }

    /**
     * The entry through which a waiter on {@code loop} queues its drains when this gate releases its reports: the
     * drains are queued without waking the loop, and the advance that queued them wakes the loop once after its last
     * waiter ({@link #onDurable()}). Call from {@link Waiter#onReleased(long)} only (under the gate's lock). Produces
     * garbage (control plane, at a session's start).
     *
     * @param loop the waiter's event loop.
     * @return the loop's entry; null for the {@link #OPEN} gate, which never advances.
     */
    public EgressWakes.Loop wakesFor(final EventLoop loop)
    {
        return this == OPEN ? null : releaseWakes.forLoop(loop);
    }

    /**
     * @return the highest command sequence whose reports may leave: the minimum of the durability consumers'
     *         positions (capped by {@link #freeze(long)}); {@link Long#MAX_VALUE} with no consumer.
     */
    public long releasedSequence()
    {
        long released = frozenAt;
        for (final Sequence position : positions)
        {
            released = Math.min(released, position.get());
        }
        return released;
    }

    /**
     * @return true once {@link #freeze(long)} was called.
     */
    public boolean frozen()
    {
        return frozenAt != Long.MAX_VALUE;
    }

    /**
     * Never release reports of a command after {@code lastGoodSequence} (the node diverged from its journal).
     *
     * @param lastGoodSequence last command sequence whose reports may still leave.
     */
    public void freeze(final long lastGoodSequence)
    {
        frozenAt = Math.min(frozenAt, lastGoodSequence);
    }

    /**
     * Register an egress to be woken when the gate advances, and forget those whose connection has gone (control
     * plane: produces garbage). Forgetting here too, not only when the gate advances, keeps a node whose sessions send
     * nothing that is journaled (only rejected orders, say) from holding the buffers of every session that has closed.
     *
     * @param waiter the egress.
     */
    public synchronized void register(final Waiter waiter)
    {
        if (this == OPEN)
        {
            return;
        }
        final Waiter[] current = waiters;
        final Waiter[] grown = new Waiter[current.length + 1];
        int count = 0;
        for (final Waiter existing : current)
        {
            if (existing.isActive())
            {
                grown[count++] = existing;
            }
        }
        grown[count++] = waiter;
        waiters = count == grown.length ? grown : Arrays.copyOf(grown, count);
    }

    /**
     * Wake {@code waiter} once {@code releaseSequence} is released. Matching thread only, with sequences that never
     * decrease from one call to the next; allocates nothing. The caller checks {@link #releasedSequence()} again
     * afterwards: an advance that ran just before this call does not see the entry.
     *
     * @param waiter          an egress registered with {@link #register(Waiter)}.
     * @param releaseSequence the sequence its reports wait for.
     */
    public void awaitRelease(final Waiter waiter, final long releaseSequence)
    {
        if (this == OPEN)
        {
            return;
        }
        final long tail = wakeTail.get();
        if (tail - wakeHead.get() >= WAKE_QUEUE_CAPACITY)
        {
            wakeAll = true;
            return;
        }
        final int index = (int)tail & (WAKE_QUEUE_CAPACITY - 1);
        wakeWaiters[index] = waiter;
        wakeSequences[index] = releaseSequence;
        wakeTail.set(tail + 1);
    }

    /**
     * A durability consumer advanced its position: wake the egresses with reports now released (every registered
     * one after the wake queue overflowed), then each event loop they queued drains on, once; and forget the waiters
     * whose connection is gone. Allocates nothing unless a waiter is forgotten.
     */
    public synchronized void onDurable()
    {
        final long released = releasedSequence();
        final long tail = wakeTail.get();
        long head = wakeHead.get();
        while (head < tail)
        {
            final int index = (int)head & (WAKE_QUEUE_CAPACITY - 1);
            if (wakeSequences[index] > released)
            {
                break;
            }
            final Waiter waiter = wakeWaiters[index];
            wakeWaiters[index] = null;
            head++;
            waiter.onReleased(released);
        }
        wakeHead.set(head);
        if (wakeAll)
        {
            wakeAll = false;
            wakeEveryWaiter(released);
        }
        releaseWakes.nudge();
    }

    private void wakeEveryWaiter(final long released)
    {
        final Waiter[] current = waiters;
        int gone = 0;
        for (final Waiter waiter : current)
        {
            if (!waiter.onReleased(released))
            {
                gone++;
            }
        }
        if (gone > 0)
        {
            forget(current, gone);
        }
    }

    private void forget(final Waiter[] current, final int gone)
    {
        final Waiter[] kept = new Waiter[current.length - gone];
        int count = 0;
        for (final Waiter waiter : current)
        {
            if (waiter.isActive() && count < kept.length)
            {
                kept[count++] = waiter;
            }
        }
        waiters = count == kept.length ? kept : Arrays.copyOf(kept, count);
    }
}
