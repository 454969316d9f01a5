package io.arbiter.server.sequencer;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The node's command ring: a multi-producer Disruptor whose single consumer is the matching thread. Publishing fixes
 * the order in which the matching thread sees commands; it does not number them: the matching thread gives each
 * command that passes the node's checks the next journal sequence before the journal writer and the engine see it
 * (see {@code docs/journal.md}, "Server integration"). Any thread may publish; engine commands use
 * {@link #tryPublish(IngressCommand)}, which fails instead of waiting when the ring is full (the caller rejects the
 * command with BUSY), while session control messages wait for space because they must not be lost. Under a
 * {@link HeldSignalWaitStrategy} an event loop's publishes leave the consumer's signal to the end of its cycle; a
 * publish that finds the ring full, a publish that waits for space and {@link #drainAndStop(long)} give it first.
 */
public final class CommandRing
{
    private final Disruptor<CommandEvent> disruptor;
    private final RingBuffer<CommandEvent> ringBuffer;
    private final AtomicLong handlerErrors = new AtomicLong();
    private final EventHandler<CommandEvent> handler;

    /**
     * Produces garbage (control plane): allocates the ring and its events.
     *
     * @param ringSize      slots, a power of two.
     * @param waitKind      how the matching thread waits when the ring is empty.
     * @param handler       the matching handler, the only consumer.
     * @param threadFactory makes the matching thread (whose task the ring drops when it returns).
     */
    public CommandRing(
        final int ringSize,
        final WaitStrategyKind waitKind,
        final EventHandler<CommandEvent> handler,
        final ThreadFactory threadFactory)
    {
        this(ringSize, waitKind.newWaitStrategy(), handler, threadFactory);
    }

    /**
     * Produces garbage (control plane): allocates the ring and its events.
     *
     * @param ringSize      slots, a power of two.
     * @param waitStrategy  how the matching thread waits when the ring is empty (e.g. {@link PollingWaitStrategy}).
     * @param handler       the matching handler, the only consumer.
     * @param threadFactory makes the matching thread (whose task the ring drops when it returns).
     */
    public CommandRing(
        final int ringSize,
        final WaitStrategy waitStrategy,
        final EventHandler<CommandEvent> handler,
        final ThreadFactory threadFactory)
    {
        disruptor = new Disruptor<>(
            CommandEvent.FACTORY, ringSize, new ReleasingThreadFactory(threadFactory), ProducerType.MULTI,
            waitStrategy);
        this.handler = handler;
        disruptor.handleEventsWith(handler);
        disruptor.setDefaultExceptionHandler(new CountingExceptionHandler(handlerErrors));
        ringBuffer = disruptor.getRingBuffer();
    }

    /**
     * Start the matching thread.
     */
    public void start()
    {
        disruptor.start();
    }

    /**
     * Publish a staged engine command without waiting.
     *
     * @param command staged by the calling producer; copied, so it may be reused at once.
     * @return true if published, false if the ring is full (back-pressure: the caller rejects with BUSY).
     */
    public boolean tryPublish(final IngressCommand command)
    {
        return ringBuffer.tryPublishEvent(CommandTranslators.ENGINE_COMMAND, command) || releaseHeldSignals();
    }

    /**
     * Publish a clock tick without waiting (see {@link EventKind#CLOCK}).
     *
     * @return true if published; false if the ring is full (the next tick tries again).
     */
    public boolean tryPublishClock()
    {
        return ringBuffer.tryPublishEvent(CommandTranslators.CLOCK) || releaseHeldSignals();
    }

    /**
     * Publish a periodic tick without waiting (a full ring needs no tick: the matching thread is busy).
     *
     * @return true if published.
     */
    public boolean tryPublishTick()
    {
        return ringBuffer.tryPublishEvent(CommandTranslators.TICK) || releaseHeldSignals();
    }

    /**
     * Announce a logged-on session; waits for a free slot (control plane).
     *
     * @param registration of the session.
     */
    public void publishSessionOpened(final SessionRegistration registration)
    {
        releaseHeldSignals();
        ringBuffer.publishEvent(CommandTranslators.SESSION_OPENED, registration);
    }

    /**
     * Announce that a session is gone; waits for a free slot (control plane).
     *
     * @param registration of the session.
     */
    public void publishSessionClosed(final SessionRegistration registration)
    {
        releaseHeldSignals();
        ringBuffer.publishEvent(CommandTranslators.SESSION_CLOSED, registration);
    }

    /**
     * Publish an operator request for the matching thread (control plane).
     *
     * @param request what to do; completed by the matching thread.
     * @return false if the ring is full (nothing published).
     */
    public boolean tryPublishControl(final ControlRequest request)
    {
        return ringBuffer.tryPublishEvent(CommandTranslators.CONTROL, request) || releaseHeldSignals();
    }

    /**
     * Publish a session's read-only request without waiting.
     *
     * @param query staged by the calling producer; copied, so it may be reused at once.
     * @return false if the ring is full (nothing published: the caller rejects with BUSY).
     */
    public boolean tryPublishQuery(final SessionQuery query)
    {
        return ringBuffer.tryPublishEvent(CommandTranslators.QUERY, query) || releaseHeldSignals();
    }

    /**
     * @return free slots now.
     */
    public long remainingCapacity()
    {
        return ringBuffer.remainingCapacity();
    }

    /**
     * @return the sequence of the last published slot.
     */
    public long cursor()
    {
        return ringBuffer.getCursor();
    }

    /**
     * @return the ring itself, for producers that publish with their own translators.
     */
    public RingBuffer<CommandEvent> ringBuffer()
    {
        return ringBuffer;
    }

    /**
     * @return exceptions thrown by the handler so far (each logged to stderr and skipped).
     */
    public long handlerErrors()
    {
        return handlerErrors.get();
    }

    /**
     * Wait until the matching thread has consumed everything published so far, then stop it. Producers must have
     * stopped publishing.
     *
     * @param timeoutMs how long to wait for the drain.
     * @return true if drained, false if the timeout passed (the thread is halted anyway).
     */
    public boolean drainAndStop(final long timeoutMs)
    {
        releaseHeldSignals();
        final long cursor = ringBuffer.getCursor();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        boolean drained;
        while (!(drained = disruptor.getSequenceValueFor(handler) >= cursor) && System.nanoTime() < deadlineNs)
        {
            LockSupport.parkNanos(100_000);
        }
        disruptor.halt();
        return drained;
    }

    /**
     * Before waiting for the consumer (a blocking publish, a drain) or after a full ring refused a publish: an event
     * loop gives the signals it holds for its cycle, so that the consumer is not left asleep behind a full ring.
     *
     * @return false (so that a failed try-publish still fails).
     */
    private static boolean releaseHeldSignals()
    {
        final Thread caller = Thread.currentThread();
        if (caller instanceof SignalHoldingThread)
        {
            ((SignalHoldingThread)caller).releaseHeldSignals();
        }
        return false;
    }

    private static final class CountingExceptionHandler implements ExceptionHandler<CommandEvent>
    {
        private static final Logger LOG = LoggerFactory.getLogger(CommandRing.class);

        private final AtomicLong errors;

        CountingExceptionHandler(final AtomicLong errors)
        {
            this.errors = errors;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final CommandEvent event)
        {
            errors.incrementAndGet();
            LOG.error("matching handler failed at sequence {}", sequence, ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            errors.incrementAndGet();
            LOG.error("matching handler failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            errors.incrementAndGet();
            LOG.error("matching handler failed to shut down", ex);
        }
    }
}
