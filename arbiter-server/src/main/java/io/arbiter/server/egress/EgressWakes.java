package io.arbiter.server.egress;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.AbstractEventExecutor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets the matching thread hand egress drains to the event loops without waking them: a drain is queued with Netty's
 * {@code lazyExecute}, which runs it at the loop's next wake-up for any reason (a read, another task, a timer), and
 * a loop that has not run its lazily queued drains by the matching thread's next flush or next idle park
 * ({@link #nudge()}) is woken then. While requests keep arriving, the replies of a matching batch leave at the loop's
 * next read instead of costing it a wake-up of their own; when the loop sleeps, they wait at most until the matching
 * thread's next flush or timed park. The {@link ReplyGate} keeps an instance of its own for the drains it releases:
 * they are queued the same way while an advance wakes its waiters, and the advance then nudges, so each event loop
 * wakes once per advance instead of once per session released. Loops register from any thread
 * ({@link #forLoop(EventLoop)}); {@link #nudge()} and {@link Loop#queue(Runnable)} from one thread at a time (the
 * matching thread, or the gate's advancing thread under its lock); {@link Loop#onDrained()} on the loop.
 */
public final class EgressWakes
{
    private static final int MAX_LOOPS = 1024;

    private final Map<EventLoop, Loop> loops = new ConcurrentHashMap<>();
    private final Loop[] pending = new Loop[MAX_LOOPS];
    private int pendingCount;

    /**
     * Produces garbage (control plane, once per event loop).
     *
     * @param loop an event loop of the gateway.
     * @return the loop's entry, made on first use.
     */
    public Loop forLoop(final EventLoop loop)
    {
        return loops.computeIfAbsent(loop, l -> new Loop(this, l));
    }

    /**
     * Wake every loop that has not yet run the drains queued for it. The queuing thread only: the matching thread at
     * each flush (for the drains of earlier flushes) and whenever it is about to park without work; the reply gate at
     * the end of each advance.
     */
    public void nudge()
    {
        for (int i = 0; i < pendingCount; i++)
        {
            final Loop loop = pending[i];
            pending[i] = null;
            loop.listed = false;
            loop.wakeIfBehind();
        }
        pendingCount = 0;
    }

    private void list(final Loop loop)
    {
        if (!loop.listed)
        {
            if (pendingCount == pending.length)
            {
                loop.wakeIfBehind();
                return;
            }
            loop.listed = true;
            pending[pendingCount++] = loop;
        }
    }

    /**
     * One event loop's lazily queued drains: how many the matching thread queued, and how many the loop had seen
     * queued when it last ran one.
     */
    public static final class Loop
    {
        private final EgressWakes wakes;
        private final EventLoop loop;
        private final AbstractEventExecutor lazyLoop;
        private final Runnable wakeTask = this::onDrained;
        /** Drains queued lazily (matching thread writes). */
        private volatile long queued;
        /** {@link #queued} as read by the loop when it last ran a drain or wake task (loop writes). */
        private volatile long seen;
        private boolean listed;

        Loop(final EgressWakes wakes, final EventLoop loop)
        {
            this.wakes = wakes;
            this.loop = loop;
            this.lazyLoop = loop instanceof AbstractEventExecutor ? (AbstractEventExecutor)loop : null;
        }

        /**
         * Queue a drain on the loop without waking it; {@link EgressWakes#nudge()} wakes it later if it has not run
         * it by then. The queuing thread only (see the class comment).
         *
         * @param drain the task.
         */
        public void queue(final Runnable drain)
        {
            if (loop.isShuttingDown())
            {
                return;
            }
            if (lazyLoop == null)
            {
                loop.execute(drain);
                return;
            }
            lazyLoop.lazyExecute(drain);
            // after the task is in the queue: a loop that reads this count will run the task before it blocks
            queued = queued + 1;
            wakes.list(this);
        }

        /**
         * The loop runs a queued drain: every drain queued so far is in its task queue and runs before it blocks.
         * Event loop only.
         */
        public void onDrained()
        {
            seen = queued;
        }

        private void wakeIfBehind()
        {
            if (seen < queued && !loop.isShuttingDown())
            {
                loop.execute(wakeTask);
            }
        }
    }
}
