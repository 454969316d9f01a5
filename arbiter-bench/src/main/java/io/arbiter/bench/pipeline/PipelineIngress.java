package io.arbiter.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.SessionRegistration;
import io.arbiter.server.sequencer.WaitStrategyKind;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The hand-off from one producing thread to the matching thread that drives a matching handler (the node's
 * {@code MatchingHandler} in the benchmark). Publishing
 * methods are for the single producer thread only; {@link #start} and {@link #drainAndStop} for the thread that set
 * the benchmark up. Publishing is either one command at a time ({@link #tryPublish}) or a claimed batch
 * ({@link #tryClaim}, then {@link #put} once per claimed command, then {@link #commit}).
 */
interface PipelineIngress
{
    /**
     * Register the sessions and start the matching thread (control plane, may allocate).
     *
     * @param sessions to announce to the handler before any command.
     */
    void start(SessionRegistration[] sessions);

    /**
     * @return the most commands one {@link #tryClaim} may ask for.
     */
    int maxClaim();

    /**
     * @param command staged; copied, so it may be reused at once.
     * @return true if handed off, false if full.
     */
    boolean tryPublish(IngressCommand command);

    /**
     * @param count commands to claim room for, at least 1 and at most the capacity.
     * @return true if claimed (then exactly {@code count} {@link #put} calls and a {@link #commit} follow), false if
     * there is not room now.
     */
    boolean tryClaim(int count);

    /**
     * @param command staged; copied into the next claimed place.
     */
    void put(IngressCommand command);

    /**
     * Make the claimed commands visible to the matching thread.
     */
    void commit();

    /**
     * Wait until the matching thread has handled everything published, then stop it. The producer must have stopped.
     *
     * @param timeoutMs how long to wait for the drain.
     * @return true if drained.
     * @throws InterruptedException if interrupted while joining the matching thread.
     */
    boolean drainAndStop(long timeoutMs) throws InterruptedException;

    /**
     * Produces garbage (control plane).
     *
     * @param queue     which structure.
     * @param ringSize  slots (commands) of the structure, a power of two.
     * @param waitKind  how the matching thread waits when there is nothing to do.
     * @param handler   the matching handler, driven by the matching thread only.
     * @return a new, unstarted ingress.
     */
    static PipelineIngress create(
        final PipelineQueue queue,
        final int ringSize,
        final WaitStrategyKind waitKind,
        final EventHandler<CommandEvent> handler)
    {
        switch (queue)
        {
            case AGRONA:
                return new ManyToOneRingIngress(ringSize, idleStrategy(waitKind), handler);
            case ABQ:
                return new BlockingQueueIngress(ringSize, idleStrategy(waitKind), handler);
            case INLINE:
                return new InlineIngress(ringSize, handler);
            case DISRUPTOR:
            default:
                return new DisruptorIngress(ringSize, waitKind, handler);
        }
    }

    /**
     * The Agrona idle strategy closest to a Disruptor wait strategy (there is no producer signal, so
     * {@code backoff} and {@code blocking} park for a bounded time instead of blocking on a lock).
     * Produces garbage (control plane).
     *
     * @param waitKind the node's wait strategy setting.
     * @return a new idle strategy.
     */
    static IdleStrategy idleStrategy(final WaitStrategyKind waitKind)
    {
        switch (waitKind)
        {
            case BUSY_SPIN:
                return new BusySpinIdleStrategy();
            case YIELDING:
                return new YieldingIdleStrategy();
            case SLEEPING:
                return new SleepingIdleStrategy(100);
            case BACKOFF:
                return new BackoffIdleStrategy(100, 1000, TimeUnit.MICROSECONDS.toNanos(1),
                    TimeUnit.MICROSECONDS.toNanos(100));
            case BLOCKING:
            default:
                return new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(10),
                    TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
