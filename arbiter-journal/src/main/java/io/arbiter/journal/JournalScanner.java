package io.arbiter.journal;

import io.arbiter.engine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import static io.arbiter.journal.JournalDescriptor.*;

/**
 * Reads every segment of a data directory in order, validating length, checksum and sequence of each record, and
 * either truncates a bad tail of the last segment or throws {@link JournalCorruptedException}. One thread at a time;
 * the instance reuses its read buffer and command across passes.
 */
final class JournalScanner
{
    private static final int READ_BUFFER_SIZE = 4 * 1024 * 1024 / COMMAND_RECORD_LENGTH * COMMAND_RECORD_LENGTH;

    private final ByteBuffer buffer = JournalDescriptor.allocateDirect(READ_BUFFER_SIZE);
    private final ByteBuffer crcView = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final Command command = new Command();
    private final Consumer<String> warningSink;

    private long bufferFilePosition;
    private int bufferLength;
    private long previousSequence;
    private long coveredThrough;
    private String badReason;

    JournalScanner(final Consumer<String> warningSink)
    {
        this.warningSink = warningSink;
    }

    /**
     * Read the journal.
     *
     * @param dir            data directory.
     * @param coveredThrough sequence through which state comes from elsewhere (a snapshot, or not wanted): records at
     *                       or before it are not delivered, and the journal may start after 1 or jump up to
     *                       {@code coveredThrough + 1}.
     * @param skipCovered    skip reading segments that lie wholly at or before {@code coveredThrough}.
     * @param repair         truncate a bad tail (otherwise only report it).
     * @param handler        receives records after {@code coveredThrough}.
     * @param observer       receives every valid record read, or null.
     * @return what was found.
     */
    ScanResult scan(
        final Path dir,
        final long coveredThrough,
        final boolean skipCovered,
        final boolean repair,
        final JournalRecordHandler handler,
        final JournalRecordHandler observer)
    {
        final ScanResult result = new ScanResult();
        this.coveredThrough = coveredThrough;
        previousSequence = 0;
        result.lastSequence = coveredThrough;
        final List<Path> segments = JournalFiles.segments(dir);
        for (int i = 0, n = segments.size(); i < n; i++)
        {
            final Path segment = segments.get(i);
            if (skipCovered && i + 1 < n && segmentFirstSequence(segments.get(i + 1)) <= coveredThrough + 1)
            {
                result.segmentsSkipped++;
                continue;
            }
            scanSegment(segment, i == n - 1, repair, handler, observer, result);
            result.segmentsRead++;
        }
        if (previousSequence > result.lastSequence)
        {
            result.lastSequence = previousSequence;
        }
        return result;
    }

    private void scanSegment(
        final Path segment,
        final boolean isLast,
        final boolean repair,
        final JournalRecordHandler handler,
        final JournalRecordHandler observer,
        final ScanResult result)
    {
        final long nameSequence = segmentFirstSequence(segment);
        try (FileChannel channel = repair && isLast ?
            FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE) :
            FileChannel.open(segment, StandardOpenOption.READ))
        {
            final long size = channel.size();
            bufferFilePosition = 0;
            bufferLength = 0;
            fill(channel, 0, size);
            if (size >= SEGMENT_HEADER_LENGTH && buffer.getInt(SEGMENT_MAGIC_OFFSET) == SEGMENT_MAGIC &&
                buffer.getInt(SEGMENT_VERSION_OFFSET) != SEGMENT_VERSION)
            {
                // a whole header of another layout version is never a torn tail: refuse, never truncate
                throw new JournalCorruptedException(segment, SEGMENT_VERSION_OFFSET, nameSequence,
                    "segment format version " + buffer.getInt(SEGMENT_VERSION_OFFSET) + ", this build reads version " +
                    SEGMENT_VERSION + " only (version 1 had no client order ids, version 2 no stop price, display " +
                    "quantity or time, version 3 no operator commands); replay it with the build that " +
                    "wrote it, or start from a snapshot of the same version");
            }
            final String headerProblem = headerProblem(size, nameSequence);
            if (headerProblem != null)
            {
                if (isLast && !hasValidRecordAfter(channel, 0, size))
                {
                    badTail(segment, channel, 0, size, headerProblem, repair, result);
                    return;
                }
                throw new JournalCorruptedException(segment, 0, nameSequence, "bad segment header: " + headerProblem);
            }

            long position = SEGMENT_HEADER_LENGTH;
            boolean first = true;
            while (position < size)
            {
                int offset = (int)(position - bufferFilePosition);
                if (offset + COMMAND_RECORD_LENGTH > bufferLength && bufferFilePosition + bufferLength < size)
                {
                    fill(channel, position, size);
                    offset = 0;
                }
                if (!isValidRecord(offset, size - position))
                {
                    if (isLast && isZeroFrom(channel, position, size))
                    {
                        endOfPreallocation(channel, position, size, repair);
                        return;
                    }
                    if (isLast && !hasValidRecordAfter(channel, position + RECORD_ALIGNMENT, size))
                    {
                        badTail(segment, channel, position, size, badReason, repair, result);
                        return;
                    }
                    throw new JournalCorruptedException(segment, position, previousSequence + 1,
                        badReason + (isLast ? ", followed by valid records" : ", in a segment that is not the last"));
                }
                final long sequence = buffer.getLong(offset + SEQUENCE_OFFSET);
                checkSequence(segment, position, sequence, first, nameSequence);
                first = false;
                previousSequence = sequence;
                result.recordsRead++;
                result.countsByType[command.type().ordinal()]++;
                final long clientOrderId = decodeClientOrderId(buffer, offset);
                if (observer != null)
                {
                    observer.onRecord(command, clientOrderId, segment, position);
                }
                if (sequence > coveredThrough)
                {
                    result.recordsDelivered++;
                    handler.onRecord(command, clientOrderId, segment, position);
                }
                position += COMMAND_RECORD_LENGTH;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read journal segment " + segment, ex);
        }
    }

    private String headerProblem(final long size, final long nameSequence)
    {
        if (size < SEGMENT_HEADER_LENGTH)
        {
            return "torn header, " + size + " of " + SEGMENT_HEADER_LENGTH + " bytes";
        }
        if (buffer.getInt(SEGMENT_MAGIC_OFFSET) != SEGMENT_MAGIC)
        {
            return "bad magic 0x" + Integer.toHexString(buffer.getInt(SEGMENT_MAGIC_OFFSET));
        }
        if (buffer.getInt(SEGMENT_VERSION_OFFSET) != SEGMENT_VERSION)
        {
            return "unsupported version " + buffer.getInt(SEGMENT_VERSION_OFFSET);
        }
        if (buffer.getLong(SEGMENT_FIRST_SEQUENCE_OFFSET) != nameSequence)
        {
            return "first sequence " + buffer.getLong(SEGMENT_FIRST_SEQUENCE_OFFSET) + " does not match the file name";
        }
        return null;
    }

    private void checkSequence(
        final Path segment, final long position, final long sequence, final boolean first, final long nameSequence)
    {
        if (first && sequence != nameSequence)
        {
            throw new JournalCorruptedException(segment, position, sequence,
                "first record has sequence " + sequence + " but the segment starts at " + nameSequence);
        }
        final long expected = previousSequence + 1;
        if (sequence == expected)
        {
            return;
        }
        if (sequence > expected && sequence <= coveredThrough + 1)
        {
            return;
        }
        throw new JournalCorruptedException(segment, position, sequence,
            "sequence gap: expected " + expected + (expected <= coveredThrough ? " (or up to " + (coveredThrough + 1) +
            ")" : "") + " but found " + sequence);
    }

    private boolean isValidRecord(final int offset, final long available)
    {
        if (available < 4)
        {
            badReason = "torn record: " + available + " bytes, too short for a length";
            return false;
        }
        final int length = buffer.getInt(offset + LENGTH_OFFSET);
        if (length != COMMAND_RECORD_LENGTH)
        {
            badReason = "invalid record length " + length;
            return false;
        }
        if (available < length)
        {
            badReason = "torn record: " + available + " of " + length + " bytes";
            return false;
        }
        if (checksum(crc, crcView, offset, length) != buffer.getInt(offset + CHECKSUM_OFFSET))
        {
            badReason = "checksum mismatch";
            return false;
        }
        if (!decodeCommand(buffer, offset, command))
        {
            badReason = "invalid field value";
            return false;
        }
        return true;
    }

    private void fill(final FileChannel channel, final long position, final long size) throws IOException
    {
        buffer.clear();
        long readPosition = position;
        while (buffer.hasRemaining() && readPosition < size)
        {
            final int read = channel.read(buffer, readPosition);
            if (read < 0)
            {
                break;
            }
            readPosition += read;
        }
        bufferFilePosition = position;
        bufferLength = buffer.position();
        buffer.clear();
    }

    /**
     * Whether any aligned position from {@code from} on holds a record with a valid length and checksum: the
     * difference between a torn tail and damage in the middle. Error path only; produces garbage.
     */
    private boolean hasValidRecordAfter(final FileChannel channel, final long from, final long size) throws IOException
    {
        long position = Math.max(from, SEGMENT_HEADER_LENGTH);
        position += (RECORD_ALIGNMENT - position % RECORD_ALIGNMENT) % RECORD_ALIGNMENT;
        final ByteBuffer chunk = ByteBuffer.allocate(1024 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        final ByteBuffer view = chunk.duplicate();
        final CRC32C scratch = new CRC32C();
        while (position + COMMAND_RECORD_LENGTH <= size)
        {
            chunk.clear();
            while (chunk.hasRemaining() && position + chunk.position() < size)
            {
                if (channel.read(chunk, position + chunk.position()) < 0)
                {
                    break;
                }
            }
            final int length = chunk.position();
            int offset = 0;
            for (; offset + COMMAND_RECORD_LENGTH <= length; offset += RECORD_ALIGNMENT)
            {
                if (chunk.getInt(offset + LENGTH_OFFSET) == COMMAND_RECORD_LENGTH &&
                    checksum(scratch, view, offset, COMMAND_RECORD_LENGTH) == chunk.getInt(offset + CHECKSUM_OFFSET))
                {
                    return true;
                }
            }
            if (offset == 0)
            {
                break;
            }
            position += offset;
        }
        return false;
    }

    /**
     * Whether every byte from {@code from} to the end of the file is zero: the preallocated region the writer keeps
     * ahead of its records, i.e. the end of the journal (never a record: a record's length is never 0). End path
     * only; produces garbage.
     */
    private static boolean isZeroFrom(final FileChannel channel, final long from, final long size) throws IOException
    {
        final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long position = from;
        while (position < size)
        {
            chunk.clear();
            final int read = channel.read(chunk, position);
            if (read <= 0)
            {
                return false;
            }
            for (int i = 0; i < read; i++)
            {
                if (chunk.get(i) != 0)
                {
                    return false;
                }
            }
            position += read;
        }
        return true;
    }

    /**
     * The last segment ends in preallocated zeros: the journal ends at {@code position}. Repairing cuts them off so
     * the writer reopens the segment at its last record; nothing is reported (a clean end, not a torn tail).
     */
    private static void endOfPreallocation(
        final FileChannel channel,
        final long position,
        final long size,
        final boolean repair) throws IOException
    {
        if (repair && position < size)
        {
            channel.truncate(position);
            channel.force(true);
        }
    }

    private void badTail(
        final Path segment,
        final FileChannel channel,
        final long position,
        final long size,
        final String reason,
        final boolean repair,
        final ScanResult result) throws IOException
    {
        result.tailFile = segment;
        result.tailPosition = position;
        result.tailBytes = size - position;
        result.tailReason = reason;
        final String what = segment + " at byte " + position + " (after sequence " + previousSequence + "): " +
            reason + "; " + (size - position) + " bytes at the tail";
        if (!repair)
        {
            warningSink.accept("torn tail in " + what + " (not repaired)");
            return;
        }
        if (position == 0)
        {
            channel.close();
            Files.delete(segment);
            JournalFiles.forceDirectory(segment.toAbsolutePath().getParent());
            warningSink.accept("torn tail in " + what + "; deleted the segment, which held no record");
        }
        else
        {
            channel.truncate(position);
            channel.force(true);
            warningSink.accept("torn tail in " + what + "; truncated there");
        }
        result.tailRepaired = true;
    }
}
