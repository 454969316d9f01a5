package io.arbiter.bench.pipeline;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.EngineContext;
import io.arbiter.server.matching.MatchingHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.CommandTranslators;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.Sequencer;
import io.arbiter.server.sequencer.SessionRegistration;
import io.arbiter.server.sequencer.WaitStrategyKind;
import org.HdrHistogram.Histogram;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The node's pipeline without the network: one producer thread publishes a seeded mixed order flow through the
 * Disruptor ring, the matching thread runs the {@link MatchingHandler} and the engine, and per-session egress
 * buffers flushed at end of batch feed a reply consumer thread. Measures unpaced throughput, then latency at a fixed
 * offered rate from each command's intended publish time (so a stalled producer does not hide queueing).
 * Control plane: creates threads and buffers; the measured loops allocate nothing.
 */
public final class PipelineBenchmark
{
    private static final int REPLY_RING_BYTES = 16 * 1024 * 1024;

    private final PipelineBenchmarkOptions options;
    private final ReplyConsumer consumer;

    /**
     * @param options of the run.
     */
    public PipelineBenchmark(final PipelineBenchmarkOptions options)
    {
        this.options = options;
        this.consumer = new ReplyConsumer();
    }

    /**
     * Run all phases (produces garbage while setting up).
     *
     * @return the figures.
     * @throws InterruptedException if interrupted while waiting for a phase.
     */
    public PipelineBenchmarkResult run() throws InterruptedException
    {
        final OneToOneRingBuffer replies = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(REPLY_RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
        final MatchingHandler handler = new MatchingHandler(
            new EngineContext().orderPoolSize(1 << 18).levelPoolSize(1 << 12),
            Integer.MAX_VALUE, false, new OffsetEpochNanoClock());
        for (int i = 0; i < options.instruments; i++)
        {
            handler.engine().addInstrument("SYM" + i, PipelineFlow.TICK_UNITS, 1);
        }
        final Sequencer sequencer = new Sequencer(options.ringSize, options.waitStrategy, handler,
            r -> new Thread(r, "arbiter-matching"));
        sequencer.start();
        final BenchEgress[] egress = new BenchEgress[options.sessions];
        for (int s = 0; s < options.sessions; s++)
        {
            egress[s] = new BenchEgress(replies, 64 * 1024);
            sequencer.publishSessionOpened(new SessionRegistration(s, s + 1, egress[s]));
        }
        consumer.replies = replies;
        final Thread consumerThread = new Thread(consumer, "arbiter-replies");
        consumerThread.setDaemon(true);
        consumerThread.start();

        final PipelineBenchmarkResult result = new PipelineBenchmarkResult();
        result.options = options;
        final Producer producer = new Producer(sequencer, new PipelineFlow(
            options.seed, options.sessions, options.instruments, options.restingPerSession));
        final Thread producerThread = new Thread(() -> producer.runAll(result), "arbiter-producer");
        producerThread.start();
        producerThread.join();
        consumer.running = false;
        consumerThread.join(5_000);
        sequencer.drainAndStop(5_000);
        result.openOrdersAtEnd = handler.engine().openOrderCount();
        result.trades = handler.engine().tradeCount();
        result.replyRecords = consumer.records;
        result.replyBatches = consumer.batches;
        result.mix = producer.flow.counts().clone();
        result.fullRingRetries = producer.fullRingRetries;
        for (final BenchEgress e : egress)
        {
            result.replyRingFullSpins += e.fullRingSpins();
        }
        result.histogram = consumer.histogram;
        return result;
    }

    private final class Producer
    {
        private final Sequencer sequencer;
        private final PipelineFlow flow;
        private final IngressCommand staged = new IngressCommand();
        private long published;
        private long fullRingRetries;

        Producer(final Sequencer sequencer, final PipelineFlow flow)
        {
            this.sequencer = sequencer;
            this.flow = flow;
        }

        void runAll(final PipelineBenchmarkResult result)
        {
            unpaced(options.warmupCommands);
            final long startNs = System.nanoTime();
            unpaced(options.throughputCommands);
            final long endNs = consumer.lastCompletionNs;
            result.throughputCommands = options.throughputCommands;
            result.throughputNs = endNs - startNs;

            final long intervalNs = TimeUnit.SECONDS.toNanos(1) / options.rate;
            paced(options.rate, options.latencyWarmupSeconds, intervalNs, false);
            final long latencyCommands = paced(options.rate, options.latencySeconds, intervalNs, true);
            result.latencyCommands = latencyCommands;
        }

        private void unpaced(final long count)
        {
            final long target = consumer.completed + count;
            final int batch = Math.max(1, Math.min(options.publishBatch, options.ringSize));
            if (batch == 1)
            {
                for (long i = 0; i < count; i++)
                {
                    flow.next(staged);
                    publish();
                }
            }
            else
            {
                final RingBuffer<CommandEvent> ring = sequencer.ringBuffer();
                long remaining = count;
                while (remaining > 0)
                {
                    final int n = (int)Math.min(remaining, batch);
                    final long hi = claim(ring, n);
                    final long lo = hi - n + 1;
                    for (long sequence = lo; sequence <= hi; sequence++)
                    {
                        flow.next(staged);
                        staged.clientTimestampNs(published++);
                        CommandTranslators.ENGINE_COMMAND.translateTo(ring.get(sequence), sequence, staged);
                    }
                    ring.publish(lo, hi);
                    remaining -= n;
                }
            }
            awaitCompleted(target);
        }

        private long claim(final RingBuffer<CommandEvent> ring, final int n)
        {
            while (true)
            {
                try
                {
                    return ring.tryNext(n);
                }
                catch (final InsufficientCapacityException ex)
                {
                    fullRingRetries++;
                    Thread.yield();
                }
            }
        }

        private long paced(final long rate, final int seconds, final long intervalNs, final boolean record)
        {
            final long count = rate * seconds;
            final long target = consumer.completed + count;
            final long startNs = System.nanoTime() + 1_000_000;
            consumer.startLatency(startNs, intervalNs, options.sessions + published, record);
            for (long i = 0; i < count; i++)
            {
                final long intendedNs = startNs + i * intervalNs;
                flow.next(staged);
                long nowNs;
                while ((nowNs = System.nanoTime()) < intendedNs)
                {
                    if (intendedNs - nowNs > 50_000)
                    {
                        LockSupport.parkNanos(intendedNs - nowNs - 50_000);
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
                publish();
            }
            awaitCompleted(target);
            consumer.stopLatency();
            return count;
        }

        private void publish()
        {
            staged.clientTimestampNs(published);
            while (!sequencer.tryPublish(staged))
            {
                fullRingRetries++;
                Thread.yield();
            }
            published++;
        }

        private void awaitCompleted(final long target)
        {
            while (consumer.completed < target)
            {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    /**
     * Reads reply batches; counts one completion per command (its primary reply: Accepted, Rejected, Replaced or a
     * user Canceled) and, while recording, records the latency of each completion from the command's intended time.
     */
    private static final class ReplyConsumer implements Runnable, MessageHandler
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        OneToOneRingBuffer replies;
        volatile boolean running = true;
        volatile long completed;
        volatile long lastCompletionNs;
        long records;
        long batches;

        private volatile long latencyStartNs;
        private volatile long latencyIntervalNs;
        private volatile boolean recording;
        private volatile long latencyFirstSequence;

        void startLatency(final long startNs, final long intervalNs, final long firstSequence, final boolean record)
        {
            latencyStartNs = startNs;
            latencyIntervalNs = intervalNs;
            latencyFirstSequence = firstSequence;
            recording = record;
        }

        void stopLatency()
        {
            recording = false;
        }

        @Override
        public void run()
        {
            while (running)
            {
                if (replies.read(this, 64) == 0)
                {
                    Thread.yield();
                }
            }
        }

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            final long nowNs = System.nanoTime();
            final boolean record = recording;
            final long startNs = latencyStartNs;
            final long intervalNs = latencyIntervalNs;
            final long firstSequence = latencyFirstSequence;
            long done = completed;
            for (int offset = index, end = index + length; offset < end; offset += BenchEgress.RECORD_LENGTH)
            {
                records++;
                final int type = buffer.getInt(offset);
                if (isPrimary(type, buffer, offset))
                {
                    done++;
                    final long sequence = buffer.getLong(offset + BenchEgress.SEQUENCE_OFFSET);
                    if (record && sequence >= firstSequence)
                    {
                        final long intendedNs = startNs + (sequence - firstSequence) * intervalNs;
                        histogram.recordValue(
                            Math.min(histogram.getHighestTrackableValue(), Math.max(0, nowNs - intendedNs)));
                    }
                }
            }
            batches++;
            lastCompletionNs = nowNs;
            completed = done;
        }

        private static boolean isPrimary(final int type, final MutableDirectBuffer buffer, final int offset)
        {
            return type == 1 || type == 4 || type == 5 ||
                (type == 3 && buffer.getInt(offset + 32) == CancelReason.USER.ordinal());
        }
    }
}
