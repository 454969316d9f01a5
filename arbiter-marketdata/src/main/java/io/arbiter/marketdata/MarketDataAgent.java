package io.arbiter.marketdata;

import static io.arbiter.marketdata.FeedRecordDescriptor.*;

import io.arbiter.engine.Side;
import io.arbiter.protocol.proto.MarketDataErrorCode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.agrona.DirectBuffer;
import org.agrona.collections.Object2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The feed thread's duty cycle: reads the matching thread's records from the ring, but only those of commands that are
 * durable (their journal sequence is at most the reply gate's released sequence), applies the level changes to each
 * instrument's {@link LevelBook}, numbers the messages of each instrument's stream and encodes each once into the
 * stream's {@link FanOutBuffer}s; at the end of the cycle appends those to every subscriber in one copy each (so the
 * work per message does not grow with the subscribers) and hands each event loop its subscribers' bytes in one task
 * ({@link FeedLoopHandOff}). Serves subscription requests from its queue with a snapshot consistent with the stream.
 * A book subscriber whose connection is not writable at the end of a cycle gets none of the cycle's messages: it is
 * owed a fresh snapshot (marked conflated), sent once it is writable again; a trades-only one that falls further
 * behind than the trade limit is closed with SLOW_CONSUMER. Streams without subscribers encode nothing. Feed thread
 * only, apart from {@link #offer(FeedRequest)}.
 */
public final class MarketDataAgent implements Agent, ControlledMessageHandler
{
    /** Highest depth a subscription may ask for. */
    public static final int MAX_DEPTH = 1000;
    /** Most instruments one connection may subscribe to. */
    public static final int MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
    private static final int READ_LIMIT = 256;
    private static final int REQUEST_LIMIT = 64;
    private static final long CLOSE_LINGER_MS = 1000;
    /** Connections from which fan-out is batched in time ({@link #fanOutDue()}). */
    private static final int BATCHED_FAN_OUT_CONNECTIONS = 64;
    /** Interval between fan-outs per connection by default, ns, with at least {@link #BATCHED_FAN_OUT_CONNECTIONS}. */
    private static final long FAN_OUT_NS_PER_CONNECTION = 250;
    /** Longest interval between fan-outs, ns. */
    private static final long MAX_FAN_OUT_INTERVAL_NS = 10_000_000;

    private final RingBuffer ring;
    private final MarketDataPublisher publisher;
    private final LongSupplier releasedSequence;
    private final long epoch;
    private final long slowConsumerBytes;
    private final int highWaterMark;
    private final ManyToOneConcurrentArrayQueue<FeedRequest> requests;
    private final FeedFrames frames = new FeedFrames();
    private final List<InstrumentStream> streams = new ArrayList<>();
    private final Object2ObjectHashMap<String, InstrumentStream> streamsBySymbol = new Object2ObjectHashMap<>();
    private final Map<Channel, FeedSession> sessions = new HashMap<>();
    private final List<FeedSession> owing = new ArrayList<>();
    private final List<InstrumentStream> framed = new ArrayList<>();
    private final FeedOutbox outbox = new FeedOutbox();
    private long lastFanOutNs;
    private long fanOutNsPerConnection = FAN_OUT_NS_PER_CONNECTION;
    private InstrumentStream pending;
    private long released;
    private boolean overrun;
    private volatile long messagesSent;
    private volatile long slowConsumersClosed;

    /**
     * @param ring              the ring the {@link MarketDataPublisher} writes.
     * @param publisher         the matching thread's side, read for its drop count.
     * @param releasedSequence  the highest durable command sequence (the reply gate's released sequence).
     * @param epoch             identifies this run of the feed to clients.
     * @param slowConsumerBytes a subscriber with more than this many bytes queued beyond its low water mark when a
     *                          trade is due is closed with SLOW_CONSUMER.
     * @param highWaterMark     a subscriber with more than this many bytes staged for it (beside its connection's
     *                          own high water mark) is behind: it gets no book updates and is owed a snapshot.
     * @param queueCapacity     requests that may wait for the feed thread.
     */
    public MarketDataAgent(
        final RingBuffer ring,
        final MarketDataPublisher publisher,
        final LongSupplier releasedSequence,
        final long epoch,
        final long slowConsumerBytes,
        final int highWaterMark,
        final int queueCapacity)
    {
        this.ring = ring;
        this.publisher = publisher;
        this.releasedSequence = releasedSequence;
        this.epoch = epoch;
        this.slowConsumerBytes = slowConsumerBytes;
        this.highWaterMark = highWaterMark;
        this.requests = new ManyToOneConcurrentArrayQueue<>(queueCapacity);
    }

    /**
     * Define an instrument (control plane, before start; in id order from 0).
     *
     * @param instrumentId dense id.
     * @param symbol       of the instrument.
     * @param tickSize     in price units.
     * @param lotSize      lot size.
     */
    public void addInstrument(final int instrumentId, final String symbol, final long tickSize, final long lotSize)
    {
        if (instrumentId != streams.size())
        {
            throw new IllegalArgumentException("instruments must be added in id order: " + symbol);
        }
        final InstrumentStream stream = new InstrumentStream(instrumentId, symbol, tickSize, lotSize);
        streams.add(stream);
        streamsBySymbol.put(symbol, stream);
    }

    /**
     * Set the interval between fan-outs per connection, with many connections (control plane, before start).
     *
     * @param nanos ns per connection; 0 fans out at every duty cycle.
     */
    public void fanOutNanosPerConnection(final long nanos)
    {
        this.fanOutNsPerConnection = nanos;
    }

    /**
     * Seed a level of the book as recovered from the journal (control plane, before start).
     *
     * @param instrumentId of the book.
     * @param side         of the level.
     * @param price        of the level.
     * @param quantity     total quantity.
     * @param orderCount   orders at the level.
     */
    public void seedLevel(
        final int instrumentId, final Side side, final long price, final long quantity, final int orderCount)
    {
        final InstrumentStream stream = streams.get(instrumentId);
        stream.book.set(side, price, quantity, orderCount);
        stream.updateTop();
    }

    /**
     * Queue a request for the feed thread (any thread).
     *
     * @param request to serve.
     * @return false if the queue is full.
     */
    public boolean offer(final FeedRequest request)
    {
        return requests.offer(request);
    }

    /**
     * @param symbol of an instrument.
     * @return whether the feed knows it (any thread after start: the instruments do not change).
     */
    public boolean knows(final String symbol)
    {
        return streamsBySymbol.containsKey(symbol);
    }

    /**
     * @return true while any connection is subscribed (the feed thread only: its idle strategy asks).
     */
    boolean hasSubscribers()
    {
        return !sessions.isEmpty();
    }

    /**
     * @return the epoch of this run of the feed.
     */
    public long epoch()
    {
        return epoch;
    }

    /**
     * @return messages written to subscribers so far (any thread).
     */
    public long messagesSent()
    {
        return messagesSent;
    }

    /**
     * @return subscribers closed with SLOW_CONSUMER so far (any thread).
     */
    public long slowConsumersClosed()
    {
        return slowConsumersClosed;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String roleName()
    {
        return "arbiter-marketdata";
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int doWork()
    {
        int work = 0;
        if (!overrun && publisher.dropped() > 0)
        {
            onOverrun();
        }
        released = releasedSequence.getAsLong();
        work += ring.controlledRead(this, READ_LIMIT);
        if (!framed.isEmpty() && fanOutDue())
        {
            fanOut();
        }
        if (framed.isEmpty())
        {
            // subscriptions and owed snapshots only between fan-outs: a snapshot then includes no message that is
            // still to be fanned out, so the subscriber gets exactly the messages after it
            for (int i = 0; i < REQUEST_LIMIT; i++)
            {
                final FeedRequest request = requests.poll();
                if (request == null)
                {
                    break;
                }
                serve(request);
                work++;
            }
            if (!owing.isEmpty())
            {
                payOwedSnapshots();
            }
        }
        outbox.flush();
        messagesSent = outbox.sent();
        return work;
    }

    /**
     * With many connections, fan out at most every {@link #fanOutNanosPerConnection(long)} ns per connection (at most
     * {@value #MAX_FAN_OUT_INTERVAL_NS} ns apart), so that the feed thread's cost per subscriber is paid for a batch of
     * messages even when it keeps up with the matching thread; with few, at every cycle.
     */
    private boolean fanOutDue()
    {
        final int connections = sessions.size();
        if (connections < BATCHED_FAN_OUT_CONNECTIONS)
        {
            return true;
        }
        final long nowNs = System.nanoTime();
        if (nowNs - lastFanOutNs >= Math.min(MAX_FAN_OUT_INTERVAL_NS, connections * fanOutNsPerConnection))
        {
            lastFanOutNs = nowNs;
            return true;
        }
        return false;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Action onMessage(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index,
        final int length)
    {
        return onRecord(msgTypeId, buffer, index);
    }

    private Action onRecord(final int type, final DirectBuffer buffer, final int index)
    {
        if (buffer.getLong(index + SEQUENCE_OFFSET) > released)
        {
            return Action.ABORT;
        }
        if (overrun)
        {
            return Action.CONTINUE;
        }
        switch (type)
        {
            case LEVEL:
            {
                final int instrumentId = buffer.getInt(index + INSTRUMENT_OFFSET);
                if (instrumentId >= streams.size())
                {
                    // an instrument defined at run time has no stream until the node restarts (docs/admin.md)
                    break;
                }
                final InstrumentStream stream = streams.get(instrumentId);
                if (pending != null && pending != stream)
                {
                    emitUpdate(pending);
                }
                pending = stream;
                final int side = buffer.getInt(index + SIDE_OFFSET);
                final long price = buffer.getLong(index + PRICE_OFFSET);
                final long quantity = buffer.getLong(index + QUANTITY_OFFSET);
                final int count = buffer.getInt(index + COUNT_OFFSET);
                stream.pendingTimestampNs = buffer.getLong(index + TIMESTAMP_OFFSET);
                stream.addPending(side + 1, price, quantity, count);
                stream.book.set(side == 0 ? Side.BUY : Side.SELL, price, quantity, count);
                break;
            }
            case END:
                if (pending != null)
                {
                    emitUpdate(pending);
                }
                break;
            case TRADE:
                if (buffer.getInt(index + INSTRUMENT_OFFSET) < streams.size())
                {
                    emitTrade(buffer, index);
                }
                break;
            default:
                break;
        }
        return Action.CONTINUE;
    }

    private void emitTrade(final DirectBuffer buffer, final int index)
    {
        final InstrumentStream stream = streams.get(buffer.getInt(index + INSTRUMENT_OFFSET));
        final long sequence = ++stream.sequence;
        if (stream.subscriptions.isEmpty())
        {
            return;
        }
        final int length = frames.trade(stream.instrumentId, sequence, buffer.getLong(index + TRADE_ID_OFFSET),
            buffer.getLong(index + PRICE_OFFSET), buffer.getLong(index + QUANTITY_OFFSET),
            buffer.getInt(index + SIDE_OFFSET) + 1, buffer.getLong(index + TIMESTAMP_OFFSET));
        stream.bookFrames.add(frames.bytes(), length);
        stream.tradeFrames.add(frames.bytes(), length);
        framed(stream);
    }

    private void emitUpdate(final InstrumentStream stream)
    {
        pending = null;
        if (stream.pendingCount == 0)
        {
            return;
        }
        final long sequence = ++stream.sequence;
        final boolean topChanged = stream.updateTop();
        if (stream.subscriptions.isEmpty())
        {
            stream.pendingCount = 0;
            return;
        }
        final int length = frames.update(stream, sequence);
        stream.pendingCount = 0;
        stream.bookFrames.add(frames.bytes(), length);
        if (topChanged)
        {
            final int topLength = frames.top(stream);
            stream.topFrames.add(frames.bytes(), topLength);
        }
        framed(stream);
    }

    private void framed(final InstrumentStream stream)
    {
        if (!stream.framed)
        {
            stream.framed = true;
            framed.add(stream);
        }
    }

    /**
     * The end of a cycle: append each stream's frames of the cycle to its subscribers, each kind in one copy. A book
     * subscriber that is not writable now gets none and is owed a snapshot; a trades-only one too far behind is
     * closed; a top-of-book one that is not writable is owed the latest top.
     */
    private void fanOut()
    {
        for (int s = 0, streamCount = framed.size(); s < streamCount; s++)
        {
            final InstrumentStream stream = framed.get(s);
            final FanOutBuffer book = stream.bookFrames;
            final FanOutBuffer trades = stream.tradeFrames;
            final FanOutBuffer top = stream.topFrames;
            final List<FeedSubscription> subscriptions = stream.subscriptions;
            for (int i = subscriptions.size() - 1; i >= 0; i--)
            {
                final FeedSubscription subscription = subscriptions.get(i);
                final FeedSession session = subscription.session;
                if (!session.channel.isActive())
                {
                    // closed: its Closed request drops it; a closed channel would look like a slow consumer
                    continue;
                }
                if (subscription.book)
                {
                    if (book.length() > 0 && !subscription.needsSnapshot)
                    {
                        if (session.writable(highWaterMark))
                        {
                            outbox.write(session, book);
                        }
                        else
                        {
                            owe(subscription);
                        }
                    }
                }
                else if (subscription.trades && trades.length() > 0)
                {
                    if (!session.writable(highWaterMark) && session.backlogBytes() > slowConsumerBytes)
                    {
                        closeSlow(session);
                        continue;
                    }
                    outbox.write(session, trades);
                }
                if (subscription.topOfBook && top.length() > 0)
                {
                    if (session.writable(highWaterMark))
                    {
                        outbox.write(session, top);
                    }
                    else
                    {
                        subscription.needsTop = true;
                        owe(subscription);
                    }
                }
            }
            book.clear();
            trades.clear();
            top.clear();
            stream.framed = false;
        }
        framed.clear();
    }

    private void owe(final FeedSubscription subscription)
    {
        if (subscription.book)
        {
            subscription.needsSnapshot = true;
        }
        final FeedSession session = subscription.session;
        if (!session.owesSnapshots)
        {
            session.owesSnapshots = true;
            owing.add(session);
        }
    }

    private void payOwedSnapshots()
    {
        for (int i = owing.size() - 1; i >= 0; i--)
        {
            final FeedSession session = owing.get(i);
            if (session.closed)
            {
                owing.remove(i);
                continue;
            }
            if (!session.writable(highWaterMark))
            {
                continue;
            }
            for (final FeedSubscription subscription : session.subscriptions)
            {
                if (subscription.needsSnapshot)
                {
                    subscription.needsSnapshot = false;
                    sendSnapshot(subscription, true);
                }
                if (subscription.needsTop)
                {
                    subscription.needsTop = false;
                    write(session, frames.top(subscription.stream));
                }
            }
            session.owesSnapshots = false;
            owing.remove(i);
        }
    }

    private void sendSnapshot(final FeedSubscription subscription, final boolean conflated)
    {
        write(subscription.session, frames.snapshot(subscription.stream, subscription.depth, epoch, conflated));
    }

    private void serve(final FeedRequest request)
    {
        if (request instanceof FeedRequest.Subscribe subscribe)
        {
            onSubscribe(subscribe);
        }
        else if (request instanceof FeedRequest.Unsubscribe unsubscribe)
        {
            final FeedSession session = sessions.get(unsubscribe.channel());
            if (session != null)
            {
                for (final String symbol : unsubscribe.symbols())
                {
                    final InstrumentStream stream = streamsBySymbol.get(symbol);
                    final FeedSubscription subscription = stream == null ? null : session.find(stream);
                    if (subscription != null)
                    {
                        session.subscriptions.remove(subscription);
                        stream.subscriptions.remove(subscription);
                    }
                }
            }
        }
        else if (request instanceof FeedRequest.Closed closed)
        {
            final FeedSession session = sessions.get(closed.channel());
            if (session != null)
            {
                drop(session);
            }
        }
        else if (request instanceof FeedRequest.BookQuery query)
        {
            final InstrumentStream stream = streamsBySymbol.get(query.symbol());
            query.answer().complete(stream == null ? null : BookJson.of(stream, epoch, query.depth()));
        }
    }

    private void onSubscribe(final FeedRequest.Subscribe request)
    {
        final Channel channel = request.channel();
        if (!channel.isActive())
        {
            return;
        }
        if (overrun)
        {
            error(channel, request.requestId(), MarketDataErrorCode.MARKET_DATA_ERROR_FEED_OVERRUN,
                "the feed lost events of the matching thread; it serves no new subscription until the node restarts",
                "");
            return;
        }
        if (request.depth() < 0 || request.depth() > MAX_DEPTH)
        {
            error(channel, request.requestId(), MarketDataErrorCode.MARKET_DATA_ERROR_DEPTH_OUT_OF_RANGE,
                "depth " + request.depth() + " is out of range 0.." + MAX_DEPTH + " (0 means all levels)", "");
            return;
        }
        FeedSession session = sessions.get(channel);
        if (session == null)
        {
            session = new FeedSession(channel, outbox.handOff(channel.eventLoop()));
            sessions.put(channel, session);
        }
        write(session, frames.subscribeAck(request.requestId(), epoch));
        for (final String symbol : request.symbols())
        {
            final InstrumentStream stream = streamsBySymbol.get(symbol);
            if (stream == null)
            {
                write(session, frames.error(request.requestId(),
                    MarketDataErrorCode.MARKET_DATA_ERROR_UNKNOWN_SYMBOL.getNumber(), "unknown symbol: " + symbol,
                    symbol));
                continue;
            }
            FeedSubscription subscription = session.find(stream);
            if (subscription == null)
            {
                if (session.subscriptions.size() >= MAX_SUBSCRIPTIONS_PER_CONNECTION)
                {
                    error(channel, request.requestId(), MarketDataErrorCode.MARKET_DATA_ERROR_TOO_MANY_REQUESTS,
                        "at most " + MAX_SUBSCRIPTIONS_PER_CONNECTION + " instruments per connection", symbol);
                    drop(session);
                    channel.close();
                    return;
                }
                subscription = new FeedSubscription(session, stream);
                session.subscriptions.add(subscription);
                stream.subscriptions.add(subscription);
            }
            subscription.depth = request.depth();
            subscription.book = request.book();
            subscription.trades = request.trades();
            subscription.topOfBook = request.topOfBook();
            subscription.needsSnapshot = false;
            if (subscription.book)
            {
                sendSnapshot(subscription, false);
            }
            if (subscription.topOfBook)
            {
                write(session, frames.top(stream));
            }
        }
    }

    private void error(
        final Channel channel, final long requestId, final MarketDataErrorCode code, final String text,
        final String symbol)
    {
        final int length = frames.error(requestId, code.getNumber(), text, symbol);
        channel.writeAndFlush(frames.copy(channel.alloc(), length), channel.voidPromise());
    }

    private void closeSlow(final FeedSession session)
    {
        slowConsumersClosed++;
        final Channel channel = session.channel;
        drop(session);
        final int length = frames.error(0, MarketDataErrorCode.MARKET_DATA_ERROR_SLOW_CONSUMER.getNumber(),
            "the subscriber fell too far behind the trade stream", "");
        channel.writeAndFlush(frames.copy(channel.alloc(), length)).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_LINGER_MS, TimeUnit.MILLISECONDS);
    }

    private void onOverrun()
    {
        overrun = true;
        for (final FeedSession session : new ArrayList<>(sessions.values()))
        {
            error(session.channel, 0, MarketDataErrorCode.MARKET_DATA_ERROR_FEED_OVERRUN,
                "the feed lost events of the matching thread (its ring overflowed); reconnect after the node restarts",
                "");
            drop(session);
            session.channel.close();
        }
    }

    private void drop(final FeedSession session)
    {
        session.closed = true;
        session.release();
        sessions.remove(session.channel);
        for (final FeedSubscription subscription : session.subscriptions)
        {
            subscription.stream.subscriptions.remove(subscription);
        }
        session.subscriptions.clear();
    }

    private void write(final FeedSession session, final int length)
    {
        outbox.write(session, frames.bytes(), length);
    }
}
