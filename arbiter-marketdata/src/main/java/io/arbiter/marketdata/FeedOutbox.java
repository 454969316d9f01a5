package io.arbiter.marketdata;

import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feed thread's way out to the subscribers: stages bytes on each {@link FeedSession}, remembers which sessions have
 * bytes staged, and once a duty cycle hands them to their event loops, one {@link FeedLoopHandOff} task per loop.
 * Counts the messages written. Feed thread only; allocates nothing per message (a hand-off per event loop is created
 * with the loop's first subscriber).
 */
final class FeedOutbox
{
    private final List<FeedSession> touched = new ArrayList<>();
    private final Map<EventLoop, FeedLoopHandOff> handOffs = new IdentityHashMap<>();
    private final List<FeedLoopHandOff> loops = new ArrayList<>();
    private long sent;

    /**
     * @param loop an event loop of subscriber connections.
     * @return its hand-off, created at its first use (control plane).
     */
    FeedLoopHandOff handOff(final EventLoop loop)
    {
        FeedLoopHandOff handOff = handOffs.get(loop);
        if (handOff == null)
        {
            handOff = new FeedLoopHandOff(loop);
            handOffs.put(loop, handOff);
            loops.add(handOff);
        }
        return handOff;
    }

    /**
     * Stage one frame for a session (nothing if it is closed).
     *
     * @param session the subscriber.
     * @param frame   holds the frame from offset 0.
     * @param length  of the frame.
     */
    void write(final FeedSession session, final byte[] frame, final int length)
    {
        if (session.closed)
        {
            return;
        }
        session.append(frame, length);
        sent++;
        touch(session);
    }

    /**
     * Stage a cycle's frames for a session (nothing if it is closed).
     *
     * @param session the subscriber.
     * @param buffer  the frames.
     */
    void write(final FeedSession session, final FanOutBuffer buffer)
    {
        if (session.closed)
        {
            return;
        }
        session.append(buffer.bytes(), buffer.length());
        sent += buffer.messages();
        touch(session);
    }

    /**
     * @return messages staged so far, all sessions.
     */
    long sent()
    {
        return sent;
    }

    /**
     * Hand each session's staged bytes to its event loop (a session whose loop or previous bytes are still busy keeps
     * them for a later cycle), then execute each loop's hand-off.
     */
    void flush()
    {
        int kept = 0;
        for (int i = 0, size = touched.size(); i < size; i++)
        {
            final FeedSession session = touched.get(i);
            if (session.tryHandOff())
            {
                session.touched = false;
            }
            else
            {
                touched.set(kept++, session);
            }
        }
        for (int i = touched.size() - 1; i >= kept; i--)
        {
            touched.remove(i);
        }
        for (int i = 0, size = loops.size(); i < size; i++)
        {
            loops.get(i).dispatch();
        }
    }

    private void touch(final FeedSession session)
    {
        if (!session.touched)
        {
            session.touched = true;
            touched.add(session);
        }
    }
}
