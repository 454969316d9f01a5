package io.arbiter.marketdata;

import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;

/**
 * The hand-off of the feed thread's staged bytes to one event loop: once a duty cycle the feed thread adds the
 * sessions of that loop that have bytes staged and executes this task once, which writes and flushes each session's
 * bytes on the loop. One task per event loop and cycle, not one per subscriber; while a hand-off has not run yet, the
 * loop's sessions keep staging (so a busy loop gets larger, fewer writes). Preallocated: no task object per hand-off.
 * Feed thread, apart from {@link #run()} (the event loop).
 */
final class FeedLoopHandOff implements Runnable
{
    private final EventLoop loop;
    private FeedSession[] sessions = new FeedSession[16];
    private int count;
    private volatile boolean inFlight;

    FeedLoopHandOff(final EventLoop loop)
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
     * Execute the hand-off on the loop if any session was added since the last one.
     */
    void dispatch()
    {
        if (count == 0)
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
        for (int i = 0; i < count; i++)
        {
            sessions[i].writeHanded();
            sessions[i] = null;
        }
        count = 0;
        inFlight = false;
    }
}
