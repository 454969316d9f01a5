package io.arbiter.journal;

import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.engine.support.CommandGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.arbiter.journal.JournalDescriptor.COMMAND_RECORD_LENGTH;
import static io.arbiter.journal.JournalDescriptor.SEGMENT_HEADER_LENGTH;
import static io.arbiter.journal.JournalTestSupport.drive;
import static org.junit.jupiter.api.Assertions.*;

class RetentionTest
{
    @TempDir
    Path dir;

    /**
     * 10 records per segment; 95 records in 10 segments (1, 11, ..., 91); snapshots at 45 and 73.
     */
    private MatchingEngine run(final JournalContext context)
    {
        context.dataDir(dir).durability(DurabilityPolicy.NONE)
            .segmentSize(SEGMENT_HEADER_LENGTH + 10 * COMMAND_RECORD_LENGTH);
        final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final CommandGenerator generator = CommandGenerator.standalone(3);
        final SnapshotWriter snapshots = new SnapshotWriter(context);
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            snapshots.write(engine, drive(writer, engine, generator, 45, 5));
            snapshots.write(engine, drive(writer, engine, generator, 28, 4));
            drive(writer, engine, generator, 22, 2);
        }
        return engine;
    }

    private static List<Long> firstSequences(final List<Path> segments)
    {
        return segments.stream().map(JournalDescriptor::segmentFirstSequence).toList();
    }

    @Test
    void shouldKeepEverySegment()
    {
        final JournalContext context = new JournalContext().retention(RetentionPolicy.KEEP).snapshotsToKeep(1);
        run(context);
        assertEquals(10, JournalFiles.segments(dir).size());
        assertEquals(1, JournalFiles.snapshots(dir).size());
    }

    @Test
    void shouldDeleteSegmentsWhollyBeforeTheLatestSnapshot()
    {
        final JournalContext context = new JournalContext().retention(RetentionPolicy.DELETE).snapshotsToKeep(1);
        final MatchingEngine original = run(context);

        assertEquals(List.of(71L, 81L, 91L), firstSequences(JournalFiles.segments(dir)));
        assertEquals(List.of(dir.resolve(SnapshotDescriptor.snapshotFileName(73))), JournalFiles.snapshots(dir));
        final MatchingEngine recovered = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        assertEquals(95, new Recovery(context).recover(recovered).lastSequence());
        assertEquals(original.stateHash(), recovered.stateHash());
    }

    @Test
    void shouldKeepSegmentsNeededByTheOldestKeptSnapshot()
    {
        final JournalContext context = new JournalContext().retention(RetentionPolicy.DELETE).snapshotsToKeep(2);
        run(context);
        assertEquals(List.of(41L, 51L, 61L, 71L, 81L, 91L), firstSequences(JournalFiles.segments(dir)));
        assertEquals(2, JournalFiles.snapshots(dir).size());
    }

    @Test
    void shouldArchiveSegmentsWhollyBeforeTheLatestSnapshot()
    {
        final JournalContext context = new JournalContext().retention(RetentionPolicy.ARCHIVE).snapshotsToKeep(1);
        final MatchingEngine original = run(context);

        assertEquals(List.of(71L, 81L, 91L), firstSequences(JournalFiles.segments(dir)));
        assertEquals(List.of(1L, 11L, 21L, 31L, 41L, 51L, 61L),
            firstSequences(JournalFiles.segments(context.archiveDir())));
        final MatchingEngine recovered = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        new Recovery(context).recover(recovered);
        assertEquals(original.stateHash(), recovered.stateHash());
    }
}
