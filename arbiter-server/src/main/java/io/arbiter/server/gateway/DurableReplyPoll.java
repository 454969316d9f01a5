package io.arbiter.server.gateway;

import com.lmax.disruptor.Cursored;
import io.arbiter.server.egress.ReplyGate;
import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

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
    private long polls;

    /**
     * @param budgetNs longest time without progress the loop polls; 0 = always sleep.
     */
    public DurableReplyPoll(final long budgetNs)
    {
        this(budgetNs, SystemNanoClock.INSTANCE);
    }

    /**
     * @param budgetNs longest time without progress the loop polls; 0 = always sleep.
     * @param clock    time source.
     */
    public DurableReplyPoll(final long budgetNs, final NanoClock clock)
    {
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

    @Override
    public int calculateStrategy(final IntSupplier selectSupplier, final boolean hasTasks) throws Exception
    {
        if (hasTasks)
        {
            return selectSupplier.get();
        }
        final ReplyGate gate = this.gate;
        if (null == gate || 0 == budgetNs)
        {
            return SelectStrategy.SELECT;
        }
        if (published)
        {
            published = false;
            awaitedSequence = ring.getCursor();
            inGrace = false;
            lastProgressNs = clock.nanoTime();
        }
        if (NOTHING_AWAITED == awaitedSequence)
        {
            return SelectStrategy.SELECT;
        }
        return shouldPoll(gate) ? poll(selectSupplier) : SelectStrategy.SELECT;
    }

    private boolean shouldPoll(final ReplyGate gate)
    {
        final long nowNs = clock.nanoTime();
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

    private int poll(final IntSupplier selectSupplier) throws Exception
    {
        polls++;
        return selectSupplier.get();
    }
}
