package io.arbiter.server.egress;

import io.arbiter.engine.Side;
import io.arbiter.protocol.proto.ServerMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The chunked report queue with its producer (this thread, standing for the matching thread) and its consumer (a
 * Netty event loop) running at once: batches of random sizes, some far larger than a chunk, some after a pause that
 * lets the event loop give every chunk back, so chunks are handed back and lent again while the other side runs.
 */
class ChunkedReportQueueConcurrencyTest
{
    @Test
    void shouldDeliverEveryReportInOrderAndGiveEveryChunkBackWhileBothSidesRun() throws Exception
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final LocalChannelPair channels = new LocalChannelPair("chunked-queue", buf ->
        {
            final byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            synchronized (received)
            {
                received.writeBytes(bytes);
            }
        });
        // smallest chunks, so that batches cross many chunk boundaries
        final EgressBufferPool pool = new EgressBufferPool(64 * 1024 * 1024, 1L << 30, 8 * 1024, 64);
        final io.arbiter.protocol.ServerMessageEncoder encoder = new io.arbiter.protocol.ServerMessageEncoder();
        final org.agrona.concurrent.UnsafeBuffer scratch =
            new org.agrona.concurrent.UnsafeBuffer(java.nio.ByteBuffer.allocate(256));
        long expectedBytes = 0;
        long tradeId = 0;
        try
        {
            final ChannelSessionEgress egress =
                channels.resumes(new ChannelSessionEgress(channels.client(), pool, null));
            for (int batch = 0; batch < 3_000; batch++)
            {
                final int fills = random.nextInt(10) == 0 ? 1 + random.nextInt(600) : 1 + random.nextInt(20);
                for (int i = 0; i < fills; i++)
                {
                    tradeId++;
                    egress.onFill(20, tradeId, tradeId, tradeId, 0, Side.BUY, 100_000_000L, 1, 0, true);
                    expectedBytes += encoder.encodeFill(scratch, 0, 256, tradeId, tradeId, tradeId, 100_000_000L, 1, 0,
                        io.arbiter.protocol.WireEnums.liquidity(false), 0, io.arbiter.protocol.WireEnums.side(Side.BUY),
                        20);
                }
                egress.flush(ReplyGate.RELEASE_NOW);
                if (random.nextInt(50) == 0)
                {
                    Thread.sleep(1);
                }
            }
            assertFalse(egress.overflowed(), "seed " + seed);
            // liveness only: a quiet run delivers within a second; 60 s is far beyond 10x that
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadlineNs &&
                (egress.holdsQueue() || pool.chunksLent() != 0 || receivedBytes(received) < expectedBytes))
            {
                Thread.sleep(10);
            }
            assertEquals(0, pool.chunksLent(), "every chunk given back, seed " + seed);
            assertFalse(egress.holdsQueue());
        }
        finally
        {
            channels.close();
        }
        final byte[] bytes;
        synchronized (received)
        {
            bytes = received.toByteArray();
        }
        long expected = 1;
        try (InputStream in = new ByteArrayInputStream(bytes))
        {
            for (ServerMessage m = ServerMessage.parseDelimitedFrom(in); m != null;
                m = ServerMessage.parseDelimitedFrom(in))
            {
                assertEquals(expected, m.getFill().getTradeId(), "report order, seed " + seed);
                expected++;
            }
        }
        assertEquals(tradeId + 1, expected, "every report arrived, seed " + seed);
    }

    private static long receivedBytes(final ByteArrayOutputStream received)
    {
        synchronized (received)
        {
            return received.size();
        }
    }
}
