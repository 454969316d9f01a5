package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.engine.support.CommandGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.arbiter.journal.JournalDescriptor.COMMAND_RECORD_LENGTH;
import static io.arbiter.journal.JournalDescriptor.SEGMENT_HEADER_LENGTH;
import static io.arbiter.journal.JournalTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Segments preallocated with written zeros (forcing policies): the zeros are never records, a crash leaves them as the
 * end of the journal (cut off by recovery, not reported as torn), and rolled or closed segments end at their last
 * record.
 */
class PreallocationTest
{
    private static final int STEP = 4096;

    @TempDir
    Path dir;

    @TempDir
    Path crashed;

    private JournalContext context(final Path dataDir)
    {
        return new JournalContext().dataDir(dataDir).durability(DurabilityPolicy.BATCH).preallocateBytes(STEP);
    }


    /** What a kill -9 leaves: the files as they are while the writer is still open. */
    private void copyAsCrashed() throws IOException
    {
        for (final Path segment : JournalFiles.segments(dir))
        {
            Files.copy(segment, crashed.resolve(segment.getFileName()));
        }
    }

    private static boolean zerosFrom(final Path file, final long from) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        for (int i = (int)from; i < bytes.length; i++)
        {
            if (bytes[i] != 0)
            {
                return false;
            }
        }
        return true;
    }

    @Test
    void shouldKeepWrittenZerosAheadOfTheRecordsAndCutThemOffAtClose() throws IOException
    {
        final Path segment;
        final long end;
        try (JournalWriter writer = new JournalWriter(context(dir), 0))
        {
            segment = writer.segment();
            assertEquals(SEGMENT_HEADER_LENGTH + STEP, Files.size(segment), "preallocated at creation");
            drive(writer, null, CommandGenerator.standalone(1), 100, 7);
            end = SEGMENT_HEADER_LENGTH + 100L * COMMAND_RECORD_LENGTH;
            assertTrue(Files.size(segment) > end, "zeros ahead of the records: " + Files.size(segment));
            assertTrue(Files.size(segment) <= end + STEP);
            assertTrue(zerosFrom(segment, end));
        }
        assertEquals(end, Files.size(segment), "close cuts the zeros off");
    }

    @Test
    void shouldRecoverWhatACrashLeftAndTreatTheZerosAsTheEndNotATornTail() throws IOException
    {
        final List<String> warnings = new ArrayList<>();
        try (JournalWriter writer = new JournalWriter(context(dir), 0))
        {
            drive(writer, null, CommandGenerator.standalone(2), 60, 5);
            copyAsCrashed();
        }
        final JournalContext context = context(crashed).warningSink(warnings::add);
        final Path segment = JournalFiles.segments(crashed).get(0);
        final long end = SEGMENT_HEADER_LENGTH + 60L * COMMAND_RECORD_LENGTH;
        assertTrue(Files.size(segment) > end, "the crash left preallocated zeros");

        final ScanResult read = new JournalReader(crashed, warnings::add).read(1, (command, id, file, position) -> { });
        assertEquals(60, read.recordsDelivered(), "a reader stops at the zeros");
        assertTrue(Files.size(segment) > end, "a reader changes nothing");

        final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final RecoveryResult result = new Recovery(context).recover(engine);

        assertEquals(60, result.lastSequence());
        assertEquals(60, result.replayedCount());
        assertEquals(hashAfter(2, 60), engine.stateHash());
        assertNull(result.scan().tailFile());
        assertEquals(List.of(), warnings);
        assertEquals(end, Files.size(segment), "recovery cut the zeros off");

        try (JournalWriter writer = new JournalWriter(context, result.lastSequence()))
        {
            assertTrue(Files.size(segment) > end, "preallocated again on reopening");
            final Command command = new Command();
            final CommandGenerator generator = CommandGenerator.standalone(2);
            for (int i = 1; i <= 60; i++)
            {
                generator.next(command, i);
            }
            assertTrue(writer.append(generator.next(command, 61)));
            writer.commit(0);
        }
        final MatchingEngine again = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        assertEquals(61, new Recovery(context).recover(again).lastSequence());
        assertEquals(hashAfter(2, 61), again.stateHash());
    }

    @Test
    void shouldTruncateATornRecordBeforeThePreallocatedZeros() throws IOException
    {
        final List<String> warnings = new ArrayList<>();
        try (JournalWriter writer = new JournalWriter(context(dir), 0))
        {
            drive(writer, null, CommandGenerator.standalone(3), 30, 4);
            copyAsCrashed();
        }
        final Path segment = JournalFiles.segments(crashed).get(0);
        final long lastRecord = SEGMENT_HEADER_LENGTH + 29L * COMMAND_RECORD_LENGTH;
        flipByte(segment, lastRecord + 50);

        final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final RecoveryResult result = new Recovery(context(crashed).warningSink(warnings::add)).recover(engine);

        assertEquals(29, result.lastSequence());
        assertEquals(hashAfter(3, 29), engine.stateHash());
        assertEquals(lastRecord, result.scan().tailPosition());
        assertEquals("checksum mismatch", result.scan().tailReason());
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(lastRecord, Files.size(segment));
    }

    @Test
    void shouldRefuseZerosFollowedByARecordAsDamage() throws IOException
    {
        try (JournalWriter writer = new JournalWriter(context(dir), 0))
        {
            drive(writer, null, CommandGenerator.standalone(4), 30, 4);
            copyAsCrashed();
        }
        final Path segment = JournalFiles.segments(crashed).get(0);
        final byte[] bytes = Files.readAllBytes(segment);
        final int tenth = SEGMENT_HEADER_LENGTH + 9 * COMMAND_RECORD_LENGTH;
        java.util.Arrays.fill(bytes, tenth, tenth + COMMAND_RECORD_LENGTH, (byte)0);
        Files.write(segment, bytes);

        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class, () ->
            new Recovery(context(crashed)).recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE)));

        assertEquals(tenth, ex.position());
        assertEquals(bytes.length, Files.size(segment), "nothing truncated");
    }

    @Test
    void shouldEndEveryRolledSegmentAtItsLastRecord() throws IOException
    {
        final long records = SEGMENT_HEADER_LENGTH + 50L * COMMAND_RECORD_LENGTH;
        final long segmentSize = records + COMMAND_RECORD_LENGTH / 2;
        final JournalContext context = context(dir).segmentSize(segmentSize);
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            drive(writer, null, CommandGenerator.standalone(5), 230, 9);
            final List<Path> segments = JournalFiles.segments(dir);
            assertEquals(5, segments.size());
            for (int i = 0; i < 4; i++)
            {
                assertEquals(records, Files.size(segments.get(i)), segments.get(i).toString());
            }
            final long open = SEGMENT_HEADER_LENGTH + 30L * COMMAND_RECORD_LENGTH;
            assertEquals(SEGMENT_HEADER_LENGTH + STEP, Files.size(writer.segment()), "preallocated at creation");
            assertTrue(zerosFrom(writer.segment(), open));
            copyAsCrashed();
        }
        final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final RecoveryResult result = new Recovery(context(crashed).segmentSize(segmentSize)).recover(engine);
        assertEquals(230, result.lastSequence());
        assertEquals(hashAfter(5, 230), engine.stateHash());
        assertNull(result.scan().tailFile());
        final List<Path> segments = JournalFiles.segments(dir);
        assertEquals(SEGMENT_HEADER_LENGTH + 30L * COMMAND_RECORD_LENGTH, Files.size(segments.get(4)),
            "close cut the last segment to its records");
    }

    @Test
    void shouldNotPreallocateUnderNone() throws IOException
    {
        try (JournalWriter writer = new JournalWriter(context(dir).durability(DurabilityPolicy.NONE), 0))
        {
            drive(writer, null, CommandGenerator.standalone(6), 10, 3);
            assertEquals(SEGMENT_HEADER_LENGTH + 10L * COMMAND_RECORD_LENGTH, Files.size(writer.segment()));
        }
    }
}
