package io.arbiter.server.egress;

import io.arbiter.engine.Side;
import io.arbiter.protocol.proto.ServerMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The chunked report queue with its producer (this thread, standing for the matching thread) and its consumer (a
 * Netty event loop) running at once: batches of random sizes, some far larger than a chunk, some after a pause that
 * lets the event loop give every chunk back, so chunks are handed back and lent again while the other side runs.
 */
class ChunkedReportQueueConcurrencyTest
{
    @Test
    void shouldDeliverEveryReportInOrderAndGiveEveryChunkBackWhileBothSidesRun() throws Exception
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final LocalAddress address = new LocalAddress("chunked-queue-" + seed);
        final Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
            .childHandler(new ChannelInitializer<LocalChannel>()
            {
                @Override
                protected void initChannel(final LocalChannel ch)
                {
                    ch.pipeline().addLast(new ChannelInboundHandlerAdapter()
                    {
                        @Override
                        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
                        {
                            final ByteBuf buf = (ByteBuf)msg;
                            final byte[] bytes = new byte[buf.readableBytes()];
                            buf.readBytes(bytes);
                            buf.release();
                            synchronized (received)
                            {
                                received.writeBytes(bytes);
                            }
                        }
                    });
                }
            }).bind(address).sync().channel();
        final AtomicReference<ChannelSessionEgress> egressRef = new AtomicReference<>();
        final Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
            .handler(new ChannelInboundHandlerAdapter()
            {
                @Override
                public void channelWritabilityChanged(final ChannelHandlerContext ctx)
                {
                    if (ctx.channel().isWritable() && egressRef.get() != null)
                    {
                        egressRef.get().drain();
                    }
                }
            }).connect(address).sync().channel();
        // smallest chunks, so that batches cross many chunk boundaries
        final EgressBufferPool pool = new EgressBufferPool(64 * 1024 * 1024, 1L << 30, 8 * 1024, 64);
        final io.arbiter.protocol.ServerMessageEncoder encoder = new io.arbiter.protocol.ServerMessageEncoder();
        final org.agrona.concurrent.UnsafeBuffer scratch =
            new org.agrona.concurrent.UnsafeBuffer(java.nio.ByteBuffer.allocate(256));
        long expectedBytes = 0;
        long tradeId = 0;
        try
        {
            final ChannelSessionEgress egress = new ChannelSessionEgress(client, pool, null);
            egressRef.set(egress);
            for (int batch = 0; batch < 3_000; batch++)
            {
                final int fills = random.nextInt(10) == 0 ? 1 + random.nextInt(600) : 1 + random.nextInt(20);
                for (int i = 0; i < fills; i++)
                {
                    tradeId++;
                    egress.onFill(20, tradeId, tradeId, tradeId, 0, Side.BUY, 100_000_000L, 1, 0, true);
                    expectedBytes += encoder.encodeFill(scratch, 0, 256, tradeId, tradeId, tradeId, 100_000_000L, 1, 0,
                        io.arbiter.protocol.WireEnums.liquidity(false), 0, io.arbiter.protocol.WireEnums.side(Side.BUY),
                        20);
                }
                egress.flush(ReplyGate.RELEASE_NOW);
                if (random.nextInt(50) == 0)
                {
                    Thread.sleep(1);
                }
            }
            assertFalse(egress.overflowed(), "seed " + seed);
            // liveness only: a quiet run delivers within a second; 60 s is far beyond 10x that
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadlineNs &&
                (egress.holdsQueue() || pool.chunksLent() != 0 || receivedBytes(received) < expectedBytes))
            {
                Thread.sleep(10);
            }
            assertEquals(0, pool.chunksLent(), "every chunk given back, seed " + seed);
            assertFalse(egress.holdsQueue());
        }
        finally
        {
            client.close().sync();
            server.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        final byte[] bytes;
        synchronized (received)
        {
            bytes = received.toByteArray();
        }
        long expected = 1;
        try (InputStream in = new ByteArrayInputStream(bytes))
        {
            for (ServerMessage m = ServerMessage.parseDelimitedFrom(in); m != null;
                m = ServerMessage.parseDelimitedFrom(in))
            {
                assertEquals(expected, m.getFill().getTradeId(), "report order, seed " + seed);
                expected++;
            }
        }
        assertEquals(tradeId + 1, expected, "every report arrived, seed " + seed);
    }

    private static long receivedBytes(final ByteArrayOutputStream received)
    {
        synchronized (received)
        {
            return received.size();
        }
    }
}
