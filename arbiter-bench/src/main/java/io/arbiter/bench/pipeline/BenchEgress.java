package io.arbiter.bench.pipeline;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.egress.SessionEgress;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * A benchmark session's egress: encodes each report as a fixed-size record into its own buffer and, on flush,
 * hands the whole batch to the reply ring in one write, preceded by the command sequence the batch waits for (the
 * {@link ReplyReader} reads a batch only once the node's reply gate released it, as the node's I/O thread does). Only
 * the matching thread uses it; allocates nothing.
 * Every command gets exactly one primary report (Accepted, Replaced, Rejected or a user Canceled), in the order the
 * matching thread handles commands; the sessions' egresses share one {@link CommandCounter} that numbers those
 * reports, so a primary report carries the index of its command in publish order (single producer), -1 otherwise.
 * <pre>
 *   0               4               8                              16                             24
 *   +---------------+---------------+------------------------------+------------------------------+-- ... 48
 *   | report type   | (padding)     | command index, or -1         | client order id              | fields
 *   +---------------+---------------+------------------------------+------------------------------+--
 * </pre>
 */
final class BenchEgress implements SessionEgress
{
    static final int RECORD_LENGTH = 48;
    /** Each batch starts with the command sequence the reply gate must release before it is read. */
    static final int HEADER_LENGTH = 8;
    static final int COMMAND_INDEX_OFFSET = 8;
    static final int MSG_TYPE_BATCH = 1;

    private static final int TYPE_ACCEPTED = 1;
    private static final int TYPE_FILL = 2;
    private static final int TYPE_CANCELED = 3;
    private static final int TYPE_REPLACED = 4;
    private static final int TYPE_REJECTED = 5;

    private final RingBuffer replies;
    private final CommandCounter counter;
    private final LongSupplier lastSequence;
    private final UnsafeBuffer buffer;
    private int position;
    private long fullRingSpins;
    private long rejects;

    BenchEgress(
        final RingBuffer replies, final int capacity, final CommandCounter counter, final LongSupplier lastSequence)
    {
        this.replies = replies;
        this.counter = counter;
        this.lastSequence = lastSequence;
        this.buffer = new UnsafeBuffer(
            ByteBuffer.allocateDirect(HEADER_LENGTH + BitUtil.align(capacity, RECORD_LENGTH)));
        this.position = HEADER_LENGTH;
    }

    private int claim(final int type, final boolean primary, final long clientOrderId)
    {
        if (position + RECORD_LENGTH > buffer.capacity())
        {
            // mid-batch: every report so far belongs to a command already numbered, none after the last one
            handOver(lastSequence.getAsLong());
        }
        final int offset = position;
        buffer.putInt(offset, type);
        buffer.putLong(offset + COMMAND_INDEX_OFFSET, primary ? counter.next++ : -1);
        buffer.putLong(offset + 16, clientOrderId);
        position += RECORD_LENGTH;
        return offset;
    }

    @Override
    public void onAccepted(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final int instrumentId,
        final long clientTimestampNs)
    {
        final int offset = claim(TYPE_ACCEPTED, true, clientOrderId);
        buffer.putLong(offset + 24, exchangeOrderId);
        buffer.putLong(offset + 32, timestampNs);
    }

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
        final int offset = claim(TYPE_FILL, false, clientOrderId);
        buffer.putLong(offset + 24, price);
        buffer.putLong(offset + 32, quantity);
        buffer.putLong(offset + 40, maker ? -leaves : leaves);
    }

    @Override
    public void onCanceled(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final long canceledQty,
        final CancelReason reason)
    {
        final int offset = claim(TYPE_CANCELED, reason == CancelReason.USER, clientOrderId);
        buffer.putLong(offset + 24, canceledQty);
        buffer.putInt(offset + 32, reason.ordinal());
    }

    @Override
    public void onReplaced(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final long price,
        final long quantity)
    {
        final int offset = claim(TYPE_REPLACED, true, clientOrderId);
        buffer.putLong(offset + 24, price);
        buffer.putLong(offset + 32, quantity);
    }

    @Override
    public void onRejected(
        final long timestampNs,
        final long clientOrderId,
        final CommandType type,
        final RejectCode code,
        final long clientTimestampNs)
    {
        rejects++;
        final int offset = claim(TYPE_REJECTED, true, clientOrderId);
        buffer.putInt(offset + 24, code.ordinal());
        buffer.putInt(offset + 28, type.ordinal());
    }

    /**
     * The pipeline benchmark sends no queries; a query reaching this egress is a benchmark bug.
     *
     * @throws UnsupportedOperationException always.
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
        throw new UnsupportedOperationException("the pipeline benchmark sends no queries");
    }

    /**
     * The pipeline benchmark sends no queries.
     *
     * @throws UnsupportedOperationException always.
     */
    @Override
    public void onNoOpenOrders(final long requestId)
    {
        throw new UnsupportedOperationException("the pipeline benchmark sends no queries");
    }

    /**
     * The pipeline benchmark sends no queries.
     *
     * @throws UnsupportedOperationException always.
     */
    @Override
    public void onInstrument(final long requestId, final boolean last, final Instrument instrument)
    {
        throw new UnsupportedOperationException("the pipeline benchmark sends no queries");
    }

    /**
     * The pipeline benchmark sends no queries.
     *
     * @throws UnsupportedOperationException always.
     */
    @Override
    public void onNoInstruments(final long requestId)
    {
        throw new UnsupportedOperationException("the pipeline benchmark sends no queries");
    }

    @Override
    public void flush(final long releaseSequence)
    {
        handOver(releaseSequence);
    }

    private void handOver(final long releaseSequence)
    {
        if (position == HEADER_LENGTH)
        {
            return;
        }
        buffer.putLong(0, releaseSequence);
        while (!replies.write(MSG_TYPE_BATCH, buffer, 0, position))
        {
            fullRingSpins++;
            Thread.onSpinWait();
        }
        position = HEADER_LENGTH;
    }

    long rejects()
    {
        return rejects;
    }

    long fullRingSpins()
    {
        return fullRingSpins;
    }

    /**
     * Numbers primary reports across all sessions of one benchmark; matching thread only.
     */
    static final class CommandCounter
    {
        long next;
    }
}
