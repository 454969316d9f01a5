package io.arbiter.server.gateway;

import io.arbiter.server.config.ServerContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The order gateway's listening socket and per-connection pipeline (TLS when configured, see {@link GatewayTls}; idle
 * detection; then {@link SessionHandler}),
 * with the socket options of the {@link ServerContext} and a {@link RecyclingByteBufAllocator} for the connections'
 * buffers. Control plane: started and stopped by the node.
 */
public final class Gateway
{
    static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";
    private static final String LEGACY_LEAK_PROPERTY = "io.netty.leakDetectionLevel";
    /** Slab size of the connections' allocator: Netty's largest read guess and the egress's largest batch. */
    static final int SLAB_BYTES = 64 * 1024;
    /** Slabs one event loop makes at most (as needed): 4 MiB of direct memory. */
    static final int SLABS_PER_EVENT_LOOP = 64;

    private final ServerContext context;
    private final GatewayState state;
    private final GatewayTransport transport;
    private final RecyclingByteBufAllocator allocator =
        new RecyclingByteBufAllocator(SLAB_BYTES, SLABS_PER_EVENT_LOOP, ByteBufAllocator.DEFAULT);
    private final Map<EventExecutor, IdleSweeper> idleSweepers = IdleSweeper.newRegistry();
    private Channel serverChannel;

    /**
     * @param context   configuration.
     * @param state     shared by the session handlers.
     * @param transport epoll or NIO.
     */
    public Gateway(final ServerContext context, final GatewayState state, final GatewayTransport transport)
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
        disableLeakDetectionUnlessConfigured();
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannelClass())
            .option(ChannelOption.SO_REUSEADDR, context.socket().reuseAddress())
            .childOption(ChannelOption.ALLOCATOR, allocator)
            .childOption(ChannelOption.TCP_NODELAY, context.socket().tcpNoDelay())
            .childOption(ChannelOption.SO_KEEPALIVE, context.socket().keepAlive())
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                context.socket().writeBufferLowWaterMark(), context.socket().writeBufferHighWaterMark()));
        if (context.socket().sendBufferBytes() > 0)
        {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, context.socket().sendBufferBytes());
        }
        if (context.socket().receiveBufferBytes() > 0)
        {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, context.socket().receiveBufferBytes());
        }
        if (transport == GatewayTransport.EPOLL && context.socket().keepAlive())
        {
            bootstrap.childOption(EpollChannelOption.TCP_KEEPIDLE, context.socket().keepIdleSeconds())
                .childOption(EpollChannelOption.TCP_KEEPINTVL, context.socket().keepIntervalSeconds())
                .childOption(EpollChannelOption.TCP_KEEPCNT, context.socket().keepCount());
        }
        final int idleTimeoutMs = context.idleTimeoutMs();
        final int heartbeatMs = context.heartbeatIntervalMs();
        final SslContext tls = GatewayTls.serverContext(context);
        bootstrap.childHandler(new ChannelInitializer<SocketChannel>()
        {
            @Override
            protected void initChannel(final SocketChannel channel)
            {
                if (tls != null)
                {
                    channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
                }
                channel.pipeline()
                    .addLast("idle", new SessionIdleHandler(idleTimeoutMs, heartbeatMs, idleSweepers))
                    .addLast("session", new SessionHandler(state));
            }
        });
        serverChannel = bootstrap.bind(new InetSocketAddress(context.bindAddress(), context.port())).sync().channel();
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * Netty's buffer leak detector (level SIMPLE by default) tracks 1 buffer in 128 with a record holding a stack
     * trace, i.e. garbage on the event loop in proportion to the messages. The node turns it off (JVM-wide) unless
     * the {@code io.netty.leakDetection.level} system property chooses a level, e.g. {@code paranoid} when hunting a
     * leak.
     *
     * @return true if this call turned detection off.
     */
    static boolean disableLeakDetectionUnlessConfigured()
    {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) != null || System.getProperty(LEGACY_LEAK_PROPERTY) != null)
        {
            return false;
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        return true;
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
     * @return the allocator of the connections' read, reply and egress buffers.
     */
    public RecyclingByteBufAllocator allocator()
    {
        return allocator;
    }

    /**
     * @return the transport in use.
     */
    public GatewayTransport transport()
    {
        return transport;
    }
}
