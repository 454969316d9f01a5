package io.arbiter.client;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport a {@link ClientContext} uses: native epoll on Linux when it loads, Java NIO otherwise.
 * Immutable.
 */
public enum ClientTransport
{
    /** Linux native epoll. */
    EPOLL,
    /** Java NIO selectors (any platform). */
    NIO;

    /**
     * Epoll if it is available on this machine, else NIO.
     *
     * @return the best available transport.
     */
    public static ClientTransport best()
    {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /**
     * The I/O handler factory for event loops of this transport.
     *
     * @return a new factory.
     */
    public IoHandlerFactory ioHandlerFactory()
    {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /**
     * The client socket channel class.
     *
     * @return the channel class.
     */
    public Class<? extends SocketChannel> socketChannelClass()
    {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * The server socket channel class (for test and benchmark servers).
     *
     * @return the channel class.
     */
    public Class<? extends ServerChannel> serverSocketChannelClass()
    {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
