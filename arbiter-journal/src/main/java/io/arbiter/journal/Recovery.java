package io.arbiter.journal;

import io.arbiter.engine.MatchingEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds an engine from the data directory: restores the newest valid snapshot (falling back to older ones and
 * reporting the damaged), then replays the journal records after it through {@link MatchingEngine#onCommand}. A torn
 * or corrupt tail of the last segment is reported and truncated; damage anywhere else throws
 * {@link JournalCorruptedException}. Use on the thread that owns the engine, before the journal is opened for
 * writing; control plane (produces garbage).
 * <p>
 * Instruments come from configuration: define them in the engine, in the same order every start, before calling
 * {@link #recover}; a snapshot checks they match. An engine with no instruments takes them from the snapshot.
 */
public final class Recovery
{
    private final JournalContext context;
    private boolean useSnapshots = true;
    private boolean repair = true;
    private boolean readCoveredSegments;
    private JournalRecordHandler observer;
    private RecoveryListener listener;

    /**
     * @param context data directory and warning sink.
     */
    public Recovery(final JournalContext context)
    {
        this.context = context;
    }

    /**
     * @param useSnapshots false to ignore snapshots and replay the whole journal from sequence 1 (default true).
     * @return this.
     */
    public Recovery useSnapshots(final boolean useSnapshots)
    {
        this.useSnapshots = useSnapshots;
        return this;
    }

    /**
     * @param repair false to only report a torn tail and leftover temp files instead of removing them; use it for
     *               read-only tools (default true).
     * @return this.
     */
    public Recovery repair(final boolean repair)
    {
        this.repair = repair;
        return this;
    }

    /**
     * @param readCoveredSegments true to read and validate segments that the snapshot covers wholly too (default
     *                            false: they are skipped unread).
     * @return this.
     */
    public Recovery readCoveredSegments(final boolean readCoveredSegments)
    {
        this.readCoveredSegments = readCoveredSegments;
        return this;
    }

    /**
     * @param observer sees every valid record read, replayed or not (e.g. to count them), or null.
     * @return this.
     */
    public Recovery observer(final JournalRecordHandler observer)
    {
        this.observer = observer;
        return this;
    }

    /**
     * @param listener told of every restored order and every replayed record (with client order ids), or null.
     * @return this.
     */
    public Recovery listener(final RecoveryListener listener)
    {
        this.listener = listener;
        return this;
    }

    /**
     * Recover into an engine that has its configured instruments and nothing else. The engine's own listener receives
     * the replayed events (give it a no-op listener to suppress them).
     *
     * @param engine to rebuild.
     * @return what was restored and replayed, and the sequence to continue after.
     * @throws JournalCorruptedException if the journal is damaged other than at its tail.
     * @throws IllegalStateException     if configured instruments differ from the snapshot's.
     * @throws UncheckedIOException      if files cannot be read or repaired.
     */
    public RecoveryResult recover(final MatchingEngine engine)
    {
        final long startNs = System.nanoTime();
        final Path dir = context.dataDir();
        removeTemporaryFiles(dir);
        final List<String> skipped = new ArrayList<>();
        SnapshotInfo snapshot = null;
        if (useSnapshots)
        {
            final List<Path> snapshots = JournalFiles.snapshots(dir);
            for (int i = snapshots.size() - 1; i >= 0 && snapshot == null; i--)
            {
                final Path file = snapshots.get(i);
                try
                {
                    snapshot = SnapshotLoader.load(file, engine, listener);
                }
                catch (final JournalCorruptedException ex)
                {
                    final String message = "snapshot " + file + " is damaged, falling back to an older one: " +
                        ex.getMessage();
                    skipped.add(message);
                    context.warningSink().accept(message);
                }
            }
        }
        final long coveredThrough = snapshot == null ? 0 : snapshot.lastSequence();
        final ScanResult scan = new JournalScanner(context.warningSink()).scan(
            dir, coveredThrough, !readCoveredSegments, repair,
            listener == null ?
                (command, clientOrderId, segment, position) -> engine.onCommand(command) :
                (command, clientOrderId, segment, position) ->
                {
                    listener.onReplay(command, clientOrderId);
                    engine.onCommand(command);
                },
            observer);
        return new RecoveryResult(
            snapshot, List.copyOf(skipped), scan, scan.lastSequence(), System.nanoTime() - startNs);
    }

    private void removeTemporaryFiles(final Path dir)
    {
        for (final Path temp : JournalFiles.temporarySnapshots(dir))
        {
            if (repair)
            {
                try
                {
                    Files.deleteIfExists(temp);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot delete leftover " + temp, ex);
                }
                context.warningSink().accept("deleted leftover snapshot temp file " + temp);
            }
            else
            {
                context.warningSink().accept("ignoring leftover snapshot temp file " + temp);
            }
        }
    }
}
