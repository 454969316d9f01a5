/**
 * The append-only command journal, snapshots on disk, and recovery and replay.
 * <p>
 * On the matching thread, per batch from the sequencer:
 * <pre>
 *   sequenced commands ──> JournalWriter.append (encode into a reused direct buffer)
 *                                   │ end of batch
 *                                   v
 *                          JournalWriter.commit(nowNs) ── write(2), force per DurabilityPolicy
 *                                   │ returns: the batch is durable
 *                                   v
 *                          MatchingEngine.onCommand ... ──> acknowledgements and execution reports
 *
 *   now and then:  SnapshotWriter.write(engine, lastSequence) ──> snapshot-N.snap, then Retention
 *   at start:      define instruments ──> Recovery.recover(engine) ──> new JournalWriter(context, lastSequence)
 * </pre>
 * Files in the data directory: {@code journal-<first sequence>.seg} ({@link io.arbiter.journal.JournalDescriptor}),
 * {@code snapshot-<last sequence>.snap} ({@link io.arbiter.journal.SnapshotDescriptor}) and {@code archive/}.
 * Tools read with {@link io.arbiter.journal.JournalReader}, {@link io.arbiter.journal.JournalDump} and
 * {@link io.arbiter.journal.ReplayReport}.
 */
package io.arbiter.journal;
