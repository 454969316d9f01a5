package io.arbiter.cluster.gateway;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.IngressDescriptor;
import io.arbiter.cluster.codec.OrderIds;
import io.arbiter.cluster.codec.ReportFlyweight;
import io.arbiter.engine.Command;
import io.arbiter.journal.JournalDescriptor;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A gateway's connection to one cluster (shard): numbers each command with the gateway's next ingress sequence, sends
 * it to the leader through Aeron Cluster's ingress, keeps it until the service says it was applied, and hands each
 * report to the {@link ReportListener} exactly once. The cluster's egress carries only committed commands' reports, so
 * a report handed on is of a command a majority holds: the reply gate of cluster mode. After a leader change, a
 * missing egress message or a stall it sends a RESYNC, receives the reports it missed, and sends again every command
 * after the last applied one; the service skips those it already applied (idempotent by ingress sequence). If the
 * cluster session itself is lost it connects again, under the same gateway id. Single threaded: the thread that calls
 * {@link #doWork(long)} also submits. Steady state allocates nothing.
 */
public final class ClusterGateway implements EgressListener, AutoCloseable
{
    /** Records in one ingress message at most (a message of 16 fits one UDP datagram of the default MTU). */
    public static final int MAX_RECORDS_PER_MESSAGE = 16;
    private static final int GAP_REPLIES_BEFORE_LOSS = 3;
    /** Resync timeouts without an answer after which the session is presumed dead and replaced by a new one. */
    private static final int RESYNC_TIMEOUTS_BEFORE_RECONNECT = 10;
    /** A RESYNC that could not be offered is tried again after this long. */
    private static final long RESYNC_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final int gatewayId;
    private final int shard;
    private final AeronCluster.Context clusterContext;
    private final ReportListener listener;
    private final long resyncTimeoutNs;
    private final long reconnectTimeoutNs;
    private final ReportFlyweight report = new ReportFlyweight();
    private final ExpandableDirectByteBuffer pending = new ExpandableDirectByteBuffer(64 * 1024);
    private final ByteBuffer record =
        ByteBuffer.allocateDirect(IngressDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer recordView = new UnsafeBuffer(record);
    private final ByteBuffer crcView = record.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer message = new UnsafeBuffer(
        ByteBuffer.allocateDirect(IngressDescriptor.commandsLength(MAX_RECORDS_PER_MESSAGE)));

    private AeronCluster cluster;
    private AeronCluster.AsyncConnect asyncConnect;
    private long pendingBase = 1;
    private long lastSequence;
    private long sentSequence;
    private long appliedSequence;
    private long egressReceived;
    private boolean awaitingResync = true;
    private long resyncSentNs;
    private long awaitingSinceNs;
    private long lastProgressNs;
    private long lastSendNs;
    private long resyncCount;
    private long reconnectCount;
    private long lostEgressMessages;
    private int gapReplies;
    private boolean wantsMarketData;
    private boolean bookRequested;
    private boolean bookReceived;

    /**
     * Produces garbage (control plane). Call {@link #connect()} before use.
     *
     * @param gatewayId       this gateway's id, 1 to {@link OrderIds#MAX_GATEWAY_ID}, unique among the gateways of
     *                        the cluster and kept across restarts of this gateway while the cluster's state lives.
     * @param shard           index handed to the listener with each report.
     * @param clusterContext  how to reach the cluster (ingress endpoints, egress channel, Aeron directory); the
     *                        gateway sets itself as its egress listener.
     * @param listener        receives the reports.
     * @param resyncTimeoutMs a RESYNC is sent again, or sent because nothing progressed, after this long.
     */
    public ClusterGateway(
        final int gatewayId,
        final int shard,
        final AeronCluster.Context clusterContext,
        final ReportListener listener,
        final long resyncTimeoutMs)
    {
        if (gatewayId < 1 || gatewayId > OrderIds.MAX_GATEWAY_ID)
        {
            throw new IllegalArgumentException("gateway id must be 1 to " + OrderIds.MAX_GATEWAY_ID + ": " + gatewayId);
        }
        this.gatewayId = gatewayId;
        this.shard = shard;
        this.clusterContext = clusterContext.egressListener(this);
        this.listener = listener;
        this.resyncTimeoutNs = TimeUnit.MILLISECONDS.toNanos(resyncTimeoutMs);
        this.reconnectTimeoutNs = RESYNC_TIMEOUTS_BEFORE_RECONNECT * resyncTimeoutNs;
    }

    /**
     * Connect (blocking, up to the context's message timeout) and ask for a RESYNC. Control plane.
     *
     * @throws io.aeron.exceptions.TimeoutException if no leader answers in time.
     */
    public void connect()
    {
        cluster = AeronCluster.connect(clusterContext.clone().egressListener(this));
        final long nowNs = System.nanoTime();
        awaitingResync = true;
        awaitingSinceNs = nowNs;
        sendResync(nowNs);
    }

    /**
     * @return this gateway's id.
     */
    public int gatewayId()
    {
        return gatewayId;
    }

    /**
     * Submit a NEW order; its order id is known at once.
     *
     * @param command a NEW command (its order id, sequence and timestamp are ignored; the service sets them).
     * @return the exchange order id the order gets ({@link OrderIds}).
     */
    public long submit(final Command command)
    {
        if (lastSequence == appliedSequence)
        {
            // the stall timer runs from the first unapplied command
            lastProgressNs = System.nanoTime();
        }
        final long sequence = ++lastSequence;
        final long orderId = command.type() == io.arbiter.engine.CommandType.NEW ?
            OrderIds.orderId(gatewayId, sequence) : command.orderId();
        command.orderId(orderId).sequence(0).timestampNs(0);
        JournalDescriptor.encodeCommand(record, 0, command, sequence, crc, crcView);
        final int offset = (int)(sequence - pendingBase) * IngressDescriptor.RECORD_LENGTH;
        pending.putBytes(offset, recordView, 0, IngressDescriptor.RECORD_LENGTH);
        return orderId;
    }

    /**
     * Queue a session's read-only query ({@link IngressDescriptor#RECORD_TYPE_QUERY}); it is numbered, sent, resent
     * and de-duplicated like a command, and answered in this gateway's stream, with its ingress sequence, once the
     * cluster reaches it in the log. Allocates nothing.
     *
     * @param kind         {@link IngressDescriptor#QUERY_OPEN_ORDERS} or {@link IngressDescriptor#QUERY_BALANCES}.
     * @param account      whose orders or balances.
     * @param instrumentId open orders of this (cluster) instrument only, or
     *                     {@link io.arbiter.engine.Command#ALL_INSTRUMENTS}.
     * @param afterOrderId open orders with a larger (unsigned) order id only.
     * @return the query's ingress sequence.
     */
    public long submitQuery(final int kind, final long account, final int instrumentId, final long afterOrderId)
    {
        if (lastSequence == appliedSequence)
        {
            lastProgressNs = System.nanoTime();
        }
        final long sequence = ++lastSequence;
        for (int i = 0; i < IngressDescriptor.RECORD_LENGTH; i += Long.BYTES)
        {
            record.putLong(i, 0);
        }
        record.putInt(JournalDescriptor.LENGTH_OFFSET, JournalDescriptor.COMMAND_RECORD_LENGTH);
        record.put(JournalDescriptor.RECORD_TYPE_OFFSET, IngressDescriptor.RECORD_TYPE_QUERY);
        record.put(JournalDescriptor.COMMAND_TYPE_OFFSET, (byte)kind);
        record.putLong(JournalDescriptor.SEQUENCE_OFFSET, sequence);
        record.putLong(JournalDescriptor.ACCOUNT_OFFSET, account);
        record.putInt(JournalDescriptor.INSTRUMENT_ID_OFFSET, instrumentId);
        record.putLong(JournalDescriptor.ORDER_ID_OFFSET, afterOrderId);
        record.putInt(JournalDescriptor.CHECKSUM_OFFSET,
            JournalDescriptor.checksum(crc, crcView, 0, JournalDescriptor.COMMAND_RECORD_LENGTH));
        final int offset = (int)(sequence - pendingBase) * IngressDescriptor.RECORD_LENGTH;
        pending.putBytes(offset, recordView, 0, IngressDescriptor.RECORD_LENGTH);
        return sequence;
    }

    /**
     * Subscribe to the cluster's market data (control plane, before {@link #connect()}): once connected the gateway
     * asks for it (MARKET_DATA), and {@link #ready()} waits for the book that answers it.
     *
     * @return this.
     */
    public ClusterGateway requestMarketData()
    {
        wantsMarketData = true;
        return this;
    }

    /**
     * @return true once the cluster answered this connection's RESYNC (and, with {@link #requestMarketData()}, sent
     *         the book); a gateway restarted under a known id must wait for it before its first submit, so its
     *         numbering goes on after the cluster's.
     */
    public boolean ready()
    {
        return !awaitingResync && (!wantsMarketData || bookReceived);
    }

    /**
     * @return commands submitted and not yet known to be applied.
     */
    public long unappliedCount()
    {
        return lastSequence - appliedSequence;
    }

    /**
     * @return the last ingress sequence the cluster applied.
     */
    public long appliedSequence()
    {
        return appliedSequence;
    }

    /**
     * @return the last ingress sequence submitted.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @return the member id of the leader this gateway's session speaks to, or -1 while not connected.
     */
    public int leaderMemberId()
    {
        return cluster == null || cluster.isClosed() ? -1 : cluster.leaderMemberId();
    }

    /**
     * @return RESYNCs sent (each leader change, gap or stall sends at least one).
     */
    public long resyncCount()
    {
        return resyncCount;
    }

    /**
     * @return times the cluster session was lost and connected again.
     */
    public long reconnectCount()
    {
        return reconnectCount;
    }

    /**
     * @return egress messages the cluster no longer had when asked again (its retention bound was passed).
     */
    public long lostEgressMessages()
    {
        return lostEgressMessages;
    }

    /**
     * One duty cycle: poll egress (reports, leader changes), send pending commands, keep the session alive, and
     * resync or reconnect when needed.
     *
     * @param nowNs the time, {@link System#nanoTime()}.
     * @return work done (0 when idle).
     */
    public int doWork(final long nowNs)
    {
        if (cluster == null || cluster.isClosed())
        {
            return reconnect(nowNs);
        }
        int work;
        try
        {
            work = cluster.pollEgress();
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(cluster);
            return 1;
        }
        if (awaitingResync)
        {
            if (nowNs - awaitingSinceNs > reconnectTimeoutNs)
            {
                // no answer to RESYNCs sent again and again: the session is presumed dead (the cluster may have
                // closed it while its close event could not reach this client, or the client waits on a leader
                // connection that never comes) and a new one replaces it; the service deduplicates by gateway id
                // and ingress sequence, so nothing sent on the old session is applied twice
                CloseHelper.quietClose(cluster);
                resyncSentNs = nowNs - resyncTimeoutNs;
                return 1;
            }
            if (nowNs - resyncSentNs > resyncTimeoutNs)
            {
                sendResync(nowNs);
            }
            return work;
        }
        if (wantsMarketData && !bookRequested)
        {
            bookRequested = sendHeader(IngressDescriptor.TYPE_MARKET_DATA, nowNs);
        }
        work += sendPending(nowNs);
        if (lastSequence > appliedSequence && nowNs - lastProgressNs > resyncTimeoutNs)
        {
            awaitResync(nowNs);
            sendResync(nowNs);
        }
        else if (nowNs - lastSendNs > TimeUnit.MILLISECONDS.toNanos(250) && cluster.sendKeepAlive())
        {
            lastSendNs = nowNs;
        }
        return work;
    }

    /**
     * Connect again without blocking, so a gateway serving several shards keeps serving the others meanwhile.
     */
    private int reconnect(final long nowNs)
    {
        try
        {
            if (asyncConnect == null)
            {
                if (nowNs - resyncSentNs < resyncTimeoutNs)
                {
                    return 0;
                }
                resyncSentNs = nowNs;
                reconnectCount++;
                asyncConnect = AeronCluster.asyncConnect(clusterContext.clone().egressListener(this));
            }
            final AeronCluster connected = asyncConnect.poll();
            if (connected == null)
            {
                return 0;
            }
            asyncConnect = null;
            cluster = connected;
            awaitingResync = true;
            awaitingSinceNs = nowNs;
            sendResync(nowNs);
            return 1;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(asyncConnect);
            asyncConnect = null;
            cluster = null;
            resyncSentNs = nowNs;
            return 0;
        }
    }

    private int sendPending(final long nowNs)
    {
        int sent = 0;
        while (sentSequence < lastSequence)
        {
            final long first = sentSequence + 1;
            final int count = (int)Math.min(MAX_RECORDS_PER_MESSAGE, lastSequence - sentSequence);
            message.putInt(IngressDescriptor.TYPE_OFFSET, IngressDescriptor.TYPE_COMMANDS, ByteOrder.LITTLE_ENDIAN);
            message.putInt(IngressDescriptor.GATEWAY_ID_OFFSET, gatewayId, ByteOrder.LITTLE_ENDIAN);
            message.putLong(IngressDescriptor.FIRST_SEQUENCE_OFFSET, first, ByteOrder.LITTLE_ENDIAN);
            message.putLong(IngressDescriptor.EGRESS_RECEIVED_OFFSET, egressReceived, ByteOrder.LITTLE_ENDIAN);
            message.putBytes(IngressDescriptor.HEADER_LENGTH, pending,
                (int)(first - pendingBase) * IngressDescriptor.RECORD_LENGTH, count * IngressDescriptor.RECORD_LENGTH);
            final long result = cluster.offer(message, 0, IngressDescriptor.commandsLength(count));
            if (result < 0)
            {
                break;
            }
            if (sentSequence == appliedSequence)
            {
                lastProgressNs = nowNs;
            }
            sentSequence += count;
            lastSendNs = nowNs;
            sent += count;
        }
        return sent;
    }

    private void sendResync(final long nowNs)
    {
        if (sendHeader(IngressDescriptor.TYPE_RESYNC, nowNs))
        {
            resyncSentNs = nowNs;
            resyncCount++;
        }
        else
        {
            // not offered (typically right after a new leader is announced, before its ingress is connected): try
            // again shortly, not a whole resync timeout later (that wait was a second of every failover)
            resyncSentNs = nowNs - resyncTimeoutNs + RESYNC_RETRY_NS;
        }
    }

    private boolean sendHeader(final int type, final long nowNs)
    {
        message.putInt(IngressDescriptor.TYPE_OFFSET, type, ByteOrder.LITTLE_ENDIAN);
        message.putInt(IngressDescriptor.GATEWAY_ID_OFFSET, gatewayId, ByteOrder.LITTLE_ENDIAN);
        message.putLong(IngressDescriptor.FIRST_SEQUENCE_OFFSET, 0, ByteOrder.LITTLE_ENDIAN);
        message.putLong(IngressDescriptor.EGRESS_RECEIVED_OFFSET, egressReceived, ByteOrder.LITTLE_ENDIAN);
        if (cluster != null && !cluster.isClosed() &&
            cluster.offer(message, 0, IngressDescriptor.HEADER_LENGTH) > 0)
        {
            lastSendNs = nowNs;
            return true;
        }
        return false;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (length < EgressDescriptor.HEADER_LENGTH ||
            buffer.getInt(offset + EgressDescriptor.GATEWAY_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) != gatewayId)
        {
            return;
        }
        final int type = buffer.getInt(offset + EgressDescriptor.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final long egressSequence =
            buffer.getLong(offset + EgressDescriptor.EGRESS_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final long applied = buffer.getLong(offset + EgressDescriptor.APPLIED_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (type == EgressDescriptor.TYPE_REPORTS)
        {
            if (egressSequence <= egressReceived)
            {
                return;
            }
            if (egressSequence > egressReceived + 1)
            {
                if (!awaitingResync)
                {
                    final long nowNs = System.nanoTime();
                    awaitResync(nowNs);
                    sendResync(nowNs);
                }
                return;
            }
            egressReceived = egressSequence;
            onApplied(applied);
            final int count = buffer.getInt(offset + EgressDescriptor.REPORT_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++)
            {
                listener.onReport(shard, report.wrap(buffer,
                    offset + EgressDescriptor.HEADER_LENGTH + i * EgressDescriptor.REPORT_LENGTH));
                if (report.kind() == EgressDescriptor.KIND_BOOK_END)
                {
                    bookReceived = true;
                }
            }
        }
        else if (type == EgressDescriptor.TYPE_RESYNC_REPLY)
        {
            if (egressSequence > egressReceived)
            {
                if (++gapReplies < GAP_REPLIES_BEFORE_LOSS)
                {
                    // the resent messages did not all arrive (back pressure): ask again at the next timeout
                    return;
                }
                // asked several times and they never came: the service no longer retains them
                lostEgressMessages += egressSequence - egressReceived;
                egressReceived = egressSequence;
            }
            gapReplies = 0;
            if (lastSequence == 0 && applied > 0)
            {
                // a restarted gateway under an id the cluster knows: go on after the cluster's last applied command
                lastSequence = applied;
                pendingBase = applied + 1;
            }
            onApplied(applied);
            sentSequence = appliedSequence;
            awaitingResync = false;
            // a MARKET_DATA request lost in a leader change is asked again (a second book is ignored)
            bookRequested = bookReceived;
            lastProgressNs = System.nanoTime();
        }
    }

    private void onApplied(final long applied)
    {
        if (applied > appliedSequence)
        {
            appliedSequence = applied;
            lastProgressNs = System.nanoTime();
        }
        if (sentSequence < appliedSequence)
        {
            sentSequence = appliedSequence;
        }
        final long drop = appliedSequence + 1 - pendingBase;
        if (drop > 0 && (drop * IngressDescriptor.RECORD_LENGTH > pending.capacity() >> 1 || appliedSequence ==
            lastSequence))
        {
            final int keep = (int)(lastSequence - appliedSequence) * IngressDescriptor.RECORD_LENGTH;
            pending.putBytes(0, pending, (int)drop * IngressDescriptor.RECORD_LENGTH, keep);
            pendingBase = appliedSequence + 1;
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onNewLeader(
        final long clusterSessionId,
        final long leadershipTermId,
        final int leaderMemberId,
        final String ingressEndpoints)
    {
        // a new leader has the full bound to answer
        awaitingResync = true;
        awaitingSinceNs = System.nanoTime();
        resyncSentNs = 0;
    }

    private void awaitResync(final long nowNs)
    {
        if (!awaitingResync)
        {
            awaitingResync = true;
            awaitingSinceNs = nowNs;
        }
    }

    /**
     * Close the cluster session (the gateway's unapplied commands are abandoned).
     */
    @Override
    public void close()
    {
        CloseHelper.quietClose(asyncConnect);
        CloseHelper.quietClose(cluster);
    }
}
