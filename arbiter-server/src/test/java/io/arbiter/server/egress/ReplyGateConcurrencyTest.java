package io.arbiter.server.egress;

import com.lmax.disruptor.Sequence;
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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reply gate under concurrency: one thread plays the matching thread (reports, then a flush tagged with a rising
 * sequence), another the journal writer (advancing its durable position in random steps and waking the gate), and a
 * real event loop drains. Every report must arrive once everything is durable: no wake-up may be lost.
 */
class ReplyGateConcurrencyTest
{
    @Test
    void shouldDeliverEveryBatchOnceDurableWithoutLosingAWakeUp() throws Exception
    {
        final int batches = 20_000;
        final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
        final AtomicLong receivedBytes = new AtomicLong();
        final LocalAddress address = new LocalAddress("reply-gate-" + System.nanoTime());
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
                            receivedBytes.addAndGet(((ByteBuf)msg).readableBytes());
                            ((ByteBuf)msg).release();
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
                    // as the gateway's session handler does: resume the drain once the socket takes writes again
                    if (ctx.channel().isWritable() && egressRef.get() != null)
                    {
                        egressRef.get().drain();
                    }
                }
            }).connect(address).sync().channel();
        try
        {
            final Sequence durable = new Sequence(0);
            final ReplyGate gate = new ReplyGate().addDurabilityConsumer(durable);
            final ChannelSessionEgress egress = new ChannelSessionEgress(client, 64 * 1024 * 1024);
            egressRef.set(egress);
            egress.gate(gate);
            gate.register(egress);
            final AtomicLong handedOver = new AtomicLong();
            final Thread journal = new Thread(() ->
            {
                long position = 0;
                while (position < batches)
                {
                    final long target = Math.min(handedOver.get(), position + 1 + (position % 7));
                    if (target > position)
                    {
                        position = target;
                        durable.set(position);
                        gate.onDurable();
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
            }, "test-journal");
            journal.start();
            for (int i = 1; i <= batches; i++)
            {
                egress.onAccepted(10, i, 100 + i, 0, 0);
                egress.flush(i);
                handedOver.set(i);
            }
            journal.join(TimeUnit.SECONDS.toMillis(60));
            // liveness only: a quiet run delivers within a second; 60 s is far beyond 10x that
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            final long expected = expectedBytes(batches);
            while (System.nanoTime() < deadlineNs && receivedBytes.get() < expected)
            {
                Thread.sleep(20);
            }
            assertEquals(false, egress.overflowed(), "queue overflowed");
            assertEquals(expected, receivedBytes.get(), "every report arrived");
        }
        finally
        {
            client.close().sync();
            server.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static long expectedBytes(final int batches)
    {
        final io.arbiter.protocol.ServerMessageEncoder encoder = new io.arbiter.protocol.ServerMessageEncoder();
        final org.agrona.concurrent.UnsafeBuffer buffer =
            new org.agrona.concurrent.UnsafeBuffer(java.nio.ByteBuffer.allocate(256));
        long total = 0;
        for (int i = 1; i <= batches; i++)
        {
            total += encoder.encodeAccepted(buffer, 0, 256, i, 100 + i, 0, 0, 10);
        }
        return total;
    }
}
