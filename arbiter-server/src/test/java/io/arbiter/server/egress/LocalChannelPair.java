package io.arbiter.server.egress;

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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Two connected in-process channels on two event loops, for egress tests with a real consumer thread: the client
 * channel is the session's (its writability resumes the egress's drain, as the gateway's session handler does), the
 * server channel hands every buffer it reads to a consumer and releases it.
 */
final class LocalChannelPair
{
    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    private final AtomicReference<ChannelSessionEgress> egress = new AtomicReference<>();
    private final Channel server;
    private final Channel client;

    /**
     * @param name   of the local address (unique per test run).
     * @param onRead told each buffer the server side reads (released afterwards), on its event loop.
     * @throws InterruptedException if interrupted while binding or connecting.
     */
    LocalChannelPair(final String name, final Consumer<ByteBuf> onRead) throws InterruptedException
    {
        final LocalAddress address = new LocalAddress(name + "-" + System.nanoTime());
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
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
                            onRead.accept((ByteBuf)msg);
                            ((ByteBuf)msg).release();
                        }
                    });
                }
            }).bind(address).sync().channel();
        client = new Bootstrap().group(group).channel(LocalChannel.class)
            .handler(new ChannelInboundHandlerAdapter()
            {
                @Override
                public void channelWritabilityChanged(final ChannelHandlerContext ctx)
                {
                    final ChannelSessionEgress current = egress.get();
                    if (ctx.channel().isWritable() && current != null)
                    {
                        current.drain();
                    }
                }
            }).connect(address).sync().channel();
    }

    /**
     * @return the session's channel.
     */
    Channel client()
    {
        return client;
    }

    /**
     * @param sessionEgress the egress whose drain the client channel resumes once writable.
     * @return the egress.
     */
    ChannelSessionEgress resumes(final ChannelSessionEgress sessionEgress)
    {
        egress.set(sessionEgress);
        return sessionEgress;
    }

    /**
     * Close both channels and stop the event loops.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    void close() throws InterruptedException
    {
        client.close().sync();
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
}
