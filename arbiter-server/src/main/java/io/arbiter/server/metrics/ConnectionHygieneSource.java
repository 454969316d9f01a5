package io.arbiter.server.metrics;

/**
 * What the gateway exposes about connections it closed to protect itself (logon deadline, connections not logged on
 * that made room for newer ones, slow consumers) and about connections waiting for their logon. Called on scrape from
 * the admin thread; every method must be cheap and non-blocking.
 */
public interface ConnectionHygieneSource
{
    /**
     * @return connections open now that have not logged on.
     */
    long pendingLogons();

    /**
     * @return connections closed since start because they had not logged on by the logon deadline.
     */
    long logonTimeouts();

    /**
     * @return connections not logged on closed since start to make room for newer connections.
     */
    long pendingLogonEvictions();

    /**
     * @return sessions the gateway closed as slow consumers since start.
     */
    long slowConsumerCloses();

    /**
     * @return bytes of report-queue chunks lent to sessions now (0 if the gateway does not say).
     */
    default long egressBytesLent()
    {
        return 0;
    }

    /**
     * @return chunks refused to sessions since start because the node lent its cap already (0 if the gateway does
     *         not say).
     */
    default long egressNodeCapRefusals()
    {
        return 0;
    }
}
