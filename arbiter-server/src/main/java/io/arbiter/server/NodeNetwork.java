package io.arbiter.server;

import io.arbiter.marketdata.MarketDataFeed;
import io.arbiter.protocol.SymbolTable;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.egress.ChannelSessionEgress;
import io.arbiter.server.gateway.Gateway;
import io.arbiter.server.gateway.GatewayEventLoopGroup;
import io.arbiter.server.gateway.GatewayState;
import io.arbiter.server.gateway.GatewayTls;
import io.arbiter.server.gateway.GatewayTransport;
import io.arbiter.server.gateway.SessionHandler;
import io.arbiter.server.metrics.ServerMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The network side of an {@link ArbiterNode}: the gateway's event loops (which also poll the reply gate and run the
 * node's ticks), its sessions' channels and shared state, and the market-data stage's event loops; and the graceful
 * close of the sessions' connections. Started and stopped by the node's control-plane thread in the node's order; the
 * accessors may be read from any thread once the node has started.
 */
final class NodeNetwork
{
    private static final long LINGER_MS = 1_000;

    private final ServerContext context;
    private EventLoopGroup group;
    private EventLoopGroup marketDataGroup;
    private Gateway gateway;
    private GatewayState gatewayState;
    private int marketDataPort = -1;
    private ChannelGroup channels;
    private int port;

    /**
     * @param context the node's configuration.
     */
    NodeNetwork(final ServerContext context)
    {
        this.context = context;
    }

    /**
     * Start the gateway's event loops and bind the gateway's port.
     *
     * @throws InterruptedException if interrupted while binding.
     */
    void startGateway(
        final GatewayTransport transport,
        final SymbolTable symbols,
        final NodeMatching matching,
        final NodeObservability observability) throws InterruptedException
    {
        final ServerMetrics metrics = observability.metrics();
        final GatewayEventLoopGroup gatewayLoops = new GatewayEventLoopGroup(context.ioThreads(),
            GatewayEventLoopGroup.signalHoldingThreads("arbiter-io"), transport,
            TimeUnit.MICROSECONDS.toNanos(context.durablePollMicros()));
        if (!matching.isReplicated() && context.journalEnabled() &&
            context.journalDurability() == io.arbiter.journal.DurabilityPolicy.BATCH)
        {
            // only a force holds reports long enough to poll for; under none and interval the matching thread's
            // own flush releases them
            gatewayLoops.watch(matching.replyGate(), matching.sequencer().ringBuffer());
            if (metrics != null)
            {
                metrics.durablePolls(gatewayLoops::polls, gatewayLoops::pollBackoffs);
            }
        }
        group = gatewayLoops;
        channels = new DefaultChannelGroup("arbiter-sessions", GlobalEventExecutor.INSTANCE);
        gatewayState = new GatewayState(context, matching.sequencer(), symbols, channels)
            .observe(metrics, observability.overload())
            .egressWakes(matching.egressWakes());
        if (matching.isReplicated() && !matching.replicatedServesQueries())
        {
            gatewayState.refuseQueries();
        }
        gateway = new Gateway(context, gatewayState, transport);
        port = gateway.start(group);
    }

    /**
     * Start the market-data stage's event loops and bind its port, when the stage is on.
     *
     * @param marketData the node's market-data stage, or null when disabled.
     * @throws InterruptedException if interrupted while binding.
     */
    void startMarketData(final GatewayTransport transport, final MarketDataFeed marketData) throws InterruptedException
    {
        if (marketData != null)
        {
            marketDataGroup = new MultiThreadIoEventLoopGroup(context.marketDataIoThreads(),
                new DefaultThreadFactory("arbiter-md-io"), transport.ioHandlerFactory());
            marketDataPort = marketData.start(
                marketDataGroup, transport.serverChannelClass(), context.bindAddress(), context.marketDataPort(),
                GatewayTls.serverContext(context));
        }
    }

    /**
     * Stop accepting connections and commands and stop reading every session's input.
     *
     * @throws InterruptedException if interrupted while closing the listening socket.
     */
    void stopAccepting() throws InterruptedException
    {
        gateway.stopAccepting();
        gatewayState.stopAcceptingCommands();
        for (final Channel channel : channels)
        {
            channel.config().setAutoRead(false);
        }
    }

    /**
     * Wait until every gateway event loop has run the tasks queued before this call.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    void awaitEventLoops(final long timeoutMs) throws InterruptedException
    {
        final List<Future<?>> barriers = new ArrayList<>();
        for (final EventExecutor executor : group)
        {
            barriers.add(((EventLoop)executor).submit(() -> { }));
        }
        for (final Future<?> barrier : barriers)
        {
            barrier.await(timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Tell the sessions the ring has stopped.
     */
    void onSequencerStopped()
    {
        gatewayState.onSequencerStopped();
    }

    /**
     * Close the market-data stage and stop its event loops.
     *
     * @param marketData the node's market-data stage, or null when disabled.
     * @throws InterruptedException if interrupted while waiting for the loops.
     */
    void closeMarketData(final MarketDataFeed marketData, final long timeoutMs) throws InterruptedException
    {
        if (marketData != null)
        {
            marketData.close();
        }
        if (marketDataGroup != null)
        {
            marketDataGroup.shutdownGracefully(0, Math.max(1, timeoutMs), TimeUnit.MILLISECONDS)
                .await(timeoutMs + 1000);
        }
    }

    /**
     * Deliver every session's remaining replies, then close each connection gracefully and wait for it to close.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    void closeSessions(final long timeoutMs) throws InterruptedException
    {
        final List<Future<?>> closes = new ArrayList<>();
        for (final Channel channel : channels)
        {
            closes.add(channel.eventLoop().submit(() ->
            {
                final SessionHandler handler = channel.pipeline().get(SessionHandler.class);
                final ChannelSessionEgress egress = handler != null ? handler.egress() : null;
                if (egress != null)
                {
                    egress.drainAll();
                }
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> closeGracefully(channel));
            }));
        }
        for (final Future<?> close : closes)
        {
            close.await(timeoutMs, TimeUnit.MILLISECONDS);
        }
        final long closeDeadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (final Channel channel : channels)
        {
            channel.closeFuture().await(Math.max(0, closeDeadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        channels.close().await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Stop the gateway's event loops.
     *
     * @throws InterruptedException if interrupted while waiting for them.
     */
    void shutdownEventLoops(final long timeoutMs) throws InterruptedException
    {
        group.shutdownGracefully(0, Math.max(1, timeoutMs), TimeUnit.MILLISECONDS).await(timeoutMs + 1000);
    }

    /**
     * Close a session's connection without losing the replies already written: half-close the output (the peer reads
     * every reply, then end of stream), discard whatever the peer still sends, and close when the peer does or after
     * {@link #LINGER_MS}. Closing with unread input instead would make the kernel reset the connection, and a reset
     * discards the replies the peer has not read yet. Runs on the channel's event loop.
     */
    private static void closeGracefully(final Channel channel)
    {
        if (!(channel instanceof DuplexChannel) || !channel.isActive())
        {
            channel.close();
            return;
        }
        channel.pipeline().addFirst("discard-after-shutdown", new ChannelInboundHandlerAdapter()
        {
            @Override
            public void channelRead(final ChannelHandlerContext ctx, final Object msg)
            {
                ReferenceCountUtil.release(msg);
            }
        });
        ((DuplexChannel)channel).shutdownOutput().addListener(shutdown ->
        {
            channel.config().setAutoRead(true);
            channel.eventLoop().schedule(() -> channel.close(), LINGER_MS, TimeUnit.MILLISECONDS);
        });
    }

    /**
     * @return the gateway's event loops, or null before {@link #startGateway} (the node has not started).
     */
    EventLoopGroup group()
    {
        return group;
    }

    /**
     * @return the gateway (after {@link #startGateway}).
     */
    Gateway gateway()
    {
        return gateway;
    }

    /**
     * @return what the gateway's sessions share (after {@link #startGateway}).
     */
    GatewayState gatewayState()
    {
        return gatewayState;
    }

    /**
     * @return the bound gateway port.
     */
    int port()
    {
        return port;
    }

    /**
     * @return the bound market-data port, or -1 when the feed is disabled.
     */
    int marketDataPort()
    {
        return marketDataPort;
    }
}
