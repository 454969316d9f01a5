package io.arbiter.server.sequencer;

import java.util.concurrent.ThreadFactory;

/**
 * Wraps the thread factory of a command ring so that each thread drops its task once the task returns. On recent JDKs
 * (25 here; the thread keeps its task in a field holder) a terminated {@link Thread} keeps the {@link Runnable} it
 * ran, so anything that outlives a node and still holds one of its threads holds the whole node (the ring's
 * processor, its handler, the engine): the Disruptor's single-producer check, run when assertions are on (as in the
 * build's tests), keeps every producer thread in a static map, which kept every closed node of a test JVM reachable
 * until it ran out of heap on Java 25. Java 17 clears the task at exit itself.
 */
final class ReleasingThreadFactory implements ThreadFactory
{
    private final ThreadFactory delegate;

    /**
     * @param delegate makes (and names) the threads.
     */
    ReleasingThreadFactory(final ThreadFactory delegate)
    {
        this.delegate = delegate;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Thread newThread(final Runnable task)
    {
        return delegate.newThread(new ReleasingTask(task));
    }

    /**
     * Runs its task once and forgets it.
     */
    private static final class ReleasingTask implements Runnable
    {
        private Runnable task;

        ReleasingTask(final Runnable task)
        {
            this.task = task;
        }

        @Override
        public void run()
        {
            final Runnable task = this.task;
            this.task = null;
            if (task != null)
            {
                task.run();
            }
        }
    }
}
