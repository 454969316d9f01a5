package io.arbiter.server.gateway;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The idle checks of every session on one event loop: one periodic task walks the loop's {@link SessionIdleHandler}s,
 * instead of one scheduled task per session (with thousands of sessions, rescheduling each session's task in the
 * event loop's priority queue was the gateway's largest cost when idle). A period's walk is spread over up to
 * {@link #SLICES} runs of the task, each checking its share of the sessions, so the heartbeats and idle closes of
 * thousands of sessions that logged on together leave in a trickle rather than in one burst that stalls the loop's
 * active sessions. Every session is still checked at least once a period. Adding a session allocates only when the
 * array grows to a new high-water mark; removing swaps the last entry in. Event loop thread only, except
 * {@link #forLoop(Map, EventExecutor, long)}.
 */
final class IdleSweeper implements Runnable
{
    /** Most runs a period's walk is spread over. */
    static final int SLICES = 16;
    private static final long MIN_SLICE_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final EventExecutor executor;
    private final long sliceNs;
    private final int slices;
    private final Ticker ticker;
    private SessionIdleHandler[] handlers = new SessionIdleHandler[64];
    private int count;
    /** The next session to check, walking down; -1 or beyond the end starts a new walk at the end. */
    private int cursor = -1;
    private ScheduledFuture<?> future;

    private IdleSweeper(final EventExecutor executor, final long periodNs)
    {
        this.executor = executor;
        this.slices = (int)Math.max(1, Math.min(SLICES, periodNs / MIN_SLICE_NS));
        this.sliceNs = periodNs / slices;
        this.ticker = executor.ticker();
    }

    /**
     * The sweeper of one event loop, made on first use. Produces garbage (once per event loop).
     *
     * @param sweepers the gateway's sweepers by event loop.
     * @param executor the event loop.
     * @param periodNs period of the checks (the same for every session of the gateway).
     * @return the loop's sweeper.
     */
    static IdleSweeper forLoop(
        final Map<EventExecutor, IdleSweeper> sweepers, final EventExecutor executor, final long periodNs)
    {
        return sweepers.computeIfAbsent(executor, loop -> new IdleSweeper(loop, periodNs));
    }

    /**
     * @return a new, empty map of sweepers by event loop (one per gateway).
     */
    static Map<EventExecutor, IdleSweeper> newRegistry()
    {
        return new ConcurrentHashMap<>();
    }

    /**
     * @return the time source of the loop.
     */
    Ticker ticker()
    {
        return ticker;
    }

    /**
     * Start checking a session.
     *
     * @param handler the session's idle handler (not yet added).
     */
    void add(final SessionIdleHandler handler)
    {
        if (count == handlers.length)
        {
            handlers = Arrays.copyOf(handlers, count * 2);
        }
        handler.sweepIndex = count;
        handlers[count++] = handler;
        if (future == null)
        {
            future = executor.scheduleAtFixedRate(this, sliceNs, sliceNs, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Stop checking a session; nothing if it is not checked.
     *
     * @param handler the session's idle handler.
     */
    void remove(final SessionIdleHandler handler)
    {
        final int index = handler.sweepIndex;
        if (index < 0 || index >= count || handlers[index] != handler)
        {
            return;
        }
        final SessionIdleHandler last = handlers[--count];
        handlers[index] = last;
        last.sweepIndex = index;
        handlers[count] = null;
        handler.sweepIndex = -1;
    }

    /**
     * @return sessions checked now.
     */
    int size()
    {
        return count;
    }

    /**
     * Check the next share of the sessions: one slice's worth, rounded up, so a walk over all of them takes at most
     * the period (a check may close its session, which removes it: walking backwards, an entry swapped in from the
     * end was already checked in this walk).
     */
    @Override
    public void run()
    {
        final long nowNs = ticker.nanoTime();
        int budget = (count + slices - 1) / slices;
        while (budget-- > 0 && count > 0)
        {
            if (cursor < 0 || cursor >= count)
            {
                cursor = count - 1;
            }
            handlers[cursor--].check(nowNs);
        }
    }
}
