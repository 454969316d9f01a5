package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.engine.support.CommandGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

import static io.arbiter.journal.JournalDescriptor.COMMAND_RECORD_LENGTH;
import static io.arbiter.journal.JournalDescriptor.SEGMENT_HEADER_LENGTH;
import static io.arbiter.journal.JournalTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class RecoveryTest
{
    private static final int RECORDS = 20;

    @TempDir
    Path dir;

    private JournalContext context()
    {
        return new JournalContext().dataDir(dir).durability(DurabilityPolicy.NONE);
    }

    private long writeRecords(final JournalContext context, final int count, final long seed)
    {
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            return drive(writer, null, CommandGenerator.standalone(seed), count, 4);
        }
    }


    @Test
    void shouldRecoverEveryRecordOfACleanJournal()
    {
        final JournalContext context = context();
        final List<String> warnings = warnings(context);
        writeRecords(context, RECORDS, 1);
        final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final RecoveryResult result = new Recovery(context).recover(engine);
        assertEquals(RECORDS, result.lastSequence());
        assertEquals(RECORDS, result.replayedCount());
        assertNull(result.scan().tailFile());
        assertEquals(hashAfter(1, RECORDS), engine.stateHash());
        assertEquals(List.of(), warnings);
    }

    @Test
    void shouldTruncateTornWriteAtEveryByteOffsetOfTheLastRecord() throws IOException
    {
        final JournalContext context = context();
        writeRecords(context, RECORDS, 2);
        final Path segment = JournalFiles.segments(dir).get(0);
        final byte[] intact = Files.readAllBytes(segment);
        final long lastRecord = SEGMENT_HEADER_LENGTH + (long)(RECORDS - 1) * COMMAND_RECORD_LENGTH;
        assertEquals(lastRecord + COMMAND_RECORD_LENGTH, intact.length);
        final long expectedHash = hashAfter(2, RECORDS - 1);

        for (int cut = 0; cut < COMMAND_RECORD_LENGTH; cut++)
        {
            Files.write(segment, intact);
            truncate(segment, lastRecord + cut);
            final List<String> warnings = warnings(context);
            final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);

            final RecoveryResult result = new Recovery(context).recover(engine);

            assertEquals(RECORDS - 1, result.lastSequence(), "cut at " + cut);
            assertEquals(expectedHash, engine.stateHash(), "cut at " + cut);
            assertEquals(lastRecord, Files.size(segment), "cut at " + cut);
            if (cut == 0)
            {
                assertNull(result.scan().tailFile());
                assertEquals(List.of(), warnings);
            }
            else
            {
                assertEquals(segment, result.scan().tailFile());
                assertEquals(lastRecord, result.scan().tailPosition());
                assertEquals(cut, result.scan().tailBytes());
                assertTrue(result.scan().tailRepaired());
                assertEquals(1, warnings.size(), warnings.toString());
                assertTrue(warnings.get(0).contains(segment.toString()) &&
                    warnings.get(0).contains("at byte " + lastRecord), warnings.get(0));
            }

            try (JournalWriter writer = new JournalWriter(context, result.lastSequence()))
            {
                assertTrue(writer.append(CommandGenerator.standalone(9).next(new Command(), RECORDS)));
                writer.commit(0);
            }
            assertEquals(RECORDS,
                new Recovery(context).recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE))
                .lastSequence(), "append after repair, cut at " + cut);
        }
    }

    @Test
    void shouldTruncateRecordWithBadChecksumAtTheTail() throws IOException
    {
        final JournalContext context = context();
        final List<String> warnings = warnings(context);
        writeRecords(context, RECORDS, 3);
        final Path segment = JournalFiles.segments(dir).get(0);
        final long lastRecord = SEGMENT_HEADER_LENGTH + (long)(RECORDS - 1) * COMMAND_RECORD_LENGTH;
        flipByte(segment, lastRecord + 40);

        final RecoveryResult result =
            new Recovery(context).recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE));

        assertEquals(RECORDS - 1, result.lastSequence());
        assertEquals("checksum mismatch", result.scan().tailReason());
        assertEquals(lastRecord, Files.size(segment));
        assertTrue(warnings.get(0).contains("checksum mismatch"), warnings.toString());
    }

    @Test
    void shouldTreatAZeroFilledTailAsTheEndOfTheJournalAndCutItOff() throws IOException
    {
        final JournalContext context = context();
        final List<String> warnings = warnings(context);
        writeRecords(context, RECORDS, 3);
        final Path segment = JournalFiles.segments(dir).get(0);
        final long end = Files.size(segment);
        Files.write(segment, new byte[4099], java.nio.file.StandardOpenOption.APPEND);

        final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final RecoveryResult result = new Recovery(context).recover(engine);

        assertEquals(RECORDS, result.lastSequence());
        assertEquals(hashAfter(3, RECORDS), engine.stateHash());
        assertNull(result.scan().tailFile(), "preallocated zeros are no torn tail");
        assertEquals(List.of(), warnings);
        assertEquals(end, Files.size(segment));
    }

    @Test
    void shouldStopWithClearErrorOnCorruptionInTheMiddleOfTheLastSegment() throws IOException
    {
        final JournalContext context = context();
        writeRecords(context, RECORDS, 4);
        final Path segment = JournalFiles.segments(dir).get(0);
        final long fifth = SEGMENT_HEADER_LENGTH + 4L * COMMAND_RECORD_LENGTH;
        flipByte(segment, fifth + 33);
        final long sizeBefore = Files.size(segment);

        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
            () -> new Recovery(context).recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE)));

        assertEquals(segment, ex.file());
        assertEquals(fifth, ex.position());
        assertEquals(5, ex.sequence());
        assertTrue(ex.getMessage().contains(segment.toString()) && ex.getMessage().contains("at byte " + fifth) &&
            ex.getMessage().contains("sequence 5") && ex.getMessage().contains("followed by valid records"),
            ex.getMessage());
        assertEquals(sizeBefore, Files.size(segment), "must not truncate valid data");
    }

    @Test
    void shouldFindValidRecordsBeyondMegabytesOfDamage() throws IOException
    {
        final JournalContext context = context();
        writeRecords(context, 40_000, 12);
        final Path segment = JournalFiles.segments(dir).get(0);
        final long damageStart = SEGMENT_HEADER_LENGTH + 9L * COMMAND_RECORD_LENGTH;
        final long damageEnd = SEGMENT_HEADER_LENGTH + 39_990L * COMMAND_RECORD_LENGTH;
        try (java.nio.channels.FileChannel channel =
            java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate((int)(damageEnd - damageStart)), damageStart);
        }

        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
            () -> new Recovery(context).recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE)));

        assertEquals(damageStart, ex.position());
        assertEquals(10, ex.sequence());
        assertTrue(ex.getMessage().contains("followed by valid records"), ex.getMessage());
    }

    @Test
    void shouldStopOnCorruptionAtTheEndOfASegmentThatIsNotTheLast() throws IOException
    {
        final JournalContext context = context().segmentSize(SEGMENT_HEADER_LENGTH + 5 * COMMAND_RECORD_LENGTH);
        writeRecords(context, RECORDS, 5);
        final List<Path> segments = JournalFiles.segments(dir);
        assertEquals(4, segments.size());
        final Path second = segments.get(1);
        final long lastOfSecond = SEGMENT_HEADER_LENGTH + 4L * COMMAND_RECORD_LENGTH;
        truncate(second, lastOfSecond + 10);

        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
            () -> new Recovery(context).recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE)));

        assertEquals(second, ex.file());
        assertEquals(lastOfSecond, ex.position());
        assertEquals(10, ex.sequence());
        assertTrue(ex.getMessage().contains("not the last"), ex.getMessage());
    }

    @Test
    void shouldStopOnSequenceGap() throws IOException
    {
        final Path segment = dir.resolve(JournalDescriptor.segmentFileName(1));
        final ByteBuffer buffer = ByteBuffer.allocate(SEGMENT_HEADER_LENGTH + 3 * COMMAND_RECORD_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        JournalDescriptor.encodeSegmentHeader(buffer, 1);
        final CommandGenerator generator = CommandGenerator.standalone(6);
        final CRC32C crc = new CRC32C();
        final long[] sequences = {1, 2, 4};
        for (int i = 0; i < sequences.length; i++)
        {
            JournalDescriptor.encodeCommand(buffer, SEGMENT_HEADER_LENGTH + i * COMMAND_RECORD_LENGTH,
                generator.next(new Command(), sequences[i]), crc, buffer.duplicate());
        }
        Files.write(segment, buffer.array());

        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
            () -> new Recovery(context()).recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE)));

        assertEquals(segment, ex.file());
        assertEquals(SEGMENT_HEADER_LENGTH + 2L * COMMAND_RECORD_LENGTH, ex.position());
        assertEquals(4, ex.sequence());
        assertTrue(ex.getMessage().contains("sequence gap: expected 3 but found 4"), ex.getMessage());
    }

    @Test
    void shouldStopWhenTheJournalStartsAfterOneWithoutASnapshot() throws IOException
    {
        final JournalContext context = context().segmentSize(SEGMENT_HEADER_LENGTH + 5 * COMMAND_RECORD_LENGTH);
        writeRecords(context, RECORDS, 5);
        Files.delete(JournalFiles.segments(dir).get(0));

        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
            () -> new Recovery(context).recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE)));

        assertEquals(6, ex.sequence());
    }

    @Test
    void shouldRollOverManySmallSegmentsAndReplayAcrossThem()
    {
        final JournalContext context = context()
            .durability(DurabilityPolicy.BATCH)
            .segmentSize(SEGMENT_HEADER_LENGTH + 7 * COMMAND_RECORD_LENGTH + 50);
        final MatchingEngine original = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final long last;
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            last = drive(writer, original, CommandGenerator.standalone(8), 1_000, 16);
            assertEquals(142, writer.rollCount());
        }
        final List<Path> segments = JournalFiles.segments(dir);
        assertEquals(143, segments.size());
        for (int i = 0; i < segments.size(); i++)
        {
            assertEquals(1 + 7L * i, JournalDescriptor.segmentFirstSequence(segments.get(i)));
        }

        final MatchingEngine recovered = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final RecoveryResult result = new Recovery(context).recover(recovered);

        assertEquals(last, result.lastSequence());
        assertEquals(143, result.scan().segmentsRead());
        assertEquals(original.stateHash(), recovered.stateHash());
    }

    @Test
    void shouldRefuseAppendOutOfSequence()
    {
        try (JournalWriter writer = new JournalWriter(context(), 10))
        {
            final Command command = CommandGenerator.standalone(1).next(new Command(), 12);
            assertFalse(writer.append(command));
            assertFalse(writer.append(command.sequence(10)));
            assertTrue(writer.append(command.sequence(11)));
            assertEquals(11, writer.lastSequence());
            assertEquals(JournalDescriptor.segmentFileName(11), writer.segment().getFileName().toString());
        }
    }

    @Test
    void shouldDeleteAnEmptyTornSegmentAtTheTail() throws IOException
    {
        final JournalContext context = context();
        final List<String> warnings = warnings(context);
        writeRecords(context, RECORDS, 10);
        final Path torn = dir.resolve(JournalDescriptor.segmentFileName(RECORDS + 1));
        Files.write(torn, new byte[] {0x41, 0x52, 0x42});

        final RecoveryResult result =
            new Recovery(context).recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE));

        assertEquals(RECORDS, result.lastSequence());
        assertFalse(Files.exists(torn));
        assertTrue(warnings.get(0).contains("torn header"), warnings.toString());
    }

    @Test
    void shouldOnlyReportTheTailWhenNotRepairing() throws IOException
    {
        final JournalContext context = context();
        final List<String> warnings = warnings(context);
        writeRecords(context, RECORDS, 11);
        final Path segment = JournalFiles.segments(dir).get(0);
        truncate(segment, Files.size(segment) - 5);
        final long size = Files.size(segment);

        final RecoveryResult result = new Recovery(context).repair(false)
            .recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE));

        assertEquals(RECORDS - 1, result.lastSequence());
        assertFalse(result.scan().tailRepaired());
        assertEquals(size, Files.size(segment));
        assertTrue(warnings.get(0).contains("not repaired"), warnings.toString());
    }
}
