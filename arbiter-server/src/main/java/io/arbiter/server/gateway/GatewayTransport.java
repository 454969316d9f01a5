package io.arbiter.server.gateway;

import io.arbiter.server.config.ConfigException;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.nio.channels.spi.SelectorProvider;

/**
 * The Netty transport of the gateway: native epoll on Linux when it loads, NIO elsewhere, or forced by the
 * {@code net.transport} setting. Immutable.
 */
public enum GatewayTransport
{
    /** Linux native epoll. */
    EPOLL,
    /** Java NIO selector. */
    NIO;

    /**
     * @param setting {@code auto}, {@code epoll} or {@code nio}.
     * @return the transport to use.
     * @throws ConfigException if epoll is forced but cannot load.
     */
    public static GatewayTransport select(final String setting)
    {
        switch (setting)
        {
            case "epoll":
                if (!Epoll.isAvailable())
                {
                    throw new ConfigException("net.transport: epoll is not available here: " +
                        Epoll.unavailabilityCause());
                }
                return EPOLL;
            case "nio":
                return NIO;
            default:
                return Epoll.isAvailable() ? EPOLL : NIO;
        }
    }

    /**
     * @return factory of the event loops' I/O handlers.
     */
    public IoHandlerFactory ioHandlerFactory()
    {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /**
     * @param selectStrategies how each loop decides between sleeping and polling.
     * @return factory of the event loops' I/O handlers with that strategy.
     */
    public IoHandlerFactory ioHandlerFactory(final SelectStrategyFactory selectStrategies)
    {
        return this == EPOLL ? EpollIoHandler.newFactory(0, selectStrategies) :
            NioIoHandler.newFactory(SelectorProvider.provider(), selectStrategies);
    }

    /**
     * @return the listening channel class.
     */
    public Class<? extends ServerChannel> serverChannelClass()
    {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
