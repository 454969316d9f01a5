package io.arbiter.client;

/**
 * Counts of the server messages one connection received, by type. Written only by the connection's event loop;
 * other threads may read slightly stale values.
 */
public final class ServerMessageCounters
{
    long logonAcks;
    long logonRejects;
    long accepted;
    long fills;
    long canceled;
    long replaced;
    long rejected;
    long heartbeats;
    long protocolErrors;
    long logouts;
    long unknown;
    long queryPages;
    long triggered;
    long massCancelReports;
    long balanceUpdates;

    /**
     * Accepted reports received.
     *
     * @return the count.
     */
    public long accepted()
    {
        return accepted;
    }

    /**
     * Fill reports received.
     *
     * @return the count.
     */
    public long fills()
    {
        return fills;
    }

    /**
     * Canceled reports received.
     *
     * @return the count.
     */
    public long canceled()
    {
        return canceled;
    }

    /**
     * Replaced reports received.
     *
     * @return the count.
     */
    public long replaced()
    {
        return replaced;
    }

    /**
     * Rejected reports received.
     *
     * @return the count.
     */
    public long rejected()
    {
        return rejected;
    }

    /**
     * Heartbeats received.
     *
     * @return the count.
     */
    public long heartbeats()
    {
        return heartbeats;
    }

    /**
     * Protocol errors received.
     *
     * @return the count.
     */
    public long protocolErrors()
    {
        return protocolErrors;
    }

    /**
     * Frames with no known body (skipped).
     *
     * @return the count.
     */
    public long unknown()
    {
        return unknown;
    }

    /**
     * OpenOrdersReport and InstrumentListReport pages received.
     *
     * @return the count.
     */
    public long queryPages()
    {
        return queryPages;
    }

    /**
     * @return Triggered reports received.
     */
    public long triggered()
    {
        return triggered;
    }

    /**
     * @return MassCancelReport messages received.
     */
    public long massCancelReports()
    {
        return massCancelReports;
    }

    /**
     * @return BalanceUpdate messages received.
     */
    public long balanceUpdates()
    {
        return balanceUpdates;
    }
}
