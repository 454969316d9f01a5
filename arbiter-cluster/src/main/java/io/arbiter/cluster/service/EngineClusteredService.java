package io.arbiter.cluster.service;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.IngressDescriptor;
import io.arbiter.cluster.codec.OrderIds;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotListener;
import io.arbiter.engine.TimeInForce;
import io.arbiter.journal.JournalDescriptor;
import io.arbiter.marketdata.SnapshotLevels;
import io.arbiter.server.config.InstrumentConfig;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * The matching engine as an Aeron Cluster service. Every member runs one; each applies the committed log in order, so
 * all engines hold the same state (equal {@link #stateHash()}), and only the leader's egress reaches the gateways.
 * Commands arrive as {@link IngressDescriptor} messages holding records in the journal's encoding; the service numbers
 * them, stamps them with the log's time and applies them; the engine's events become {@link EgressDescriptor} reports
 * for the gateway that owns each order, retained until that gateway says it holds them. A gateway's ingress sequence
 * makes resubmission idempotent: a record at or below the gateway's applied sequence is skipped, one past a gap is
 * refused (the gateway resends from the gap). Single writer: the cluster's service thread. Steady state allocates
 * nothing; snapshots do.
 */
public final class EngineClusteredService implements ClusteredService
{
    private static final long EXPIRY_TIMER_ID = 1;
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final EngineServiceContext context;
    private final Int2ObjectHashMap<GatewayStream> streams = new Int2ObjectHashMap<>();
    private final ReportCollector reports;
    private final MatchingEngine engine;
    private final QueryAnswerer queries;
    private final OperatorCommandDesk operators;
    private final Command command = new Command();
    private final Command timeCommand = new Command();
    private final ByteBuffer recordBuffer =
        ByteBuffer.allocateDirect(IngressDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer recordView = new UnsafeBuffer(recordBuffer);
    private final ByteBuffer crcView = recordBuffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer resyncReply = new UnsafeBuffer(new byte[EgressDescriptor.HEADER_LENGTH]);
    private final SessionSender sender = new SessionSender();
    private final GatewayStream[] backlog;
    private int backlogCount;
    private Cluster cluster;
    private long appliedCommands;
    private long refusedRecords;
    private long egressBackPressured;
    private long expiryDeadline = NO_DEADLINE;
    private final AtomicLong hashRequests = new AtomicLong();
    private volatile long hashAnswered;
    private volatile long answeredStateHash;
    private volatile long publishedAppliedCommands;
    private volatile int publishedOpenOrders;

    /**
     * Produces garbage (control plane).
     *
     * @param context the engine's pools, the instruments of a fresh cluster and the retention bound.
     */
    public EngineClusteredService(final EngineServiceContext context)
    {
        this.context = context;
        this.reports = new ReportCollector(streams, context.maxGateways());
        this.engine = new MatchingEngine(context.engineContext(), reports, reports).balanceListener(reports);
        reports.ledger(engine.balances());
        this.queries = new QueryAnswerer(engine, reports);
        this.operators = new OperatorCommandDesk(engine, reports);
        this.backlog = new GatewayStream[context.maxGateways()];
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        if (snapshotImage == null)
        {
            for (final InstrumentConfig instrument : context.instruments())
            {
                final int id = engine.addInstrument(instrument.symbol(), instrument.tickSizeUnits(),
                    instrument.lotSize(), instrument.baseAsset(), instrument.quoteAsset()).id();
                if (instrument.fees())
                {
                    // every member starts from the same file: the same fees before the first log entry
                    engine.onCommand(command.fees(id, instrument.makerBps(), instrument.takerBps()));
                }
            }
        }
        else
        {
            // the expiry timer, if any, is in the consensus module's part of the snapshot; timers cannot be
            // scheduled from onStart, so the next message or timer event sets it again
            appliedCommands = ServiceSnapshot.read(snapshotImage, cluster.idleStrategy(), context.maxRetainedBytes(),
                streams, reports, engine);
        }
        publish();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (length < IngressDescriptor.HEADER_LENGTH)
        {
            refusedRecords++;
            return;
        }
        final int type = buffer.getInt(offset + IngressDescriptor.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final int gatewayId = buffer.getInt(offset + IngressDescriptor.GATEWAY_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final GatewayStream stream = stream(gatewayId);
        if (stream == null)
        {
            refusedRecords++;
            return;
        }
        stream.clusterSessionId(session.id());
        stream.trim(buffer.getLong(offset + IngressDescriptor.EGRESS_RECEIVED_OFFSET, ByteOrder.LITTLE_ENDIAN));
        if (type == IngressDescriptor.TYPE_COMMANDS)
        {
            onCommands(stream, timestamp, buffer, offset, length);
        }
        else if (type == IngressDescriptor.TYPE_MARKET_DATA)
        {
            onMarketDataRequest(stream, timestamp);
        }
        else if (type == IngressDescriptor.TYPE_RESYNC)
        {
            onResync(stream,
                buffer.getLong(offset + IngressDescriptor.EGRESS_RECEIVED_OFFSET, ByteOrder.LITTLE_ENDIAN));
        }
        else
        {
            refusedRecords++;
        }
        publish();
    }

    private void onCommands(
        final GatewayStream stream, final long timestamp, final DirectBuffer buffer, final int offset, final int length)
    {
        final long firstSequence =
            buffer.getLong(offset + IngressDescriptor.FIRST_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final int count = IngressDescriptor.recordCount(length);
        if (firstSequence > stream.appliedIngressSequence() + 1)
        {
            // a gap: something before this message was lost (a failover); the gateway resends from the gap
            stream.oweResyncReply();
            send(stream);
            return;
        }
        final long timestampNs = cluster.timeUnit().toNanos(timestamp);
        final int gatewayId = stream.gatewayId();
        reports.touch(stream);
        reports.timestampNs(timestampNs);
        advanceClock(cluster.timeUnit().toMillis(timestamp), timestampNs);
        for (int i = 0; i < count; i++)
        {
            final long sequence = firstSequence + i;
            if (sequence <= stream.appliedIngressSequence())
            {
                continue;
            }
            buffer.getBytes(offset + IngressDescriptor.HEADER_LENGTH + i * IngressDescriptor.RECORD_LENGTH,
                recordView, 0, IngressDescriptor.RECORD_LENGTH);
            stream.appliedIngressSequence(sequence);
            if (!checked())
            {
                refusedRecords++;
                continue;
            }
            if (recordBuffer.get(JournalDescriptor.RECORD_TYPE_OFFSET) == IngressDescriptor.RECORD_TYPE_QUERY)
            {
                // read-only: answered from the state at this point of the log, no command applied or counted
                reports.beginCommand(gatewayId, sequence, -1, Side.BUY, Prices.NULL_PRICE);
                queries.answer(stream, recordBuffer);
                continue;
            }
            if (!JournalDescriptor.decodeCommand(recordBuffer, 0, command))
            {
                refusedRecords++;
                continue;
            }
            final CommandType type = command.type();
            final boolean operator = OperatorCommandDesk.isOperatorCommand(type);
            if (OperatorCommandDesk.isRefused(type))
            {
                refusedRecords++;
                continue;
            }
            if (type == CommandType.NEW)
            {
                command.orderId(OrderIds.orderId(gatewayId, sequence));
            }
            else if (operator)
            {
                operators.prepare(command);
            }
            else if (OrderIds.gatewayId(command.orderId()) != gatewayId)
            {
                // a gateway may only touch its own orders: make the id one no order has, so the engine rejects it
                command.orderId(OrderIds.orderId(gatewayId, 0));
            }
            command.sequence(++appliedCommands).timestampNs(timestampNs);
            reports.beginCommand(gatewayId, sequence, command.instrumentId(), command.side(), command.price());
            engine.onCommand(command);
            if (operator)
            {
                operators.reportOutcome(stream, command);
            }
        }
        closeMessages();
        scheduleExpiry();
    }

    /**
     * The engine's clock follows the log: before the commands of a message (and on the expiry timer) the service
     * applies a TIME command with the log's timestamp in epoch milliseconds (the engine clock's unit, as on a single
     * node), so every member expires the same GTD orders at the same point of the log. TIME commands are not counted
     * in {@link #appliedCommands()}; their reports (EXPIRED cancels) carry ingress sequence 0.
     */
    private void advanceClock(final long timeMs, final long timestampNs)
    {
        if (timeMs > engine.clock())
        {
            reports.beginCommand(0, 0, -1, Side.BUY, Prices.NULL_PRICE);
            engine.onCommand(timeCommand.clock(timeMs).sequence(appliedCommands).timestampNs(timestampNs));
        }
    }

    /**
     * Keep one cluster timer at the earliest GTD expiry (rounded up to the cluster's time unit), none without GTD
     * orders. Every member makes the same calls at the same log positions; only the leader's timer fires, as a log
     * entry every member applies ({@link #onTimerEvent}).
     */
    private void scheduleExpiry()
    {
        final long expiry = engine.nextExpiry();
        final long deadline =
            expiry == Command.NO_TIME ? NO_DEADLINE : ceilToClusterTime(TimeUnit.MILLISECONDS.toNanos(expiry));
        if (deadline != expiryDeadline)
        {
            final boolean done = deadline == NO_DEADLINE ?
                cluster.cancelTimer(EXPIRY_TIMER_ID) : cluster.scheduleTimer(EXPIRY_TIMER_ID, deadline);
            // a refused call (back pressure towards the consensus module) is repeated after the next message
            expiryDeadline = done ? deadline : NO_DEADLINE + 1;
        }
    }

    private long ceilToClusterTime(final long timeNs)
    {
        final long unitNs = cluster.timeUnit().toNanos(1);
        return timeNs / unitNs + (timeNs % unitNs > 0 ? 1 : 0);
    }

    private boolean checked()
    {
        final int length = recordBuffer.getInt(JournalDescriptor.LENGTH_OFFSET);
        return length == JournalDescriptor.COMMAND_RECORD_LENGTH &&
            recordBuffer.getInt(JournalDescriptor.CHECKSUM_OFFSET) ==
            JournalDescriptor.checksum(crc, crcView, 0, JournalDescriptor.COMMAND_RECORD_LENGTH);
    }

    private void closeMessages()
    {
        for (int i = 0, size = reports.touchedCount(); i < size; i++)
        {
            final GatewayStream stream = reports.touched(i);
            stream.close(true);
            send(stream);
        }
        reports.clearTouched();
    }

    /**
     * Subscribe the gateway to market data and write the aggregated book of every instrument, as it stands at this
     * point of the log, into its stream: every member writes the same. Produces garbage (a rare request).
     */
    private void onMarketDataRequest(final GatewayStream stream, final long timestamp)
    {
        reports.timestampNs(cluster.timeUnit().toNanos(timestamp));
        reports.subscribeMarketData(stream);
        reports.touch(stream);
        engine.snapshot(new SnapshotLevels((instrumentId, side, price, quantity, orderCount) ->
            reports.bookLevel(stream, instrumentId, side, price, quantity, orderCount)));
        reports.bookEnd(stream);
        closeMessages();
    }

    private void onResync(final GatewayStream stream, final long egressReceived)
    {
        stream.rewind(egressReceived);
        stream.oweResyncReply();
        send(stream);
    }

    /**
     * Offer the stream's unsent messages to the gateway's current session, in order. Only the leader's offer leaves
     * the member (a follower's succeeds without sending). What the session refuses now (back pressure, a session not
     * yet connected) waits in the backlog and is offered again by {@link #doBackgroundWork}; a gateway without a
     * session gets nothing until it asks again with a RESYNC.
     */
    private void send(final GatewayStream stream)
    {
        if (!sender.sendAll(stream) && !stream.inBacklog())
        {
            stream.inBacklog(true);
            backlog[backlogCount++] = stream;
        }
    }

    /**
     * Offer again what gateways' sessions refused before (the service thread, between log messages; sending is not
     * part of the replicated state), and answer a request for the state hash.
     *
     * @param nowNs the service's clock.
     * @return messages or streams that made progress.
     */
    @Override
    public int doBackgroundWork(final long nowNs)
    {
        int work = answerHashRequest();
        for (int i = backlogCount - 1; i >= 0; i--)
        {
            final GatewayStream stream = backlog[i];
            if (sender.sendAll(stream))
            {
                stream.inBacklog(false);
                backlog[i] = backlog[--backlogCount];
                backlog[backlogCount] = null;
                work++;
            }
        }
        return work;
    }

    /**
     * Offers a stream's messages to its gateway's current session.
     */
    private final class SessionSender implements GatewayStream.MessageSender
    {
        private ClientSession session;

        boolean sendAll(final GatewayStream stream)
        {
            if (!stream.hasUnsent())
            {
                return true;
            }
            session = cluster.getClientSession(stream.clusterSessionId());
            if (session == null || session.isClosing())
            {
                stream.abandonUnsent();
                return true;
            }
            final boolean done = stream.sendUnsent(this);
            session = null;
            return done;
        }

        @Override
        public boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            if (session.offer(buffer, offset, length) > 0)
            {
                return true;
            }
            egressBackPressured++;
            return false;
        }

        @Override
        public boolean sendResyncReply(final GatewayStream stream)
        {
            resyncReply.putInt(
                EgressDescriptor.TYPE_OFFSET, EgressDescriptor.TYPE_RESYNC_REPLY, ByteOrder.LITTLE_ENDIAN);
            resyncReply.putInt(EgressDescriptor.GATEWAY_ID_OFFSET, stream.gatewayId(), ByteOrder.LITTLE_ENDIAN);
            resyncReply.putLong(
                EgressDescriptor.EGRESS_SEQUENCE_OFFSET, stream.lastEgressSequence(), ByteOrder.LITTLE_ENDIAN);
            resyncReply.putLong(
                EgressDescriptor.APPLIED_SEQUENCE_OFFSET, stream.appliedIngressSequence(), ByteOrder.LITTLE_ENDIAN);
            resyncReply.putInt(EgressDescriptor.REPORT_COUNT_OFFSET, 0, ByteOrder.LITTLE_ENDIAN);
            return send(resyncReply, 0, EgressDescriptor.HEADER_LENGTH);
        }
    }

    private GatewayStream stream(final int gatewayId)
    {
        GatewayStream stream = streams.get(gatewayId);
        if (stream == null && gatewayId >= 1 && gatewayId <= OrderIds.MAX_GATEWAY_ID &&
            streams.size() < context.maxGateways())
        {
            stream = new GatewayStream(gatewayId, context.maxRetainedBytes());
            streams.put(gatewayId, stream);
        }
        return stream;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        if (correlationId == EXPIRY_TIMER_ID)
        {
            expiryDeadline = NO_DEADLINE;
            reports.timestampNs(cluster.timeUnit().toNanos(timestamp));
            advanceClock(cluster.timeUnit().toMillis(timestamp), cluster.timeUnit().toNanos(timestamp));
            closeMessages();
            scheduleExpiry();
            publish();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        ServiceSnapshot.write(snapshotPublication, cluster.idleStrategy(), appliedCommands, streams, engine);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTerminate(final Cluster cluster)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onNewLeadershipTermEvent(
        final long leadershipTermId,
        final long logPosition,
        final long timestamp,
        final long termBaseLogPosition,
        final int leaderMemberId,
        final int logSessionId,
        final TimeUnit timeUnit,
        final int appVersion)
    {
    }

    private void publish()
    {
        publishedAppliedCommands = appliedCommands;
        publishedOpenOrders = engine.openOrderCount();
    }

    /**
     * The engine's state hash, computed on the service thread between log messages when asked (it walks every book,
     * so it is not computed per message). Blocks the caller until the service answers; for tests and diagnostics of a
     * running member.
     *
     * @return the engine's state hash after the messages applied so far.
     * @throws IllegalStateException if the service did not answer within 30 s (the member is stopped).
     */
    public long stateHash()
    {
        final long request = hashRequests.incrementAndGet();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (hashAnswered < request)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the service did not answer for its state hash (stopped?)");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return answeredStateHash;
    }

    private int answerHashRequest()
    {
        final long requested = hashRequests.get();
        if (requested == hashAnswered)
        {
            return 0;
        }
        answeredStateHash = engine.stateHash();
        hashAnswered = requested;
        return 1;
    }

    /**
     * @return commands applied since the cluster began, snapshots included (readable from any thread).
     */
    public long appliedCommands()
    {
        return publishedAppliedCommands;
    }

    /**
     * @return resting orders after the last message applied (readable from any thread).
     */
    public int openOrders()
    {
        return publishedOpenOrders;
    }

    /**
     * The resting orders' ids and remaining quantities, read from the engine on the calling thread. Call only while the
     * member applies nothing (the cluster is idle, as {@link #appliedCommands()} shows: its volatile read makes the
     * engine's state as of that count visible). For tests and diagnostics; produces garbage.
     *
     * @return remaining quantity by order id, for every order in a book.
     */
    public Long2LongHashMap restingOrdersWhenIdle()
    {
        final Long2LongHashMap resting = new Long2LongHashMap(0);
        if (appliedCommands() < 0)
        {
            return resting;
        }
        engine.snapshot(new SnapshotListener()
        {
            @Override
            public void onInstrument(final Instrument instrument)
            {
            }

            @Override
            public void onInstrumentState(final int instrumentId, final boolean halted, final boolean delisted,
                final long bandHundredths, final long lastTradePrice)
            {
            }

            @Override
            public void onOrder(final int instrumentId, final Side side, final long orderId, final long account,
                final long priceUnits, final long remaining, final long hidden, final long display,
                final TimeInForce timeInForce, final SelfTradePrevention selfTradePrevention, final long expiry,
                final long acceptance)
            {
                resting.put(orderId, remaining + hidden);
            }

            @Override
            public void onStop(final int instrumentId, final Side side, final long orderId, final long account,
                final OrderType orderType, final long priceUnits, final long stopUnits, final long quantity,
                final TimeInForce timeInForce, final SelfTradePrevention selfTradePrevention, final long expiry,
                final long acceptance)
            {
            }

            @Override
            public void onCounters(final long tradeCount, final long clock, final long acceptances)
            {
            }
        });
        return resting;
    }

    /**
     * @return egress offers the gateways' sessions refused and that were offered again later (service thread only;
     *         not replicated state).
     */
    public long egressBackPressured()
    {
        return egressBackPressured;
    }

    /**
     * @return ingress messages and records refused as malformed (service thread only; not replicated state).
     */
    public long refusedRecords()
    {
        return refusedRecords;
    }
}
