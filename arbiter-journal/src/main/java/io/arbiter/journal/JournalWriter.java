package io.arbiter.journal;

import io.arbiter.engine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

import static io.arbiter.journal.JournalDescriptor.*;

/**
 * Appends sequenced commands to the journal and commits them in groups: the matching thread calls
 * {@link #append(Command)} for each command of a batch, then {@link #commit(long)}, and only then matches and
 * acknowledges. Single threaded: one thread owns a writer. {@code append} and {@code commit} allocate nothing except
 * when a segment rolls over.
 * <p>
 * Records are encoded into one reused direct buffer and written with positional {@link FileChannel} writes; see
 * {@code docs/journal.md} for why not a memory-mapped file. Under a forcing policy the segment is kept
 * {@link JournalContext#preallocateBytes() preallocated} with written zeros ahead of the records, so most forces
 * write data only; a roll-over and {@link #close()} cut the zeros off again.
 * <p>
 * One exception to the single thread: a writer that forces on other threads ({@link #writeAppended()} on the owning
 * thread, then {@link #forceSegment(FileChannel, long)} on any thread, several at once) lets a second group be
 * written and its force started while the force of the group before is still running.
 */
public final class JournalWriter implements AutoCloseable
{
    private final JournalContext context;
    private final DurabilityPolicy durability;
    private final long forceIntervalNs;
    private final long segmentSize;
    private final ByteBuffer buffer;
    private final ByteBuffer crcView;
    private final ByteBuffer writeView;
    private final CRC32C crc = new CRC32C();
    private final Path dir;
    private final long preallocateBytes;
    private final ByteBuffer zeros;

    private FileChannel channel;
    private Path segment;
    private long segmentPosition;
    /** End of the bytes written to the segment file (records, then preallocated zeros). */
    private long allocatedEnd;
    private int pending;
    private long lastSequence;
    private long writtenSequence;
    /** Last sequence known forced; advanced (never lowered) by the owning thread and by concurrent forces. */
    private final AtomicLong forcedSequence;
    private long nextForceDeadlineNs = Long.MIN_VALUE;
    private final AtomicLong forceCount = new AtomicLong();
    private long rollCount;
    private boolean closed;

    /**
     * Open the journal for appending after {@code lastSequence}, the last sequence of a completed
     * {@link Recovery} (which truncated any torn tail). Appends go to the end of the last segment, or to a new segment
     * when there is none or the last one does not end at {@code lastSequence} (control plane, produces garbage).
     *
     * @param context      configuration.
     * @param lastSequence last sequence already in the journal or a snapshot; the next append must be one more.
     * @throws UncheckedIOException if the files cannot be opened.
     */
    public JournalWriter(final JournalContext context, final long lastSequence)
    {
        this.context = context;
        this.durability = context.durability();
        this.forceIntervalNs = context.forceIntervalNs();
        this.segmentSize = context.segmentSize();
        this.dir = context.dataDir();
        this.preallocateBytes = durability == DurabilityPolicy.NONE ? 0 : context.preallocateBytes();
        this.zeros = preallocateBytes > 0 ?
            JournalDescriptor.allocateDirect((int)Math.min(64 * 1024, preallocateBytes)) : null;
        this.buffer = JournalDescriptor.allocateDirect(context.writeBufferSize());
        this.crcView = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.writeView = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.lastSequence = lastSequence;
        this.writtenSequence = lastSequence;
        this.forcedSequence = new AtomicLong(lastSequence);
        try
        {
            Files.createDirectories(dir);
            openLastSegment();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open journal in " + dir, ex);
        }
    }

    private void openLastSegment() throws IOException
    {
        final List<Path> segments = JournalFiles.segments(dir);
        if (segments.isEmpty())
        {
            createSegment(lastSequence + 1);
            return;
        }
        final Path last = segments.get(segments.size() - 1);
        final FileChannel existing = FileChannel.open(last, StandardOpenOption.READ, StandardOpenOption.WRITE);
        final long size = existing.size();
        final long records = (size - SEGMENT_HEADER_LENGTH) / COMMAND_RECORD_LENGTH;
        if (size < SEGMENT_HEADER_LENGTH || (size - SEGMENT_HEADER_LENGTH) % COMMAND_RECORD_LENGTH != 0)
        {
            existing.close();
            throw new IllegalStateException("segment " + last + " has a partial record; run Recovery first");
        }
        final long firstSequence = segmentFirstSequence(last);
        final long segmentLastSequence = firstSequence + records - 1;
        if (segmentLastSequence > lastSequence)
        {
            existing.close();
            throw new IllegalStateException("segment " + last + " ends at sequence " + segmentLastSequence +
                ", after the recovered last sequence " + lastSequence);
        }
        if (segmentLastSequence == lastSequence && size + COMMAND_RECORD_LENGTH <= segmentSize)
        {
            channel = existing;
            segment = last;
            segmentPosition = size;
            allocatedEnd = size;
            if (preallocateBytes > 0)
            {
                preallocate(size);
                channel.force(false);
            }
            return;
        }
        existing.close();
        if (records == 0)
        {
            Files.delete(last);
        }
        createSegment(lastSequence + 1);
    }

    /**
     * Append one sequenced command to the batch being built. It is not durable, and must not be acknowledged, until
     * {@link #commit(long)} returns. Allocates nothing unless the segment rolls over.
     *
     * @param command with the sequence and timestamp stamped by the sequencer; read, not kept.
     * @return true if appended; false, writing nothing, if its sequence is not {@link #lastSequence()} + 1.
     * @throws UncheckedIOException if a write fails; the journal is then unusable.
     */
    public boolean append(final Command command)
    {
        return append(command, NO_CLIENT_ORDER_ID);
    }

    /**
     * {@link #append(Command)} with the client order id of the command's order, kept so that recovery can give the
     * order back to its owner.
     *
     * @param command       with the sequence and timestamp stamped by the sequencer; read, not kept.
     * @param clientOrderId the owning session's id for the order, or {@link JournalDescriptor#NO_CLIENT_ORDER_ID}.
     * @return true if appended; false, writing nothing, if its sequence is not {@link #lastSequence()} + 1.
     * @throws UncheckedIOException if a write fails; the journal is then unusable.
     */
    public boolean append(final Command command, final long clientOrderId)
    {
        if (command.sequence() != lastSequence + 1)
        {
            return false;
        }
        if (segmentPosition + pending + COMMAND_RECORD_LENGTH > segmentSize)
        {
            roll(command.sequence());
        }
        if (pending + COMMAND_RECORD_LENGTH > buffer.capacity())
        {
            writePending();
        }
        pending += encodeCommand(buffer, pending, command, clientOrderId, crc, crcView);
        lastSequence = command.sequence();
        return true;
    }

    /**
     * Commit the batch: write every appended record and make it durable according to the durability policy. After
     * this returns the batch may be acknowledged. Allocates nothing.
     *
     * @param nowNs the caller's clock, used only by {@link DurabilityPolicy#INTERVAL}.
     * @return true if this call forced the journal to the device (everything appended so far is then on it).
     * @throws UncheckedIOException if a write or force fails; the journal is then unusable.
     */
    public boolean commit(final long nowNs)
    {
        writePending();
        switch (durability)
        {
            case BATCH:
                return force(nowNs);
            case INTERVAL:
                return forceIfDue(nowNs);
            default:
                return false;
        }
    }

    /**
     * Under {@link DurabilityPolicy#INTERVAL}, force committed records if the interval since the last force has
     * passed: call it when idle so the last batch before a quiet period becomes durable. Allocates nothing.
     *
     * @param nowNs the caller's clock.
     * @return true if it forced.
     */
    public boolean forceIfDue(final long nowNs)
    {
        if (durability == DurabilityPolicy.INTERVAL && forcedSequence.get() < writtenSequence &&
            nowNs >= nextForceDeadlineNs)
        {
            return force(nowNs);
        }
        return false;
    }

    private boolean force(final long nowNs)
    {
        if (forcedSequence.get() >= writtenSequence)
        {
            return false;
        }
        try
        {
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot force journal segment " + segment, ex);
        }
        advanceForced(writtenSequence);
        nextForceDeadlineNs = nowNs + forceIntervalNs;
        forceCount.incrementAndGet();
        return true;
    }

    /**
     * Write every appended record to the file (the page cache) without forcing it, whatever the policy; the caller
     * then forces on a thread of its own with {@link #forceSegment(FileChannel, long)}. Owning thread only; allocates
     * nothing.
     *
     * @return {@link #writtenSequence()}: the last command now written.
     * @throws UncheckedIOException if a write fails; the journal is then unusable.
     */
    public long writeAppended()
    {
        writePending();
        return writtenSequence;
    }

    /**
     * @return the file channel of the segment being written (owning thread): hand it, with the
     *         {@link #writtenSequence()} read at the same time, to {@link #forceSegment(FileChannel, long)}.
     */
    public FileChannel segmentChannel()
    {
        return channel;
    }

    /**
     * Force a segment's channel to the device and record that every command up to {@code writtenSequence} is forced.
     * Any thread, several at once, concurrently with the owning thread's writes: {@code fdatasync} makes durable every
     * byte written to the file before it was called (it also waits for write-back already in progress), so a force
     * that returns covers the commands written when the caller read {@code channel} and {@code writtenSequence}
     * (both from the owning thread, after {@link #writeAppended()}), whichever force started first. A channel closed
     * meanwhile was closed by a roll-over or {@link #close()}, both of which force it first (nothing else closes a
     * segment channel), so it counts as forced. Allocates nothing.
     *
     * @param channel         {@link #segmentChannel()} as read after the write.
     * @param writtenSequence {@link #writtenSequence()} as read after the write.
     * @throws UncheckedIOException if the force fails; the journal is then unusable.
     */
    public void forceSegment(final FileChannel channel, final long writtenSequence)
    {
        try
        {
            channel.force(false);
        }
        catch (final ClosedChannelException ex)
        {
            // closed by a roll-over or close(), after a force that covered every write before it
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot force journal segment", ex);
        }
        advanceForced(writtenSequence);
        forceCount.incrementAndGet();
    }

    private void advanceForced(final long sequence)
    {
        long current = forcedSequence.get();
        while (sequence > current && !forcedSequence.compareAndSet(current, sequence))
        {
            current = forcedSequence.get();
        }
    }

    private void writePending()
    {
        if (pending == 0)
        {
            return;
        }
        writeView.limit(pending).position(0);
        try
        {
            long position = segmentPosition;
            while (writeView.hasRemaining())
            {
                position += channel.write(writeView, position);
            }
            if (position > allocatedEnd)
            {
                allocatedEnd = position;
                if (preallocateBytes > 0)
                {
                    preallocate(position);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write journal segment " + segment, ex);
        }
        segmentPosition += pending;
        pending = 0;
        writtenSequence = lastSequence;
    }

    /**
     * Write zeros from {@code from} (the end of the records) up to one preallocation step beyond it, capped at the
     * segment size; the next force makes them and the new file size durable. Allocates nothing.
     */
    private void preallocate(final long from) throws IOException
    {
        final long end = Math.min(segmentSize, from + preallocateBytes);
        long position = from;
        while (position < end)
        {
            zeros.clear().limit((int)Math.min(zeros.capacity(), end - position));
            position += channel.write(zeros, position);
        }
        allocatedEnd = Math.max(allocatedEnd, end);
    }

    /**
     * Cut preallocated zeros off the end of the segment (before a roll-over or close), so that every segment but the
     * one being written ends with its last record; the caller forces afterwards.
     */
    private void trimPreallocation() throws IOException
    {
        if (allocatedEnd > segmentPosition)
        {
            channel.truncate(segmentPosition);
            allocatedEnd = segmentPosition;
        }
    }

    private void roll(final long firstSequence)
    {
        writePending();
        try
        {
            if (durability != DurabilityPolicy.NONE)
            {
                trimPreallocation();
                channel.force(false);
                advanceForced(writtenSequence);
            }
            channel.close();
            createSegment(firstSequence);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot roll journal segment " + segment, ex);
        }
        rollCount++;
    }

    private void createSegment(final long firstSequence) throws IOException
    {
        final Path path = dir.resolve(segmentFileName(firstSequence));
        final FileChannel created = FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        final ByteBuffer header = ByteBuffer.allocate(SEGMENT_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        encodeSegmentHeader(header, firstSequence);
        while (header.hasRemaining())
        {
            created.write(header, header.position());
        }
        channel = created;
        segment = path;
        segmentPosition = SEGMENT_HEADER_LENGTH;
        allocatedEnd = SEGMENT_HEADER_LENGTH;
        if (preallocateBytes > 0)
        {
            preallocate(SEGMENT_HEADER_LENGTH);
        }
        if (durability != DurabilityPolicy.NONE)
        {
            created.force(true);
            JournalFiles.forceDirectory(dir);
        }
    }

    /**
     * @return sequence of the last appended command (committed or not).
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @return sequence of the last command written to the file (in the page cache at least).
     */
    public long writtenSequence()
    {
        return writtenSequence;
    }

    /**
     * @return sequence of the last command known to be forced to the device.
     */
    public long forcedSequence()
    {
        return forcedSequence.get();
    }

    /**
     * @return number of forces done by commits and by {@link #forceSegment(FileChannel, long)}.
     */
    public long forceCount()
    {
        return forceCount.get();
    }

    /**
     * @return number of segment roll-overs.
     */
    public long rollCount()
    {
        return rollCount;
    }

    /**
     * @return the segment being appended to.
     */
    public Path segment()
    {
        return segment;
    }

    /**
     * @return the configuration.
     */
    public JournalContext context()
    {
        return context;
    }

    /**
     * Write and (unless the policy is {@link DurabilityPolicy#NONE}) force what was appended, cut off the preallocated
     * zeros, then close the file.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            writePending();
            if (durability != DurabilityPolicy.NONE && (forcedSequence.get() < writtenSequence ||
                allocatedEnd > segmentPosition))
            {
                trimPreallocation();
                channel.force(false);
                advanceForced(writtenSequence);
            }
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close journal segment " + segment, ex);
        }
    }
}
