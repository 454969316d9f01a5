package io.arbiter.journal;

import io.arbiter.engine.CommandType;
import io.arbiter.engine.MatchingEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a data directory by recovering it read-only into an engine (for {@code arbiter replay --data-dir DIR}):
 * last sequence, records per command type, the snapshot used and the recovered state hash. The CLI command builds
 * the engine (with a no-op listener and its configured instruments, or none to take them from the snapshot) and
 * calls {@link #run} and {@link #print}. Control plane; one thread.
 */
public final class ReplayReport
{
    private final RecoveryResult result;
    private final List<String> warnings;
    private final long stateHash;
    private final long openOrders;
    private final long tradeCount;
    private final boolean fromScratch;

    private ReplayReport(
        final RecoveryResult result,
        final List<String> warnings,
        final long stateHash,
        final long openOrders,
        final long tradeCount,
        final boolean fromScratch)
    {
        this.result = result;
        this.warnings = warnings;
        this.stateHash = stateHash;
        this.openOrders = openOrders;
        this.tradeCount = tradeCount;
        this.fromScratch = fromScratch;
    }

    /**
     * Recover the data directory into an engine without modifying any file; every segment is read and validated.
     *
     * @param context     data directory (its warning sink also receives the warnings).
     * @param engine      empty engine, with configured instruments or none.
     * @param fromScratch true to ignore snapshots and replay the whole journal.
     * @return the report.
     * @throws JournalCorruptedException if the journal is damaged other than at its tail.
     */
    public static ReplayReport run(final JournalContext context, final MatchingEngine engine, final boolean fromScratch)
    {
        final List<String> warnings = new ArrayList<>();
        final JournalContext readOnly = new JournalContext()
            .dataDir(context.dataDir())
            .warningSink(message ->
            {
                warnings.add(message);
                context.warningSink().accept(message);
            });
        final RecoveryResult result = new Recovery(readOnly)
            .repair(false)
            .useSnapshots(!fromScratch)
            .readCoveredSegments(true)
            .recover(engine);
        return new ReplayReport(
            result, List.copyOf(warnings), engine.stateHash(), engine.openOrderCount(), engine.tradeCount(),
                fromScratch);
    }

    /**
     * @return the recovery outcome.
     */
    public RecoveryResult result()
    {
        return result;
    }

    /**
     * @return warnings raised (torn tail, damaged snapshots, temp files).
     */
    public List<String> warnings()
    {
        return warnings;
    }

    /**
     * @return the recovered engine's state hash.
     */
    public long stateHash()
    {
        return stateHash;
    }

    /**
     * @return open orders of the recovered engine.
     */
    public long openOrders()
    {
        return openOrders;
    }

    /**
     * @return the recovered engine's trade count (its last trade id).
     */
    public long tradeCount()
    {
        return tradeCount;
    }

    /**
     * @return last sequence recovered.
     */
    public long lastSequence()
    {
        return result.lastSequence();
    }

    /**
     * @param type of command.
     * @return records of that type in the journal.
     */
    public long count(final CommandType type)
    {
        return result.scan().count(type);
    }

    /**
     * Write the report as text.
     *
     * @param out receives it.
     * @throws UncheckedIOException if {@code out} fails.
     */
    public void print(final Appendable out)
    {
        final ScanResult scan = result.scan();
        final StringBuilder text = new StringBuilder(512);
        text.append("mode:            ").append(fromScratch ? "full replay (snapshots ignored)" : "snapshot + replay")
            .append('\n');
        final SnapshotInfo snapshot = result.snapshot();
        if (snapshot == null)
        {
            text.append("snapshot:        none\n");
        }
        else
        {
            text.append("snapshot:        ").append(snapshot.file().getFileName())
                .append(" last sequence ").append(snapshot.lastSequence())
                .append(", ").append(snapshot.instruments().size()).append(" instruments")
                .append(", ").append(snapshot.orderCount()).append(" orders")
                .append(", ").append(snapshot.tradeCount()).append(" trades")
                .append(", ").append(snapshot.fileSize()).append(" bytes\n");
        }
        for (final String skipped : result.skippedSnapshots())
        {
            text.append("skipped:         ").append(skipped).append('\n');
        }
        text.append("segments read:   ").append(scan.segmentsRead()).append('\n');
        text.append("records:         ").append(scan.recordsRead());
        for (final CommandType type : CommandType.values())
        {
            text.append(' ').append(type).append('=').append(scan.count(type));
        }
        text.append('\n');
        text.append("replayed:        ").append(result.replayedCount()).append('\n');
        text.append("last sequence:   ").append(result.lastSequence()).append('\n');
        if (scan.tailFile() != null)
        {
            text.append("torn tail:       ").append(scan.tailFile()).append(" at byte ").append(scan.tailPosition())
                .append(" (").append(scan.tailBytes()).append(" bytes): ").append(scan.tailReason())
                .append("; not repaired (read-only)\n");
        }
        for (final String warning : warnings)
        {
            text.append("warning:         ").append(warning).append('\n');
        }
        text.append("open orders:     ").append(openOrders).append('\n');
        text.append("trades:          ").append(tradeCount).append('\n');
        text.append("state hash:      ").append(String.format("%016x", stateHash)).append('\n');
        text.append("recovery time:   ").append(result.durationNs() / 1_000_000).append(" ms\n");
        try
        {
            out.append(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
