package io.arbiter.server.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntSupplier;

/**
 * The number of threads the kernel has runnable right now (running or waiting for a CPU), read from the fourth field
 * of Linux's {@code /proc/loadavg} ({@code running/total}). More runnable threads than CPUs means some thread waits
 * for a core: a polling event loop then takes CPU time from real work ({@link DurableReplyPoll}). Reads into one
 * preallocated buffer with a positional read: no garbage. One thread only (the event loop that owns it).
 */
final class RunQueueProbe implements IntSupplier
{
    /** The probe's answer when the file cannot be read or parsed. */
    static final int UNKNOWN = -1;
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private static final int FIELD = 3;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(128);

    private RunQueueProbe(final FileChannel channel)
    {
        this.channel = channel;
    }

    /**
     * Produces garbage (control plane).
     *
     * @return a probe of this machine's run queue, or null where {@code /proc/loadavg} cannot be read (not Linux).
     */
    static RunQueueProbe open()
    {
        if (!Files.isReadable(LOADAVG))
        {
            return null;
        }
        try
        {
            final RunQueueProbe probe = new RunQueueProbe(FileChannel.open(LOADAVG, StandardOpenOption.READ));
            return probe.getAsInt() == UNKNOWN ? null : probe;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * @return runnable threads now, or {@link #UNKNOWN}.
     */
    @Override
    public int getAsInt()
    {
        buffer.clear();
        try
        {
            channel.read(buffer, 0);
        }
        catch (final IOException ex)
        {
            return UNKNOWN;
        }
        return parse(buffer, buffer.position());
    }

    /**
     * @param text  a {@code /proc/loadavg} line from index 0.
     * @param limit bytes of it.
     * @return the running count of its fourth field, or {@link #UNKNOWN}.
     */
    static int parse(final ByteBuffer text, final int limit)
    {
        int field = 0;
        int index = 0;
        while (index < limit && field < FIELD)
        {
            if (text.get(index++) == ' ')
            {
                field++;
            }
        }
        int value = 0;
        int digits = 0;
        while (index < limit && digits < 9)
        {
            final byte b = text.get(index);
            if (b < '0' || b > '9')
            {
                break;
            }
            value = value * 10 + (b - '0');
            digits++;
            index++;
        }
        return field == FIELD && digits > 0 && index < limit && text.get(index) == '/' ? value : UNKNOWN;
    }
}
