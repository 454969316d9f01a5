package io.arbiter.loadgen;

import io.arbiter.client.ClientContext;
import io.arbiter.client.ClientTransport;
import io.arbiter.client.MarketDataClient;
import io.arbiter.engine.Side;
import io.arbiter.marketdata.LevelBook;
import io.arbiter.protocol.proto.MarketDataError;
import io.arbiter.protocol.proto.MarketDataRequest;
import io.arbiter.protocol.proto.Subscribe;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator's market-data subscribers: N connections on a few shared event loops (threads
 * {@code arbiter-client-md-*}), each subscribed to the run's book and trades. The first is a full
 * {@link MarketDataClient} (its book gives the report's final depth chart); the others read the feed with a
 * {@link FeedProbeDecoder} (sequence numbers and trade ids only), so that the subscribers' own cost stays small beside
 * the node's. For every public trade a subscriber receives, the latency is the arrival time minus the intended send
 * time of the load generator's own aggressor order behind it ({@link TradeIntents}, filled from the taker Fills), so it
 * is corrected for coordinated omission like the order latencies. A trade that arrives before its taker Fill is kept
 * (with its arrival time) until the Fill is known. Each connection's receive buffer is bounded
 * ({@value #RECEIVE_BUFFER_BYTES} bytes asked for), so a subscriber that cannot keep up shows as one to the node
 * (conflated or disconnected) instead of hiding seconds of backlog in the kernel. A subscriber that is disconnected is
 * counted, never waited for, and closing them all is bounded in time. Control plane apart from the callbacks; produces
 * garbage (connecting, the first subscriber's protobuf parsing).
 */
final class FeedSubscribers implements AutoCloseable
{
    /** Socket receive buffer asked for per subscriber connection (the kernel doubles it). */
    static final int RECEIVE_BUFFER_BYTES = 128 * 1024;
    /** Trades one subscriber keeps waiting for their taker Fill; beyond this the oldest is counted as unmatched. */
    private static final int PENDING = 4096;
    /** A trade whose taker Fill has not come this long after its arrival is not one of the load generator's. */
    private static final long PENDING_LIMIT_NS = TimeUnit.SECONDS.toNanos(2);
    /** Pending trades are looked up again at most this often, not at every trade. */
    private static final long RETRY_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Bound on closing the connections and their event loops. */
    private static final long CLOSE_TIMEOUT_MS = 10_000;

    private final LoadRun run;
    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder snapshots = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private MarketDataClient first;
    private long connectFailures;
    private CountDownLatch subscribed;
    private boolean closed;

    /**
     * @param run       the run (its trade intents and market-data recorder).
     * @param ioThreads event loops shared by the subscribers.
     */
    FeedSubscribers(final LoadRun run, final int ioThreads)
    {
        this.run = run;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("arbiter-client-md"),
            ClientTransport.best().ioHandlerFactory());
    }

    /**
     * Connect and subscribe every subscriber, then wait for each one's first snapshot (bounded by the timeout).
     *
     * @param host        of the node.
     * @param port        its market-data port.
     * @param symbol      to subscribe to.
     * @param subscribers how many.
     * @param timeoutNs   how long to wait for all connections and snapshots.
     * @return subscribers that got their snapshot in time.
     * @throws InterruptedException if interrupted while connecting or waiting.
     */
    int open(final String host, final int port, final String symbol, final int subscribers, final long timeoutNs)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        subscribed = new CountDownLatch(subscribers);
        final Probe firstProbe = new Probe();
        probes.add(firstProbe);
        try
        {
            first = MarketDataClient.connect(host, port, firstProbe, run.config.tlsTrustFile, group);
            first.subscribe(List.of(symbol), 0, false);
        }
        catch (final RuntimeException ex)
        {
            connectFailures++;
            run.lastError.set("market-data subscriber: " + ex.getMessage());
        }
        final SslContext tls = run.config.tlsTrustFile == null ? null :
            ClientContext.clientTls(run.config.tlsTrustFile);
        final byte[] subscribe = subscribeFrame(symbol);
        final List<ChannelFuture> connects = new ArrayList<>(subscribers);
        for (int i = 1; i < subscribers; i++)
        {
            final Probe probe = new Probe();
            probes.add(probe);
            connects.add(new Bootstrap()
                .group(group)
                .channel(ClientTransport.best().socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .handler(new ChannelInitializer<>()
                {
                    @Override
                    protected void initChannel(final Channel channel)
                    {
                        if (tls != null)
                        {
                            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc(), host, port));
                        }
                        channel.pipeline().addLast(new FeedProbeDecoder(probe, subscribe));
                    }
                })
                .connect(host, port));
        }
        for (final ChannelFuture connect : connects)
        {
            if (connect.awaitUninterruptibly(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS) &&
                connect.isSuccess())
            {
                channels.add(connect.channel());
            }
            else
            {
                connectFailures++;
                run.lastError.set("market-data subscriber could not connect to " + host + ":" + port +
                    (connect.cause() == null ? " in time" : ": " + connect.cause().getMessage()));
                connect.channel().close();
            }
        }
        subscribed.await(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        return (int)(subscribers - subscribed.getCount());
    }

    private static byte[] subscribeFrame(final String symbol)
    {
        final MarketDataRequest request = MarketDataRequest.newBuilder().setSubscribe(Subscribe.newBuilder()
            .setRequestId(1).addSymbols(symbol).setDepth(0).setBook(true).setTrades(true)).build();
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try
        {
            request.writeDelimitedTo(out);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return out.toByteArray();
    }

    /**
     * Close the subscribers, count the trades still waiting for a taker Fill as unmatched, add the counts and the
     * first subscriber's final book.
     *
     * @param result receives the counts.
     */
    void finish(final LoadResult result)
    {
        close();
        if (first != null && first.book(run.config.symbol) != null)
        {
            result.finalBook = BookDepth.of(run.config.symbol, first.book(run.config.symbol));
        }
        for (final Probe probe : probes)
        {
            probe.retryPending(Long.MAX_VALUE);
            unmatched.add(probe.pendingCount);
            probe.pendingCount = 0;
        }
        result.counts.put("md_subscribers", (long)probes.size());
        result.counts.put("md_connect_failures", connectFailures);
        result.counts.put("md_trades_received", received.sum());
        result.counts.put("md_trades_unmatched", unmatched.sum());
        result.counts.put("md_taker_fills_unmapped", run.unmappedTakerFills.sum());
        result.counts.put("md_gaps", gaps.sum());
        result.counts.put("md_snapshots", snapshots.sum());
        result.counts.put("md_errors", errors.sum());
        result.counts.put("md_disconnects", disconnects.sum());
    }

    /**
     * @return public trades received so far, all subscribers.
     */
    long received()
    {
        return received.sum();
    }

    /**
     * @return true if every subscriber that is connected and was never conflated has received as many trades as
     *         every other such one (each of them sees every trade), so none of them has trades still on the way.
     */
    boolean settled()
    {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (final Probe probe : probes)
        {
            if (probe.synced && !probe.disconnected && probe.snapshots == 1)
            {
                min = Math.min(min, probe.trades);
                max = Math.max(max, probe.trades);
            }
        }
        return min >= max || min == Long.MAX_VALUE;
    }

    /**
     * Close every subscriber and the event loops (idempotent). Bounded: the connections are closed without waiting for
     * each, then the event loops are given {@value #CLOSE_TIMEOUT_MS} ms to finish.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        run.stoppingFeed = true;
        for (final Channel channel : channels)
        {
            channel.close();
        }
        // the first subscriber's connection closes with its event loop
        if (!group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_TIMEOUT_MS))
        {
            run.lastError.set("market-data subscribers' event loops did not stop in " + CLOSE_TIMEOUT_MS + " ms");
        }
    }

    /** One subscriber's callbacks, on its event loop; its pending trades are read elsewhere only after close. */
    private final class Probe implements MarketDataClient.Listener, FeedProbeDecoder.Handler
    {
        private final long[] pendingIds = new long[PENDING];
        private final long[] pendingArrivalNs = new long[PENDING];
        private int pendingCount;
        private long lastRetryNs;
        private volatile boolean synced;
        private volatile boolean disconnected;
        private volatile long trades;
        private volatile int snapshots;

        @Override
        public void onBook(final String symbol, final LevelBook book, final long sequence, final boolean snapshot)
        {
            if (snapshot)
            {
                onSnapshot();
            }
        }

        @Override
        public void onSnapshot()
        {
            FeedSubscribers.this.snapshots.increment();
            snapshots++;
            if (!synced)
            {
                synced = true;
                subscribed.countDown();
            }
        }

        @Override
        public void onTrade(
            final String symbol, final long tradeId, final long price, final long quantity, final Side aggressorSide,
            final long timestampNs)
        {
            onTrade(tradeId);
        }

        @Override
        public void onTrade(final long tradeId)
        {
            final long nowNs = System.nanoTime();
            received.increment();
            trades++;
            if (pendingCount > 0 && nowNs - lastRetryNs >= RETRY_INTERVAL_NS)
            {
                lastRetryNs = nowNs;
                retryPending(nowNs);
            }
            if (!record(tradeId, nowNs))
            {
                if (pendingCount == PENDING)
                {
                    unmatched.increment();
                    remove(0);
                }
                pendingIds[pendingCount] = tradeId;
                pendingArrivalNs[pendingCount] = nowNs;
                pendingCount++;
            }
        }

        @Override
        public void onGap(final String symbol, final long expected, final long received)
        {
            onGap();
        }

        @Override
        public void onGap()
        {
            gaps.increment();
        }

        @Override
        public void onError(final MarketDataError error)
        {
            onError();
        }

        @Override
        public void onError()
        {
            errors.increment();
        }

        @Override
        public void onDisconnected()
        {
            disconnected = true;
            if (!run.stoppingFeed)
            {
                disconnects.increment();
            }
        }

        private boolean record(final long tradeId, final long arrivalNs)
        {
            final long intendedNs = run.tradeIntents.intendedNs(tradeId);
            if (intendedNs < 0)
            {
                return false;
            }
            if (intendedNs >= run.measureStartNs)
            {
                run.marketDataRecorder.recordValue(
                    Math.min(Math.max(0, arrivalNs - intendedNs), LoadRun.HIGHEST_TRACKABLE_NS));
            }
            return true;
        }

        /** Record the pending trades whose Fill is known now; drop as unmatched those pending too long. */
        void retryPending(final long nowNs)
        {
            for (int i = pendingCount - 1; i >= 0; i--)
            {
                if (record(pendingIds[i], pendingArrivalNs[i]))
                {
                    remove(i);
                }
                else if (nowNs != Long.MAX_VALUE && nowNs - pendingArrivalNs[i] > PENDING_LIMIT_NS)
                {
                    unmatched.increment();
                    remove(i);
                }
            }
        }

        private void remove(final int index)
        {
            final int tail = pendingCount - index - 1;
            System.arraycopy(pendingIds, index + 1, pendingIds, index, tail);
            System.arraycopy(pendingArrivalNs, index + 1, pendingArrivalNs, index, tail);
            pendingCount--;
        }
    }
}
