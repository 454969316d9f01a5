package io.arbiter.marketdata;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed thread's hand-off of staged bytes to an event loop: one task in flight per loop at a time, so the loop
 * never reads the list of sessions while the feed thread adds to it, and every byte staged reaches its connection in
 * order.
 */
class FeedLoopHandOffTest
{
    private static final int SESSIONS = 4;
    private static final int CYCLES = 200_000;
    /** Liveness bound only: the cycles take well under a second on a quiet machine. */
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    @Test
    void shouldKeepOneHandOffInFlightAndStageMeanwhile()
    {
        final List<Runnable> tasks = new ArrayList<>();
        final FeedLoopHandOff handOff = new FeedLoopHandOff(tasks::add);
        final EmbeddedChannel channel = new EmbeddedChannel();
        final FeedSession session = new FeedSession(channel, handOff);

        session.append(new byte[] {1, 2, 3}, 3);
        assertTrue(session.tryHandOff());
        handOff.dispatch();
        handOff.dispatch(); // the feed thread's next cycle, before the loop ran the hand-off
        assertEquals(1, tasks.size(), "a second task while one is in flight");
        assertTrue(handOff.busy());

        session.append(new byte[] {4}, 1);
        assertFalse(session.tryHandOff(), "bytes stay staged while the loop's hand-off is in flight");
        assertEquals(1, session.stagedBytes());

        tasks.remove(0).run();
        assertFalse(handOff.busy());
        assertArrayEquals(new byte[] {1, 2, 3}, readOutbound(channel));

        assertTrue(session.tryHandOff());
        handOff.dispatch();
        assertEquals(1, tasks.size());
        tasks.remove(0).run();
        assertArrayEquals(new byte[] {4}, readOutbound(channel));
        assertNull(channel.readOutbound());
        session.release();
    }

    @Test
    void shouldDeliverEveryStagedByteInOrderWhileTheLoopRunsConcurrently() throws Exception
    {
        final ExecutorService loopThread = Executors.newSingleThreadExecutor();
        final AtomicReference<String> failure = new AtomicReference<>();
        final EmbeddedChannel[] channels = new EmbeddedChannel[SESSIONS];
        final AtomicLong[] received = new AtomicLong[SESSIONS];
        for (int s = 0; s < SESSIONS; s++)
        {
            channels[s] = new EmbeddedChannel();
            received[s] = new AtomicLong();
        }
        // the loop writes on its own thread, and the channels are read there too (EmbeddedChannel is single-threaded)
        final FeedLoopHandOff handOff = new FeedLoopHandOff(task -> loopThread.execute(() ->
        {
            task.run();
            for (int s = 0; s < SESSIONS; s++)
            {
                drain(channels[s], received[s], failure);
            }
        }));
        final FeedSession[] sessions = new FeedSession[SESSIONS];
        for (int s = 0; s < SESSIONS; s++)
        {
            sessions[s] = new FeedSession(channels[s], handOff);
        }
        try
        {
            final ByteBuffer value = ByteBuffer.allocate(Long.BYTES);
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            for (long cycle = 0; cycle < CYCLES; cycle++)
            {
                final int s = (int)(cycle % SESSIONS);
                sessions[s].append(value.putLong(0, cycle / SESSIONS).array(), Long.BYTES);
                for (final FeedSession session : sessions)
                {
                    session.tryHandOff();
                }
                handOff.dispatch();
            }
            boolean staged = true;
            while (staged && System.nanoTime() < deadlineNs)
            {
                staged = false;
                for (final FeedSession session : sessions)
                {
                    staged |= !session.tryHandOff();
                }
                handOff.dispatch();
                Thread.onSpinWait();
            }
            for (int s = 0; s < SESSIONS; s++)
            {
                while (received[s].get() < CYCLES / SESSIONS && failure.get() == null &&
                    System.nanoTime() < deadlineNs)
                {
                    Thread.onSpinWait();
                }
                assertNull(failure.get());
                assertEquals(CYCLES / SESSIONS, received[s].get(), "values delivered to session " + s);
            }
        }
        finally
        {
            loopThread.shutdownNow();
            loopThread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static void drain(final EmbeddedChannel channel, final AtomicLong received,
        final AtomicReference<String> failure)
    {
        ByteBuf bytes;
        while ((bytes = channel.readOutbound()) != null)
        {
            while (bytes.readableBytes() >= Long.BYTES)
            {
                final long value = bytes.readLong();
                if (value != received.get())
                {
                    failure.compareAndSet(null, "expected " + received.get() + ", got " + value);
                }
                received.incrementAndGet();
            }
            bytes.release();
        }
    }

    private static byte[] readOutbound(final EmbeddedChannel channel)
    {
        final ByteBuf bytes = channel.readOutbound();
        final byte[] copy = new byte[bytes.readableBytes()];
        bytes.readBytes(copy);
        bytes.release();
        return copy;
    }
}
