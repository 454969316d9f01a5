package io.arbiter.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Configuration and shared resources of many {@link ArbiterClient}s: one Netty event loop group (a few threads can
 * serve thousands of connections), the transport, the pooled buffer allocator and, optionally, TLS. Thread-safe;
 * build it with
 * {@link #builder()} and close it after its clients.
 */
public final class ClientContext implements AutoCloseable
{
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final ClientTransport transport;
    private final ByteBufAllocator allocator;
    private final int autoFlushBatchSize;
    private final int outboundBufferSize;
    private final int maxFrameLength;
    private final int connectTimeoutMs;
    private final int heartbeatIntervalMs;
    private final int receiveTimeoutIntervals;
    private final SslContext tls;
    private final Map<HeartbeatTimerKey, HeartbeatTimer> heartbeatTimers = new ConcurrentHashMap<>();

    private ClientContext(final Builder builder)
    {
        this.transport = builder.transport == null ? ClientTransport.best() : builder.transport;
        if (builder.group != null)
        {
            this.group = builder.group;
            this.ownsGroup = false;
        }
        else
        {
            this.group = new MultiThreadIoEventLoopGroup(
                builder.ioThreads, new DefaultThreadFactory("arbiter-client", true), transport.ioHandlerFactory());
            this.ownsGroup = true;
        }
        this.allocator = builder.allocator;
        this.autoFlushBatchSize = builder.autoFlushBatchSize;
        this.outboundBufferSize = builder.outboundBufferSize;
        this.maxFrameLength = builder.maxFrameLength;
        this.connectTimeoutMs = builder.connectTimeoutMs;
        this.heartbeatIntervalMs = builder.heartbeatIntervalMs;
        this.receiveTimeoutIntervals = builder.receiveTimeoutIntervals;
        this.tls = builder.tlsTrustFile == null ? null : clientTls(builder.tlsTrustFile);
    }

    /**
     * The TLS context of a client that trusts the certificates of a PEM file and checks the server's host name.
     *
     * @param trustFile PEM file of the trusted certificates.
     * @return the context.
     * @throws IllegalArgumentException if the file cannot be read.
     */
    public static SslContext clientTls(final Path trustFile)
    {
        try
        {
            return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(trustFile.toFile())
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("cannot read TLS trust file " + trustFile + " (PEM): " + ex.getMessage(),
                ex);
        }
    }

    /**
     * A builder with defaults: one I/O thread, the best transport, pooled direct buffers, auto-flush after every
     * message, 64 KiB outbound batches, 1 MiB maximum frame, 5 s connect timeout, server-chosen heartbeat interval,
     * disconnect after three silent heartbeat intervals.
     *
     * @return a new builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Connects a new client. Produces garbage (control plane).
     *
     * @param host     server host.
     * @param port     server port.
     * @param listener receives the connection's messages on its event loop.
     * @return completes with the connected client (not yet logged on), or exceptionally if the connection fails.
     */
    public CompletableFuture<ArbiterClient> connect(final String host, final int port, final ClientListener listener)
    {
        final ArbiterClient client = new ArbiterClient(this, listener);
        final CompletableFuture<ArbiterClient> result = new CompletableFuture<>();
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(transport.socketChannelClass())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOCATOR, allocator)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
            .handler(new ChannelInitializer<Channel>()
            {
                @Override
                protected void initChannel(final Channel channel)
                {
                    if (tls != null)
                    {
                        channel.pipeline().addLast("tls", tls.newHandler(channel.alloc(), host, port));
                    }
                    client.initChannel(channel);
                }
            });
        final ChannelFuture future = bootstrap.connect(host, port);
        future.addListener((ChannelFuture f) ->
        {
            if (f.isSuccess())
            {
                client.onConnected();
                result.complete(client);
            }
            else
            {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    /**
     * The heartbeat timer that serves this context's clients on one event loop with one tick period, made on first
     * use. Produces garbage (control plane: a key per call, a timer per event loop and period).
     *
     * @param loop     the client's event loop.
     * @param periodNs the client's tick period.
     * @return the shared timer.
     */
    HeartbeatTimer heartbeatTimer(final EventExecutor loop, final long periodNs)
    {
        return heartbeatTimers.computeIfAbsent(
            new HeartbeatTimerKey(loop, periodNs), key -> new HeartbeatTimer(key.loop(), key.periodNs()));
    }

    /**
     * The event loop group the clients run on.
     *
     * @return the group.
     */
    public EventLoopGroup group()
    {
        return group;
    }

    /**
     * The transport in use.
     *
     * @return epoll or NIO.
     */
    public ClientTransport transport()
    {
        return transport;
    }

    /**
     * The allocator of outbound buffers.
     *
     * @return the allocator.
     */
    public ByteBufAllocator allocator()
    {
        return allocator;
    }

    /**
     * Number of messages after which a client flushes without an explicit {@link ArbiterClient#flush()}.
     *
     * @return the batch size, at least 1.
     */
    public int autoFlushBatchSize()
    {
        return autoFlushBatchSize;
    }

    /**
     * Capacity of one outbound batch buffer in bytes.
     *
     * @return the size.
     */
    public int outboundBufferSize()
    {
        return outboundBufferSize;
    }

    /**
     * Largest inbound frame accepted.
     *
     * @return the size in bytes.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * Heartbeat interval requested at logon, 0 to let the server choose.
     *
     * @return the interval in milliseconds.
     */
    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /**
     * Heartbeat intervals without any frame from the server after which a client closes its connection (0 = never).
     *
     * @return the number of intervals.
     */
    public int receiveTimeoutIntervals()
    {
        return receiveTimeoutIntervals;
    }

    /**
     * Shuts down the event loop group if this context created it, waiting up to five seconds.
     */
    @Override
    public void close()
    {
        if (ownsGroup)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Key of a shared heartbeat timer: event loop and tick period.
     *
     * @param loop     the event loop.
     * @param periodNs the tick period.
     */
    private record HeartbeatTimerKey(EventExecutor loop, long periodNs)
    {
    }

    /**
     * Builds a {@link ClientContext}. Not thread-safe.
     */
    public static final class Builder
    {
        private int ioThreads = 1;
        private ClientTransport transport;
        private EventLoopGroup group;
        private ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
        private int autoFlushBatchSize = 1;
        private int outboundBufferSize = 64 * 1024;
        private int maxFrameLength = 1024 * 1024;
        private int connectTimeoutMs = 5_000;
        private int heartbeatIntervalMs;
        private int receiveTimeoutIntervals = 3;
        private Path tlsTrustFile;

        private Builder()
        {
        }

        /**
         * Number of event loop threads when the context creates its own group.
         *
         * @param ioThreads at least 1.
         * @return this builder.
         */
        public Builder ioThreads(final int ioThreads)
        {
            if (ioThreads < 1)
            {
                throw new IllegalArgumentException("ioThreads must be >= 1: " + ioThreads);
            }
            this.ioThreads = ioThreads;
            return this;
        }

        /**
         * Forces a transport (default: {@link ClientTransport#best()}).
         *
         * @param transport the transport.
         * @return this builder.
         */
        public Builder transport(final ClientTransport transport)
        {
            this.transport = transport;
            return this;
        }

        /**
         * Uses an existing event loop group, which the context will not shut down. Its I/O handler must match the
         * transport.
         *
         * @param group the group.
         * @return this builder.
         */
        public Builder group(final EventLoopGroup group)
        {
            this.group = group;
            return this;
        }

        /**
         * The buffer allocator (default: pooled, direct).
         *
         * @param allocator the allocator.
         * @return this builder.
         */
        public Builder allocator(final ByteBufAllocator allocator)
        {
            this.allocator = allocator;
            return this;
        }

        /**
         * Flush automatically once this many messages are buffered (1 = every message is written at once).
         *
         * @param autoFlushBatchSize at least 1.
         * @return this builder.
         */
        public Builder autoFlushBatchSize(final int autoFlushBatchSize)
        {
            if (autoFlushBatchSize < 1)
            {
                throw new IllegalArgumentException("autoFlushBatchSize must be >= 1: " + autoFlushBatchSize);
            }
            this.autoFlushBatchSize = autoFlushBatchSize;
            return this;
        }

        /**
         * Capacity of one outbound batch buffer; a batch is flushed early when the next message does not fit.
         *
         * @param outboundBufferSize bytes, at least 256.
         * @return this builder.
         */
        public Builder outboundBufferSize(final int outboundBufferSize)
        {
            if (outboundBufferSize < 256)
            {
                throw new IllegalArgumentException("outboundBufferSize must be >= 256: " + outboundBufferSize);
            }
            this.outboundBufferSize = outboundBufferSize;
            return this;
        }

        /**
         * Largest inbound frame accepted.
         *
         * @param maxFrameLength bytes.
         * @return this builder.
         */
        public Builder maxFrameLength(final int maxFrameLength)
        {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        /**
         * Connect timeout.
         *
         * @param connectTimeoutMs milliseconds.
         * @return this builder.
         */
        public Builder connectTimeoutMs(final int connectTimeoutMs)
        {
            this.connectTimeoutMs = connectTimeoutMs;
            return this;
        }

        /**
         * Heartbeat interval requested at logon (0: the server chooses).
         *
         * @param heartbeatIntervalMs milliseconds.
         * @return this builder.
         */
        public Builder heartbeatIntervalMs(final int heartbeatIntervalMs)
        {
            this.heartbeatIntervalMs = heartbeatIntervalMs;
            return this;
        }

        /**
         * Heartbeat intervals without any frame from the server after which a client closes its connection with a
         * {@code HeartbeatTimeoutException} (default 3; 0 = never).
         *
         * @param receiveTimeoutIntervals the number of intervals.
         * @return this builder.
         */
        public Builder receiveTimeoutIntervals(final int receiveTimeoutIntervals)
        {
            this.receiveTimeoutIntervals = receiveTimeoutIntervals;
            return this;
        }

        /**
         * Connect with TLS (JDK provider), trusting the certificate authorities of a PEM file; the server's
         * certificate must also name the host connected to (the host name is checked as HTTPS does). Default: plain
         * TCP.
         *
         * @param tlsTrustFile PEM file of the CA certificates to trust, or null for plain TCP.
         * @return this builder.
         */
        public Builder tlsTrustFile(final Path tlsTrustFile)
        {
            this.tlsTrustFile = tlsTrustFile;
            return this;
        }

        /**
         * Creates the context (and its event loop group unless one was given).
         *
         * @return the context.
         */
        public ClientContext build()
        {
            return new ClientContext(this);
        }
    }
}
