package io.arbiter.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ForcedEchoLogTest
{
    @TempDir
    Path dir;

    @Test
    void shouldEchoWhatALoopCycleReadOnlyAfterOneForceOfItInTheFile() throws Exception
    {
        final ForcedEchoLog log = new ForcedEchoLog(dir);
        final EmbeddedChannel first = channel(log);
        final EmbeddedChannel second = channel(log);
        assertEquals(ForcedEchoLog.FILE_BYTES, Files.size(log.file()), "preallocated");

        // one loop cycle's reads (writeInbound would also run the loop's tasks)
        first.pipeline().fireChannelRead(bytes("one"));
        second.pipeline().fireChannelRead(bytes("two"));
        first.pipeline().fireChannelRead(bytes("three"));
        assertNull(first.readOutbound(), "nothing echoes before the cycle's force");
        assertNull(second.readOutbound(), "nothing echoes before the cycle's force");
        final byte[] start = Arrays.copyOf(Files.readAllBytes(log.file()), 11);
        assertEquals("onetwothree", new String(start, StandardCharsets.US_ASCII), "written in read order");

        // the embedded loop's cycle ends: the task the first read scheduled forces once and echoes all three
        first.runPendingTasks();
        assertEquals("one", text(first.readOutbound()));
        assertEquals("three", text(first.readOutbound()));
        assertEquals("two", text(second.readOutbound()));
        final Histogram forces = new Histogram(3);
        assertEquals(11, log.addForcesTo(forces), "the bytes the force covered");
        assertEquals(1, forces.getTotalCount(), "one force for the whole cycle");

        second.pipeline().fireChannelRead(bytes("four"));
        second.runPendingTasks();
        assertEquals("four", text(second.readOutbound()));
        log.resetFigures();
        assertEquals(0, log.addForcesTo(forces));
        assertArrayEquals("onetwothreefour".getBytes(StandardCharsets.US_ASCII),
            Arrays.copyOf(Files.readAllBytes(log.file()), 15), "appended after the first cycle's bytes");

        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
        final Path file = log.file();
        log.close();
        assertFalse(Files.exists(file), "deleted after the run");
    }

    private static EmbeddedChannel channel(final ForcedEchoLog log)
    {
        return new EmbeddedChannel(new ChannelInboundHandlerAdapter()
        {
            @Override
            public void channelRead(final ChannelHandlerContext ctx, final Object msg)
            {
                log.onRead(ctx, (ByteBuf)msg);
            }
        });
    }

    private static ByteBuf bytes(final String text)
    {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static String text(final Object message)
    {
        final ByteBuf buf = (ByteBuf)message;
        try
        {
            return buf.toString(StandardCharsets.US_ASCII);
        }
        finally
        {
            buf.release();
        }
    }
}
