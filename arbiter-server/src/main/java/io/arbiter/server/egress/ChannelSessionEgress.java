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
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Egress of one TCP session. The matching thread encodes each report as a length-prefixed {@code ServerMessage} into
 * a batch buffer; {@link #flush(long)} (once per batch) copies the batch into a single-producer single-consumer queue,
 * tagged with the command sequence it waits for, and, if the node's {@link ReplyGate} has already released that
 * sequence, schedules one preallocated drain task on the channel's event loop (otherwise the gate schedules it when
 * the journal makes the sequence durable: {@link #onReleased(long)}). A drain stops at the first batch the gate has
 * not released, so reports leave in order and never before their commands are durable. A batch buffer that fills up
 * before the flush is copied into a slot claimed in the queue but not committed: the event loop stops at an
 * uncommitted slot, so no report becomes visible to it before {@link #flush(long)} commits the claimed slots. The
 * drain task copies the queued batches back to back into direct {@link ByteBuf}s of up to
 * {@value #WRITE_BUFFER_BYTES} bytes from the channel's allocator (one per drain in steady state; the gateway's
 * allocator recycles them once written), writes each with the void promise and flushes once.
 * <p>
 * Both buffers are lent by an {@link EgressBufferPool}, so an idle session holds neither: the batch buffer from the
 * session's first report of a batch to the end of that batch, the queue from the first batch handed over until the
 * event loop has written everything queued (or the connection closed): see {@code LentBatchQueue}. Nothing is
 * allocated per report on the matching thread; a full queue (the client does not read: more than the queue's
 * capacity of reports waits) closes the session as a slow consumer.
 */
public final class ChannelSessionEgress implements SessionEgress, ReplyGate.Waiter
{
    /** Each queued batch starts with its hand-off time ({@code System.nanoTime()}, 0 when not measured). */
    private static final int HAND_OFF_OFFSET = 0;
    /** Then the command sequence the gate must release before the batch may leave. */
    private static final int RELEASE_OFFSET = Long.BYTES;
    private static final int STAMP_LENGTH = 2 * Long.BYTES;
    private static final int MAX_TIMED_BATCHES = 64;
    /** Largest buffer one drain fills before writing it and taking another; no queued batch is longer. */
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;
    private static final String SLOW_CONSUMER_TEXT = "reports not read fast enough";

    private final ServerMessageEncoder encoder = new ServerMessageEncoder();
    private final EgressBufferPool pool;
    private final Channel channel;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final ControlledMessageHandler writeHandler = this::writeBatch;
    private final UnsafeBuffer target = new UnsafeBuffer(0, 0);
    private final int batchLimit;
    private final LongConsumer writeTime;
    private final Runnable onSlowConsumer;
    private boolean closingAsSlowConsumer;
    private final long[] writtenStamps = new long[MAX_TIMED_BATCHES];
    private int writtenCount;
    private final LentBatchQueue queue;
    private ByteBuf pendingWrite;
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
    /** The gate's released sequence read at the start of the current drain (event loop only). */
    private long drainReleased;
    /** The batch buffer lent for the current batch, null between batches (matching thread only). */
    private UnsafeBuffer batch;
    private int position;

    /**
     * An egress with a pool of its own (tests and tools). Produces garbage (control plane).
     *
     * @param channel    of the session.
     * @param queueBytes reports that may wait for the event loop, in bytes (rounded up to a power of two).
     */
    public ChannelSessionEgress(final Channel channel, final int queueBytes)
    {
        this(channel, new EgressBufferPool(queueBytes, 1), null);
    }

    /**
     * An egress with a pool of its own (tests and tools). Produces garbage (control plane).
     *
     * @param channel    of the session.
     * @param queueBytes reports that may wait for the event loop, in bytes (rounded up to a power of two).
     * @param writeTime  as in {@link #ChannelSessionEgress(Channel, EgressBufferPool, LongConsumer)}.
     */
    public ChannelSessionEgress(final Channel channel, final int queueBytes, final LongConsumer writeTime)
    {
        this(channel, new EgressBufferPool(queueBytes, 1), writeTime);
    }

    /**
     * Produces garbage (control plane).
     *
     * @param channel   of the session.
     * @param pool      lends the batch buffer and the queue (its queue capacity bounds the reports that may wait for
     *                  the event loop).
     * @param writeTime told, on the event loop, the nanoseconds from each batch's hand-off at {@link #flush(long)} to
     *                  the socket flush that sent it (at most {@value #MAX_TIMED_BATCHES} batches per drain); null to
     *                  measure nothing.
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
        this.onSlowConsumer = onSlowConsumer;
        final int capacity = pool.queueCapacity();
        // OneToOneRingBuffer.maxMsgLength() is an eighth of the capacity.
        this.batchLimit = Math.min(EgressBufferPool.BATCH_BUFFER_BYTES, capacity / 8 - STAMP_LENGTH);
        // A slot is claimed only when the batch buffer is full (more than half of batchLimit is used: no report is
        // longer than half of it), so at most capacity / (batchLimit / 2) claims fit in the queue.
        this.queue = new LentBatchQueue(pool, capacity / (batchLimit / 2) + 1);
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
        queue.abortClaimed();
        position = 0;
        giveBackBatch();
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
     * @return true while the session holds a queue lent by its pool (reports wait for the event loop, or the last
     *         drain has not yet found the queue empty).
     */
    public boolean holdsQueue()
    {
        return queue.held();
    }

    /**
     * @return true while the session holds a batch buffer lent by its pool (between its first report of a batch and
     *         the flush). Matching thread only.
     */
    public boolean holdsBatch()
    {
        return batch != null;
    }

    private UnsafeBuffer batch()
    {
        UnsafeBuffer current = batch;
        if (current == null)
        {
            current = pool.takeBatch();
            batch = current;
        }
        return current;
    }

    private void giveBackBatch()
    {
        if (batch != null)
        {
            pool.giveBatch(batch);
            batch = null;
        }
    }

    private int room()
    {
        return batchLimit - position;
    }

    private void advance(final int length)
    {
        position += length;
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
            batch(), position, room(), clientOrderId, exchangeOrderId, clientTimestampNs, instrumentId, timestampNs);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeAccepted(
                batch, 0, room(), clientOrderId, exchangeOrderId, clientTimestampNs, instrumentId, timestampNs);
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
        int length = encoder.encodeFill(batch(), position, room(), clientOrderId, exchangeOrderId, tradeId, price,
            quantity, leaves, liquidity, instrumentId, wireSide, timestampNs);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeFill(batch, 0, room(), clientOrderId, exchangeOrderId, tradeId, price,
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
            batch(), position, room(), clientOrderId, exchangeOrderId, canceledQty, wireReason, timestampNs);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeCanceled(
                batch, 0, room(), clientOrderId, exchangeOrderId, canceledQty, wireReason, timestampNs);
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
            batch(), position, room(), clientOrderId, exchangeOrderId, price, quantity, timestampNs);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeReplaced(
                batch, 0, room(), clientOrderId, exchangeOrderId, price, quantity, timestampNs);
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
        int length = encoder.encodeRejected(batch(), position, room(), clientOrderId, code.wireReason(), requestType,
            clientTimestampNs, timestampNs, code.text());
        if (length < 0)
        {
            handOver();
            length = encoder.encodeRejected(batch, 0, room(), clientOrderId, code.wireReason(), requestType,
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
        int length = encoder.encodeOpenOrder(batch(), position, room(), requestId, last, more, exchangeOrderId,
            clientOrderId, instrumentId, symbol, wireSide, wireType, wireTimeInForce, wirePrice, remaining, wireStp,
            wireStop, displayQuantity, wireExpiry);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeOpenOrder(batch, 0, room(), requestId, last, more, exchangeOrderId,
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
        int length = encoder.encodeTriggered(batch(), position, room(), clientOrderId, exchangeOrderId, timestampNs);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeTriggered(batch, 0, room(), clientOrderId, exchangeOrderId, timestampNs);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onMassCanceled(final long timestampNs, final long requestId, final int canceledCount)
    {
        int length = encoder.encodeMassCancelReport(batch(), position, room(), requestId, canceledCount, timestampNs);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeMassCancelReport(batch, 0, room(), requestId, canceledCount, timestampNs);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBalance(final long timestampNs, final String asset, final long available, final long held)
    {
        int length = encoder.encodeBalanceUpdate(batch(), position, room(), asset, available, held, timestampNs);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeBalanceUpdate(batch, 0, room(), asset, available, held, timestampNs);
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
        int length = encoder.encodeBalanceReport(batch(), position, room(), requestId, asset, available, held, last);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeBalanceReport(batch, 0, room(), requestId, asset, available, held, last);
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
        int length = encoder.encodeRejected(batch(), position, room(), requestId, code.wireReason(), wireRequestType,
            0, timestampNs, code.text());
        if (length < 0)
        {
            handOver();
            length = encoder.encodeRejected(batch, 0, room(), requestId, code.wireReason(), wireRequestType, 0,
                timestampNs, code.text());
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onNoOpenOrders(final long requestId)
    {
        int length = encoder.encodeNoOpenOrders(batch(), position, room(), requestId);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeNoOpenOrders(batch, 0, room(), requestId);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onInstrument(final long requestId, final boolean last, final Instrument instrument)
    {
        int length = encoder.encodeInstrument(batch(), position, room(), requestId, last, instrument.id(),
            instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
        if (length < 0)
        {
            handOver();
            length = encoder.encodeInstrument(batch, 0, room(), requestId, last, instrument.id(),
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
        int length = encoder.encodeNoInstruments(batch(), position, room(), requestId);
        if (length < 0)
        {
            handOver();
            length = encoder.encodeNoInstruments(batch, 0, room(), requestId);
        }
        advance(length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void flush(final long releaseSequence)
    {
        handOver();
        giveBackBatch();
        if (queue.claimedCount() == 0)
        {
            queue.stopProducing();
            if (overflowed)
            {
                scheduleDrain();
            }
            return;
        }
        publishClaimed(releaseSequence);
        if (releaseSequence > highestRelease)
        {
            highestRelease = releaseSequence;
        }
        queue.stopProducing();
        // volatile writes above (the wake entry), volatile reads of the gate's positions below: either this thread
        // sees the release or the gate's thread, advancing after it, sees the entry and wakes the drain (both may:
        // the flag dedups).
        final ReplyGate current = gate;
        if (releaseSequence > current.releasedSequence() && channel.isActive())
        {
            current.awaitRelease(this, releaseSequence);
            if (releaseSequence > current.releasedSequence())
            {
                return;
            }
        }
        if (lazyWakes != null)
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
     * Mid-batch: the batch buffer is full. Its reports go into a claimed queue slot that stays invisible to the event
     * loop until {@link #flush(long)} commits it.
     */
    private void handOver()
    {
        if (position > 0)
        {
            if (!overflowed)
            {
                if (!queue.tryClaim(STAMP_LENGTH, batch, position))
                {
                    overflowed = true;
                }
            }
            position = 0;
        }
    }

    private void publishClaimed(final long releaseSequence)
    {
        final long handOffNs = writeTime != null ? System.nanoTime() : 0L;
        queue.commitClaimed(HAND_OFF_OFFSET, handOffNs, RELEASE_OFFSET, releaseSequence);
    }

    /**
     * Write queued batches to the channel while it is writable, then flush; give the queue back to the pool once
     * everything in it is written (or the connection has closed). Event loop only; also called when the channel
     * becomes writable again.
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
            closeAsSlowConsumer();
            return;
        }
        final long state = queue.observe();
        if (LentBatchQueue.isDetached(state))
        {
            return;
        }
        final OneToOneRingBuffer ring = queue.ring();
        if (!channel.isActive())
        {
            queue.discardAndGiveBack(state);
            return;
        }
        drainReleased = gate.releasedSequence();
        boolean wrote = false;
        int emptyReads = 0;
        // A read that only consumed the padding record at the end of the ring returns 0 with batches left, so stop
        // after two reads in a row found nothing (the queue is empty or next is a slot not yet committed).
        while (emptyReads < 2 && channel.isWritable())
        {
            if (ring.controlledRead(writeHandler, 8) > 0)
            {
                wrote = true;
                emptyReads = 0;
            }
            else
            {
                emptyReads++;
            }
        }
        if (wrote)
        {
            writePending();
            channel.flush();
            recordWriteTimes();
        }
        queue.tryGiveBack(state);
    }

    /**
     * The connection has gone: called on its event loop, gives the queue back once nothing writes it.
     */
    public void onClosed()
    {
        final long state = queue.observe();
        if (!LentBatchQueue.isDetached(state))
        {
            queue.discardAndGiveBack(state);
        }
    }

    private void recordWriteTimes()
    {
        if (writeTime != null)
        {
            final long nowNs = System.nanoTime();
            for (int i = 0; i < writtenCount; i++)
            {
                writeTime.accept(nowNs - writtenStamps[i]);
            }
        }
        writtenCount = 0;
    }

    /**
     * Write every queued batch regardless of writability and flush (shutdown). Event loop only.
     */
    public void drainAll()
    {
        drainScheduled.set(false);
        final long state = queue.observe();
        if (!channel.isActive() || LentBatchQueue.isDetached(state))
        {
            return;
        }
        final OneToOneRingBuffer ring = queue.ring();
        drainReleased = gate.releasedSequence();
        int emptyReads = 0;
        while (emptyReads < 2)
        {
            if (ring.controlledRead(writeHandler, 64) > 0)
            {
                writePending();
                channel.flush();
                recordWriteTimes();
                emptyReads = 0;
            }
            else
            {
                emptyReads++;
            }
        }
        channel.flush();
        queue.tryGiveBack(state);
    }

    private void closeAsSlowConsumer()
    {
        if (closingAsSlowConsumer || !channel.isActive())
        {
            return;
        }
        closingAsSlowConsumer = true;
        if (onSlowConsumer != null)
        {
            onSlowConsumer.run();
        }
        final ByteBuf buf = channel.alloc().directBuffer(256);
        final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocate(256));
        final int length = encoder.encodeProtocolError(
            scratch, 0, scratch.capacity(), ProtocolErrorCode.SLOW_CONSUMER_VALUE, SLOW_CONSUMER_TEXT);
        copy(scratch, 0, length, buf);
        channel.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
    }

    private ControlledMessageHandler.Action writeBatch(
        final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (buffer.getLong(index + RELEASE_OFFSET) > drainReleased)
        {
            return ControlledMessageHandler.Action.ABORT;
        }
        final long handOffNs = buffer.getLong(index + HAND_OFF_OFFSET);
        if (handOffNs != 0 && writtenCount < MAX_TIMED_BATCHES)
        {
            writtenStamps[writtenCount++] = handOffNs;
        }
        final int reportsLength = length - STAMP_LENGTH;
        if (pendingWrite != null && pendingWrite.writableBytes() < reportsLength)
        {
            writePending();
        }
        if (pendingWrite == null)
        {
            pendingWrite = channel.alloc().directBuffer(
                Math.max(reportsLength, Math.min(queue.ring().size(), WRITE_BUFFER_BYTES)));
        }
        copy(buffer, index + STAMP_LENGTH, reportsLength, pendingWrite);
        return ControlledMessageHandler.Action.CONTINUE;
    }
    /**
     * Hand the buffer being filled to the channel (not flushed).
     */
    private void writePending()
    {
        final ByteBuf buf = pendingWrite;
        if (buf != null)
        {
            pendingWrite = null;
            channel.write(buf, channel.voidPromise());
        }
    }

    private void copy(final MutableDirectBuffer source, final int index, final int length, final ByteBuf buf)
    {
        if (buf.hasMemoryAddress())
        {
            target.wrap(buf.memoryAddress() + buf.writerIndex(), length);
            target.putBytes(0, source, index, length);
            buf.writerIndex(buf.writerIndex() + length);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                buf.writeByte(source.getByte(index + i));
            }
        }
    }
}
