package io.arbiter.fix;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Forces the accounts' FIX order logs to the device under {@code journal.durability=batch}, off the report thread:
 * a few threads ({@code arbiter-fix-force-N}), each serving the logs given to it and woken by their writes, force a
 * log whenever lines were written to it since its last force (a group commit: one force covers every line written
 * before it began), then
 * wake the report publisher, which sends a batch of reports once the lines of its orders are forced. The forces of
 * different accounts run in parallel with each other and with the journal's; the report thread never waits for the
 * device. Control plane apart from the loop; a log the device refuses to force is logged and retried, and its
 * account's reports wait.
 */
final class FixOrderLogForcer
{
    private static final Logger LOG = LoggerFactory.getLogger(FixOrderLogForcer.class);
    private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long RETRY_PARK_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Worker[] workers;
    private final Runnable forced;
    private volatile boolean running = true;
    private int next;

    /**
     * Produces garbage (control plane).
     *
     * @param threads threads forcing logs in parallel.
     * @param forced  called after a pass that forced at least one log (wakes the report publisher).
     */
    FixOrderLogForcer(final int threads, final Runnable forced)
    {
        this.forced = forced;
        this.workers = new Worker[threads];
        for (int i = 0; i < threads; i++)
        {
            workers[i] = new Worker("arbiter-fix-force-" + i);
        }
    }

    void start()
    {
        for (final Worker worker : workers)
        {
            worker.thread.start();
        }
    }

    /**
     * Serve a log from now on, if it is not served yet (control plane, at logon).
     *
     * @param book the account's order book, whose log to force.
     */
    synchronized void add(final FixOrderBook book)
    {
        for (final Worker worker : workers)
        {
            if (worker.books.contains(book))
            {
                return;
            }
        }
        final Worker worker = workers[next++ % workers.length];
        worker.books.add(book);
        book.afterWrite(worker);
    }

    /**
     * Stop the threads (control plane).
     */
    void close()
    {
        running = false;
        for (final Worker worker : workers)
        {
            LockSupport.unpark(worker.thread);
            try
            {
                worker.thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Worker implements Runnable, FixOrderBook.WriteListener
    {
        private final List<FixOrderBook> books = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private FixOrderBook failing;

        Worker(final String name)
        {
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        @Override
        public void onWritten()
        {
            LockSupport.unpark(thread);
        }

        @Override
        public void run()
        {
            while (running)
            {
                boolean any = false;
                boolean failed = false;
                for (final FixOrderBook book : books)
                {
                    if (book.forced() < book.written())
                    {
                        failed |= !force(book);
                        any = true;
                    }
                }
                if (any)
                {
                    forced.run();
                }
                if (failed)
                {
                    LockSupport.parkNanos(RETRY_PARK_NS);
                }
                else if (!any)
                {
                    LockSupport.parkNanos(IDLE_PARK_NS);
                }
            }
        }

        private boolean force(final FixOrderBook book)
        {
            try
            {
                book.force(0, System.nanoTime());
                if (failing == book)
                {
                    LOG.info("the FIX order log {} is forced again; its account's reports flow", book.file());
                    failing = null;
                }
                return true;
            }
            catch (final UncheckedIOException ex)
            {
                if (failing != book)
                {
                    failing = book;
                    LOG.error("cannot force the FIX order log {}: its account's reports wait until it can ({}); " +
                        "retrying", book.file(), ex.getCause().toString());
                }
                return false;
            }
        }
    }
}
