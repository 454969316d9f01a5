package io.arbiter.journal;

import java.util.List;

/**
 * Outcome of a {@link Recovery}: the snapshot used (if any), the journal pass, and the sequence to continue from.
 * Immutable once returned.
 *
 * @param snapshot         the snapshot restored, or null if none was used.
 * @param skippedSnapshots snapshots found damaged and skipped, newest first, with the reason.
 * @param scan             what the journal pass found (records replayed, a truncated tail).
 * @param lastSequence     last sequence applied to the engine: give it to {@link JournalWriter} and the sequencer.
 * @param durationNs       wall time of the recovery.
 */
public record RecoveryResult(
    SnapshotInfo snapshot, List<String> skippedSnapshots, ScanResult scan, long lastSequence, long durationNs)
{
    /**
     * @return sequence of the snapshot restored, or 0 if none.
     */
    public long snapshotSequence()
    {
        return snapshot == null ? 0 : snapshot.lastSequence();
    }

    /**
     * @return commands replayed from the journal through the engine.
     */
    public long replayedCount()
    {
        return scan.recordsDelivered();
    }
}
