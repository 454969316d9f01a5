package io.arbiter.server.matching;

import io.arbiter.engine.Command;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.journal.JournalWriter;
import io.arbiter.journal.SnapshotWriter;
import io.arbiter.server.sequencer.ControlRequest;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The matching thread's view of the journal: it numbers every engine command with the next journal sequence (the
 * exchange order id of a NEW is its sequence), appends it before it is matched, commits the batch before its replies
 * are flushed, and writes snapshots between batches (every N commands, every T seconds, on request, at shutdown).
 * Without a {@link JournalWriter} it only numbers commands. Single writer: the matching thread after start (the node
 * before start and after the matching thread stopped). Steady state allocates nothing; snapshots and control
 * requests allocate.
 */
public final class CommandJournal
{
    private final JournalWriter writer;
    private final SnapshotWriter snapshots;
    private final long snapshotIntervalCommands;
    private final long snapshotIntervalNs;
    private final Consumer<String> log;
    private long lastSequence;
    private long lastSnapshotSequence;
    private long lastSnapshotNs;
    private boolean failed;
    private volatile long committedSequence;

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
     * Produces garbage (control plane).
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
        this.committedSequence = lastSequence;
    }

    /**
     * @return true if commands are written to a journal (false when the journal is disabled).
     */
    public boolean enabled()
    {
        return writer != null;
    }

    /**
     * Number a command with the next sequence and append it to the journal (not yet durable).
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
        if (writer != null)
        {
            try
            {
                if (!writer.append(command, clientOrderId))
                {
                    fail("journal refused sequence " + sequence + " (journal last " + writer.lastSequence() + ")");
                    return false;
                }
            }
            catch (final RuntimeException ex)
            {
                fail("journal append failed at sequence " + sequence + ": " + ex);
                return false;
            }
        }
        lastSequence = sequence;
        return true;
    }

    /**
     * Make every appended command durable per the policy; replies may be flushed only if this returns true.
     *
     * @param nowNs the batch's clock.
     * @return true if the batch is committed; false if the journal failed (replies must not leave).
     */
    public boolean commit(final long nowNs)
    {
        if (failed)
        {
            return false;
        }
        if (writer != null)
        {
            try
            {
                writer.commit(nowNs);
            }
            catch (final RuntimeException ex)
            {
                fail("journal commit failed after sequence " + writer.writtenSequence() + ": " + ex);
                return false;
            }
        }
        committedSequence = lastSequence;
        return true;
    }

    /**
     * Between batches (after commit and flush): force under the interval policy if due, and write a snapshot if one
     * is due. A snapshot blocks the matching thread for its duration.
     *
     * @param engine the engine, with every committed command applied.
     * @param nowNs  the clock.
     */
    public void afterBatch(final MatchingEngine engine, final long nowNs)
    {
        if (writer == null || failed)
        {
            return;
        }
        try
        {
            writer.forceIfDue(nowNs);
        }
        catch (final RuntimeException ex)
        {
            fail("journal force failed: " + ex);
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
                    if (!commit(nowNs))
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
                    request.result().complete("{\"snapshot\":\"" + jsonEscape(file.toString()) +
                        "\",\"lastSequence\":" + lastSnapshotSequence + "}");
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
     * At shutdown, after the last batch: commit, write a final snapshot if anything changed since the last one, and
     * close the journal.
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
        if (!failed && commit(nowNs) && snapshots != null && lastSequence > lastSnapshotSequence)
        {
            snapshot(engine, nowNs);
        }
        try
        {
            writer.close();
        }
        catch (final RuntimeException ex)
        {
            log.accept("journal close failed: " + ex);
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
     * @return last sequence committed (published per batch; readable from any thread).
     */
    public long committedSequence()
    {
        return committedSequence;
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

    private void fail(final String message)
    {
        failed = true;
        log.accept(message + "; no further commands are accepted or acknowledged: restart the node");
    }

    private static String jsonEscape(final String text)
    {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
