package io.arbiter.server.gateway;

import io.arbiter.server.ServerContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The order gateway's listening socket and per-connection pipeline (idle detection, then {@link SessionHandler}),
 * with the socket options of the {@link ServerContext}. Control plane: started and stopped by the node.
 */
public final class Gateway
{
    private final ServerContext context;
    private final GatewayState state;
    private final Transport transport;
    private Channel serverChannel;

    /**
     * @param context   configuration.
     * @param state     shared by the session handlers.
     * @param transport epoll or NIO.
     */
    public Gateway(final ServerContext context, final GatewayState state, final Transport transport)
    {
        this.context = context;
        this.state = state;
        this.transport = transport;
    }

    /**
     * Bind the listening socket (blocks until bound).
     *
     * @param group event loops for the listener and the connections.
     * @return the bound port.
     * @throws InterruptedException if interrupted while binding.
     */
    public int start(final EventLoopGroup group) throws InterruptedException
    {
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannelClass())
            .option(ChannelOption.SO_REUSEADDR, context.reuseAddress())
            .childOption(ChannelOption.TCP_NODELAY, context.tcpNoDelay())
            .childOption(ChannelOption.SO_KEEPALIVE, context.keepAlive())
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                context.writeBufferLowWaterMark(), context.writeBufferHighWaterMark()));
        if (context.sendBufferBytes() > 0)
        {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, context.sendBufferBytes());
        }
        if (context.receiveBufferBytes() > 0)
        {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, context.receiveBufferBytes());
        }
        if (transport == Transport.EPOLL && context.keepAlive())
        {
            bootstrap.childOption(EpollChannelOption.TCP_KEEPIDLE, context.keepIdleSeconds())
                .childOption(EpollChannelOption.TCP_KEEPINTVL, context.keepIntervalSeconds())
                .childOption(EpollChannelOption.TCP_KEEPCNT, context.keepCount());
        }
        final int idleTimeoutMs = context.idleTimeoutMs();
        final int heartbeatMs = context.heartbeatIntervalMs();
        bootstrap.childHandler(new ChannelInitializer<SocketChannel>()
        {
            @Override
            protected void initChannel(final SocketChannel channel)
            {
                channel.pipeline()
                    .addLast("idle", new IdleStateHandler(idleTimeoutMs, heartbeatMs, 0, TimeUnit.MILLISECONDS))
                    .addLast("session", new SessionHandler(state));
            }
        });
        serverChannel = bootstrap.bind(new InetSocketAddress(context.bindAddress(), context.port())).sync().channel();
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * Stop accepting connections (blocks until the listener is closed).
     *
     * @throws InterruptedException if interrupted.
     */
    public void stopAccepting() throws InterruptedException
    {
        if (serverChannel != null)
        {
            serverChannel.close().sync();
        }
    }

    /**
     * @return the transport in use.
     */
    public Transport transport()
    {
        return transport;
    }
}
