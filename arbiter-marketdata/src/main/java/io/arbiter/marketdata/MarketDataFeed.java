package io.arbiter.marketdata;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.ssl.SslContext;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The market-data stage of a node, assembled: the ring from the matching thread, its {@link MarketDataPublisher}, the
 * feed thread running the {@link MarketDataAgent}, and the {@link MarketDataServer}. Control plane: build, seed from
 * the recovered engine, start, close.
 */
public final class MarketDataFeed implements AutoCloseable
{
    /** Default bytes of the ring between the matching thread and the feed thread. */
    public static final int DEFAULT_RING_BYTES = 16 * 1024 * 1024;
    /** Default bytes queued to a subscriber above which it gets no book updates (it is owed a snapshot). */
    public static final int DEFAULT_SUBSCRIBER_BUFFER_BYTES = 1024 * 1024;

    private final MarketDataPublisher publisher;
    private final MarketDataAgent agent;
    private final MarketDataServer server;
    private AgentRunner runner;

    /**
     * @param ringBytes        capacity of the ring from the matching thread (a power of two).
     * @param releasedSequence the highest durable command sequence.
     * @param epoch            identifies this run of the feed to clients (for example the start time in ms).
     */
    public MarketDataFeed(final int ringBytes, final LongSupplier releasedSequence, final long epoch)
    {
        this(ringBytes, releasedSequence, epoch, DEFAULT_SUBSCRIBER_BUFFER_BYTES);
    }

    /**
     * @param ringBytes               capacity of the ring from the matching thread (a power of two).
     * @param releasedSequence        the highest durable command sequence.
     * @param epoch                   identifies this run of the feed to clients (for example the start time in ms).
     * @param subscriberBufferBytes   bytes queued to a subscriber above which it gets no book updates (its high
     *                                water mark); it is writable again below a quarter of this, and is closed with
     *                                SLOW_CONSUMER when a trade is due while it has more than four times this queued
     *                                beyond that low mark.
     */
    public MarketDataFeed(
        final int ringBytes, final LongSupplier releasedSequence, final long epoch, final int subscriberBufferBytes)
    {
        final OneToOneRingBuffer ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        publisher = new MarketDataPublisher(ring);
        agent = new MarketDataAgent(
            ring, publisher, releasedSequence, epoch, 4L * subscriberBufferBytes, subscriberBufferBytes, 4096);
        server = new MarketDataServer(agent, subscriberBufferBytes / 4, subscriberBufferBytes);
    }

    /**
     * @return the matching thread's side: give it to the engine as its level listener and through a
     *         {@link TradeTapListener}.
     */
    public MarketDataPublisher publisher()
    {
        return publisher;
    }

    /**
     * @return the feed thread's agent (its counters may be read from any thread).
     */
    public MarketDataAgent agent()
    {
        return agent;
    }

    /**
     * Copy the engine's instruments and aggregated books into the feed (control plane, after recovery, before the
     * command ring starts), then let the publisher write.
     *
     * @param engine the recovered engine, not yet running.
     */
    public void seed(final MatchingEngine engine)
    {
        for (int id = 0; id < engine.instrumentCount(); id++)
        {
            final Instrument instrument = engine.instrument(id);
            agent.addInstrument(id, instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
        }
        engine.snapshot(new SnapshotLevels(agent::seedLevel));
        publisher.activate();
    }

    /**
     * Start the feed thread and bind the port.
     *
     * @param group        event loops for the subscriber connections.
     * @param channelClass server channel class of the transport.
     * @param bindAddress  address to bind.
     * @param port         port, 0 for an ephemeral one.
     * @param tls          TLS of the subscriber connections, or null for plaintext.
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
        runner = new AgentRunner(new FeedIdleStrategy(agent::hasSubscribers,
            new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1)),
            LockSupport::parkNanos, FeedIdleStrategy.UNWATCHED_PARK_NS), Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(runner);
        return server.start(group, channelClass, bindAddress, port, tls);
    }

    /**
     * The public book of an instrument as JSON (any thread; waits for the feed thread up to the timeout).
     *
     * @param symbol    of the instrument.
     * @param depth     levels per side, 0 for all.
     * @param timeoutMs how long to wait.
     * @return the JSON, or null for an unknown symbol.
     * @throws Exception if the feed thread does not answer in time.
     */
    public String bookJson(final String symbol, final int depth, final long timeoutMs) throws Exception
    {
        if (!agent.knows(symbol))
        {
            return null;
        }
        final CompletableFuture<String> answer = new CompletableFuture<>();
        if (!agent.offer(new FeedRequest.BookQuery(symbol, depth, answer)))
        {
            throw new IllegalStateException("the feed is busy");
        }
        return answer.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * The public book of an instrument as JSON, answered by the feed thread (any thread; does not wait).
     *
     * @param symbol of the instrument.
     * @param depth  levels per side, 0 for all.
     * @return completed with the JSON, or with null for an unknown symbol; exceptionally if the feed is busy.
     */
    public CompletableFuture<String> bookJsonAsync(final String symbol, final int depth)
    {
        final CompletableFuture<String> answer = new CompletableFuture<>();
        if (!agent.knows(symbol))
        {
            answer.complete(null);
        }
        else if (!agent.offer(new FeedRequest.BookQuery(symbol, depth, answer)))
        {
            answer.completeExceptionally(new IllegalStateException("the feed is busy"));
        }
        return answer;
    }

    /**
     * Stop accepting subscribers and stop the feed thread.
     */
    @Override
    public void close()
    {
        server.stop();
        if (runner != null)
        {
            runner.close();
        }
    }
}
