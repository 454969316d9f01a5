package io.arbiter.loadgen;

import io.arbiter.client.ClientTransport;
import io.arbiter.client.MarketDataClient;
import io.arbiter.engine.Side;
import io.arbiter.marketdata.LevelBook;
import io.arbiter.protocol.proto.MarketDataError;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator's market-data subscribers: N {@link MarketDataClient}s on a few shared event loops, each
 * subscribed to the run's symbol. For every public trade a subscriber receives, the latency is the arrival time minus
 * the intended send time of the load generator's own aggressor order behind it ({@link TradeIntents}, filled from the
 * taker Fills), so it is corrected for coordinated omission like the order latencies. A trade that arrives before its
 * taker Fill is kept (with its arrival time) until the Fill is known. Control plane apart from the callbacks; produces
 * garbage (the clients parse with protobuf-java).
 */
final class FeedSubscribers implements AutoCloseable
{
    /** Trades one subscriber keeps waiting for their taker Fill; beyond this the oldest is counted as unmatched. */
    private static final int PENDING = 4096;
    /** A trade whose taker Fill has not come this long after its arrival is not one of the load generator's. */
    private static final long PENDING_LIMIT_NS = TimeUnit.SECONDS.toNanos(2);

    private final LoadRun run;
    private final EventLoopGroup group;
    private final List<MarketDataClient> clients = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private CountDownLatch subscribed;
    private boolean closed;

    /**
     * @param run       the run (its trade intents and market-data recorder).
     * @param ioThreads event loops shared by the subscribers.
     */
    FeedSubscribers(final LoadRun run, final int ioThreads)
    {
        this.run = run;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, ClientTransport.best().ioHandlerFactory());
    }

    /**
     * Connect and subscribe every subscriber, then wait for each one's first snapshot.
     *
     * @param host        of the node.
     * @param port        its market-data port.
     * @param symbol      to subscribe to.
     * @param subscribers how many.
     * @param timeoutNs   how long to wait for all snapshots.
     * @return subscribers that got their snapshot in time.
     * @throws InterruptedException if interrupted while connecting or waiting.
     */
    int open(final String host, final int port, final String symbol, final int subscribers, final long timeoutNs)
        throws InterruptedException
    {
        subscribed = new CountDownLatch(subscribers);
        for (int i = 0; i < subscribers; i++)
        {
            final Probe probe = new Probe();
            final MarketDataClient client = MarketDataClient.connect(host, port, probe, run.config.tlsTrustFile, group);
            probes.add(probe);
            clients.add(client);
            client.subscribe(List.of(symbol), 0, false);
        }
        subscribed.await(timeoutNs, TimeUnit.NANOSECONDS);
        return (int)(subscribers - subscribed.getCount());
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
        if (!clients.isEmpty() && clients.get(0).book(run.config.symbol) != null)
        {
            result.finalBook = BookDepth.of(run.config.symbol, clients.get(0).book(run.config.symbol));
        }
        for (final Probe probe : probes)
        {
            probe.retryPending(Long.MAX_VALUE);
            unmatched.add(probe.pendingCount);
            probe.pendingCount = 0;
        }
        result.counts.put("md_subscribers", (long)clients.size());
        result.counts.put("md_trades_received", received.sum());
        result.counts.put("md_trades_unmatched", unmatched.sum());
        result.counts.put("md_taker_fills_unmapped", run.unmappedTakerFills.sum());
        result.counts.put("md_gaps", gaps.sum());
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
     * Close every subscriber and the event loops (idempotent).
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
        for (final MarketDataClient client : clients)
        {
            client.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One subscriber's callbacks, on its event loop; its pending trades are read elsewhere only after close. */
    private final class Probe implements MarketDataClient.Listener
    {
        private final long[] pendingIds = new long[PENDING];
        private final long[] pendingArrivalNs = new long[PENDING];
        private int pendingCount;
        private boolean synced;

        @Override
        public void onBook(final String symbol, final LevelBook book, final long sequence, final boolean snapshot)
        {
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
            final long nowNs = System.nanoTime();
            received.increment();
            if (pendingCount > 0)
            {
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
            gaps.increment();
        }

        @Override
        public void onError(final MarketDataError error)
        {
            errors.increment();
        }

        @Override
        public void onDisconnected()
        {
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
