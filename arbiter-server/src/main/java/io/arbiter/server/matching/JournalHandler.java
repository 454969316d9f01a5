package io.arbiter.server.matching;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import io.arbiter.engine.Command;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.journal.JournalDescriptor;
import io.arbiter.journal.JournalWriter;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.metrics.ServerMetrics;

import java.nio.channels.FileChannel;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The journal writer threads: they consume the numbered commands the matching thread hands over on the journal ring,
 * append them to the {@link JournalWriter}, commit each group the ring gives them at once (a group commit: one write
 * and, under the {@code batch} policy, one force), and only then publish the durable position and tell the
 * {@link ReplyGate}, which releases the reports of the commands now durable. The matching thread never waits for
 * them. Under {@code batch} there may be several writer threads ({@code journal.writerThreads}): one at a time takes
 * the commands waiting, appends and writes them (in ring order, under a lock), then forces outside the lock, so the
 * next group is written and its force started while the force before it still runs; a command that arrives during a
 * force then waits for its own force only, not for the rest of the one in progress. The durable position is the
 * highest forced sequence (a force covers everything written before it started). Under {@code none} and
 * {@code interval} it is the written sequence (in the page cache), as docs/journal.md explains, and the force (when
 * due) runs under the lock. Under {@code none} there is no writer thread: {@link CommandJournal} calls
 * {@link #append} and {@link #commitInline()} on the matching thread, which writes each batch to the page cache
 * itself before its flush (one hop fewer per reply; a write to the page cache does not wait for the device). A
 * failed write or force stops the journal: the durable position never advances again. Allocates nothing in steady
 * state.
 */
final class JournalHandler implements Runnable
{
    /** A group longer than this many records is committed in parts (bounds the hold time under a long backlog). */
    static final int MAX_GROUP = 4096;

    private static final long HALTED = Long.MIN_VALUE;

    private final JournalWriter writer;
    private final DurabilityPolicy policy;
    private final Sequence durable;
    private final Consumer<String> log;
    /** The writer thread that takes, appends and writes (one at a time; forces run outside it). */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Last ring slot taken and appended (the ring's gating sequence). */
    private final Sequence consumed = new Sequence(-1);
    private volatile long writtenSequence;
    private volatile boolean failed;
    private ReplyGate gate = ReplyGate.OPEN;
    private ServerMetrics metrics;
    private Runnable beforeCommit;
    private RingBuffer<JournalEvent> ring;
    private SequenceBarrier barrier;
    /** Under the write lock (or the matching thread when inline). */
    private int grouped;
    private long groupStartNs;

    /**
     * @param writer  the journal, positioned after the recovered last sequence.
     * @param durable this consumer's durable position (starts at the writer's last sequence).
     * @param log     receives one line per failure.
     */
    JournalHandler(final JournalWriter writer, final Sequence durable, final Consumer<String> log)
    {
        this.writer = writer;
        this.policy = writer.context().durability();
        this.durable = durable;
        this.log = log;
        this.writtenSequence = writer.lastSequence();
    }

    void observe(final ReplyGate gate, final ServerMetrics metrics)
    {
        this.gate = gate;
        this.metrics = metrics;
    }

    /**
     * Consume {@code ring} (control plane, before the writer threads start): its slots are freed once appended.
     *
     * @param ring the journal ring.
     */
    void consume(final RingBuffer<JournalEvent> ring)
    {
        this.ring = ring;
        this.barrier = ring.newBarrier();
        ring.addGatingSequences(consumed);
    }

    /**
     * Test hook: run on a writer thread before each commit or force (e.g. to block like a slow disk).
     */
    void beforeCommit(final Runnable hook)
    {
        this.beforeCommit = hook;
    }

    long writtenSequence()
    {
        return writtenSequence;
    }

    /**
     * @return the last ring slot taken and appended (readable from any thread).
     */
    long consumedSlot()
    {
        return consumed.get();
    }

    boolean failed()
    {
        return failed;
    }

    /**
     * Stop the writer threads once they have taken every slot (they return from {@link #run()}; a force in progress
     * completes first). Any thread.
     */
    void halt()
    {
        barrier.alert();
    }

    /**
     * A writer thread's loop: take the commands waiting (under the lock), append and write them, then force outside
     * the lock (policy {@code batch}) and publish; returns once {@link #halt()} was called and nothing is waiting.
     */
    @Override
    public void run()
    {
        while (true)
        {
            FileChannel channel = null;
            long forceTo = 0;
            long startNs = 0;
            writeLock.lock();
            try
            {
                final long next = consumed.get() + 1;
                final long available = awaitAvailable(next);
                if (available == HALTED)
                {
                    return;
                }
                if (available < next)
                {
                    continue;
                }
                final long end = Math.min(available, next + MAX_GROUP - 1);
                boolean forceIfDue = false;
                for (long slot = next; slot <= end; slot++)
                {
                    final JournalEvent event = ring.get(slot);
                    if (event.forceIfDue)
                    {
                        forceIfDue = true;
                    }
                    else
                    {
                        append(event.command, event.clientOrderId, event.publishedNs);
                    }
                }
                consumed.set(end);
                if (failed)
                {
                    grouped = 0;
                    continue;
                }
                if (policy == DurabilityPolicy.BATCH && grouped > 0)
                {
                    startNs = groupStartNs;
                    grouped = 0;
                    forceTo = write();
                    channel = writer.segmentChannel();
                }
                else if (grouped > 0)
                {
                    commit(true);
                }
                else if (forceIfDue)
                {
                    forceIfDue();
                }
            }
            finally
            {
                writeLock.unlock();
            }
            if (channel != null)
            {
                force(channel, forceTo, startNs);
            }
        }
    }

    /**
     * Wait for ring slot {@code next}, under the write lock.
     *
     * @return the highest slot published (below {@code next} if none yet), or {@link #HALTED} once halted with
     *         nothing left to take.
     */
    private long awaitAvailable(final long next)
    {
        try
        {
            return barrier.waitFor(next);
        }
        catch (final AlertException ex)
        {
            // halted: take what is still published (the ring's single producer publishes its cursor last), then stop
            final long cursor = ring.getCursor();
            return cursor < next ? HALTED : cursor;
        }
        catch (final TimeoutException ex)
        {
            return next - 1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return HALTED;
        }
    }

    /**
     * Append one numbered command to the journal's buffer (not yet written); on the writer thread, or on the
     * matching thread for a journal committed inline ({@link CommandJournal}, policy {@code none}).
     *
     * @param command       the numbered command.
     * @param clientOrderId its owner's client order id.
     * @param publishedNs   when the matching thread handed it over ({@code System.nanoTime()}), 0 if not measured.
     */
    void append(final Command command, final long clientOrderId, final long publishedNs)
    {
        if (failed)
        {
            return;
        }
        try
        {
            if (!writer.append(command, clientOrderId))
            {
                fail("journal refused sequence " + command.sequence() + " (journal last " +
                    writer.lastSequence() + ")");
                return;
            }
        }
        catch (final RuntimeException ex)
        {
            fail("journal append failed at sequence " + command.sequence() + ": " + ex);
            return;
        }
        if (grouped++ == 0)
        {
            groupStartNs = publishedNs;
        }
        if (metrics != null)
        {
            metrics.onJournalAppend(JournalDescriptor.COMMAND_RECORD_LENGTH);
        }
    }

    /**
     * Inline commit on the matching thread (policy {@code none}): write the commands appended since the last commit
     * and advance the durable position without waking the gate's waiters (the matching thread's flush that follows
     * sees the position and schedules the drains itself).
     */
    void commitInline()
    {
        if (grouped > 0 && !failed)
        {
            commit(false);
        }
    }

    private void commit(final boolean wakeGate)
    {
        grouped = 0;
        if (beforeCommit != null)
        {
            beforeCommit.run();
        }
        final long startNs = System.nanoTime();
        try
        {
            writer.commit(startNs);
        }
        catch (final RuntimeException ex)
        {
            fail("journal commit failed after sequence " + writer.writtenSequence() + ": " + ex);
            return;
        }
        record(startNs, groupStartNs);
        publishDurable(wakeGate);
    }

    /** Time the commit or force that started at {@code startNs}, and the hold of the group it made durable. */
    private void record(final long startNs, final long groupStartNs)
    {
        if (metrics != null)
        {
            final long endNs = System.nanoTime();
            metrics.onJournalFsync(endNs - startNs);
            if (groupStartNs != 0)
            {
                metrics.onReplyHold(endNs - groupStartNs);
            }
        }
    }

    /**
     * Policy {@code batch}, under the write lock: write the group to the file without forcing it.
     *
     * @return the last sequence written, 0 if the write failed.
     */
    private long write()
    {
        try
        {
            final long written = writer.writeAppended();
            writtenSequence = written;
            return written;
        }
        catch (final RuntimeException ex)
        {
            fail("journal write failed after sequence " + writer.writtenSequence() + ": " + ex);
            return 0;
        }
    }

    /**
     * Policy {@code batch}, outside the write lock (another writer thread may be writing the next group or forcing
     * too): force the segment written up to {@code forceTo}, then publish it as durable.
     */
    private void force(final FileChannel channel, final long forceTo, final long groupStartNs)
    {
        if (failed)
        {
            return;
        }
        if (beforeCommit != null)
        {
            beforeCommit.run();
        }
        final long startNs = System.nanoTime();
        try
        {
            writer.forceSegment(channel, forceTo);
        }
        catch (final RuntimeException ex)
        {
            fail("journal force failed after sequence " + durable.get() + ": " + ex);
            return;
        }
        record(startNs, groupStartNs);
        if (!failed)
        {
            advanceDurable(forceTo, true);
        }
    }

    private void forceIfDue()
    {
        try
        {
            writer.forceIfDue(System.nanoTime());
        }
        catch (final RuntimeException ex)
        {
            fail("journal force failed: " + ex);
            return;
        }
        publishDurable(true);
    }

    /** Under the write lock, the matching thread (inline) or the closing thread. */
    private void publishDurable(final boolean wakeGate)
    {
        writtenSequence = writer.writtenSequence();
        final long position = policy == DurabilityPolicy.BATCH ? writer.forcedSequence() : writer.writtenSequence();
        advanceDurable(position, wakeGate);
    }

    private void advanceDurable(final long position, final boolean wakeGate)
    {
        // A compare-and-set (a volatile store), not Sequence.set (a release store): the gate then reads each
        // session's highest pending release, while the matching thread writes that release and then reads this
        // position. Only with a StoreLoad fence on both sides does one of the two see the other; with a release store
        // here both could read the old value and a held batch would wait for a wake-up that never comes. Several
        // writer threads may finish forces out of order: the position only ever grows.
        long current = durable.get();
        while (position > current)
        {
            if (durable.compareAndSet(current, position))
            {
                if (wakeGate)
                {
                    gate.onDurable();
                }
                return;
            }
            current = durable.get();
        }
    }

    /**
     * After the writer threads returned (or, inline, after the last batch): commit what is left, close the journal
     * (forcing unless the policy is {@code none}) and publish the final durable position. Called once, by the thread
     * that closes the journal.
     */
    void close()
    {
        writeLock.lock();
        try
        {
            if (!failed)
            {
                if (grouped > 0)
                {
                    commit(true);
                }
                writer.close();
                if (!failed)
                {
                    publishDurable(true);
                }
            }
            else
            {
                writer.close();
            }
        }
        catch (final RuntimeException ex)
        {
            fail("journal close failed: " + ex);
        }
        finally
        {
            writeLock.unlock();
        }
    }

    private void fail(final String message)
    {
        failed = true;
        log.accept(message + "; no further commands are accepted or acknowledged: restart the node");
    }
}
