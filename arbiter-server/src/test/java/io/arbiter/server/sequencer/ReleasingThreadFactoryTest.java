package io.arbiter.server.sequencer;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReleasingThreadFactory}: the thread runs its task once, under the given name, and a terminated thread that is
 * still referenced no longer keeps the task (and what the task refers to) reachable.
 */
class ReleasingThreadFactoryTest
{
    @Test
    void shouldRunTheTaskOnceUnderTheName() throws InterruptedException
    {
        final AtomicInteger runs = new AtomicInteger();
        final String[] seenName = new String[1];
        final Thread thread = new ReleasingThreadFactory(r -> new Thread(r, "arbiter-test")).newThread(() ->
        {
            runs.incrementAndGet();
            seenName[0] = Thread.currentThread().getName();
        });

        thread.start();
        thread.join();
        thread.run();

        assertEquals(1, runs.get(), "runs, the thread's and a second run() call");
        assertEquals("arbiter-test", seenName[0]);
    }

    @Test
    void shouldLetATerminatedThreadDropItsTask() throws InterruptedException
    {
        Runnable task = new Task();
        final WeakReference<Runnable> reference = new WeakReference<>(task);
        final Thread thread = new ReleasingThreadFactory(r -> new Thread(r, "arbiter-test")).newThread(task);
        thread.start();
        thread.join();
        task = null;

        for (int attempt = 0; attempt < 50 && reference.get() != null; attempt++)
        {
            System.gc();
            Thread.sleep(10);
        }

        assertTrue(thread.getState() == Thread.State.TERMINATED);
        assertNull(reference.get(), "the task is collectable while its terminated thread is still referenced");
        assertEquals("arbiter-test", thread.getName());
    }

    /** A task with a body of its own to hold (a node's ring processor in the real case). */
    private static final class Task implements Runnable
    {
        private final long[] body = new long[1024];

        @Override
        public void run()
        {
            body[0]++;
        }
    }
}
