package io.arbiter.loadgen;

import java.util.List;

/**
 * The periodic tick of one event loop: hands each request that has come due since the last tick to the connection it
 * belongs to. Request g of the run goes to connection {@code g % activeConnections}, so the tick walks the global
 * schedule from where the last one stopped, not the loop's connections: its cost grows with the requests due, not
 * with the number of connections (a tick every 100 µs over 2,000 connections used to visit 20 million drivers a
 * second to find 20,000 requests). Runs only on its event loop.
 */
final class ScheduleTicker implements Runnable
{
    private final LoadRun run;
    private final ConnectionDriver[] byIndex;
    private final ConnectionDriver[] mine;
    private long nextIndex;
    private boolean finished;

    /**
     * @param run     the run, already scheduled ({@link LoadRun#schedule(long, int)}).
     * @param all     every driver of the run, driver i at position i.
     * @param mine    the drivers whose connections this ticker's event loop serves.
     */
    ScheduleTicker(final LoadRun run, final List<ConnectionDriver> all, final List<ConnectionDriver> mine)
    {
        this.run = run;
        this.byIndex = new ConnectionDriver[all.size()];
        for (final ConnectionDriver driver : mine)
        {
            byIndex[driver.index] = driver;
        }
        this.mine = mine.toArray(new ConnectionDriver[0]);
    }

    @Override
    public void run()
    {
        tick(System.nanoTime());
    }

    /**
     * Sends, on this loop's connections, every request due by {@code nowNs} and not yet sent.
     *
     * @param nowNs the clock reading of this tick.
     */
    void tick(final long nowNs)
    {
        if (finished)
        {
            return;
        }
        final long total = run.totalRequests;
        final int connections = byIndex.length;
        long index = nextIndex;
        while (index < total && run.intendedNs(index) <= nowNs)
        {
            final ConnectionDriver driver = byIndex[(int)(index % connections)];
            if (driver != null)
            {
                // sends every request of this connection due by now (it may be behind), then flushes once;
                // a later index of the same connection in this walk then finds nothing due
                send(driver, nowNs);
            }
            index++;
        }
        nextIndex = index;
        if (index >= total)
        {
            // the schedule is through: let every connection see it (one with no request at all too)
            for (final ConnectionDriver driver : mine)
            {
                send(driver, nowNs);
            }
            finished = true;
        }
    }

    private void send(final ConnectionDriver driver, final long nowNs)
    {
        try
        {
            driver.sendDue(nowNs);
        }
        catch (final RuntimeException ex)
        {
            // A throwing periodic task would be cancelled silently: count it and stop this connection.
            driver.done = true;
            run.schedulerFailures.increment();
            run.lastError.set("scheduler failed on connection " + driver.index + ": " + ex);
        }
    }
}
