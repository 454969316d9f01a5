package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.support.CommandGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DurabilityPolicyTest
{
    @TempDir
    Path dir;

    private final CommandGenerator generator = CommandGenerator.standalone(5);
    private final Command command = new Command();

    private boolean commitOne(final JournalWriter writer, final long nowNs)
    {
        assertTrue(writer.append(generator.next(command, writer.lastSequence() + 1)));
        return writer.commit(nowNs);
    }

    @Test
    void shouldNeverForceUnderNone()
    {
        try (JournalWriter writer = new JournalWriter(
            new JournalContext().dataDir(dir).durability(DurabilityPolicy.NONE), 0))
        {
            for (int i = 0; i < 10; i++)
            {
                assertFalse(commitOne(writer, i));
            }
            assertEquals(0, writer.forceCount());
            assertEquals(10, writer.writtenSequence());
            assertEquals(0, writer.forcedSequence());
        }
    }

    @Test
    void shouldForceEveryCommitUnderBatch()
    {
        try (JournalWriter writer = new JournalWriter(
            new JournalContext().dataDir(dir).durability(DurabilityPolicy.BATCH), 0))
        {
            for (int i = 0; i < 5; i++)
            {
                assertTrue(commitOne(writer, 0));
                assertEquals(writer.lastSequence(), writer.forcedSequence());
            }
            assertFalse(writer.commit(0), "nothing new to force");
            assertEquals(5, writer.forceCount());
        }
    }

    @Test
    void shouldForceAtMostOncePerIntervalUnderInterval()
    {
        try (JournalWriter writer = new JournalWriter(new JournalContext().dataDir(dir)
            .durability(DurabilityPolicy.INTERVAL).forceIntervalNs(1_000), 0))
        {
            assertTrue(commitOne(writer, 10_000));
            assertFalse(commitOne(writer, 10_500));
            assertFalse(commitOne(writer, 10_999));
            assertEquals(1, writer.forcedSequence());
            assertEquals(3, writer.writtenSequence());
            assertFalse(writer.forceIfDue(10_999));
            assertTrue(writer.forceIfDue(11_000));
            assertEquals(3, writer.forcedSequence());
            assertFalse(writer.forceIfDue(50_000), "nothing new to force");
            assertTrue(commitOne(writer, 50_001));
            assertEquals(3, writer.forceCount());
        }
    }

    @Test
    void shouldCountAForceOnAnotherThreadAndNeverMoveTheForcedSequenceBack() throws Exception
    {
        try (JournalWriter writer = new JournalWriter(
            new JournalContext().dataDir(dir).durability(DurabilityPolicy.BATCH), 0))
        {
            assertTrue(writer.append(generator.next(command, 1)));
            assertTrue(writer.append(generator.next(command, 2)));
            assertEquals(2, writer.writeAppended());
            assertEquals(0, writer.forcedSequence(), "written, not forced");
            final FileChannel first = writer.segmentChannel();
            assertTrue(writer.append(generator.next(command, 3)));
            assertEquals(3, writer.writeAppended());

            final Thread later = new Thread(() -> writer.forceSegment(writer.segmentChannel(), 3));
            later.start();
            later.join();
            assertEquals(3, writer.forcedSequence());
            writer.forceSegment(first, 2);
            assertEquals(3, writer.forcedSequence(), "an earlier force finishing last does not lower it");
            assertEquals(2, writer.forceCount());
            assertFalse(writer.commit(0), "everything written is forced: nothing for commit to force");
        }
    }

    @Test
    void shouldCountAForceOfASegmentClosedByARollOverAsForced()
    {
        final int recordsPerSegment = 4;
        try (JournalWriter writer = new JournalWriter(new JournalContext().dataDir(dir)
            .durability(DurabilityPolicy.BATCH).segmentSize(JournalDescriptor.SEGMENT_HEADER_LENGTH +
                (long)recordsPerSegment * JournalDescriptor.COMMAND_RECORD_LENGTH), 0))
        {
            assertTrue(writer.append(generator.next(command, 1)));
            assertEquals(1, writer.writeAppended());
            final FileChannel old = writer.segmentChannel();
            for (long sequence = 2; sequence <= recordsPerSegment + 1; sequence++)
            {
                assertTrue(writer.append(generator.next(command, sequence)));
            }
            assertEquals(1, writer.rollCount());
            assertFalse(old.isOpen(), "the roll-over closed the old segment after forcing it");

            writer.forceSegment(old, 1);
            assertTrue(writer.forcedSequence() >= 1);
        }
    }
}
