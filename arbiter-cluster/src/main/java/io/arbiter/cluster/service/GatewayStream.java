package io.arbiter.cluster.service;

import io.arbiter.cluster.codec.EgressDescriptor;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static io.arbiter.cluster.codec.EgressDescriptor.APPLIED_SEQUENCE_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.EGRESS_SEQUENCE_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.GATEWAY_ID_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.HEADER_LENGTH;
import static io.arbiter.cluster.codec.EgressDescriptor.REPORT_COUNT_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.REPORT_LENGTH;
import static io.arbiter.cluster.codec.EgressDescriptor.TYPE_OFFSET;

/**
 * What the clustered engine knows of one gateway: the last ingress sequence it applied, the last egress sequence it
 * numbered, the cluster session the gateway spoke from last, and the report messages the gateway has not yet said it
 * holds (retained, so that they can be sent again after a failover). Part of the replicated state: every member
 * builds the same streams from the log, and the snapshot carries them. Service thread only.
 * <p>
 * Retained messages lie back to back in one buffer, each behind an int length and padded to 8 bytes; the message
 * being built is the open one at the end. At most {@code maxRetainedBytes} are kept: past that the oldest are
 * dropped, and a gateway that asks for them later sees a gap in the egress sequences.
 * <p>
 * Sending is this member's own business, not replicated state: a cursor marks the first retained message not yet
 * handed to the gateway's session (a follower's offers succeed without sending, so its cursor stays at the end), and a
 * flag says a RESYNC_REPLY is owed once every message before it has gone. A message the session refuses (back
 * pressure) stays unsent and is offered again, in order, by {@link #sendUnsent}; nothing is dropped for back pressure.
 */
final class GatewayStream
{
    private static final int LENGTH_PREFIX = 8;
    private static final int HEADER_V2 = 40;
    private static final int HEADER_V3 = 48;

    private final int gatewayId;
    private final int maxRetainedBytes;
    private final ExpandableDirectByteBuffer retained = new ExpandableDirectByteBuffer(4096);
    private long appliedIngressSequence;
    private long lastEgressSequence;
    private long clusterSessionId = -1;
    private int start;
    private int end;
    private int openOffset = -1;
    private int openCount;
    private long droppedMessages;
    private boolean marketData;
    private int headerLength = HEADER_V3;
    private int sendOffset;
    private boolean resyncReplyOwed;
    private boolean inBacklog;

    GatewayStream(final int gatewayId, final int maxRetainedBytes)
    {
        this.gatewayId = gatewayId;
        this.maxRetainedBytes = maxRetainedBytes;
    }

    int gatewayId()
    {
        return gatewayId;
    }

    long appliedIngressSequence()
    {
        return appliedIngressSequence;
    }

    void appliedIngressSequence(final long sequence)
    {
        this.appliedIngressSequence = sequence;
    }

    long lastEgressSequence()
    {
        return lastEgressSequence;
    }

    long clusterSessionId()
    {
        return clusterSessionId;
    }

    void clusterSessionId(final long clusterSessionId)
    {
        this.clusterSessionId = clusterSessionId;
    }

    boolean marketData()
    {
        return marketData;
    }

    void marketData(final boolean marketData)
    {
        this.marketData = marketData;
    }

    long droppedMessages()
    {
        return droppedMessages;
    }

    boolean isOpen()
    {
        return openOffset >= 0;
    }

    /**
     * Start a REPORTS message at the end of the retained messages.
     */
    void open()
    {
        openOffset = end;
        openCount = 0;
        retained.checkLimit(openOffset + LENGTH_PREFIX + HEADER_LENGTH);
    }

    /**
     * @return the offset in {@link #buffer()} to write the next report of the open message at (space is reserved).
     */
    int claimReport()
    {
        final int offset = openOffset + LENGTH_PREFIX + HEADER_LENGTH + openCount * REPORT_LENGTH;
        retained.checkLimit(offset + REPORT_LENGTH);
        openCount++;
        return offset;
    }

    /**
     * @return the buffer reports are written into.
     */
    MutableDirectBuffer buffer()
    {
        return retained;
    }

    /**
     * Close the open message: number it and keep it, or drop it when it is empty and not forced.
     *
     * @param force keep it even without reports (it still tells the applied ingress sequence).
     * @return the offset of the kept message (behind its length prefix), or -1 if it was dropped or none was open.
     */
    int close(final boolean force)
    {
        final int offset = openOffset;
        openOffset = -1;
        if (offset < 0 || openCount == 0 && !force)
        {
            return -1;
        }
        final int length = HEADER_LENGTH + openCount * REPORT_LENGTH;
        final int message = offset + LENGTH_PREFIX;
        retained.putInt(offset, length, ByteOrder.LITTLE_ENDIAN);
        retained.putInt(message + TYPE_OFFSET, EgressDescriptor.TYPE_REPORTS, ByteOrder.LITTLE_ENDIAN);
        retained.putInt(message + GATEWAY_ID_OFFSET, gatewayId, ByteOrder.LITTLE_ENDIAN);
        retained.putLong(message + EGRESS_SEQUENCE_OFFSET, ++lastEgressSequence, ByteOrder.LITTLE_ENDIAN);
        retained.putLong(message + APPLIED_SEQUENCE_OFFSET, appliedIngressSequence, ByteOrder.LITTLE_ENDIAN);
        retained.putInt(message + REPORT_COUNT_OFFSET, openCount, ByteOrder.LITTLE_ENDIAN);
        retained.putInt(message + REPORT_COUNT_OFFSET + 4, 0, ByteOrder.LITTLE_ENDIAN);
        end = offset + LENGTH_PREFIX + BitUtil.align(length, LENGTH_PREFIX);
        while (end - start > maxRetainedBytes && start < offset)
        {
            start = next(start);
            droppedMessages++;
        }
        sendOffset = Math.max(sendOffset, start);
        return message;
    }

    /**
     * @param messageOffset offset of a kept message.
     * @return its length.
     */
    int messageLength(final int messageOffset)
    {
        return retained.getInt(messageOffset - LENGTH_PREFIX, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Forget the messages the gateway holds.
     *
     * @param egressReceived highest egress sequence the gateway holds in order.
     */
    void trim(final long egressReceived)
    {
        while (start < end && egressSequence(start) <= egressReceived)
        {
            start = next(start);
        }
        sendOffset = Math.max(sendOffset, start);
        if (start == end && openOffset < 0)
        {
            start = 0;
            end = 0;
            sendOffset = 0;
        }
        else if (start > (retained.capacity() >> 1) && openOffset < 0)
        {
            retained.putBytes(0, retained, start, end - start);
            end -= start;
            sendOffset -= start;
            start = 0;
        }
    }

    /**
     * Send again, in order, the retained messages after an egress sequence (a RESYNC asked for them); the next
     * {@link #sendUnsent} starts there.
     *
     * @param afterEgressSequence the highest egress sequence the gateway holds.
     */
    void rewind(final long afterEgressSequence)
    {
        int offset = start;
        while (offset < end && egressSequence(offset) <= afterEgressSequence)
        {
            offset = next(offset);
        }
        sendOffset = offset;
    }

    /**
     * Owe the gateway a RESYNC_REPLY, sent by {@link #sendUnsent} after every retained message before it.
     */
    void oweResyncReply()
    {
        resyncReplyOwed = true;
    }

    /**
     * @return true while a retained message or a RESYNC_REPLY waits to be sent.
     */
    boolean hasUnsent()
    {
        return sendOffset < end || resyncReplyOwed;
    }

    /**
     * Forget what waits to be sent (the gateway's session is gone; its next session asks with a RESYNC).
     */
    void abandonUnsent()
    {
        sendOffset = end;
        resyncReplyOwed = false;
    }

    /**
     * Offer the unsent retained messages in order, then an owed RESYNC_REPLY, until the sender refuses one.
     *
     * @param sender offers one message to the gateway's session.
     * @return true if everything was sent.
     */
    boolean sendUnsent(final MessageSender sender)
    {
        while (sendOffset < end)
        {
            final int length = retained.getInt(sendOffset, ByteOrder.LITTLE_ENDIAN);
            if (!sender.send(retained, sendOffset + LENGTH_PREFIX, length))
            {
                return false;
            }
            sendOffset = next(sendOffset);
        }
        if (resyncReplyOwed)
        {
            if (!sender.sendResyncReply(this))
            {
                return false;
            }
            resyncReplyOwed = false;
        }
        return true;
    }

    /**
     * @return true while the service lists this stream among those with something unsent.
     */
    boolean inBacklog()
    {
        return inBacklog;
    }

    /**
     * @param inBacklog whether the service lists this stream among those with something unsent.
     */
    void inBacklog(final boolean inBacklog)
    {
        this.inBacklog = inBacklog;
    }

    /**
     * Visit the retained messages after an egress sequence, oldest first.
     *
     * @param afterEgressSequence visit those with a higher egress sequence.
     * @param visitor             receives each message.
     */
    void forEachRetained(final long afterEgressSequence, final MessageVisitor visitor)
    {
        for (int offset = start; offset < end; offset = next(offset))
        {
            if (egressSequence(offset) > afterEgressSequence)
            {
                visitor.onMessage(retained, offset + LENGTH_PREFIX, retained.getInt(offset, ByteOrder.LITTLE_ENDIAN));
            }
        }
    }

    /**
     * Write the stream's state (retained messages included) for a snapshot.
     *
     * @param out    to append to.
     * @param offset where to start.
     * @return the offset after the written bytes.
     */
    int encode(final ExpandableDirectByteBuffer out, final int offset)
    {
        int position = offset;
        out.putInt(position, gatewayId, ByteOrder.LITTLE_ENDIAN);
        out.putInt(position + 4, end - start, ByteOrder.LITTLE_ENDIAN);
        out.putLong(position + 8, appliedIngressSequence, ByteOrder.LITTLE_ENDIAN);
        out.putLong(position + 16, lastEgressSequence, ByteOrder.LITTLE_ENDIAN);
        out.putLong(position + 24, clusterSessionId, ByteOrder.LITTLE_ENDIAN);
        out.putLong(position + 32, droppedMessages, ByteOrder.LITTLE_ENDIAN);
        out.putLong(position + 40, marketData ? 1 : 0, ByteOrder.LITTLE_ENDIAN);
        position += HEADER_V3;
        out.putBytes(position, retained, start, end - start);
        return position + end - start;
    }

    /**
     * Read a stream written by {@link #encode}.
     *
     * @param in               snapshot bytes.
     * @param offset           where the stream starts.
     * @param maxRetainedBytes the bound on retained messages.
     * @return the stream; its end offset in {@code in} is {@code offset + } {@link #encodedLength()}.
     */
    static GatewayStream decode(final DirectBuffer in, final int offset, final int maxRetainedBytes)
    {
        return decode(in, offset, maxRetainedBytes, true);
    }

    /**
     * Read a stream written by {@link #encode}, or by the encoding before market data (no subscription flag).
     *
     * @param in               snapshot bytes.
     * @param offset           where the stream starts.
     * @param maxRetainedBytes the bound on retained messages.
     * @param withMarketData   false for a snapshot written before the market-data flag existed (version 2).
     * @return the stream; its end offset in {@code in} is {@code offset + } {@link #encodedLength()}.
     */
    static GatewayStream decode(
        final DirectBuffer in, final int offset, final int maxRetainedBytes, final boolean withMarketData)
    {
        final GatewayStream stream = new GatewayStream(in.getInt(offset, ByteOrder.LITTLE_ENDIAN), maxRetainedBytes);
        final int retainedLength = in.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN);
        stream.appliedIngressSequence = in.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
        stream.lastEgressSequence = in.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN);
        stream.clusterSessionId = in.getLong(offset + 24, ByteOrder.LITTLE_ENDIAN);
        stream.droppedMessages = in.getLong(offset + 32, ByteOrder.LITTLE_ENDIAN);
        stream.marketData = withMarketData && in.getLong(offset + 40, ByteOrder.LITTLE_ENDIAN) != 0;
        stream.headerLength = withMarketData ? HEADER_V3 : HEADER_V2;
        stream.retained.putBytes(0, in, offset + stream.headerLength, retainedLength);
        stream.end = retainedLength;
        // nothing is owed to the gateway until it asks (its RESYNC after the leader change or its reconnect)
        stream.sendOffset = retainedLength;
        return stream;
    }

    /**
     * @return bytes {@link #encode} writes.
     */
    int encodedLength()
    {
        return headerLength + end - start;
    }

    private long egressSequence(final int offset)
    {
        return retained.getLong(offset + LENGTH_PREFIX + EGRESS_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    private int next(final int offset)
    {
        return offset + LENGTH_PREFIX + BitUtil.align(retained.getInt(offset, ByteOrder.LITTLE_ENDIAN), LENGTH_PREFIX);
    }

    /**
     * Offers messages to the gateway's session.
     */
    interface MessageSender
    {
        /**
         * @param buffer holding the message.
         * @param offset of the message.
         * @param length of the message.
         * @return true if the session took it.
         */
        boolean send(DirectBuffer buffer, int offset, int length);

        /**
         * @param stream whose RESYNC_REPLY (its last egress sequence and applied ingress sequence now) to send.
         * @return true if the session took it.
         */
        boolean sendResyncReply(GatewayStream stream);
    }

    /**
     * Receives retained messages.
     */
    interface MessageVisitor
    {
        /**
         * @param buffer holding the message.
         * @param offset of the message.
         * @param length of the message.
         */
        void onMessage(DirectBuffer buffer, int offset, int length);
    }
}
