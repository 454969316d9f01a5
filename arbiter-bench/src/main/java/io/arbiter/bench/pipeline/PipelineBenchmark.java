package io.arbiter.bench.pipeline;

import io.arbiter.engine.EngineContext;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.JournalWriter;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.matching.CommandJournal;
import io.arbiter.server.matching.MatchingHandler;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.SessionRegistration;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The node's pipeline without the network: a client thread publishes a seeded mixed order flow through an ingress
 * ({@link PipelineQueue}; by default the node's Disruptor {@code CommandRing}), the matching thread runs the
 * {@link MatchingHandler} and the engine, and per-session egress buffers flushed at end of batch feed a reply ring.
 * With {@link PipelineBenchmarkOptions#journal} the matching thread also hands every command to the node's journal
 * writer thread, and replies are read only once the reply gate released them (durable under the policy).
 * By default the client thread also reads the replies between publishes, as the node's event loop both decodes
 * requests and writes responses: two busy threads, which fits two cores. With
 * {@link PipelineBenchmarkOptions#separateConsumer} a third thread reads the replies. Measures unpaced throughput,
 * then latency at a fixed offered rate from each command's intended publish time (so a late publisher does not hide
 * queueing). Control plane: creates threads and buffers; the measured loops allocate nothing.
 */
public final class PipelineBenchmark
{
    /** Reply batches the client thread reads per turn, so that reading cannot starve publishing. */
    static final int REPLY_READ_LIMIT = 16;
    private static final int REPLY_RING_BYTES = 16 * 1024 * 1024;

    private final PipelineBenchmarkOptions options;

    /**
     * @param options of the run.
     */
    public PipelineBenchmark(final PipelineBenchmarkOptions options)
    {
        this.options = options;
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
        final BenchEgress.CommandCounter counter = new BenchEgress.CommandCounter();
        final BenchEgress[] egress = new BenchEgress[options.sessions];
        final SessionRegistration[] registrations = new SessionRegistration[options.sessions];
        final ReplyGate gate = options.journal != null ? new ReplyGate() : ReplyGate.OPEN;
        final Path createdDir = options.journal != null && options.journalDir == null ? tempDir() : null;
        if (options.journal != null)
        {
            final JournalContext journalContext = new JournalContext()
                .dataDir(createdDir != null ? createdDir : options.journalDir).durability(options.journal);
            handler.gate(gate).journal(new CommandJournal(new JournalWriter(journalContext, 0), null, 0, 0, 0,
                line -> System.err.println("arbiter journal: " + line)).start(CommandJournal.DEFAULT_RING_SIZE,
                options.waitStrategy, r -> new Thread(r, "arbiter-journal"), gate, null));
        }
        final CommandJournal journal = handler.journal();
        for (int s = 0; s < options.sessions; s++)
        {
            egress[s] = new BenchEgress(replies, 64 * 1024, counter, journal::lastSequence);
            registrations[s] = new SessionRegistration(s, s + 1, egress[s]);
        }
        if (options.metrics)
        {
            handler.observe(new ServerMetrics(), null, null, null, options.ringSize);
        }
        final PipelineIngress ingress =
            PipelineIngress.create(options.queue, options.ringSize, options.waitStrategy, handler);
        if (ingress instanceof DisruptorIngress)
        {
            handler.lookAhead(((DisruptorIngress)ingress).ring(), options.lookAhead);
        }
        ingress.start(registrations);

        final ReplyReader reader = new ReplyReader(replies, gate);
        final ReplyThread replyThread = options.separateConsumer ? new ReplyThread(reader) : null;
        if (replyThread != null)
        {
            replyThread.start();
        }
        final PipelineBenchmarkResult result = new PipelineBenchmarkResult();
        result.options = options;
        final Client client = new Client(ingress, reader, replyThread == null, new PipelineFlow(
            options.seed, options.sessions, options.instruments, options.restingPerSession));
        result.publishBatch = Math.max(1, Math.min(options.publishBatch, ingress.maxClaim()));
        // inline, the client thread runs the matching handler: its CPU is the "matching thread CPU" of the result
        final Thread clientThread = new Thread(() -> client.runAll(result),
            options.queue == PipelineQueue.INLINE ? "arbiter-matching" : "arbiter-client");
        clientThread.start();
        clientThread.join();
        if (replyThread != null)
        {
            replyThread.running = false;
            replyThread.join(5_000);
        }
        result.drained = ingress.drainAndStop(5_000);
        handler.closeJournal();
        result.journaled = journal.committedSequence();
        if (createdDir != null)
        {
            deleteRecursively(createdDir);
        }
        result.openOrdersAtEnd = handler.engine().openOrderCount();
        result.trades = handler.engine().tradeCount();
        result.published = client.published;
        result.completed = reader.completed();
        result.replyRecords = reader.records();
        result.replyBatches = reader.batches();
        result.mix = client.flow.counts().clone();
        result.fullRingRetries = client.fullRingRetries;
        for (final BenchEgress e : egress)
        {
            result.replyRingFullSpins += e.fullRingSpins();
            result.rejects += e.rejects();
        }
        result.histogram = reader.histogram();
        return result;
    }

    /**
     * Produces garbage (outside the measured loops).
     *
     * @return CPU time of the thread named {@code arbiter-matching} so far, or -1 if there is none or the JVM does not
     *         measure thread CPU time.
     */
    private static long matchingThreadCpuNs()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported())
        {
            return -1;
        }
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            if (info != null && "arbiter-matching".equals(info.getThreadName()))
            {
                return threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return -1;
    }

    private static Path tempDir()
    {
        try
        {
            return Files.createTempDirectory("arbiter-pipeline-journal");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a journal directory", ex);
        }
    }

    private static void deleteRecursively(final Path dir)
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        catch (final IOException ex)
        {
            System.err.println("arbiter bench pipeline: cannot delete " + dir + ": " + ex);
        }
    }

    /**
     * The client thread: publishes, and unless a reply thread reads them, reads at most {@link #REPLY_READ_LIMIT}
     * reply batches after every publish and while waiting for the next intended publish time or for room.
     */
    private final class Client
    {
        private final PipelineIngress ingress;
        private final ReplyReader reader;
        private final boolean readsReplies;
        private final PipelineFlow flow;
        private final IngressCommand staged = new IngressCommand();
        private long published;
        private long fullRingRetries;

        Client(final PipelineIngress ingress, final ReplyReader reader, final boolean readsReplies,
            final PipelineFlow flow)
        {
            this.ingress = ingress;
            this.reader = reader;
            this.readsReplies = readsReplies;
            this.flow = flow;
        }

        void runAll(final PipelineBenchmarkResult result)
        {
            unpaced(options.warmupCommands, result.publishBatch);
            final long startCpuNs = matchingThreadCpuNs();
            final long startNs = System.nanoTime();
            unpaced(options.throughputCommands, result.publishBatch);
            result.throughputCommands = options.throughputCommands;
            result.throughputNs = reader.lastCompletionNs() - startNs;
            final long endCpuNs = matchingThreadCpuNs();
            result.matchingCpuNs = startCpuNs < 0 || endCpuNs < 0 ? -1 : endCpuNs - startCpuNs;

            final long intervalNs = TimeUnit.SECONDS.toNanos(1) / options.rate;
            paced(options.rate, options.latencyWarmupSeconds, intervalNs, false);
            result.latencyCommands = paced(options.rate, options.latencySeconds, intervalNs, true);
        }

        private int pollReplies()
        {
            return readsReplies ? reader.poll(REPLY_READ_LIMIT) : 0;
        }

        private void unpaced(final long count, final int batch)
        {
            final long target = reader.completed() + count;
            if (batch == 1)
            {
                for (long i = 0; i < count; i++)
                {
                    flow.next(staged);
                    publish();
                    pollReplies();
                }
            }
            else
            {
                long remaining = count;
                while (remaining > 0)
                {
                    final int n = (int)Math.min(remaining, batch);
                    while (!ingress.tryClaim(n))
                    {
                        onFull();
                    }
                    for (int k = 0; k < n; k++)
                    {
                        flow.next(staged);
                        staged.clientTimestampNs(published++);
                        ingress.put(staged);
                    }
                    ingress.commit();
                    remaining -= n;
                    pollReplies();
                }
            }
            awaitCompleted(target);
        }

        private long paced(final long rate, final int seconds, final long intervalNs, final boolean record)
        {
            final long count = rate * seconds;
            final long target = reader.completed() + count;
            final long startNs = System.nanoTime() + 1_000_000;
            reader.startLatency(startNs, intervalNs, published, record);
            for (long i = 0; i < count; i++)
            {
                final long intendedNs = startNs + i * intervalNs;
                flow.next(staged);
                awaitTime(intendedNs);
                publish();
                pollReplies();
            }
            awaitCompleted(target);
            reader.stopLatency();
            return count;
        }

        private void awaitTime(final long intendedNs)
        {
            long nowNs;
            while ((nowNs = System.nanoTime()) < intendedNs)
            {
                if (readsReplies)
                {
                    if (pollReplies() == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                else if (intendedNs - nowNs > 50_000)
                {
                    LockSupport.parkNanos(intendedNs - nowNs - 50_000);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }

        private void publish()
        {
            staged.clientTimestampNs(published);
            while (!ingress.tryPublish(staged))
            {
                onFull();
            }
            published++;
        }

        private void onFull()
        {
            fullRingRetries++;
            if (pollReplies() == 0)
            {
                Thread.yield();
            }
        }

        private void awaitCompleted(final long target)
        {
            while (reader.completed() < target)
            {
                if (!readsReplies)
                {
                    LockSupport.parkNanos(50_000);
                }
                else if (pollReplies() == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /**
     * The optional third thread: reads replies until stopped, yielding when there are none.
     */
    private static final class ReplyThread extends Thread
    {
        private final ReplyReader reader;
        volatile boolean running = true;

        ReplyThread(final ReplyReader reader)
        {
            super("arbiter-replies");
            this.reader = reader;
            setDaemon(true);
        }

        @Override
        public void run()
        {
            while (running)
            {
                if (reader.poll(64) == 0)
                {
                    Thread.yield();
                }
            }
        }
    }
}
