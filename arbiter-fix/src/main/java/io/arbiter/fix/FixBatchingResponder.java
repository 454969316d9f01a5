package io.arbiter.fix;

import org.apache.mina.core.session.IoSession;
import quickfix.mina.IoSessionResponder;

/**
 * QuickFIX/J's responder for one FIX connection, installed by the node at logon in place of the one QuickFIX/J made
 * (a subclass of it, so QuickFIX/J's queue watermarks still find the connection to suspend). The messages the report
 * thread sends are gathered and handed to the socket together, at the end of its drain of the session or every
 * {@value #MAX_BATCH_CHARS} characters, in one write of several messages instead of one write (a MINA write request,
 * an encoded buffer, a selector wake-up and a socket write) each; a message any other thread sends (session-level
 * messages, immediate rejects, resends) first hands over what is gathered, so the wire keeps QuickFIX/J's order
 * (QuickFIX/J calls the responder in sequence-number order, under its sender lock). Produces garbage (control
 * plane per batch).
 */
final class FixBatchingResponder extends IoSessionResponder
{
    /** Characters gathered at most before they are handed to the socket. */
    static final int MAX_BATCH_CHARS = 32 * 1024;
    /** What QuickFIX/J's acceptor gives its responders by default: asynchronous writes, no slow-consumer limit. */
    private static final long SYNCHRONOUS_WRITE_TIMEOUT_MS = 30_000;

    private final IoSession connection;
    private final Thread batchingThread;
    private final StringBuilder batch = new StringBuilder(MAX_BATCH_CHARS * 2);

    /**
     * @param connection     the session's connection.
     * @param batchingThread the thread whose messages are gathered (the report thread).
     */
    FixBatchingResponder(final IoSession connection, final Thread batchingThread)
    {
        super(connection, false, SYNCHRONOUS_WRITE_TIMEOUT_MS, 0);
        this.connection = connection;
        this.batchingThread = batchingThread;
    }

    /**
     * @return the connection.
     */
    IoSession connection()
    {
        return connection;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public synchronized boolean send(final String data)
    {
        if (Thread.currentThread() == batchingThread)
        {
            batch.append(data);
            if (batch.length() >= MAX_BATCH_CHARS)
            {
                flushBatch();
            }
            return true;
        }
        flushBatch();
        return super.send(data);
    }

    /**
     * Hand what is gathered to the socket (the report thread, at the end of its drain of the session).
     */
    synchronized void flush()
    {
        flushBatch();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void disconnect()
    {
        flush();
        super.disconnect();
    }

    private void flushBatch()
    {
        if (batch.length() > 0)
        {
            final String messages = batch.toString();
            batch.setLength(0);
            super.send(messages);
        }
    }
}
