package io.arbiter.marketdata;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;

/**
 * The feed's TCP listener: accepts subscriber connections on its own port, each with a bounded outbound buffer (its
 * write water marks, and a kernel send buffer of the low water mark's size, so that a subscriber that does not read
 * shows as not writable after a bounded backlog instead of the kernel's autotuned megabytes), and hands them to a
 * {@link MarketDataSessionHandler}; with TLS on (the node's {@code tls.*} settings, as for order entry) each
 * connection gets its own {@code SslHandler} first, so a client that does not speak TLS fails the handshake and is
 * disconnected. Control plane.
 */
public final class MarketDataServer
{
    private final MarketDataAgent agent;
    private final WriteBufferWaterMark waterMark;
    private final int sendBufferBytes;
    private Channel serverChannel;

    /**
     * @param agent          serves the connections' requests.
     * @param lowWaterMark   bytes queued to a subscriber below which it is writable again.
     * @param highWaterMark  bytes queued to a subscriber above which it is not writable (gets no book updates).
     */
    public MarketDataServer(final MarketDataAgent agent, final int lowWaterMark, final int highWaterMark)
    {
        this.agent = agent;
        this.waterMark = new WriteBufferWaterMark(lowWaterMark, highWaterMark);
        this.sendBufferBytes = lowWaterMark;
    }

    /**
     * Bind (produces garbage).
     *
     * @param group        event loops of the connections.
     * @param channelClass server channel class of the transport.
     * @param bindAddress  address to bind.
     * @param port         port, 0 for an ephemeral one.
     * @param tls          TLS of the connections, or null for plaintext.
     * @return the bound port.
     * @throws InterruptedException if interrupted while binding.
     */
    public int start(
        final EventLoopGroup group,
        final Class<? extends ServerChannel> channelClass,
        final String bindAddress,
        final int port,
        final SslContext tls) throws InterruptedException
    {
        serverChannel = new ServerBootstrap()
            .group(group)
            .channel(channelClass)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
            .childOption(ChannelOption.SO_SNDBUF, sendBufferBytes)
            .childHandler(new ChannelInitializer<>()
            {
                @Override
                protected void initChannel(final Channel channel)
                {
                    if (tls != null)
                    {
                        channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
                    }
                    channel.pipeline().addLast(new MarketDataSessionHandler(agent));
                }
            })
            .bind(new InetSocketAddress(bindAddress, port)).sync().channel();
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * Stop accepting connections (the connections themselves close with their event loops).
     */
    public void stop()
    {
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
    }
}
