package io.arbiter.server.gateway;

import io.arbiter.engine.CommandType;
import io.arbiter.protocol.ClientMessageDecoder;
import io.arbiter.protocol.ClientMessageType;
import io.arbiter.protocol.DecodedClientMessage;
import io.arbiter.protocol.FrameStatus;
import io.arbiter.protocol.ServerMessageEncoder;
import io.arbiter.protocol.WireEnums;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.arbiter.server.config.AccountConfig;
import io.arbiter.server.egress.ChannelSessionEgress;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.overload.DualModeBucket;
import io.arbiter.server.overload.NodeOverload;
import io.arbiter.server.overload.OverloadGate;
import io.arbiter.server.overload.AdmissionDecision;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.SessionRegistration;
import io.arbiter.server.sequencer.Sequencer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One TCP connection's inbound side, on its event loop: frames are decoded straight from the channel's
 * {@link ByteBuf} memory (wrapped, not copied; only a frame split across reads is accumulated in a per-connection
 * buffer), the session logs on, and order requests are staged and published to the ring. Before logon only Logon is
 * accepted; malformed or oversized frames end the connection with a ProtocolError. Event loop thread only.
 * <p>
 * Pacing (see docs/overload.md): an order the limiter admits for later is held in the session's one pending slot
 * ({@code staged}) and published by the event loop's {@link GatewayTimer} at its release time; meanwhile the session
 * decodes nothing more and its channel's auto-read is off, so later frames (cancels too) stay behind it, in order, in
 * the parked input or the socket. A THROTTLED order pauses the session's socket reads for its retry-after (at most
 * {@link #MAX_READ_PAUSE_NS}); frames already read are still answered. A session decodes at most
 * {@link #FRAMES_PER_TURN} frames per turn, then yields to the other channels until the next timer tick; meanwhile
 * its socket is still read, the input parked undecoded, until {@link #MAX_PARKED_READS} reads wait (then auto-read is
 * off until the backlog is decoded): a burst of a few turns' frames does not switch auto-read off and on, which
 * allocates in Netty's epoll transport (each change of a channel's interest set builds a new {@code EpollIoOps}).
 */
public final class SessionHandler extends ChannelInboundHandlerAdapter implements GatewayTimer.Listener
{
    /** Frames one session decodes before yielding the event loop to the other channels. */
    static final int FRAMES_PER_TURN = 64;
    /** Longest socket-read pause after a THROTTLED order (it also delays that session's cancels). */
    static final long MAX_READ_PAUSE_NS = 5_000_000L;
    /** Reads parked undecoded while a session waits for its next turn, before its socket reads stop. */
    static final int MAX_PARKED_READS = 4;
    private static final int SCRATCH_BYTES = 1024;
    private static final int INITIAL_PARKED_INPUTS = 4;
    private static final int REPLY_BATCH_BYTES = 4096;

    private final GatewayState state;
    private final ClientMessageDecoder decoder;
    private final ServerMessageEncoder encoder = new ServerMessageEncoder();
    private final IngressCommand staged = new IngressCommand();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer accumulation;
    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(SCRATCH_BYTES));
    private final UnsafeBuffer target = new UnsafeBuffer(0, 0);
    private int accumulated;
    private InetAddress remoteAddress;
    private boolean admitted;
    private boolean closing;
    private SessionRegistration registration;
    private ChannelSessionEgress egress;
    private long account;
    private long frameStartNs;
    private OverloadGate gate;
    private DualModeBucket sessionBucket;
    private DualModeBucket accountBucket;
    private boolean throttled;
    private ChannelHandlerContext ctx;
    private GatewayTimer timer;
    private long timerId = GatewayTimer.NO_TIMER;
    private long timerDeadlineNs;
    private ByteBuf[] parkedInputs = new ByteBuf[INITIAL_PARKED_INPUTS];
    private long[] parkedReadNs = new long[INITIAL_PARKED_INPUTS];
    private int parkedHead;
    private int parkedCount;
    private boolean accumulationPending;
    private boolean inputWaiting;
    private long inputReadNs;
    private int framesThisTurn;
    private boolean readsStopped;
    private boolean holding;
    private long holdReleaseNs;
    private CommandType heldType;
    private long readsPausedUntilNs;
    private long holds;
    private ByteBuf replies;

    /**
     * Produces garbage (one per connection).
     *
     * @param state shared by the gateway.
     */
    public SessionHandler(final GatewayState state)
    {
        this.state = state;
        final int maxFrame = state.context.maxFrameLength();
        this.decoder = new ClientMessageDecoder(maxFrame, state.symbols);
        this.accumulation = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * (maxFrame + 8)));
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
        remoteAddress = ctx.channel().remoteAddress() instanceof InetSocketAddress ?
            ((InetSocketAddress)ctx.channel().remoteAddress()).getAddress() : null;
        final String refusal = state.limiter.tryAcquire(remoteAddress);
        if (refusal != null)
        {
            protocolError(ctx, ProtocolErrorCode.PROTOCOL_ERROR_CODE_UNSPECIFIED_VALUE, refusal);
            return;
        }
        admitted = true;
        this.ctx = ctx;
        timer = state.timerFor(ctx.executor());
        readsPausedUntilNs = state.clock.nanoTime();
        state.channels.add(ctx.channel());
        onConnected();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (holding)
        {
            releaseHeld(state.clock.nanoTime());
        }
        closing = true;
        releaseParkedInputs();
        disarmTimer();
        if (replies != null)
        {
            replies.release();
            replies = null;
        }
        if (admitted)
        {
            admitted = false;
            state.limiter.release(remoteAddress);
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
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt instanceof IdleStateEvent)
        {
            final IdleState idle = ((IdleStateEvent)evt).state();
            if (idle == IdleState.READER_IDLE)
            {
                protocolError(ctx, ProtocolErrorCode.HEARTBEAT_TIMEOUT_VALUE, "nothing received for too long");
            }
            else if (idle == IdleState.WRITER_IDLE && registration != null)
            {
                final int length = encoder.encodeHeartbeat(scratch, 0, SCRATCH_BYTES);
                write(ctx, length, false);
                flushReplies(ctx);
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
        if (closing)
        {
            ReferenceCountUtil.release(in);
            return;
        }
        park(in, state.clock.nanoTime());
        if (holding)
        {
            return;
        }
        if (!inputWaiting)
        {
            pump(ctx);
        }
        else if (parkedCount >= MAX_PARKED_READS && !readsStopped)
        {
            readsStopped = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    /**
     * @return orders this session has held for their release time so far.
     */
    long holds()
    {
        return holds;
    }

    /**
     * @return true while an admitted order waits in the pending slot for its release time.
     */
    boolean holding()
    {
        return holding;
    }

    /**
     * @return true while this handler keeps the channel's auto-read off (hold, parked input or read pause).
     */
    boolean readsStopped()
    {
        return readsStopped;
    }

    @Override
    public void onTimer(final long nowNs)
    {
        timerId = GatewayTimer.NO_TIMER;
        if (ctx == null || closing)
        {
            return;
        }
        if (holding && nowNs - holdReleaseNs >= 0)
        {
            releaseHeld(nowNs);
        }
        if (!holding)
        {
            pump(ctx);
        }
        else
        {
            settle(ctx);
        }
        flushReplies(ctx);
    }

    private void park(final ByteBuf in, final long readNs)
    {
        if (parkedCount == parkedInputs.length)
        {
            growParkedInputs();
        }
        final int index = (parkedHead + parkedCount) % parkedInputs.length;
        parkedInputs[index] = in;
        parkedReadNs[index] = readNs;
        parkedCount++;
    }

    private void growParkedInputs()
    {
        final int capacity = parkedInputs.length;
        final ByteBuf[] inputs = new ByteBuf[capacity * 2];
        final long[] readNs = new long[capacity * 2];
        for (int i = 0; i < parkedCount; i++)
        {
            inputs[i] = parkedInputs[(parkedHead + i) % capacity];
            readNs[i] = parkedReadNs[(parkedHead + i) % capacity];
        }
        parkedInputs = inputs;
        parkedReadNs = readNs;
        parkedHead = 0;
    }

    private void dropParkedHead()
    {
        final ByteBuf in = parkedInputs[parkedHead];
        parkedInputs[parkedHead] = null;
        parkedHead = (parkedHead + 1) % parkedInputs.length;
        parkedCount--;
        ReferenceCountUtil.release(in);
    }

    private void releaseParkedInputs()
    {
        while (parkedCount > 0)
        {
            dropParkedHead();
        }
        accumulationPending = false;
    }

    private boolean mustStop()
    {
        return closing || holding || framesThisTurn >= FRAMES_PER_TURN;
    }

    /**
     * Decode parked input in order until it is used up, an order is held, the turn's frames are spent or the
     * connection closes; then set auto-read and the timer to match.
     */
    private void pump(final ChannelHandlerContext ctx)
    {
        framesThisTurn = 0;
        if (accumulationPending && !mustStop())
        {
            decodeAccumulated(ctx);
        }
        while (parkedCount > 0 && !mustStop())
        {
            final ByteBuf in = parkedInputs[parkedHead];
            inputReadNs = parkedReadNs[parkedHead];
            decode(ctx, in);
            if (!in.isReadable())
            {
                dropParkedHead();
            }
        }
        if (closing)
        {
            releaseParkedInputs();
        }
        settle(ctx);
    }

    private void decode(final ChannelHandlerContext ctx, final ByteBuf in)
    {
        int readerIndex = in.readerIndex();
        final int end = in.writerIndex();
        if (accumulated == 0 && wrap(in, readerIndex, end - readerIndex))
        {
            final int consumed = processFrames(ctx, view, 0, end - readerIndex);
            if (consumed < 0)
            {
                return;
            }
            readerIndex += consumed;
            in.readerIndex(readerIndex);
        }
        while (readerIndex < end && !mustStop())
        {
            final int chunk = Math.min(end - readerIndex, accumulation.capacity() - accumulated);
            if (wrap(in, readerIndex, chunk))
            {
                accumulation.putBytes(accumulated, view, 0, chunk);
            }
            else
            {
                in.getBytes(readerIndex, accumulation.byteBuffer().duplicate()
                    .position(accumulated).limit(accumulated + chunk));
            }
            readerIndex += chunk;
            in.readerIndex(readerIndex);
            accumulated += chunk;
            decodeAccumulated(ctx);
        }
    }

    private void decodeAccumulated(final ChannelHandlerContext ctx)
    {
        final int consumed = processFrames(ctx, accumulation, 0, accumulated);
        if (consumed < 0)
        {
            return;
        }
        if (consumed > 0)
        {
            accumulation.putBytes(0, accumulation, consumed, accumulated - consumed);
            accumulated -= consumed;
        }
        accumulationPending = accumulated > 0 && (holding || framesThisTurn >= FRAMES_PER_TURN);
    }

    /**
     * Match auto-read and the timer to the session's state: reads stay off while an order is held, a read pause lasts
     * or {@link #MAX_PARKED_READS} reads are parked. Left input resumes on the next tick of the {@link GatewayTimer},
     * a scheduled task, so the event loop polls every channel's I/O in between (a task re-queued with {@code execute}
     * could run again in the same task pass and keep the loop from polling I/O for up to its task quantum).
     */
    private void settle(final ChannelHandlerContext ctx)
    {
        if (closing)
        {
            inputWaiting = false;
            disarmTimer();
            return;
        }
        final long nowNs = state.clock.nanoTime();
        final boolean readPaused = readsPausedUntilNs - nowNs > 0;
        final boolean inputLeft = parkedCount > 0 || accumulationPending;
        inputWaiting = inputLeft;
        final boolean stopReads = holding || readPaused || parkedCount >= MAX_PARKED_READS;
        if (stopReads != readsStopped)
        {
            readsStopped = stopReads;
            if (stopReads)
            {
                ctx.channel().config().setAutoRead(false);
            }
            else if (state.acceptingCommands)
            {
                ctx.channel().config().setAutoRead(true);
            }
        }
        if (holding)
        {
            armTimer(holdReleaseNs);
        }
        else if (inputLeft)
        {
            armTimer(nowNs);
        }
        else if (readPaused)
        {
            armTimer(readsPausedUntilNs);
        }
        else
        {
            disarmTimer();
        }
    }

    private void armTimer(final long deadlineNs)
    {
        if (timerId != GatewayTimer.NO_TIMER)
        {
            if (timerDeadlineNs == deadlineNs)
            {
                return;
            }
            timer.cancel(timerId, this);
        }
        timerDeadlineNs = deadlineNs;
        timerId = timer.schedule(deadlineNs, this);
    }

    private void disarmTimer()
    {
        if (timerId != GatewayTimer.NO_TIMER)
        {
            timer.cancel(timerId, this);
            timerId = GatewayTimer.NO_TIMER;
        }
    }

    private boolean wrap(final ByteBuf in, final int index, final int length)
    {
        if (in.hasMemoryAddress())
        {
            view.wrap(in.memoryAddress() + index, length);
            return true;
        }
        if (in.hasArray())
        {
            view.wrap(in.array(), in.arrayOffset() + index, length);
            return true;
        }
        return false;
    }

    /**
     * @return bytes consumed (whole frames; it stops after a held order or the turn's last frame), or -1 if the
     * connection is being closed.
     */
    private int processFrames(
        final ChannelHandlerContext ctx, final DirectBuffer buffer, final int offset, final int length)
    {
        int position = offset;
        final int end = offset + length;
        while (position < end)
        {
            frameStartNs = state.clock.nanoTime();
            final FrameStatus status = decoder.tryDecode(buffer, position, end - position);
            switch (status)
            {
                case NEED_MORE:
                    return position - offset;
                case TOO_LARGE:
                    protocolError(ctx, ProtocolErrorCode.FRAME_TOO_LARGE_VALUE, "frame exceeds the maximum length");
                    return -1;
                case MALFORMED:
                    protocolError(ctx, ProtocolErrorCode.MALFORMED_MESSAGE_VALUE, "malformed frame");
                    return -1;
                case FRAME:
                default:
                    position = decoder.frameEnd();
                    framesThisTurn++;
                    onMessage(ctx, decoder.message());
                    if (closing)
                    {
                        return -1;
                    }
                    if (holding || framesThisTurn >= FRAMES_PER_TURN)
                    {
                        return position - offset;
                    }
                    break;
            }
        }
        return position - offset;
    }

    private void onMessage(final ChannelHandlerContext ctx, final DecodedClientMessage message)
    {
        final ClientMessageType type = message.type();
        if (registration == null)
        {
            if (type == ClientMessageType.LOGON)
            {
                onLogon(ctx, message);
            }
            else
            {
                protocolError(ctx, ProtocolErrorCode.NOT_LOGGED_ON_ERROR_VALUE, "log on first");
            }
            return;
        }
        switch (type)
        {
            case NEW_ORDER:
            case CANCEL:
            case REPLACE:
                if (state.metrics != null)
                {
                    state.metrics.onOrderReceived();
                }
                onOrderRequest(ctx, message, type);
                break;
            case HEARTBEAT:
                break;
            case LOGOUT:
                closing = true;
                write(ctx, encoder.encodeLogout(scratch, 0, SCRATCH_BYTES), false);
                flushReplies(ctx);
                ctx.close();
                break;
            case LOGON:
                protocolError(ctx, ProtocolErrorCode.ALREADY_LOGGED_ON_ERROR_VALUE, "already logged on");
                break;
            case NONE:
            default:
                protocolError(ctx, ProtocolErrorCode.UNKNOWN_MESSAGE_VALUE, "unknown message");
                break;
        }
    }

    private void onOrderRequest(
        final ChannelHandlerContext ctx, final DecodedClientMessage message, final ClientMessageType type)
    {
        final CommandType commandType = type == ClientMessageType.NEW_ORDER ? CommandType.NEW :
            type == ClientMessageType.CANCEL ? CommandType.CANCEL : CommandType.REPLACE;
        final int invalid = message.validate();
        if (invalid != DecodedClientMessage.APPLIED)
        {
            if (state.metrics != null)
            {
                state.metrics.onGatewayReject(-1);
            }
            writeReject(ctx, message.clientOrderId(), message.clientTimestampNs(), commandType, invalid,
                DecodedClientMessage.rejectText(invalid));
            return;
        }
        message.applyTo(staged.command(), 0, account);
        final long receivedNs = frameStartNs;
        staged.sessionId(registration.sessionId())
            .clientOrderId(message.clientOrderId())
            .clientTimestampNs(message.clientTimestampNs())
            .receivedNs(receivedNs)
            .traceId(message.traceIdHigh(), message.traceIdLow());
        if (!state.acceptingCommands)
        {
            rejectLocally(ctx, message, commandType, RejectCode.SHUTTING_DOWN, RejectCode.SHUTTING_DOWN.text());
        }
        else if (commandType == CommandType.CANCEL || gate == null)
        {
            publish(ctx, message, commandType);
        }
        else if (admit(ctx, message, commandType, inputReadNs))
        {
            final long releaseNs = inputReadNs + gate.releaseDelayNs();
            if (releaseNs - receivedNs > 0)
            {
                holding = true;
                holdReleaseNs = releaseNs;
                heldType = commandType;
                holds++;
                staged.receivedNs(releaseNs);
            }
            else
            {
                publish(ctx, message, commandType);
            }
        }
    }

    private void publish(
        final ChannelHandlerContext ctx, final DecodedClientMessage message, final CommandType commandType)
    {
        if (!state.sequencer.tryPublish(staged.decodedNs(state.clock.nanoTime())))
        {
            rejectLocally(ctx, message, commandType, RejectCode.BUSY, RejectCode.BUSY.text());
        }
    }

    /**
     * Publish the held order (its release time has come, or the connection closed: it was admitted, so it is
     * published, or answered if the node no longer takes commands or the ring is full).
     */
    private void releaseHeld(final long nowNs)
    {
        holding = false;
        final Sequencer sequencer = state.sequencer;
        if (!state.acceptingCommands)
        {
            rejectHeld(RejectCode.SHUTTING_DOWN);
        }
        else if (!sequencer.tryPublish(staged.decodedNs(nowNs)))
        {
            rejectHeld(RejectCode.BUSY);
        }
    }

    private void rejectHeld(final RejectCode code)
    {
        countReject(code);
        if (ctx != null && ctx.channel().isActive())
        {
            writeReject(ctx, staged.clientOrderId(), staged.clientTimestampNs(), heldType, code.wireReason(),
                code.text());
        }
    }

    /**
     * Charge a new order or replace to the session's (and/or account's) budget at {@code nowNs}, the time its bytes
     * were read. THROTTLED also pauses the session's socket reads for the retry-after (at most
     * {@link #MAX_READ_PAUSE_NS}).
     *
     * @return true if admitted (release after {@link OverloadGate#releaseDelayNs()}); otherwise the reject has been
     * written.
     */
    private boolean admit(
        final ChannelHandlerContext ctx,
        final DecodedClientMessage message,
        final CommandType commandType,
        final long nowNs)
    {
        final int status = gate.tryAcquireNewOrder(sessionBucket, accountBucket, nowNs);
        if (AdmissionDecision.ADMITTED == status)
        {
            markThrottled(false);
            return true;
        }
        final RejectCode code =
            AdmissionDecision.THROTTLED == status ? RejectCode.THROTTLED : RejectCode.MARKET_PROTECTION;
        if (AdmissionDecision.THROTTLED == status)
        {
            markThrottled(true);
            final long pausedUntilNs = nowNs + Math.min(gate.retryAfterNs(), MAX_READ_PAUSE_NS);
            if (pausedUntilNs - readsPausedUntilNs > 0)
            {
                readsPausedUntilNs = pausedUntilNs;
            }
        }
        rejectLocally(ctx, message, commandType, code, code.textWithRetryAfter(gate.retryAfterMs()));
        return false;
    }

    private void markThrottled(final boolean nowThrottled)
    {
        if (throttled != nowThrottled)
        {
            throttled = nowThrottled;
            state.overload.onSessionThrottled(nowThrottled);
        }
    }

    private void onConnected()
    {
        final ServerMetrics metrics = state.metrics;
        if (metrics != null)
        {
            metrics.onConnectionOpened();
        }
        final NodeOverload overload = state.overload;
        if (overload != null)
        {
            gate = overload.gateForCurrentThread();
        }
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
        if (gate != null)
        {
            markThrottled(false);
        }
    }

    private void onLoggedOn()
    {
        final ServerMetrics metrics = state.metrics;
        if (metrics != null)
        {
            metrics.onSessionOpened();
        }
        final NodeOverload overload = state.overload;
        if (overload != null)
        {
            sessionBucket = overload.newSessionBucket();
            accountBucket = overload.accountBucket(account);
        }
    }

    private void rejectLocally(
        final ChannelHandlerContext ctx,
        final DecodedClientMessage message,
        final CommandType type,
        final RejectCode code,
        final String text)
    {
        countReject(code);
        writeReject(ctx, message.clientOrderId(), message.clientTimestampNs(), type, code.wireReason(), text);
    }

    /**
     * Append the report of a reject decided by the gateway to this turn's replies.
     */
    private void writeReject(
        final ChannelHandlerContext ctx,
        final long clientOrderId,
        final long clientTimestampNs,
        final CommandType type,
        final int wireReason,
        final String text)
    {
        final int length = encoder.encodeRejected(scratch, 0, SCRATCH_BYTES, clientOrderId, wireReason,
            WireEnums.requestType(type), clientTimestampNs, 0, text);
        write(ctx, length, false);
    }

    private void countReject(final RejectCode code)
    {
        final ServerMetrics metrics = state.metrics;
        if (metrics != null)
        {
            metrics.onGatewayReject(code.ordinal());
        }
    }

    private void onLogon(final ChannelHandlerContext ctx, final DecodedClientMessage message)
    {
        final DirectBuffer buffer = message.buffer();
        final String name = buffer.getStringWithoutLengthUtf8(message.accountOffset(), message.accountLength());
        final byte[] secret = new byte[message.secretLength()];
        buffer.getBytes(message.secretOffset(), secret);
        final AccountConfig accountConfig = state.accountsByName.get(name);
        final boolean valid = accountConfig != null ? accountConfig.secretMatches(secret) :
            java.security.MessageDigest.isEqual(secret, new byte[secret.length + 1]);
        if (!valid || accountConfig == null)
        {
            closing = true;
            final int length = encoder.encodeLogonReject(scratch, 0, SCRATCH_BYTES,
                LogonRejectReason.INVALID_CREDENTIALS_VALUE, "unknown account or wrong secret");
            write(ctx, length, true);
            return;
        }
        if (!state.acceptingCommands)
        {
            closing = true;
            final int length = encoder.encodeLogonReject(scratch, 0, SCRATCH_BYTES,
                LogonRejectReason.SERVER_UNAVAILABLE_VALUE, "server shutting down");
            write(ctx, length, true);
            return;
        }
        account = accountConfig.id();
        final long sessionId = state.sessionIds.incrementAndGet();
        final ServerMetrics metrics = state.metrics;
        egress = new ChannelSessionEgress(ctx.channel(), state.context.egressBufferBytes(),
            metrics != null ? metrics::onEgressWrite : null);
        registration = new SessionRegistration(sessionId, account, egress);
        final int length = encoder.encodeLogonAck(
            scratch, 0, SCRATCH_BYTES, sessionId, state.context.heartbeatIntervalMs(), account);
        write(ctx, length, false);
        flushReplies(ctx);
        onLoggedOn();
        state.sequencer.publishSessionOpened(registration);
    }

    private void protocolError(final ChannelHandlerContext ctx, final int code, final String text)
    {
        closing = true;
        final int length = encoder.encodeProtocolError(scratch, 0, SCRATCH_BYTES, code, text);
        write(ctx, length, true);
    }

    /**
     * Append a reply from {@code scratch} to this turn's reply batch (one pooled buffer and one channel write per
     * turn, not per reply); with {@code thenClose} write the batch, flush and close.
     */
    private void write(final ChannelHandlerContext ctx, final int length, final boolean thenClose)
    {
        if (replies != null && replies.writableBytes() < length)
        {
            writeReplies(ctx);
        }
        if (replies == null)
        {
            replies = ctx.alloc().directBuffer(Math.max(REPLY_BATCH_BYTES, length));
        }
        final int index = replies.writerIndex();
        if (replies.hasMemoryAddress())
        {
            target.wrap(replies.memoryAddress() + index, length);
            target.putBytes(0, scratch, 0, length);
            replies.writerIndex(index + length);
        }
        else
        {
            replies.writeBytes(scratch.byteBuffer().duplicate().position(0).limit(length));
        }
        if (thenClose)
        {
            final ByteBuf batch = replies;
            replies = null;
            ctx.channel().writeAndFlush(batch).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Hand this turn's reply batch to the channel (not flushed).
     */
    private void writeReplies(final ChannelHandlerContext ctx)
    {
        final ByteBuf batch = replies;
        if (batch != null)
        {
            replies = null;
            ctx.channel().write(batch, ctx.channel().voidPromise());
        }
    }

    /**
     * Write and flush this turn's replies.
     */
    private void flushReplies(final ChannelHandlerContext ctx)
    {
        writeReplies(ctx);
        ctx.channel().flush();
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        flushReplies(ctx);
        ctx.fireChannelReadComplete();
    }
}
