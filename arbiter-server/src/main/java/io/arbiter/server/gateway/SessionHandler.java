package io.arbiter.server.gateway;

import io.arbiter.engine.CommandType;
import io.arbiter.protocol.ClientMessageType;
import io.arbiter.protocol.DecodedClientMessage;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.server.config.AccountConfig;
import io.arbiter.server.egress.ChannelSessionEgress;
import io.arbiter.server.egress.EgressBufferPool;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.sequencer.SessionQuery;
import io.arbiter.server.sequencer.SessionRegistration;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection's session on its event loop: the connection's life cycle (limits, metrics, idle events), logon,
 * and the dispatch of each decoded message. Input scheduling is the {@link SessionInputAdapter}'s job, admission and
 * pacing of order requests the {@link OrderAdmission}'s, and the replies the gateway decides itself the
 * {@link LocalReplyPublisher}'s. Before logon only Logon is accepted, and a connection must log on within
 * {@code session.logonTimeoutMs} of being accepted; until then it counts against the {@link ConnectionLimiter}'s cap
 * on connections not logged on. A session whose channel stays unwritable (its replies are not read) is not read from;
 * if that lasts {@code session.idleTimeoutMs} it is closed as SLOW_CONSUMER. Event loop thread only, except
 * {@link #onEvicted()}.
 */
public final class SessionHandler extends ChannelInboundHandlerAdapter implements ConnectionLimiter.PendingLogon
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    /** The one protocol version this server speaks; {@code protocol_version} 0 reads as this. */
    public static final int PROTOCOL_VERSION = 1;

    private final GatewayState state;
    private final LocalReplyPublisher replies;
    private final OrderAdmission admission;
    private final SessionInputAdapter input;
    private InetAddress remoteAddress;
    private boolean admitted;
    private boolean closing;
    private SessionRegistration registration;
    /**
     * Shortest time between two queries of one session: each open-orders answer walks the whole book on the matching
     * thread, so a session may not ask more than ten times a second (docs/protocol.md, "Queries").
     */
    static final long MIN_QUERY_INTERVAL_NS = 100_000_000L;

    private final SessionQuery query = new SessionQuery();
    private long nextQueryAllowedNs;
    private boolean queried;
    private ChannelSessionEgress egress;
    private long account;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> logonDeadline;

    /**
     * Produces garbage (one per connection).
     *
     * @param state shared by the gateway.
     */
    public SessionHandler(final GatewayState state)
    {
        this.state = state;
        this.replies = new LocalReplyPublisher(state);
        this.admission = new OrderAdmission(state, replies);
        this.input = new SessionInputAdapter(state, this, admission, replies);
    }

    /**
     * @return the session's egress once logged on, else null.
     */
    public ChannelSessionEgress egress()
    {
        return egress;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        replies.attach(ctx);
        this.ctx = ctx;
        admission.pollOnPublish(GatewayEventLoopGroup.pollOf(ctx.channel().eventLoop()));
        remoteAddress = ctx.channel().remoteAddress() instanceof InetSocketAddress ?
            ((InetSocketAddress)ctx.channel().remoteAddress()).getAddress() : null;
        final String refusal = state.limiter.tryAcquire(remoteAddress, this);
        if (refusal != null)
        {
            protocolError(ProtocolErrorCode.PROTOCOL_ERROR_CODE_UNSPECIFIED_VALUE, refusal);
            return;
        }
        admitted = true;
        final int logonTimeoutMs = state.context.logonTimeoutMs();
        logonDeadline = ctx.executor().schedule(this::onLogonDeadline, logonTimeoutMs, TimeUnit.MILLISECONDS);
        input.onConnected(ctx);
        state.channels.add(ctx.channel());
        onConnected();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        admission.onDisconnected();
        closing = true;
        input.onDisconnected();
        replies.release();
        if (egress != null)
        {
            egress.onClosed();
        }
        cancelLogonDeadline();
        if (admitted)
        {
            admitted = false;
            state.limiter.release(remoteAddress, this);
            onDisconnected();
        }
        if (registration != null && state.sequencerRunning)
        {
            state.sequencer.publishSessionClosed(registration);
        }
        registration = null;
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        if (egress != null && ctx.channel().isWritable())
        {
            egress.drain();
        }
        if (admitted && !closing())
        {
            input.onWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt instanceof IdleStateEvent)
        {
            final IdleState idle = ((IdleStateEvent)evt).state();
            if (idle == IdleState.READER_IDLE && input.backPressured())
            {
                closing = true;
                replies.slowConsumerAndClose("replies not read for " + state.context.idleTimeoutMs() + " ms");
            }
            else if (idle == IdleState.READER_IDLE)
            {
                protocolError(ProtocolErrorCode.HEARTBEAT_TIMEOUT_VALUE,
                    "nothing received for " + state.context.idleTimeoutMs() + " ms");
            }
            else if (idle == IdleState.WRITER_IDLE && registration != null)
            {
                replies.heartbeat();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final ByteBuf in = (ByteBuf)msg;
        if (closing())
        {
            ReferenceCountUtil.release(in);
            return;
        }
        input.onRead(in);
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        replies.flush();
        ctx.fireChannelReadComplete();
    }

    /**
     * @return orders this session has held for their release time so far.
     */
    long holds()
    {
        return admission.holds();
    }

    /**
     * @return true while an admitted order waits in the pending slot for its release time.
     */
    boolean holding()
    {
        return admission.holding();
    }

    /**
     * @return true while the session keeps the channel's auto-read off (hold, parked input or read pause).
     */
    boolean readsStopped()
    {
        return input.readsStopped();
    }

    /**
     * @return true once the connection is being closed: nothing more is decoded.
     */
    boolean closing()
    {
        return closing || replies.closedAsSlowConsumer();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onEvicted()
    {
        ctx.executor().execute(this::closeEvicted);
    }

    private void closeEvicted()
    {
        if (registration == null && !closing())
        {
            protocolError(ProtocolErrorCode.NOT_LOGGED_ON_ERROR_VALUE,
                "closed to make room: too many connections not logged on");
        }
    }

    private void onLogonDeadline()
    {
        logonDeadline = null;
        if (registration == null && !closing())
        {
            state.logonTimeouts.incrementAndGet();
            protocolError(ProtocolErrorCode.NOT_LOGGED_ON_ERROR_VALUE,
                "not logged on within " + state.context.logonTimeoutMs() + " ms");
        }
    }

    private void cancelLogonDeadline()
    {
        if (logonDeadline != null)
        {
            logonDeadline.cancel(false);
            logonDeadline = null;
        }
    }

    /**
     * Answer a violation of the protocol with a ProtocolError and close the connection.
     *
     * @param code wire error code.
     * @param text reason text.
     */
    void protocolError(final int code, final String text)
    {
        closing = true;
        replies.protocolErrorAndClose(code, text);
    }

    /**
     * Dispatch one decoded message.
     *
     * @param message      the message (valid until the next decode).
     * @param frameStartNs when its frame was decoded.
     * @param readNs       when its bytes were read from the socket.
     */
    void onMessage(final DecodedClientMessage message, final long frameStartNs, final long readNs)
    {
        final ClientMessageType type = message.type();
        if (registration == null)
        {
            if (type == ClientMessageType.LOGON)
            {
                onLogon(message);
            }
            else
            {
                protocolError(ProtocolErrorCode.NOT_LOGGED_ON_ERROR_VALUE, "log on first");
            }
            return;
        }
        switch (type)
        {
            case NEW_ORDER:
            case CANCEL:
            case REPLACE:
            case MASS_CANCEL:
                if (state.metrics != null)
                {
                    state.metrics.onOrderReceived();
                }
                admission.onOrderRequest(
                    message, commandType(type), registration.sessionId(), account, frameStartNs, readNs);
                break;
            case OPEN_ORDERS_REQUEST:
            case INSTRUMENT_LIST_REQUEST:
            case BALANCE_REQUEST:
                onQuery(message, type, readNs);
                break;
            case HEARTBEAT:
                break;
            case LOGOUT:
                closing = true;
                replies.logoutAndClose();
                break;
            case LOGON:
                protocolError(ProtocolErrorCode.ALREADY_LOGGED_ON_ERROR_VALUE, "already logged on");
                break;
            case NONE:
            default:
                protocolError(ProtocolErrorCode.UNKNOWN_MESSAGE_VALUE, "unknown message");
                break;
        }
    }

    private static CommandType commandType(final ClientMessageType type)
    {
        switch (type)
        {
            case NEW_ORDER:
                return CommandType.NEW;
            case CANCEL:
                return CommandType.CANCEL;
            case MASS_CANCEL:
                return CommandType.MASS_CANCEL;
            default:
                return CommandType.REPLACE;
        }
    }

    /**
     * A read-only request: validated here, answered by the matching thread (not journaled). Refused with a Rejected
     * carrying the request id when a field is invalid, when the node is shutting down or when the ring is full.
     */
    private void onQuery(final DecodedClientMessage message, final ClientMessageType type, final long readNs)
    {
        final boolean openOrders = type == ClientMessageType.OPEN_ORDERS_REQUEST;
        final boolean balances = type == ClientMessageType.BALANCE_REQUEST;
        final int requestType = openOrders ? RequestType.REQUEST_OPEN_ORDERS_VALUE :
            balances ? RequestType.REQUEST_BALANCE_VALUE : RequestType.REQUEST_INSTRUMENT_LIST_VALUE;
        final int invalid = message.validate();
        if (invalid != DecodedClientMessage.APPLIED)
        {
            replies.rejectQuery(message.requestId(), requestType, invalid, DecodedClientMessage.rejectText(invalid));
            return;
        }
        if (!state.acceptingCommands)
        {
            replies.rejectQuery(message.requestId(), requestType, RejectCode.SHUTTING_DOWN.wireReason(),
                RejectCode.SHUTTING_DOWN.text());
            return;
        }
        if (!state.queriesServed)
        {
            replies.rejectQuery(message.requestId(), requestType, RejectCode.BUSY.wireReason(),
                "queries are not served by this node's replicated engine");
            return;
        }
        if (queried && readNs - nextQueryAllowedNs < 0)
        {
            replies.rejectQuery(message.requestId(), requestType, RejectCode.THROTTLED.wireReason(),
                "at most 10 queries per second per session");
            return;
        }
        queried = true;
        nextQueryAllowedNs = readNs + MIN_QUERY_INTERVAL_NS;
        query.set(
            openOrders ? SessionQuery.Type.OPEN_ORDERS :
                balances ? SessionQuery.Type.BALANCES : SessionQuery.Type.INSTRUMENT_LIST,
            registration.sessionId(),
            message.requestId(),
            openOrders && message.symbolLength() > 0 ? message.instrumentId() : SessionQuery.ALL_INSTRUMENTS,
            openOrders ? message.afterOrderId() : 0);
        if (!state.sequencer.tryPublishQuery(query))
        {
            replies.rejectQuery(message.requestId(), requestType, RejectCode.BUSY.wireReason(),
                RejectCode.BUSY.text());
        }
    }

    private void onLogon(final DecodedClientMessage message)
    {
        final int version = message.protocolVersion();
        if (version != 0 && version != PROTOCOL_VERSION)
        {
            closing = true;
            replies.logonRejectAndClose(LogonRejectReason.UNSUPPORTED_PROTOCOL_VERSION_VALUE,
                "protocol_version " + Integer.toUnsignedString(version) + " is not supported; supported: " +
                PROTOCOL_VERSION);
            return;
        }
        final DirectBuffer buffer = message.buffer();
        final String name = buffer.getStringWithoutLengthUtf8(message.accountOffset(), message.accountLength());
        final byte[] secret = new byte[message.secretLength()];
        buffer.getBytes(message.secretOffset(), secret);
        final AccountConfig accountConfig = state.accountsByName.get(name);
        final boolean valid = accountConfig != null ? accountConfig.secretMatches(secret) :
            MessageDigest.isEqual(secret, new byte[secret.length + 1]);
        if (!valid || accountConfig == null)
        {
            closing = true;
            replies.logonRejectAndClose(
                LogonRejectReason.INVALID_CREDENTIALS_VALUE, "unknown account or wrong secret");
            return;
        }
        if (!state.acceptingCommands)
        {
            closing = true;
            replies.logonRejectAndClose(LogonRejectReason.SERVER_UNAVAILABLE_VALUE, "server shutting down");
            return;
        }
        if (!state.limiter.onLoggedOn(this))
        {
            protocolError(ProtocolErrorCode.NOT_LOGGED_ON_ERROR_VALUE,
                "closed to make room: too many connections not logged on");
            return;
        }
        cancelLogonDeadline();
        account = accountConfig.id();
        final long sessionId = state.sessionIds.incrementAndGet();
        final ServerMetrics metrics = state.metrics;
        egress = new ChannelSessionEgress(ctx.channel(), state.egressBuffers,
            metrics != null ? metrics::onEgressWrite : null, this::onReportsOverflowed);
        if (state.egressWakes != null)
        {
            egress.lazyWakes(state.egressWakes.forLoop(ctx.channel().eventLoop()));
        }
        registration = new SessionRegistration(sessionId, account, egress);
        replies.logonAck(sessionId, state.context.heartbeatIntervalMs(), account);
        onLoggedOn();
        state.sequencer.publishSessionOpened(registration);
    }

    /**
     * The session's report queue was refused a chunk (over {@code session.egressBufferBytes}, or beyond its guaranteed
     * chunks while the node lends {@code session.egressNodeBufferBytes}): its egress closes it as a slow
     * consumer. Counted with the gateway's other slow-consumer closes and logged, so an operator sees why a client
     * was cut.
     */
    private void onReportsOverflowed()
    {
        if (replies.closedAsSlowConsumer())
        {
            return;
        }
        state.slowConsumerCloses.incrementAndGet();
        LOG.warn("session {} of account {} ({}) closed as SLOW_CONSUMER: its report queue was refused a chunk " +
            "(session cap {} bytes, node cap {} bytes beyond each session's first {}, {} bytes lent)",
            registration != null ? registration.sessionId() : 0, account, ctx.channel().remoteAddress(),
            state.context.egressBufferBytes(), state.context.egressNodeBufferBytes(),
            EgressBufferPool.GUARANTEED_BYTES, state.egressBuffers.bytesLent());
    }

    private void onConnected()
    {
        final ServerMetrics metrics = state.metrics;
        if (metrics != null)
        {
            metrics.onConnectionOpened();
        }
        admission.onConnected();
    }

    private void onDisconnected()
    {
        final ServerMetrics metrics = state.metrics;
        if (metrics != null)
        {
            metrics.onConnectionClosed();
            if (registration != null)
            {
                metrics.onSessionClosed();
            }
        }
    }

    private void onLoggedOn()
    {
        final ServerMetrics metrics = state.metrics;
        if (metrics != null)
        {
            metrics.onSessionOpened();
        }
        admission.onLoggedOn(account);
    }
}
