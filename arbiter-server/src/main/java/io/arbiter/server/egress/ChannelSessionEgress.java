package io.arbiter.server.egress;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.protocol.ServerMessageEncoder;
import io.arbiter.protocol.WireEnums;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Egress of one TCP session. The matching thread encodes each report as a length-prefixed {@code ServerMessage}
 * straight into the session's {@link ChunkedReportQueue}, a chain of fixed-size chunks lent by the node's
 * {@link EgressBufferPool} that grows by a chunk whenever the next report does not fit; {@link #flush(long)} (once per
 * batch) stamps the batch with the command sequence it waits for and publishes it, and, if the node's
 * {@link ReplyGate} has already released that sequence, schedules one preallocated drain task on the channel's event
 * loop (otherwise the gate schedules it when the journal makes the sequence durable: {@link #onReleased(long)}).
 * Reports of a batch are invisible to the event loop until its flush. The drain ({@link SessionReportWriter}) writes
 * the released batches in order, stops at the first batch the gate has not released, gives each chunk back once it
 * has written past it and the last one once the queue is empty, so an idle session holds no chunk.
 * <p>
 * Nothing is allocated per report in steady state. A session whose queue would need more chunks than the pool's
 * per-session cap, or more beyond its guaranteed first chunks while the node lends its cap already, drops the rest of
 * the batch and is closed as a slow consumer by its event loop.
 */
public final class ChannelSessionEgress implements SessionEgress, ReplyGate.Waiter
{
    private final ServerMessageEncoder encoder = new ServerMessageEncoder();
    private final EgressBufferPool pool;
    private final Channel channel;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final ChunkedReportQueue queue;
    private final SessionReportWriter writer;
    private final LongConsumer writeTime;
    /** Set by the matching thread when a chunk was refused: the rest goes to the pool's sink. */
    private boolean dropping;
    private volatile boolean overflowed;
    private volatile ReplyGate gate = ReplyGate.OPEN;
    /** Queues drains released at flush without waking the loop; null to wake it at once (set before logon). */
    private EgressWakes.Loop lazyWakes;
    /** Queues drains the gate releases; the gate wakes the loop once per advance (null: wake it per drain). */
    private EgressWakes.Loop releaseWakes;
    /** Highest release sequence handed over (matching thread writes, gate reads). */
    private volatile long highestRelease = ReplyGate.RELEASE_NOW;
    /** Highest release sequence a gate wake-up covered (gate's lock only). */
    private long wokenRelease = ReplyGate.RELEASE_NOW;

    /**
     * An egress with a pool of its own (tests and tools). Produces garbage (control plane).
     *
     * @param channel    of the session.
     * @param queueBytes most bytes of chunks the session's queue may hold (see {@link EgressBufferPool}).
     */
    public ChannelSessionEgress(final Channel channel, final int queueBytes)
    {
        this(channel, new EgressBufferPool(queueBytes), null);
    }

    /**
     * An egress with a pool of its own (tests and tools). Produces garbage (control plane).
     *
     * @param channel    of the session.
     * @param queueBytes most bytes of chunks the session's queue may hold (see {@link EgressBufferPool}).
     * @param writeTime  as in {@link #ChannelSessionEgress(Channel, EgressBufferPool, LongConsumer)}.
     */
    public ChannelSessionEgress(final Channel channel, final int queueBytes, final LongConsumer writeTime)
    {
        this(channel, new EgressBufferPool(queueBytes), writeTime);
    }

    /**
     * Produces garbage (control plane).
     *
     * @param channel   of the session.
     * @param pool      lends the queue's chunks and sets its caps.
     * @param writeTime told, on the event loop, the nanoseconds from each batch's hand-off at {@link #flush(long)} to
     *                  the socket flush that sent it (at most 64 batches per drain); null to measure nothing.
     */
    public ChannelSessionEgress(final Channel channel, final EgressBufferPool pool, final LongConsumer writeTime)
    {
        this(channel, pool, writeTime, null);
    }

    /**
     * Produces garbage (control plane).
     *
     * @param channel        of the session.
     * @param pool           as in {@link #ChannelSessionEgress(Channel, EgressBufferPool, LongConsumer)}.
     * @param writeTime      as in {@link #ChannelSessionEgress(Channel, EgressBufferPool, LongConsumer)}.
     * @param onSlowConsumer run once, on the event loop, when the session overflowed its queue and is being closed as
     *                       a slow consumer (to count and log it); null for nothing.
     */
    public ChannelSessionEgress(
        final Channel channel, final EgressBufferPool pool, final LongConsumer writeTime, final Runnable onSlowConsumer)
    {
        this.channel = channel;
        this.pool = pool;
        this.writeTime = writeTime;
        this.queue = new ChunkedReportQueue(pool);
        this.writer = new SessionReportWriter(channel, queue, writeTime, onSlowConsumer);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void gate(final ReplyGate gate)
    {
        this.releaseWakes = channel.isRegistered() ? gate.wakesFor(channel.eventLoop()) : null;
        this.gate = gate;
    }

    /**
     * Queue the drains of batches released at {@link #flush(long)} on the event loop without waking it (see
     * {@link EgressWakes}). Call before the session is announced to the matching thread.
     *
     * @param loopWakes the entry of this channel's event loop; null to wake the loop for every drain.
     * @return this for fluent use.
     */
    public ChannelSessionEgress lazyWakes(final EgressWakes.Loop loopWakes)
    {
        this.lazyWakes = loopWakes;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void discard()
    {
        queue.abortUnpublished();
        queue.stopProducing();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean onReleased(final long releasedSequence)
    {
        final long target = Math.min(highestRelease, releasedSequence);
        if (target > wokenRelease)
        {
            wokenRelease = target;
            if (releaseWakes == null)
            {
                scheduleDrain();
            }
            else if (!drainScheduled.getAndSet(true))
            {
                // the gate wakes the loop once, after the last egress of this advance queued its drain
                releaseWakes.queue(drainTask);
            }
        }
        return isActive();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean isActive()
    {
        return channel.isRegistered();
    }

    /**
     * @return true once the session overflowed its queue and is being closed.
     */
    public boolean overflowed()
    {
        return overflowed;
    }

    /**
     * @return true while the session holds chunks lent by its pool (reports wait for the event loop, or the last
     *         drain has not yet found the queue empty).
     */
    public boolean holdsQueue()
    {
        return queue.held();
    }

    private MutableDirectBuffer buffer()
    {
        if (!dropping && !queue.openRecord())
        {
            overflow();
        }
        return dropping ? pool.sink() : queue.tailBuffer();
    }

    private int offset()
    {
        return dropping ? 0 : queue.tailOffset();
    }

    private int room()
    {
        return dropping ? pool.chunkBytes() : queue.room();
    }

    private void advance(final int length)
    {
        if (!dropping)
        {
            queue.advance(length);
        }
    }

    /**
     * The next report did not fit: continue in a new chunk, or drop the rest if the caps refuse one.
     */
    private void nextChunk()
    {
        if (!dropping && !queue.nextChunk())
        {
            overflow();
        }
    }

    private void overflow()
    {
        dropping = true;
        overflowed = true;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onAccepted(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final int instrumentId,
        final long clientTimestampNs)
    {
        int length = encoder.encodeAccepted(
            buffer(), offset(), room(), clientOrderId, exchangeOrderId, clientTimestampNs, instrumentId, timestampNs);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeAccepted(buffer(), offset(), room(), clientOrderId, exchangeOrderId,
                clientTimestampNs, instrumentId, timestampNs);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onFill(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final long tradeId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final long leaves,
        final boolean maker)
    {
        final int liquidity = WireEnums.liquidity(!maker);
        final int wireSide = WireEnums.side(side);
        int length = encoder.encodeFill(buffer(), offset(), room(), clientOrderId, exchangeOrderId, tradeId, price,
            quantity, leaves, liquidity, instrumentId, wireSide, timestampNs);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeFill(buffer(), offset(), room(), clientOrderId, exchangeOrderId, tradeId, price,
                quantity, leaves, liquidity, instrumentId, wireSide, timestampNs);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCanceled(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final long canceledQty,
        final CancelReason reason)
    {
        final int wireReason = WireEnums.cancelReason(reason);
        int length = encoder.encodeCanceled(
            buffer(), offset(), room(), clientOrderId, exchangeOrderId, canceledQty, wireReason, timestampNs);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeCanceled(
                buffer(), offset(), room(), clientOrderId, exchangeOrderId, canceledQty, wireReason, timestampNs);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onReplaced(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final long price,
        final long quantity)
    {
        int length = encoder.encodeReplaced(
            buffer(), offset(), room(), clientOrderId, exchangeOrderId, price, quantity, timestampNs);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeReplaced(
                buffer(), offset(), room(), clientOrderId, exchangeOrderId, price, quantity, timestampNs);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onRejected(
        final long timestampNs,
        final long clientOrderId,
        final CommandType type,
        final RejectCode code,
        final long clientTimestampNs)
    {
        final int requestType = WireEnums.requestType(type);
        int length = encoder.encodeRejected(buffer(), offset(), room(), clientOrderId, code.wireReason(), requestType,
            clientTimestampNs, timestampNs, code.text());
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeRejected(buffer(), offset(), room(), clientOrderId, code.wireReason(), requestType,
                clientTimestampNs, timestampNs, code.text());
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onOpenOrder(
        final long requestId,
        final boolean last,
        final boolean more,
        final long exchangeOrderId,
        final long clientOrderId,
        final int instrumentId,
        final String symbol,
        final Side side,
        final TimeInForce timeInForce,
        final long price,
        final long remaining,
        final SelfTradePrevention selfTradePrevention)
    {
        onOpenOrder(requestId, last, more, exchangeOrderId, clientOrderId, instrumentId, symbol, side,
            OrderType.LIMIT, timeInForce, price, Prices.NULL_PRICE, remaining, 0, Command.NO_TIME,
            selfTradePrevention);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onOpenOrder(
        final long requestId,
        final boolean last,
        final boolean more,
        final long exchangeOrderId,
        final long clientOrderId,
        final int instrumentId,
        final String symbol,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long stopPrice,
        final long remaining,
        final long displayQuantity,
        final long expiryMs,
        final SelfTradePrevention selfTradePrevention)
    {
        final int wireSide = WireEnums.side(side);
        final int wireType = WireEnums.orderType(orderType);
        final int wireTimeInForce = WireEnums.timeInForce(timeInForce);
        final int wireStp = WireEnums.selfTradePrevention(selfTradePrevention);
        final long wirePrice = price == Prices.NULL_PRICE ? 0 : price;
        final long wireStop = stopPrice == Prices.NULL_PRICE ? 0 : stopPrice;
        final long wireExpiry = expiryMs == Command.NO_TIME ? 0 : expiryMs;
        int length = encoder.encodeOpenOrder(buffer(), offset(), room(), requestId, last, more, exchangeOrderId,
            clientOrderId, instrumentId, symbol, wireSide, wireType, wireTimeInForce, wirePrice, remaining, wireStp,
            wireStop, displayQuantity, wireExpiry);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeOpenOrder(buffer(), offset(), room(), requestId, last, more, exchangeOrderId,
                clientOrderId, instrumentId, symbol, wireSide, wireType, wireTimeInForce, wirePrice, remaining,
                wireStp, wireStop, displayQuantity, wireExpiry);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTriggered(final long timestampNs, final long clientOrderId, final long exchangeOrderId)
    {
        int length = encoder.encodeTriggered(buffer(), offset(), room(), clientOrderId, exchangeOrderId, timestampNs);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeTriggered(buffer(), offset(), room(), clientOrderId, exchangeOrderId, timestampNs);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onMassCanceled(final long timestampNs, final long requestId, final int canceledCount)
    {
        int length = encoder.encodeMassCancelReport(buffer(), offset(), room(), requestId, canceledCount, timestampNs);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeMassCancelReport(buffer(), offset(), room(), requestId, canceledCount, timestampNs);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBalance(final long timestampNs, final String asset, final long available, final long held)
    {
        int length = encoder.encodeBalanceUpdate(buffer(), offset(), room(), asset, available, held, timestampNs);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeBalanceUpdate(buffer(), offset(), room(), asset, available, held, timestampNs);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBalanceReport(
        final long requestId, final String asset, final long available, final long held, final boolean last)
    {
        int length = encoder.encodeBalanceReport(buffer(), offset(), room(), requestId, asset, available, held, last);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeBalanceReport(buffer(), offset(), room(), requestId, asset, available, held, last);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onQueryRejected(
        final long timestampNs, final long requestId, final int wireRequestType, final RejectCode code)
    {
        int length = encoder.encodeRejected(buffer(), offset(), room(), requestId, code.wireReason(), wireRequestType,
            0, timestampNs, code.text());
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeRejected(buffer(), offset(), room(), requestId, code.wireReason(),
                wireRequestType, 0, timestampNs, code.text());
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onNoOpenOrders(final long requestId)
    {
        int length = encoder.encodeNoOpenOrders(buffer(), offset(), room(), requestId);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeNoOpenOrders(buffer(), offset(), room(), requestId);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onInstrument(final long requestId, final boolean last, final Instrument instrument)
    {
        int length = encoder.encodeInstrument(buffer(), offset(), room(), requestId, last, instrument.id(),
            instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeInstrument(buffer(), offset(), room(), requestId, last, instrument.id(),
                instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onNoInstruments(final long requestId)
    {
        int length = encoder.encodeNoInstruments(buffer(), offset(), room(), requestId);
        if (length < 0)
        {
            nextChunk();
            length = encoder.encodeNoInstruments(buffer(), offset(), room(), requestId);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void flush(final long releaseSequence)
    {
        if (!queue.hasUnpublished())
        {
            queue.stopProducing();
            if (overflowed)
            {
                scheduleDrain();
            }
            return;
        }
        queue.publish(releaseSequence, writeTime != null ? System.nanoTime() : 0L);
        if (releaseSequence > highestRelease)
        {
            highestRelease = releaseSequence;
        }
        queue.stopProducing();
        // volatile writes above (the wake entry), volatile reads of the gate's positions below: either this thread
        // sees the release or the gate's thread, advancing after it, sees the entry and wakes the drain (both may:
        // the flag dedups).
        final ReplyGate current = gate;
        if (releaseSequence > current.releasedSequence() && channel.isActive() && !overflowed)
        {
            current.awaitRelease(this, releaseSequence);
            if (releaseSequence > current.releasedSequence())
            {
                return;
            }
        }
        if (lazyWakes != null && !overflowed)
        {
            if (!drainScheduled.getAndSet(true))
            {
                lazyWakes.queue(drainTask);
            }
            return;
        }
        scheduleDrain();
    }

    private void scheduleDrain()
    {
        // getAndSet is a full fence (StoreLoad): the queue write above must be visible before we read the flag,
        // else a drain that has just cleared the flag could miss the batch and nobody would schedule another.
        if (!drainScheduled.getAndSet(true))
        {
            final EventLoop loop = channel.eventLoop();
            if (!loop.isShuttingDown())
            {
                loop.execute(drainTask);
            }
        }
    }

    /**
     * Write queued batches to the channel while it is writable, then flush; give the chunks back once everything in
     * them is written (or the connection has closed). Event loop only; also called when the channel becomes writable
     * again.
     */
    public void drain()
    {
        drainScheduled.set(false);
        if (lazyWakes != null)
        {
            lazyWakes.onDrained();
        }
        if (releaseWakes != null)
        {
            releaseWakes.onDrained();
        }
        if (overflowed)
        {
            writer.closeAsSlowConsumer();
            return;
        }
        writer.drain(gate.releasedSequence(), true);
    }

    /**
     * The connection has gone: called on its event loop, gives the chunks back once nothing writes them.
     */
    public void onClosed()
    {
        writer.onClosed();
    }

    /**
     * Write every queued batch regardless of writability and flush (shutdown). Event loop only.
     */
    public void drainAll()
    {
        drainScheduled.set(false);
        writer.drain(gate.releasedSequence(), false);
    }
}
