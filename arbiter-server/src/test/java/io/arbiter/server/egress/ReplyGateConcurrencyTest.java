package io.arbiter.server.egress;

import com.lmax.disruptor.Sequence;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reply gate under concurrency: one thread plays the matching thread (reports, then a flush tagged with a rising
 * sequence), another the journal writer (advancing its durable position in random steps and waking the gate), and a
 * real event loop drains. Every report must arrive once everything is durable: no wake-up may be lost.
 */
class ReplyGateConcurrencyTest
{
    @Test
    void shouldDeliverEveryBatchOnceDurableWithoutLosingAWakeUp() throws Exception
    {
        final int batches = 20_000;
        final AtomicLong receivedBytes = new AtomicLong();
        final LocalChannelPair channels =
            new LocalChannelPair("reply-gate", buf -> receivedBytes.addAndGet(buf.readableBytes()));
        try
        {
            final Sequence durable = new Sequence(0);
            final ReplyGate gate = new ReplyGate().addDurabilityConsumer(durable);
            final ChannelSessionEgress egress =
                channels.resumes(new ChannelSessionEgress(channels.client(), 64 * 1024 * 1024));
            egress.gate(gate);
            gate.register(egress);
            final AtomicLong handedOver = new AtomicLong();
            final Thread journal = new Thread(() ->
            {
                long position = 0;
                while (position < batches)
                {
                    final long target = Math.min(handedOver.get(), position + 1 + (position % 7));
                    if (target > position)
                    {
                        position = target;
                        durable.set(position);
                        gate.onDurable();
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
            }, "test-journal");
            journal.start();
            for (int i = 1; i <= batches; i++)
            {
                egress.onAccepted(10, i, 100 + i, 0, 0);
                egress.flush(i);
                handedOver.set(i);
            }
            journal.join(TimeUnit.SECONDS.toMillis(60));
            // liveness only: a quiet run delivers within a second; 60 s is far beyond 10x that
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            final long expected = expectedBytes(batches);
            while (System.nanoTime() < deadlineNs && receivedBytes.get() < expected)
            {
                Thread.sleep(20);
            }
            assertEquals(false, egress.overflowed(), "queue overflowed");
            assertEquals(expected, receivedBytes.get(), "every report arrived");
        }
        finally
        {
            channels.close();
        }
    }

    private static long expectedBytes(final int batches)
    {
        final io.arbiter.protocol.ServerMessageEncoder encoder = new io.arbiter.protocol.ServerMessageEncoder();
        final org.agrona.concurrent.UnsafeBuffer buffer =
            new org.agrona.concurrent.UnsafeBuffer(java.nio.ByteBuffer.allocate(256));
        long total = 0;
        for (int i = 1; i <= batches; i++)
        {
            total += encoder.encodeAccepted(buffer, 0, 256, i, 100 + i, 0, 0, 10);
        }
        return total;
    }
}
