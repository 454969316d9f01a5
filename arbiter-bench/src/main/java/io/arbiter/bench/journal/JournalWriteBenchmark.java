package io.arbiter.bench.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.journal.JournalDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * One group commit of journal records written three ways: {@code FileChannel} positional writes appending to a
 * growing file (what {@link io.arbiter.journal.JournalWriter} does), {@code FileChannel} writes over a preallocated
 * file, and stores into a memory-mapped preallocated file; with {@code sync} the commit also forces
 * ({@code force(false)} or {@code MappedByteBuffer.force(index, length)}). One op = one batch of {@code batch}
 * 80-byte records encoded with {@link JournalDescriptor#encodeCommand}. Single threaded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalWriteBenchmark
{
    private static final int REGION = 64 * 1024 * 1024;

    /** How records reach the file. */
    @Param({"channelAppend", "channelPreallocated", "mmap"})
    public String method;

    /** Records per commit. */
    @Param({"1", "16", "256"})
    public int batch;

    /** Whether each commit forces to the device. */
    @Param({"false", "true"})
    public boolean sync;

    private final Command command = new Command();
    private final CRC32C crc = new CRC32C();
    private Path dir;
    private FileChannel channel;
    private MappedByteBuffer mapped;
    private ByteBuffer mappedView;
    private ByteBuffer buffer;
    private ByteBuffer bufferView;
    private ByteBuffer writeView;
    private long position;
    private long sequence;

    /**
     * Create and (except for channelAppend) preallocate the file.
     *
     * @throws IOException if the file cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("arbiter-journal-bench");
        channel = FileChannel.open(dir.resolve("bench.seg"),
            StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (!"channelAppend".equals(method))
        {
            final ByteBuffer zeros = ByteBuffer.allocateDirect(1024 * 1024);
            for (long p = 0; p < REGION; p += zeros.capacity())
            {
                zeros.clear();
                channel.write(zeros, p);
            }
            channel.force(true);
        }
        if ("mmap".equals(method))
        {
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, REGION);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            mappedView = mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer = ByteBuffer.allocateDirect(256 * JournalDescriptor.COMMAND_RECORD_LENGTH)
            .order(ByteOrder.LITTLE_ENDIAN);
        bufferView = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        writeView = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        command.newOrder(1, 7, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10_000_000_000L, 100,
            SelfTradePrevention.NONE).timestampNs(1);
    }

    /**
     * Close and delete the file.
     *
     * @throws IOException if it cannot be deleted.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        channel.close();
        mapped = null;
        Files.deleteIfExists(dir.resolve("bench.seg"));
        Files.deleteIfExists(dir);
    }

    /**
     * Encode and commit one batch.
     *
     * @return the file position, so the work is not dead.
     * @throws IOException if a write fails.
     */
    @Benchmark
    public long commitBatch() throws IOException
    {
        final int length = batch * JournalDescriptor.COMMAND_RECORD_LENGTH;
        if (position + length > REGION)
        {
            position = 0;
            if ("channelAppend".equals(method))
            {
                channel.truncate(0);
            }
        }
        if (mapped != null)
        {
            final int start = (int)position;
            for (int i = 0; i < batch; i++)
            {
                command.sequence(++sequence);
                JournalDescriptor.encodeCommand(
                    mapped, start + i * JournalDescriptor.COMMAND_RECORD_LENGTH, command, crc, mappedView);
            }
            if (sync)
            {
                mapped.force(start, length);
            }
        }
        else
        {
            for (int i = 0; i < batch; i++)
            {
                command.sequence(++sequence);
                JournalDescriptor.encodeCommand(
                    buffer, i * JournalDescriptor.COMMAND_RECORD_LENGTH, command, crc, bufferView);
            }
            writeView.limit(length).position(0);
            long p = position;
            while (writeView.hasRemaining())
            {
                p += channel.write(writeView, p);
            }
            if (sync)
            {
                channel.force(false);
            }
        }
        position += length;
        return position;
    }
}
