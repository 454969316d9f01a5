package io.arbiter.server.matching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.arbiter.engine.Command;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.journal.JournalWriter;
import io.arbiter.journal.SnapshotWriter;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.WaitStrategyKind;

import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The matching thread's view of the journal: it numbers every engine command with the next journal sequence (the
 * exchange order id of a NEW is its sequence) and copies it, before the engine applies it, into the next slot of a
 * single-producer ring to the journal writer threads ({@link JournalHandler}); the slots filled since the last
 * {@link #commit(long)} (the end of a matching batch, at most 128 commands) are published to the writers there as one
 * range. They write and force groups of commands (under
 * {@code batch} the force of one group may overlap the write and force of the next) and publish the durable position
 * to the {@link ReplyGate}, which holds the reports of every command until it is durable. The matching thread never
 * waits for a write or a force: only when the writers are a whole ring behind does handing over wait for a free slot
 * (back-pressure that then fills the command ring, whose producers reject with BUSY). Snapshots are written between
 * batches on the matching thread (every N commands, every T seconds, on request, at shutdown), after the writers have
 * written every command they include. Under the {@code none} policy there is no
 * writer thread: the matching thread appends each command and writes the batch to the page cache itself at
 * {@link #commit(long)}, before the batch's reports are handed over, so they are released at once (a write to the
 * page cache does not wait for the device, and a reply crosses one thread fewer). Without a {@link JournalWriter} it
 * only numbers commands. Single writer: the matching thread after start (the node before start and after the matching
 * thread stopped). Steady state allocates nothing; snapshots and control requests allocate.
 */
public final class CommandJournal
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Slots in the journal ring unless configured otherwise. */
    public static final int DEFAULT_RING_SIZE = 1 << 16;

    /** Journal writer threads under {@code batch} unless configured otherwise ({@code journal.writerThreads}). */
    public static final int DEFAULT_WRITER_THREADS = 1;

    private final JournalWriter writer;
    private final SnapshotWriter snapshots;
    private final long snapshotIntervalCommands;
    private final long snapshotIntervalNs;
    private final Consumer<String> log;
    private final Sequence durable;
    private final JournalHandler handler;
    private Thread[] writerThreads;
    private int writerThreadCount = DEFAULT_WRITER_THREADS;
    private RingBuffer<JournalEvent> ring;
    private boolean timed;
    private boolean started;
    private final boolean intervalPolicy;
    /** Policy {@code none}: the matching thread writes each batch itself (no writer thread, no hop). */
    private final boolean inline;
    /** First journal ring slot filled but not yet published, -1 if none (matching thread). */
    private long unpublishedFrom = -1;
    /** Last journal ring slot filled (matching thread). */
    private long filledTo = -1;
    private long lastSequence;
    private long lastSnapshotSequence;
    private long lastSnapshotNs;
    private volatile boolean failed;
    private volatile String failure;

    /**
     * A journal that only numbers commands, starting after {@code lastSequence} (journal disabled).
     *
     * @param lastSequence last sequence already used.
     */
    public CommandJournal(final long lastSequence)
    {
        this(null, null, 0, 0, lastSequence, ignored -> { });
    }

    /**
     * Produces garbage (control plane). The journal writer threads run from {@link #start}.
     *
     * @param writer                   the journal, positioned after the recovered last sequence; null to disable.
     * @param snapshots                writes snapshots; null for none.
     * @param snapshotIntervalCommands journaled commands between snapshots, 0 for none.
     * @param snapshotIntervalNs       time between snapshots (if commands arrived), 0 for none.
     * @param lastSnapshotSequence     sequence of the snapshot recovered from (or 0).
     * @param log                      receives one line per snapshot and per failure.
     */
    public CommandJournal(
        final JournalWriter writer,
        final SnapshotWriter snapshots,
        final long snapshotIntervalCommands,
        final long snapshotIntervalNs,
        final long lastSnapshotSequence,
        final Consumer<String> log)
    {
        this.writer = writer;
        this.snapshots = snapshots;
        this.snapshotIntervalCommands = snapshotIntervalCommands;
        this.snapshotIntervalNs = snapshotIntervalNs;
        this.log = log;
        this.lastSequence = writer != null ? writer.lastSequence() : lastSnapshotSequence;
        this.lastSnapshotSequence = writer != null ? lastSnapshotSequence : lastSequence;
        this.durable = new Sequence(lastSequence);
        this.handler = writer != null ? new JournalHandler(writer, durable, this::onWriterFailed) : null;
        this.intervalPolicy = writer != null && writer.context().durability() == DurabilityPolicy.INTERVAL;
        this.inline = writer != null && writer.context().durability() == DurabilityPolicy.NONE;
    }

    /**
     * How many journal writer threads {@link #start} runs under the {@code batch} policy (control plane, before
     * start): with 2 or more, a group is written and its force started while the force of the group before still
     * runs. Other policies run one (under {@code interval} forces are rare and serial) or none ({@code none}).
     *
     * @param threads 1 or more.
     * @return this.
     */
    public CommandJournal writerThreads(final int threads)
    {
        if (threads < 1)
        {
            throw new IllegalArgumentException("journal writer threads must be at least 1: " + threads);
        }
        this.writerThreadCount = threads;
        return this;
    }

    /**
     * Start the journal writer threads and make their durable position gate the node's replies (control plane, once,
     * before the first command; a journal that is disabled starts nothing).
     *
     * @param ringSize      slots in the journal ring, a power of two: how far the writer may fall behind matching.
     * @param waitKind      how the writer threads wait for commands.
     * @param threadFactory makes the writer threads (each is renamed with a suffix {@code -1}, {@code -2}, ...).
     * @param gate          the node's reply gate; the journal joins it as a durability consumer.
     * @param metrics       journal force latency and reply hold time; null for none.
     * @return this.
     */
    public CommandJournal start(
        final int ringSize,
        final WaitStrategyKind waitKind,
        final ThreadFactory threadFactory,
        final ReplyGate gate,
        final ServerMetrics metrics)
    {
        if (handler == null || started)
        {
            return this;
        }
        started = true;
        gate.addDurabilityConsumer(durable);
        handler.observe(gate, metrics);
        timed = metrics != null;
        if (inline)
        {
            return this;
        }
        ring = RingBuffer.createSingleProducer(JournalEvent.FACTORY, ringSize, waitKind.newWaitStrategy());
        handler.consume(ring);
        final int threads = writer.context().durability() == DurabilityPolicy.BATCH ? writerThreadCount : 1;
        writerThreads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            final Thread thread = threadFactory.newThread(handler);
            thread.setName(thread.getName() + "-" + (i + 1));
            writerThreads[i] = thread;
            thread.start();
        }
        return this;
    }

    /**
     * @return true if commands are written to a journal (false when the journal is disabled).
     */
    public boolean enabled()
    {
        return writer != null;
    }

    /**
     * Number a command with the next sequence and copy it into the journal ring (the writer sees it at the next
     * {@link #commit(long)}; not yet durable: its reports wait at the {@link ReplyGate}).
     *
     * @param command to stamp with its sequence (and, if {@code newOrder}, its exchange order id).
     * @param newOrder true for a NEW command: its order id becomes its sequence.
     * @param clientOrderId the owning session's id for the command's order (journaled so recovery can give the order
     *                      back to its account).
     * @return true if the command may be applied; false if the journal failed (the command must be dropped).
     */
    public boolean append(final Command command, final boolean newOrder, final long clientOrderId)
    {
        if (failed)
        {
            return false;
        }
        final long sequence = lastSequence + 1;
        command.sequence(sequence);
        if (newOrder)
        {
            command.orderId(sequence);
        }
        if (inline)
        {
            if (!started)
            {
                throw new IllegalStateException("journal not started");
            }
            handler.append(command, clientOrderId, timed ? System.nanoTime() : 0);
            if (failed)
            {
                return false;
            }
        }
        else if (writer != null)
        {
            if (ring == null)
            {
                throw new IllegalStateException("journal not started");
            }
            final long slot = ring.next();
            final JournalEvent event = ring.get(slot);
            event.command.copyFrom(command);
            event.clientOrderId = clientOrderId;
            event.publishedNs = timed ? System.nanoTime() : 0;
            event.forceIfDue = false;
            if (unpublishedFrom < 0)
            {
                unpublishedFrom = slot;
            }
            filledTo = slot;
        }
        lastSequence = sequence;
        return true;
    }

    /**
     * The end of a group of commands whose reports are handed to the egress now. With a writer thread the group's
     * journal ring slots are published to it here and nothing waits (the writer commits on its own thread, the gate
     * holds the reports); under {@code none} the group is written
     * to the page cache here, on the matching thread, and the durable position advances before the hand-off.
     *
     * @param nowNs the batch's clock.
     * @return true if the reports may be handed over; false if the journal failed (they must be discarded).
     */
    public boolean commit(final long nowNs)
    {
        if (inline && !failed)
        {
            handler.commitInline();
        }
        publishFilled();
        return !failed;
    }

    /**
     * Publish the journal ring slots filled since the last publish as one range: the writer sees the group whole (one
     * write and one force for it, rather than a first part forced while the rest is still being matched), and the
     * matching thread signals a sleeping writer once per group rather than once per command.
     */
    private void publishFilled()
    {
        if (unpublishedFrom >= 0)
        {
            final long from = unpublishedFrom;
            unpublishedFrom = -1;
            ring.publish(from, filledTo);
        }
    }

    /**
     * On a periodic tick of the matching thread: under the {@code interval} policy ask the writer to force if the
     * interval passed (the last group before a quiet period becomes durable). Never waits.
     */
    public void onTick()
    {
        if (intervalPolicy && ring != null && !failed)
        {
            publishFilled();
            try
            {
                final long slot = ring.tryNext();
                ring.get(slot).forceIfDue = true;
                ring.publish(slot);
            }
            catch (final InsufficientCapacityException ignored)
            {
                // the writer is busy with a full ring: it commits (and forces when due) anyway
            }
        }
    }

    /**
     * Between batches (after the hand-off to egress): write a snapshot if one is due. A snapshot blocks the matching
     * thread for its duration, and first waits for the writer to have written every command it includes.
     *
     * @param engine the engine, with every handed-over command applied.
     * @param nowNs  the clock.
     */
    public void afterBatch(final MatchingEngine engine, final long nowNs)
    {
        if (writer == null || failed)
        {
            return;
        }
        final long sinceSnapshot = lastSequence - lastSnapshotSequence;
        if (snapshots != null && sinceSnapshot > 0 &&
            ((snapshotIntervalCommands > 0 && sinceSnapshot >= snapshotIntervalCommands) ||
            (snapshotIntervalNs > 0 && nowNs - lastSnapshotNs >= snapshotIntervalNs)))
        {
            snapshot(engine, nowNs);
        }
        else if (lastSnapshotNs == 0)
        {
            lastSnapshotNs = nowNs;
        }
    }

    /**
     * Perform an operator request on the journal (a snapshot) on the matching thread and complete it (allocates).
     *
     * @param request what to do.
     * @param engine  the engine.
     * @param nowNs   the clock.
     */
    public void onControl(final ControlRequest request, final MatchingEngine engine, final long nowNs)
    {
        try
        {
            switch (request.type())
            {
                case SNAPSHOT:
                    if (writer == null || snapshots == null)
                    {
                        request.result().completeExceptionally(new IllegalStateException("journal disabled"));
                        return;
                    }
                    if (failed)
                    {
                        request.result().completeExceptionally(new IllegalStateException("journal failed"));
                        return;
                    }
                    final Path file = snapshot(engine, nowNs);
                    if (file == null)
                    {
                        request.result().completeExceptionally(new IllegalStateException("snapshot failed"));
                        return;
                    }
                    request.result().complete(JSON.createObjectNode().put("snapshot", file.toString())
                        .put("lastSequence", lastSnapshotSequence).toString());
                    break;
                case TICK:
                    break;
                default:
                    request.result().completeExceptionally(new IllegalArgumentException(request.type().name()));
                    break;
            }
        }
        catch (final RuntimeException ex)
        {
            request.result().completeExceptionally(ex);
        }
    }

    /**
     * At shutdown, after the last batch (matching thread or the node once it stopped): let the writer write and force
     * every command handed over, close the journal (the gate then releases their reports), and write a final snapshot
     * if anything changed since the last one.
     *
     * @param engine the engine.
     * @param nowNs  the clock.
     */
    public void close(final MatchingEngine engine, final long nowNs)
    {
        if (writer == null)
        {
            return;
        }
        if (writerThreads != null)
        {
            publishFilled();
            // every command handed over is taken and written (a blocked force holds this up), then the threads stop
            while (handler.consumedSlot() < ring.getCursor() && anyAlive(writerThreads))
            {
                LockSupport.parkNanos(100_000);
            }
            handler.halt();
            for (final Thread thread : writerThreads)
            {
                join(thread);
            }
            writerThreads = null;
        }
        handler.close();
        if (!failed && snapshots != null && lastSequence > lastSnapshotSequence)
        {
            snapshot(engine, nowNs);
        }
    }

    /**
     * @return last sequence assigned (journaled if the journal is on).
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @return sequence of the last snapshot written (or recovered from).
     */
    public long lastSnapshotSequence()
    {
        return lastSnapshotSequence;
    }

    /**
     * @return last sequence durable under the policy (published by the writer thread; readable from any thread).
     */
    public long committedSequence()
    {
        return durable.get();
    }

    /**
     * @return the writer's durable position: the last command sequence it made durable (read by the reply gate).
     */
    public Sequence durablePosition()
    {
        return durable;
    }

    /**
     * Test hook: run on the writer thread before each group commit (e.g. a force that blocks like a slow disk).
     *
     * @param hook to run; null for none.
     */
    void beforeCommit(final Runnable hook)
    {
        if (handler != null)
        {
            handler.beforeCommit(hook);
        }
    }

    /**
     * Stop: no further command is accepted (the engine diverged from the journal, or the writer failed).
     *
     * @param message why, logged once.
     */
    public void fail(final String message)
    {
        if (!failed)
        {
            failure = message;
            failed = true;
            log.accept(message + "; no further commands are accepted or acknowledged: restart the node");
        }
    }

    /**
     * @return why the journal stopped, or null.
     */
    public String failure()
    {
        return failure;
    }

    /**
     * @return true once a journal write failed: no command is applied or acknowledged any more.
     */
    public boolean failed()
    {
        return failed;
    }

    private Path snapshot(final MatchingEngine engine, final long nowNs)
    {
        if (!awaitWritten(lastSequence))
        {
            return null;
        }
        try
        {
            final long startNs = System.nanoTime();
            final Path file = snapshots.write(engine, lastSequence);
            lastSnapshotSequence = lastSequence;
            lastSnapshotNs = nowNs;
            log.accept("snapshot " + file.getFileName() + " at sequence " + lastSequence + ", " +
                engine.openOrderCount() + " open orders, " + (System.nanoTime() - startNs) / 1000 + " us");
            return file;
        }
        catch (final RuntimeException ex)
        {
            lastSnapshotNs = nowNs;
            log.accept("snapshot at sequence " + lastSequence + " failed: " + ex);
            return null;
        }
    }

    private boolean awaitWritten(final long sequence)
    {
        if (inline)
        {
            // a snapshot requested mid-batch includes commands appended but not yet written: write them first
            handler.commitInline();
            return !failed;
        }
        if (handler == null || ring == null)
        {
            return true;
        }
        publishFilled();
        while (handler.writtenSequence() < sequence)
        {
            if (failed || handler.failed())
            {
                return false;
            }
            LockSupport.parkNanos(10_000);
        }
        return true;
    }

    private static boolean anyAlive(final Thread[] threads)
    {
        for (final Thread thread : threads)
        {
            if (thread.isAlive())
            {
                return true;
            }
        }
        return false;
    }

    private static void join(final Thread thread)
    {
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void onWriterFailed(final String message)
    {
        failure = message;
        failed = true;
        log.accept(message);
    }
}
