package io.arbiter.server.matching;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.arbiter.engine.Command;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.journal.JournalDescriptor;
import io.arbiter.journal.JournalWriter;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.metrics.ServerMetrics;

import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The journal writer thread: it consumes the numbered commands the matching thread hands over on the journal ring,
 * appends them to the {@link JournalWriter}, commits each group the ring gives it at once (a group commit: one write
 * and, under the {@code batch} policy, one force), and only then publishes its durable position and tells the
 * {@link ReplyGate}, which releases the reports of the commands now durable. The matching thread never waits for
 * it. Under {@code batch} the durable position is the forced sequence; under {@code none} and {@code interval} it is
 * the written sequence (in the page cache), as docs/journal.md explains. Under {@code none} there is no writer thread:
 * {@link CommandJournal} calls {@link #append} and {@link #commitInline()} on the matching thread, which writes each
 * batch to the page cache itself before its flush (one hop fewer per reply; a write to the page cache does not wait
 * for the device). A failed write or force stops the journal: the durable position never advances again. Allocates
 * nothing in steady state.
 */
final class JournalHandler implements EventHandler<JournalEvent>
{
    /** A group longer than this many records is committed in parts (bounds the hold time under a long backlog). */
    static final int MAX_GROUP = 4096;

    private final JournalWriter writer;
    private final DurabilityPolicy policy;
    private final Sequence durable;
    private final Consumer<String> log;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile long writtenSequence;
    private volatile boolean failed;
    private ReplyGate gate = ReplyGate.OPEN;
    private ServerMetrics metrics;
    private Runnable beforeCommit;
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
     * Test hook: run on the journal thread before each commit (e.g. to block like a slow disk).
     */
    void beforeCommit(final Runnable hook)
    {
        this.beforeCommit = hook;
    }

    long writtenSequence()
    {
        return writtenSequence;
    }

    boolean failed()
    {
        return failed;
    }

    CountDownLatch closed()
    {
        return closed;
    }

    /**
     * @return counted down once the writer thread runs this handler (before its first event).
     */
    CountDownLatch started()
    {
        return started;
    }

    /**
     * The writer thread is running: from now on the ring's shutdown waits for this handler's backlog.
     */
    @Override
    public void onStart()
    {
        started.countDown();
    }

    @Override
    public void onEvent(final JournalEvent event, final long sequence, final boolean endOfBatch)
    {
        if (failed)
        {
            return;
        }
        if (event.forceIfDue)
        {
            if (grouped == 0)
            {
                forceIfDue();
            }
        }
        else
        {
            append(event.command, event.clientOrderId, event.publishedNs);
        }
        if (grouped > 0 && (endOfBatch || grouped >= MAX_GROUP))
        {
            commit(true);
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
        final long endNs = System.nanoTime();
        if (metrics != null)
        {
            metrics.onJournalFsync(endNs - startNs);
            if (groupStartNs != 0)
            {
                metrics.onReplyHold(endNs - groupStartNs);
            }
        }
        publishDurable(wakeGate);
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

    private void publishDurable(final boolean wakeGate)
    {
        writtenSequence = writer.writtenSequence();
        final long position = policy == DurabilityPolicy.BATCH ? writer.forcedSequence() : writer.writtenSequence();
        if (position > durable.get())
        {
            // A volatile store, not Sequence.set (a release store): the gate then reads each session's highest
            // pending release, while the matching thread writes that release and then reads this position. Only with
            // a StoreLoad fence on both sides does one of the two see the other; with a release store here both could
            // read the old value and a held batch would wait for a wake-up that never comes.
            durable.setVolatile(position);
            if (wakeGate)
            {
                gate.onDurable();
            }
        }
    }

    /**
     * The journal ring halted after the last command: commit what is left, close the journal (forcing unless the
     * policy is {@code none}) and publish the final durable position.
     */
    @Override
    public void onShutdown()
    {
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
            closed.countDown();
        }
    }

    private void fail(final String message)
    {
        failed = true;
        log.accept(message + "; no further commands are accepted or acknowledged: restart the node");
    }
}
