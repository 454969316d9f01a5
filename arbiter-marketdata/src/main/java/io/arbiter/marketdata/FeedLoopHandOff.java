package io.arbiter.marketdata;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The hand-off of the feed thread's staged bytes to one event loop: once a duty cycle the feed thread adds the
 * sessions of that loop that have bytes staged and executes this task once, which writes and flushes each session's
 * bytes on the loop. One task per event loop and cycle, not one per subscriber; while a hand-off has not run yet, the
 * loop's sessions keep staging (so a busy loop gets larger, fewer writes). Preallocated: no task object per hand-off.
 * The sessions added belong to the feed thread while no hand-off is in flight and to the event loop while one is:
 * {@link #dispatch()} never executes a second task while one is in flight (the loop would otherwise read the sessions
 * while the feed thread adds to them), and the volatile flag orders the two threads' accesses. Feed thread, apart from
 * {@link #run()} (the event loop).
 */
final class FeedLoopHandOff implements Runnable
{
    private final Executor loop;
    private FeedSession[] sessions = new FeedSession[16];
    private int count;
    private volatile boolean inFlight;

    FeedLoopHandOff(final Executor loop)
    {
        this.loop = loop;
    }

    /**
     * @return true while the last hand-off has not run on the loop yet (add nothing then).
     */
    boolean busy()
    {
        return inFlight;
    }

    /**
     * Add a session whose bytes were swapped out for this hand-off.
     *
     * @param session to write on the loop.
     */
    void add(final FeedSession session)
    {
        if (count == sessions.length)
        {
            sessions = Arrays.copyOf(sessions, count * 2);
        }
        sessions[count++] = session;
    }

    /**
     * Execute the hand-off on the loop if any session was added since the last one ran (nothing while one is in
     * flight: its sessions are the loop's until it has run).
     */
    void dispatch()
    {
        if (inFlight || count == 0)
        {
            return;
        }
        inFlight = true;
        try
        {
            loop.execute(this);
        }
        catch (final RejectedExecutionException ex)
        {
            // the loop is shutting down: its connections are closing, free what was handed to them
            for (int i = 0; i < count; i++)
            {
                sessions[i].releaseHanded();
                sessions[i] = null;
            }
            count = 0;
            inFlight = false;
        }
    }

    /**
     * Write and flush each added session's bytes (the event loop).
     */
    @Override
    public void run()
    {
        try
        {
            for (int i = 0; i < count; i++)
            {
                sessions[i].writeHanded();
            }
        }
        finally
        {
            // even if a write threw: a hand-off left in flight would stop this loop's subscribers for good
            Arrays.fill(sessions, 0, count, null);
            count = 0;
            inFlight = false;
        }
    }
}
