package io.arbiter.fix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixOrderLogForcerTest
{
    @TempDir
    Path dir;

    @Test
    void shouldForceEveryServedLogItsLinesWereWrittenToAndTellThePublisher() throws Exception
    {
        final AtomicInteger wakes = new AtomicInteger();
        final FixOrderLogForcer forcer = new FixOrderLogForcer(2, wakes::incrementAndGet);
        final FixOrderBook[] books = new FixOrderBook[3];
        for (int i = 0; i < books.length; i++)
        {
            books[i] = new FixOrderBook(dir.resolve("orders-" + i + ".log"));
            forcer.add(books[i]);
        }
        forcer.add(books[0]); // served once
        forcer.start();
        try
        {
            for (int i = 0; i < books.length; i++)
            {
                books[i].admitNew(new FixOrder(FixOrderBook.numericId("o" + i), "o" + i, "BTC-USD", '1', '2', '1',
                    100, 5));
            }
            // liveness bound: a force takes milliseconds; 30 s is far beyond what a busy machine needs
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!allForced(books) && System.nanoTime() < deadlineNs)
            {
                Thread.sleep(1);
            }
            for (final FixOrderBook book : books)
            {
                assertEquals(1, book.written());
                assertEquals(1, book.forced());
            }
            assertTrue(wakes.get() > 0);
        }
        finally
        {
            forcer.close();
        }
    }

    private static boolean allForced(final FixOrderBook[] books)
    {
        for (final FixOrderBook book : books)
        {
            if (book.forced() < book.written())
            {
                return false;
            }
        }
        return true;
    }
}
