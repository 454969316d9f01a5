package io.arbiter.journal;

import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
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
import static io.arbiter.journal.JournalTestSupport.drive;
import static io.arbiter.journal.JournalTestSupport.truncate;
import static org.junit.jupiter.api.Assertions.*;

class ToolsTest
{
    @TempDir
    Path dir;

    private MatchingEngine original;

    private JournalContext write(final int count, final boolean snapshot)
    {
        final JournalContext context = new JournalContext().dataDir(dir).durability(DurabilityPolicy.NONE)
            .segmentSize(SEGMENT_HEADER_LENGTH + 100 * COMMAND_RECORD_LENGTH).warningSink(message -> { });
        original = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final CommandGenerator generator = CommandGenerator.standalone(99);
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            final long half = drive(writer, original, generator, count / 2, 8);
            if (snapshot)
            {
                new SnapshotWriter(context).write(original, half);
            }
            drive(writer, original, generator, count - count / 2, 8);
        }
        return context;
    }

    @Test
    void shouldReadRecordsFromASequenceAcrossSegments()
    {
        write(1_000, false);
        final List<Long> sequences = new ArrayList<>();
        final ScanResult result = new JournalReader(dir, message -> { })
            .read(250, (command, clientOrderId, segment, position) -> sequences.add(command.sequence()));

        assertEquals(751, sequences.size());
        for (int i = 0; i < sequences.size(); i++)
        {
            assertEquals(250 + i, sequences.get(i));
        }
        assertEquals(1_000, result.lastSequence());
        assertEquals(2, result.segmentsSkipped());
    }

    @Test
    void shouldDumpOneLinePerRecordWithItsLocation()
    {
        write(300, false);
        final StringBuilder out = new StringBuilder();
        final ScanResult result = JournalDump.dump(dir, 298, Long.MAX_VALUE, out);

        final String[] lines = out.toString().split("\n");
        assertEquals(4, lines.length, out.toString());
        assertTrue(lines[0].startsWith("298 ts="), lines[0]);
        assertTrue(lines[0].endsWith("@journal-00000000000000000201.seg:" +
            (SEGMENT_HEADER_LENGTH + 97 * COMMAND_RECORD_LENGTH)), lines[0]);
        assertTrue(lines[2].startsWith("300 "), lines[2]);
        assertEquals("# 3 records from sequence 298, 3 printed; last sequence 300", lines[3]);
        assertEquals(3, result.recordsDelivered());
    }

    @Test
    void shouldReportCountsSnapshotTailAndStateHashWithoutModifyingFiles() throws IOException
    {
        final JournalContext context = write(1_000, true);
        final List<Path> segments = JournalFiles.segments(dir);
        final Path last = segments.get(segments.size() - 1);
        truncate(last, Files.size(last) - 1);
        final long size = Files.size(last);

        final MatchingEngine engine = new MatchingEngine(new EngineContext(), NoOpExecutionListener.INSTANCE);
        final ReplayReport report = ReplayReport.run(context, engine, false);
        final StringBuilder out = new StringBuilder();
        report.print(out);

        assertEquals(999, report.lastSequence());
        assertEquals(size, Files.size(last), "read-only");
        assertEquals(500, report.result().snapshotSequence());
        assertEquals(999, report.result().scan().recordsRead());
        long total = 0;
        for (final CommandType type : CommandType.values())
        {
            total += report.count(type);
        }
        assertEquals(999, total);
        assertTrue(report.count(CommandType.NEW) > report.count(CommandType.CANCEL));
        final String text = out.toString();
        assertTrue(text.contains("snapshot:        snapshot-00000000000000000500.snap last sequence 500"), text);
        assertTrue(text.contains("records:         999 NEW=" + report.count(CommandType.NEW)), text);
        assertTrue(text.contains("torn tail:       " + last), text);
        assertTrue(text.contains(String.format("state hash:      %016x", report.stateHash())), text);

        final MatchingEngine scratch = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        assertEquals(report.stateHash(), ReplayReport.run(context, scratch, true).stateHash());
    }
}
