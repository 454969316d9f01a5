package io.arbiter.server.gateway;

import com.lmax.disruptor.Cursored;
import io.arbiter.server.egress.ReplyGate;
import io.netty.channel.SelectStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.function.IntSupplier;

/**
 * How one gateway event loop waits for I/O: it polls instead of sleeping while commands it published wait for the
 * journal's force, so the reports the {@link ReplyGate} releases after the force leave without waking a sleeping
 * loop. On a machine where waking a thread on an idle core costs tens of microseconds (a virtual machine's idle CPU
 * is halted; the wake-up is an interrupt to it), that wake-up is most of what the durable path adds after the force.
 * <p>
 * The loop polls (a non-blocking {@code epoll_wait}, so it still reads its sockets and runs its tasks) while the
 * gate's released sequence is below the ring's cursor as it was after the loop's last publish, and for
 * {@link #GRACE_NS} after that (the thread that advanced the gate queues the drains just after it moved the
 * position). It stops polling and sleeps as usual when nothing advanced (no publish of its own, no release) for the
 * configured budget: a slow disk costs the budget once per stall, not a core for its whole length. A budget of zero,
 * or a loop that never {@link #watch watched} a gate, always sleeps: the behaviour of Netty's default strategy.
 * <p>
 * The cost is CPU: while forces are in flight the loop keeps a core busy instead of sleeping. Threading: one instance
 * per event loop; {@link #onPublished()} and {@link #calculateStrategy} on that loop only, {@link #watch} once before
 * the gateway starts.
 */
public final class DurableReplyPoll implements SelectStrategy
{
    /** How long the loop goes on polling after the gate released what it waited for. */
    static final long GRACE_NS = 20_000L;
    /** A poll that found nothing followed by the next one this much later: the loop lost its core meanwhile. */
    static final long PREEMPTED_NS = 200_000L;
    /** How long the loop sleeps as usual after it found its core contended. */
    static final long CONTENDED_BACKOFF_NS = 20_000_000L;
    /** How often a polling loop looks at the machine's run queue. */
    static final long RUN_QUEUE_CHECK_NS = 1_000_000L;
    /** Looks in a row that found more runnable threads than CPUs before the loop backs off. */
    static final int CROWDED_LOOKS = 3;
    private static final long NOTHING_AWAITED = Long.MIN_VALUE;

    private final long budgetNs;
    private final NanoClock clock;
    private volatile ReplyGate gate;
    private volatile Cursored ring;
    private boolean published;
    private long awaitedSequence = NOTHING_AWAITED;
    private long lastReleased = Long.MIN_VALUE;
    private long lastProgressNs;
    private long graceUntilNs;
    private boolean inGrace;
    private long emptyPollAtNs;
    private boolean lastPollEmpty;
    private long contendedUntilNs;
    private boolean backingOff;
    private long polls;
    private long contendedBackoffs;
    private final IntSupplier runnableThreads;
    private final int cpus;
    private long runQueueLookedAtNs;
    private int crowdedLooks;

    /**
     * @param budgetNs longest time without progress the loop polls; 0 = always sleep.
     */
    public DurableReplyPoll(final long budgetNs)
    {
        this(budgetNs, SystemNanoClock.INSTANCE, budgetNs > 0 ? RunQueueProbe.open() : null,
            Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param budgetNs        longest time without progress the loop polls; 0 = always sleep.
     * @param clock           time source.
     * @param runnableThreads threads runnable on the machine now (negative if unknown); null where unknown.
     * @param cpus            CPUs the machine runs threads on.
     */
    public DurableReplyPoll(
        final long budgetNs, final NanoClock clock, final IntSupplier runnableThreads, final int cpus)
    {
        this.runnableThreads = runnableThreads;
        this.cpus = cpus;
        if (budgetNs < 0)
        {
            throw new IllegalArgumentException("budgetNs must not be negative: " + budgetNs);
        }
        this.budgetNs = budgetNs;
        this.clock = clock;
    }

    /**
     * Poll while the commands of this loop wait for {@code gate} (control plane, before the gateway starts).
     *
     * @param gate the node's reply gate; {@link ReplyGate#OPEN} (nothing is ever held) leaves the loop sleeping.
     * @param ring the command ring the loop publishes to: its cursor after a publish bounds the awaited sequence.
     */
    public void watch(final ReplyGate gate, final Cursored ring)
    {
        this.ring = ring;
        this.gate = gate == ReplyGate.OPEN ? null : gate;
    }

    /**
     * The loop published a command whose reports the gate will hold (event loop only; a plain field write).
     */
    public void onPublished()
    {
        published = true;
    }

    /**
     * @return the times this loop polled while it waited for the gate (event loop's view; for tests and metrics).
     */
    public long polls()
    {
        return polls;
    }

    /**
     * @return the times this loop found its core contended and went back to sleeping (event loop's view).
     */
    public long contendedBackoffs()
    {
        return contendedBackoffs;
    }

    @Override
    public int calculateStrategy(final io.netty.util.IntSupplier selectSupplier, final boolean hasTasks)
        throws Exception
    {
        if (hasTasks)
        {
            lastPollEmpty = false;
            return selectSupplier.get();
        }
        final ReplyGate gate = this.gate;
        if (null == gate || 0 == budgetNs)
        {
            return SelectStrategy.SELECT;
        }
        if (!published && NOTHING_AWAITED == awaitedSequence)
        {
            lastPollEmpty = false;
            return SelectStrategy.SELECT;
        }
        final long nowNs = clock.nanoTime();
        if (published)
        {
            published = false;
            awaitedSequence = ring.getCursor();
            inGrace = false;
            lastProgressNs = nowNs;
        }
        if (contended(nowNs) || !shouldPoll(gate, nowNs))
        {
            lastPollEmpty = false;
            return SelectStrategy.SELECT;
        }
        return poll(selectSupplier, nowNs);
    }

    private boolean contended(final long nowNs)
    {
        if ((lastPollEmpty && nowNs - emptyPollAtNs > PREEMPTED_NS) || crowded(nowNs))
        {
            contendedBackoffs++;
            backingOff = true;
            contendedUntilNs = nowNs + CONTENDED_BACKOFF_NS;
            crowdedLooks = 0;
        }
        if (backingOff && nowNs - contendedUntilNs >= 0)
        {
            backingOff = false;
        }
        if (backingOff)
        {
            awaitedSequence = NOTHING_AWAITED;
        }
        return backingOff;
    }

    private boolean crowded(final long nowNs)
    {
        if (null == runnableThreads || backingOff || nowNs - runQueueLookedAtNs < RUN_QUEUE_CHECK_NS)
        {
            return false;
        }
        runQueueLookedAtNs = nowNs;
        crowdedLooks = runnableThreads.getAsInt() > cpus ? crowdedLooks + 1 : 0;
        return crowdedLooks >= CROWDED_LOOKS;
    }

    private boolean shouldPoll(final ReplyGate gate, final long nowNs)
    {
        final long released = gate.releasedSequence();
        if (released >= awaitedSequence)
        {
            if (!inGrace)
            {
                inGrace = true;
                graceUntilNs = nowNs + GRACE_NS;
            }
            if (nowNs - graceUntilNs < 0)
            {
                return true;
            }
            awaitedSequence = NOTHING_AWAITED;
            inGrace = false;
            return false;
        }
        if (released != lastReleased)
        {
            lastReleased = released;
            lastProgressNs = nowNs;
        }
        if (nowNs - lastProgressNs < budgetNs)
        {
            return true;
        }
        awaitedSequence = NOTHING_AWAITED;
        return false;
    }

    private int poll(final io.netty.util.IntSupplier selectSupplier, final long nowNs) throws Exception
    {
        polls++;
        final int ready = selectSupplier.get();
        lastPollEmpty = 0 == ready;
        emptyPollAtNs = nowNs;
        return ready;
    }
}
