package io.arbiter.fix;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.egress.SessionEgress;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Egress of one FIX session's execution reports. The matching thread writes each report as a fixed-layout record
 * (the engine's numbers, no text) into a single-producer single-consumer ring; each batch starts with a header record
 * claimed but not committed until {@link #flush(long)} writes into it the command sequence the batch waits for, so
 * the {@link FixReportPublisher}'s thread, which reads the ring, stops at a batch whose header is not yet committed or
 * whose sequence the node's {@link ReplyGate} has not released: reports leave in order and only once their commands
 * are durable. The publisher turns the records into FIX messages. Nothing is allocated per report on the matching
 * thread; a full ring (the publisher cannot keep up, or the gate does not advance) marks the egress overflowed, and
 * the publisher then logs the session out. Before that, {@link #awaitBacklog} holds the session's requests while the
 * ring is half full.
 */
final class FixSessionEgress implements SessionEgress, ReplyGate.Waiter
{
    /** Record types (the ring's message type id). */
    static final int HEADER = 1;
    static final int ACCEPTED = 2;
    static final int FILL = 3;
    static final int CANCELED = 4;
    static final int REPLACED = 5;
    static final int REJECTED = 6;
    static final int MASS_CANCELED = 7;

    /** Record layout: longs at these offsets. */
    static final int TIMESTAMP_OFFSET = 0;
    static final int CLIENT_ORDER_ID_OFFSET = 8;
    static final int ORDER_ID_OFFSET = 16;
    static final int A_OFFSET = 24;
    static final int B_OFFSET = 32;
    static final int C_OFFSET = 40;
    static final int D_OFFSET = 48;
    static final int E_OFFSET = 56;
    static final int INT_OFFSET = 64;
    static final int RECORD_LENGTH = 72;
    /** Header layout: the release sequence. */
    static final int RELEASE_OFFSET = 0;
    private static final int HEADER_LENGTH = 8;
    private static final Logger LOG = LoggerFactory.getLogger(FixSessionEgress.class);
    private static final long BACKLOG_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A hold of the session's requests longer than this is logged, and its end. */
    private static final long LONG_HOLD_NS = TimeUnit.SECONDS.toNanos(1);

    private final OneToOneRingBuffer ring;
    private final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(RECORD_LENGTH));
    private final FixReportPublisher publisher;
    private final FixSession session;
    private volatile ReplyGate gate = ReplyGate.OPEN;
    private volatile boolean overflowed;
    private volatile boolean active = true;
    /** Index of the claimed, uncommitted header of the current batch, or -1 between batches (matching thread). */
    private int headerIndex = -1;

    /**
     * Produces garbage (control plane, at logon).
     *
     * @param session    the FIX session whose reports this carries.
     * @param publisher  turns the records into FIX messages on its thread.
     * @param ringBytes  capacity of the ring (a power of two).
     */
    FixSessionEgress(final FixSession session, final FixReportPublisher publisher, final int ringBytes)
    {
        this.session = session;
        this.publisher = publisher;
        this.ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * @return the FIX session.
     */
    FixSession session()
    {
        return session;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void gate(final ReplyGate gate)
    {
        this.gate = gate;
    }

    /**
     * @return true once a report did not fit in the ring (its reports are incomplete from then on).
     */
    boolean overflowed()
    {
        return overflowed;
    }

    /**
     * The connection this egress served has gone and its ring is drained: no more wake-ups (publisher thread).
     */
    void deactivate()
    {
        active = false;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean onReleased(final long releasedSequence)
    {
        publisher.wake();
        return active;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean isActive()
    {
        return active;
    }

    /**
     * Read released batches (publisher thread).
     *
     * @param handler gets every record of released batches, headers included.
     * @param limit   records to read at most.
     * @return records read.
     */
    int read(final ControlledMessageHandler handler, final int limit)
    {
        return ring.controlledRead(handler, limit);
    }

    /**
     * @return true when every record written so far has been read (publisher thread).
     */
    boolean drained()
    {
        return ring.size() == 0;
    }

    /**
     * @return bytes of records written and not yet read (any thread; a momentary reading).
     */
    int backlogBytes()
    {
        return ring.size();
    }

    /**
     * @return the ring's capacity in bytes.
     */
    int capacityBytes()
    {
        return ring.capacity();
    }

    /**
     * Holds the calling session thread while the ring is more than half full (the session's reports are not sent as
     * fast as its requests come: the report thread, or its client, is behind) until it is down to a quarter, the
     * session closes or {@code running} turns false: the session's later messages wait in its QuickFIX/J queue, which
     * suspends reading its socket, so TCP pushes back on this client alone instead of its ring overflowing. A hold
     * longer than a second is logged, and its end (the session's dispatcher thread; allocates nothing unless it logs).
     *
     * @param running false once the node stops taking commands.
     */
    void awaitBacklog(final BooleanSupplier running)
    {
        final int capacity = ring.capacity();
        if (ring.size() <= capacity >> 1)
        {
            return;
        }
        final long startNs = System.nanoTime();
        boolean logged = false;
        while (ring.size() > capacity >> 2 && !session.closed && !overflowed && running.getAsBoolean())
        {
            LockSupport.parkNanos(BACKLOG_PARK_NS);
            if (!logged && System.nanoTime() - startNs > LONG_HOLD_NS)
            {
                logged = true;
                LOG.warn("{}: holding the session's requests: its reports are not sent as fast as they come ({} of " +
                    "{} bytes of its report ring used)", session.sessionId, ring.size(), capacity);
            }
        }
        if (logged)
        {
            LOG.info("{}: the session's requests flow again after a hold of {} ms", session.sessionId,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        }
    }

    /**
     * @return the gate's released sequence (publisher thread, once per drain).
     */
    long releasedSequence()
    {
        return gate.releasedSequence();
    }

    /**
     * @param buffer a header record's buffer.
     * @param index  its offset.
     * @return the release sequence of the batch it starts.
     */
    static long releaseOf(final MutableDirectBuffer buffer, final int index)
    {
        return buffer.getLong(index + RELEASE_OFFSET);
    }

    private void put(final int type)
    {
        if (overflowed)
        {
            return;
        }
        if (headerIndex < 0)
        {
            headerIndex = ring.tryClaim(HEADER, HEADER_LENGTH);
            if (headerIndex < 0)
            {
                overflowed = true;
                return;
            }
        }
        if (!ring.write(type, record, 0, RECORD_LENGTH))
        {
            overflowed = true;
        }
    }

    private void fill(final long timestampNs, final long clientOrderId, final long orderId)
    {
        record.putLong(TIMESTAMP_OFFSET, timestampNs);
        record.putLong(CLIENT_ORDER_ID_OFFSET, clientOrderId);
        record.putLong(ORDER_ID_OFFSET, orderId);
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
        fill(timestampNs, clientOrderId, exchangeOrderId);
        record.putInt(INT_OFFSET, instrumentId);
        put(ACCEPTED);
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
        fill(timestampNs, clientOrderId, exchangeOrderId);
        record.putLong(A_OFFSET, tradeId);
        record.putLong(B_OFFSET, price);
        record.putLong(C_OFFSET, quantity);
        record.putLong(D_OFFSET, leaves);
        record.putLong(E_OFFSET, (maker ? 2 : 0) | side.ordinal());
        record.putInt(INT_OFFSET, instrumentId);
        put(FILL);
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
        fill(timestampNs, clientOrderId, exchangeOrderId);
        record.putLong(A_OFFSET, canceledQty);
        record.putInt(INT_OFFSET, reason.ordinal());
        put(CANCELED);
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
        fill(timestampNs, clientOrderId, exchangeOrderId);
        record.putLong(B_OFFSET, price);
        record.putLong(C_OFFSET, quantity);
        put(REPLACED);
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
        fill(timestampNs, clientOrderId, 0);
        record.putLong(A_OFFSET, type.ordinal());
        record.putInt(INT_OFFSET, code.ordinal());
        put(REJECTED);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onMassCanceled(final long timestampNs, final long requestId, final int canceledCount)
    {
        fill(timestampNs, requestId, 0);
        record.putLong(A_OFFSET, canceledCount);
        put(MASS_CANCELED);
    }

    /**
     * {@inheritDoc} FIX sessions send no OpenOrdersRequest: nothing to report.
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
    }

    /**
     * {@inheritDoc} FIX sessions send no OpenOrdersRequest: nothing to report.
     */
    @Override
    public void onNoOpenOrders(final long requestId)
    {
    }

    /**
     * {@inheritDoc} FIX sessions send no InstrumentListRequest: nothing to report.
     */
    @Override
    public void onInstrument(final long requestId, final boolean last, final Instrument instrument)
    {
    }

    /**
     * {@inheritDoc} FIX sessions send no InstrumentListRequest: nothing to report.
     */
    @Override
    public void onNoInstruments(final long requestId)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void flush(final long releaseSequence)
    {
        final int index = headerIndex;
        if (index < 0)
        {
            return;
        }
        headerIndex = -1;
        ring.buffer().putLong(index + RELEASE_OFFSET, releaseSequence);
        ring.commit(index);
        final ReplyGate current = gate;
        if (releaseSequence > current.releasedSequence())
        {
            current.awaitRelease(this, releaseSequence);
            if (releaseSequence > current.releasedSequence())
            {
                return;
            }
        }
        publisher.wake();
    }

    /**
     * {@inheritDoc} The batch's header is committed with a sequence no gate ever releases: its reports never leave.
     */
    @Override
    public void discard()
    {
        final int index = headerIndex;
        if (index >= 0)
        {
            headerIndex = -1;
            ring.buffer().putLong(index + RELEASE_OFFSET, Long.MAX_VALUE);
            ring.commit(index);
        }
    }
}
