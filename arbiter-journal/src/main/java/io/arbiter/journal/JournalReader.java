package io.arbiter.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads journal records from a given sequence for tools ({@code arbiter journal dump}); never modifies the files. A
 * bad tail is reported to the warning sink; damage elsewhere throws {@link JournalCorruptedException}. One thread at a
 * time; it may run while a server appends to the same directory (it then sees a prefix).
 */
public final class JournalReader
{
    private final Path dataDir;
    private final JournalScanner scanner;

    /**
     * @param dataDir     data directory.
     * @param warningSink receives reports of a torn tail.
     */
    public JournalReader(final Path dataDir, final Consumer<String> warningSink)
    {
        this.dataDir = dataDir;
        this.scanner = new JournalScanner(warningSink);
    }

    /**
     * Give every record with a sequence at or after {@code fromSequence} to a handler, in sequence order. Segments
     * wholly before it are not read.
     *
     * @param fromSequence first sequence wanted (records start at 1; earlier segments may have been deleted).
     * @param handler      receives the records.
     * @return what was read; {@link ScanResult#recordsDelivered()} records went to the handler.
     */
    public ScanResult read(final long fromSequence, final JournalRecordHandler handler)
    {
        final List<Path> segments = JournalFiles.segments(dataDir);
        final long journalStart = segments.isEmpty() ? 1 : JournalDescriptor.segmentFirstSequence(segments.get(0));
        final long coveredThrough = Math.max(fromSequence, journalStart) - 1;
        return scanner.scan(dataDir, coveredThrough, true, false, handler, null);
    }
}
