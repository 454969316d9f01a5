package io.arbiter.loadgen;

import quickfix.Responder;

/**
 * Wraps a FIX session's QuickFIX/J responder so that the requests the load generator's scheduler sends in one tick
 * reach the socket in one write ({@link #flush()} at the end of the session's tick) instead of one MINA write request,
 * selector wake-up and socket write each. A message another thread sends (heartbeats, resends, logout) first hands
 * over what is gathered, so the wire keeps QuickFIX/J's sequence-number order (QuickFIX/J calls the responder under
 * its sender lock, in that order). Thread-safe; produces garbage (one string per tick).
 */
final class FixGatheringResponder implements Responder
{
    /** Characters gathered at most before they are handed over while gathering goes on (a tick after a stall). */
    private static final int MAX_GATHERED_CHARS = 64 * 1024;

    private final Responder delegate;
    private final StringBuilder gathered = new StringBuilder(16 * 1024);
    private Thread gathering;

    /**
     * @param delegate the session's responder.
     */
    FixGatheringResponder(final Responder delegate)
    {
        this.delegate = delegate;
    }

    /**
     * Gather what the calling thread sends from now until {@link #flush()}.
     */
    synchronized void gather()
    {
        gathering = Thread.currentThread();
    }

    /**
     * Hand what is gathered to the socket in one write and stop gathering.
     */
    synchronized void flush()
    {
        gathering = null;
        handOver();
    }

    private void handOver()
    {
        if (gathered.length() > 0)
        {
            final String data = gathered.toString();
            gathered.setLength(0);
            delegate.send(data);
        }
    }

    @Override
    public synchronized boolean send(final String data)
    {
        if (Thread.currentThread() == gathering)
        {
            gathered.append(data);
            if (gathered.length() >= MAX_GATHERED_CHARS)
            {
                handOver();
            }
            return true;
        }
        flush();
        return delegate.send(data);
    }

    @Override
    public synchronized void disconnect()
    {
        flush();
        delegate.disconnect();
    }

    @Override
    public String getRemoteAddress()
    {
        return delegate.getRemoteAddress();
    }
}
