package io.arbiter.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The durable echo of one echo-server event loop, the floor of a node that answers only what is on the disk: every
 * frame the loop reads is written to this loop's file (preallocated, reused from its start when full), and once per
 * loop cycle the file is forced ({@code fdatasync}) and only then is what was read in that cycle echoed (a group
 * commit, on the event loop itself: no thread hand-off, so no wake-up beyond the plain echo's). While a force runs
 * the loop reads nothing, so a frame that arrives then waits for the rest of it, as a node's commands wait for a force
 * in progress. Event loop only, apart from {@link #close()} after the loop has stopped.
 */
final class ForcedEchoLog implements Runnable
{
    /** Bytes preallocated per loop (written with zeros and forced before the run, as the journal's segments are). */
    static final int FILE_BYTES = 64 << 20;

    private static final long HIGHEST_NS = 60_000_000_000L;

    private final Path file;
    private final FileChannel channel;
    private final Histogram forces = new Histogram(HIGHEST_NS, 3);
    private ChannelHandlerContext[] contexts = new ChannelHandlerContext[64];
    private ByteBuf[] frames = new ByteBuf[64];
    private int pending;
    private long position;
    private long pendingBytes;
    private long bytesForced;
    private boolean scheduled;

    /**
     * Create and preallocate the loop's file.
     *
     * @param directory where to create it (the file is deleted on {@link #close()}).
     */
    ForcedEchoLog(final Path directory)
    {
        try
        {
            file = Files.createTempFile(directory, "arbiter-echo-", ".log");
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
            final ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < FILE_BYTES; at += zeros.capacity())
            {
                zeros.clear();
                while (zeros.hasRemaining())
                {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the durable echo's file in " + directory, ex);
        }
    }

    /**
     * Write a frame batch read on {@code ctx} to the file and hold it until the cycle's force (the event loop).
     *
     * @param ctx   where it came from and goes back to.
     * @param bytes what was read (released once echoed).
     */
    void onRead(final ChannelHandlerContext ctx, final ByteBuf bytes)
    {
        final int length = bytes.readableBytes();
        if (position + length > FILE_BYTES)
        {
            position = 0;
        }
        try
        {
            final ByteBuffer view = bytes.nioBuffer();
            while (view.hasRemaining())
            {
                position += channel.write(view, position);
            }
        }
        catch (final IOException ex)
        {
            bytes.release();
            throw new UncheckedIOException("durable echo: write failed", ex);
        }
        if (pending == frames.length)
        {
            frames = Arrays.copyOf(frames, pending * 2);
            contexts = Arrays.copyOf(contexts, pending * 2);
        }
        contexts[pending] = ctx;
        frames[pending++] = bytes;
        pendingBytes += length;
        if (!scheduled)
        {
            // runs after this cycle's reads: one force for all that the loop read in the cycle
            scheduled = true;
            ctx.executor().execute(this);
        }
    }

    /**
     * Force the file, then echo and flush everything held (the event loop, once per cycle with reads).
     */
    @Override
    public void run()
    {
        scheduled = false;
        final long startNs = System.nanoTime();
        try
        {
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("durable echo: force failed", ex);
        }
        forces.recordValue(Math.min(HIGHEST_NS, System.nanoTime() - startNs));
        bytesForced += pendingBytes;
        pendingBytes = 0;
        for (int i = 0; i < pending; i++)
        {
            contexts[i].write(frames[i], contexts[i].voidPromise());
        }
        for (int i = 0; i < pending; i++)
        {
            // a context held twice is flushed twice: the second finds nothing to write
            contexts[i].flush();
            contexts[i] = null;
            frames[i] = null;
        }
        pending = 0;
    }

    /**
     * Forget the forces recorded so far (the event loop; at the end of the warm-up).
     */
    void resetFigures()
    {
        forces.reset();
        bytesForced = 0;
    }

    /**
     * Add this loop's forces since {@link #resetFigures()} to {@code into} (the event loop).
     *
     * @param into histogram of force durations, ns.
     * @return the bytes those forces made durable.
     */
    long addForcesTo(final Histogram into)
    {
        into.add(forces);
        return bytesForced;
    }

    /**
     * @return the loop's file (deleted on {@link #close()}).
     */
    Path file()
    {
        return file;
    }

    /**
     * Close and delete the file (after the loop has stopped).
     */
    void close()
    {
        try
        {
            channel.close();
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("durable echo: cannot delete " + file, ex);
        }
    }
}
