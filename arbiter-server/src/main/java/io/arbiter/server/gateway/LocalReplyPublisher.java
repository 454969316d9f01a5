package io.arbiter.server.gateway;

import io.arbiter.engine.CommandType;
import io.arbiter.protocol.DecodedClientMessage;
import io.arbiter.protocol.ServerMessageEncoder;
import io.arbiter.protocol.WireEnums;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.internal.SystemPropertyUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Encodes and sends the replies one session's gateway decides itself (logon answers, heartbeats, logout, protocol
 * errors and gateway rejects), as opposed to the reports of the matching thread, which come through the session's
 * egress. Replies of one turn are appended to one pooled buffer and handed to the channel with one write; the turn
 * ends with {@link #flush()}. Event loop thread only.
 * <p>
 * Every reply counts against the session's limit ({@link GatewayState#sessionBufferLimitBytes()}): the bytes waiting
 * unsent in the channel's outbound buffer (the gateway's replies and the reports the egress moved there) plus this
 * turn's batch, each message with the overhead Netty counts for it. A reply that would exceed it is not written: the
 * session is closed as SLOW_CONSUMER at once (the ProtocolError goes out only if the kernel takes it before the close).
 * A reply that ends the connection (logon reject, protocol error, logout) ends the server's side of the connection once
 * written (TCP FIN, after a TLS close_notify) and reads and discards whatever the peer still sends until it closes its
 * side, or at most {@link #CLOSE_GRACE_MS} after the write began. Closing at once instead would answer bytes still in
 * flight from the peer with a reset, and a reset can discard the closing message before the peer has read it.
 */
final class LocalReplyPublisher
{
    /** Bytes of the encoding scratch buffer, shared by the sessions of one event loop. */
    static final int SCRATCH_BYTES = 1024;
    private static final int REPLY_BATCH_BYTES = 4096;
    /** Longest wait for a closing reply to be written before the connection is closed anyway. */
    static final long CLOSE_GRACE_MS = 1000;
    /**
     * What Netty adds per message to a channel's pending bytes on top of its size ({@code ChannelOutboundBuffer}, same
     * system property and default): a reply batch costs this much more once written to the channel.
     */
    private static final int OUTBOUND_ENTRY_OVERHEAD =
        SystemPropertyUtil.getInt("io.netty.transport.outboundBufferEntrySizeOverhead", 96);

    private final GatewayState state;
    private final ServerMessageEncoder encoder = new ServerMessageEncoder();
    private UnsafeBuffer scratch;
    private final UnsafeBuffer target = new UnsafeBuffer(0, 0);
    private final Runnable forceClose = this::forceClose;
    private final ChannelFutureListener endOutput = this::endOutput;
    private ChannelHandlerContext ctx;
    private ByteBuf replies;
    private boolean closedAsSlowConsumer;

    /**
     * Produces garbage (one per connection).
     *
     * @param state shared by the gateway (metrics, clock).
     */
    LocalReplyPublisher(final GatewayState state)
    {
        this.state = state;
    }

    /**
     * @param ctx the session's channel context, before anything is written.
     */
    void attach(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        this.scratch = state.replyScratchFor(ctx.executor());
    }

    /**
     * Append a gateway reject of a request that was decoded but not published, and count it.
     *
     * @param message the request.
     * @param type    its command type.
     * @param code    why it was rejected.
     * @param text    reason text.
     */
    void rejectLocally(
        final DecodedClientMessage message, final CommandType type, final RejectCode code, final String text)
    {
        countReject(code);
        writeReject(message.clientOrderId(), message.clientTimestampNs(), type, code.wireReason(), text);
    }

    /**
     * Append a gateway reject of the order that was held for its release time, and count it.
     *
     * @param clientOrderId     of the held order.
     * @param clientTimestampNs of the held order.
     * @param type              of the held order.
     * @param code              why it was rejected.
     */
    void rejectHeld(
        final long clientOrderId, final long clientTimestampNs, final CommandType type, final RejectCode code)
    {
        countReject(code);
        if (ctx != null && ctx.channel().isActive())
        {
            writeReject(clientOrderId, clientTimestampNs, type, code.wireReason(), code.text());
        }
    }

    /**
     * Append the reject of a request that failed field validation, and count it.
     *
     * @param message the request.
     * @param type    its command type.
     * @param reason  wire reject reason.
     * @param text    reason text.
     */
    void rejectInvalid(
        final DecodedClientMessage message, final CommandType type, final int reason, final String text)
    {
        final ServerMetrics metrics = state.metrics;
        if (metrics != null)
        {
            metrics.onGatewayReject(-1);
        }
        writeReject(message.clientOrderId(), message.clientTimestampNs(), type, reason, text);
    }

    /**
     * Append a LogonAck and flush.
     *
     * @param sessionId           assigned to the session.
     * @param heartbeatIntervalMs offered to the client.
     * @param accountId           of the account logged on.
     */
    void logonAck(final long sessionId, final int heartbeatIntervalMs, final long accountId)
    {
        write(encoder.encodeLogonAck(scratch, 0, SCRATCH_BYTES, sessionId, heartbeatIntervalMs, accountId), false);
        flush();
    }

    /**
     * Write a LogonReject, flush and close the connection.
     *
     * @param reason wire reason.
     * @param text   reason text.
     */
    void logonRejectAndClose(final int reason, final String text)
    {
        write(encoder.encodeLogonReject(scratch, 0, SCRATCH_BYTES, reason, text), true);
    }

    /**
     * Write a ProtocolError, flush and close the connection.
     *
     * @param code wire error code.
     * @param text reason text.
     */
    void protocolErrorAndClose(final int code, final String text)
    {
        write(encoder.encodeProtocolError(scratch, 0, SCRATCH_BYTES, code, text), true);
    }

    /**
     * Write a Logout, flush and close the connection.
     */
    void logoutAndClose()
    {
        write(encoder.encodeLogout(scratch, 0, SCRATCH_BYTES), true);
    }

    /**
     * Append a Heartbeat and flush.
     */
    void heartbeat()
    {
        write(encoder.encodeHeartbeat(scratch, 0, SCRATCH_BYTES), false);
        flush();
    }

    /**
     * Close the session as a slow consumer: a ProtocolError SLOW_CONSUMER is handed to the channel and the connection
     * is closed at once, without waiting for the replies before it to be read.
     *
     * @param text reason text.
     */
    void slowConsumerAndClose(final String text)
    {
        if (closedAsSlowConsumer)
        {
            return;
        }
        closedAsSlowConsumer = true;
        state.slowConsumerCloses.incrementAndGet();
        release();
        final int length = encoder.encodeProtocolError(
            scratch, 0, SCRATCH_BYTES, ProtocolErrorCode.SLOW_CONSUMER_VALUE, text);
        final ByteBuf error = ctx.alloc().directBuffer(length);
        copy(length, error);
        ctx.channel().writeAndFlush(error, ctx.channel().voidPromise());
        ctx.channel().close();
    }

    /**
     * @return true once this session was closed as a slow consumer (nothing more is written).
     */
    boolean closedAsSlowConsumer()
    {
        return closedAsSlowConsumer;
    }

    /**
     * Write and flush this turn's replies.
     */
    void flush()
    {
        if (closedAsSlowConsumer)
        {
            return;
        }
        writeReplies();
        ctx.channel().flush();
    }

    /**
     * Drop the replies not yet written (the connection has closed).
     */
    void release()
    {
        if (replies != null)
        {
            replies.release();
            replies = null;
        }
    }

    private void countReject(final RejectCode code)
    {
        final ServerMetrics metrics = state.metrics;
        if (metrics != null)
        {
            metrics.onGatewayReject(code.ordinal());
        }
    }

    /**
     * Append a gateway reject of a read-only request (OpenOrdersRequest, InstrumentListRequest), and count it. The
     * Rejected carries the request id as its client order id.
     *
     * @param requestId       of the request.
     * @param wireRequestType wire number of its {@code RequestType}.
     * @param wireReason      wire number of the {@code RejectReason}.
     * @param text            human-readable detail.
     */
    void rejectQuery(final long requestId, final int wireRequestType, final int wireReason, final String text)
    {
        final ServerMetrics metrics = state.metrics;
        if (metrics != null)
        {
            metrics.onGatewayReject(-1);
        }
        final int length = encoder.encodeRejected(scratch, 0, SCRATCH_BYTES, requestId, wireReason,
            wireRequestType, 0, state.epochClock.nanoTime(), text);
        write(length, false);
    }

    private void writeReject(
        final long clientOrderId,
        final long clientTimestampNs,
        final CommandType type,
        final int wireReason,
        final String text)
    {
        final int length = encoder.encodeRejected(scratch, 0, SCRATCH_BYTES, clientOrderId, wireReason,
            WireEnums.requestType(type), clientTimestampNs, state.epochClock.nanoTime(), text);
        write(length, false);
    }

    /**
     * Append a reply from {@code scratch} to this turn's reply batch (one pooled buffer and one channel write per
     * turn, not per reply); with {@code thenClose} write the batch, flush and close.
     */
    private void write(final int length, final boolean thenClose)
    {
        if (closedAsSlowConsumer || !withinLimit(length))
        {
            return;
        }
        if (replies != null && replies.writableBytes() < length)
        {
            writeReplies();
        }
        if (replies == null)
        {
            replies = ctx.alloc().directBuffer(Math.max(REPLY_BATCH_BYTES, length));
        }
        copy(length, replies);
        if (thenClose)
        {
            final ByteBuf batch = replies;
            replies = null;
            ctx.channel().writeAndFlush(batch).addListener(endOutput);
            ctx.executor().schedule(forceClose, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @return true if a reply of {@code length} bytes keeps the session within its limit; otherwise the session has
     * been closed as a slow consumer.
     */
    private boolean withinLimit(final int length)
    {
        // counted as the channel will count them: a batch costs its bytes plus Netty's per-message overhead, and a
        // reply that does not fit the open batch starts another
        final ChannelOutboundBuffer outbound = ctx.channel().unsafe().outboundBuffer();
        final long unsent = (outbound != null ? outbound.totalPendingWriteBytes() : 0) +
            (replies != null ? replies.readableBytes() + OUTBOUND_ENTRY_OVERHEAD : 0);
        if (unsent > state.maxSessionBufferedBytes.get())
        {
            state.maxSessionBufferedBytes.accumulateAndGet(unsent, Math::max);
        }
        final boolean newBatch = replies == null || replies.writableBytes() < length;
        if (unsent + length + (newBatch ? OUTBOUND_ENTRY_OVERHEAD : 0) > state.sessionBufferLimitBytes)
        {
            slowConsumerAndClose("replies not read: over the session's limit of " +
                state.sessionBufferLimitBytes + " bytes");
            return false;
        }
        return true;
    }

    private void copy(final int length, final ByteBuf buffer)
    {
        final int index = buffer.writerIndex();
        if (buffer.hasMemoryAddress())
        {
            target.wrap(buffer.memoryAddress() + index, length);
            target.putBytes(0, scratch, 0, length);
            buffer.writerIndex(index + length);
        }
        else
        {
            buffer.writeBytes(scratch.byteBuffer().duplicate().position(0).limit(length));
        }
    }

    /**
     * The closing reply is written: end the output and drain the input (reads are discarded while closing); the channel
     * closes when the peer ends its side (half-closure is not allowed) or when {@link #forceClose} runs.
     */
    private void endOutput(final ChannelFuture written)
    {
        final Channel channel = written.channel();
        if (!written.isSuccess() || !(channel instanceof DuplexChannel))
        {
            channel.close();
            return;
        }
        channel.config().setAutoRead(true);
        final SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null)
        {
            tls.closeOutbound().addListener((ChannelFuture notified) -> shutdownOutput(notified.channel()));
        }
        else
        {
            shutdownOutput(channel);
        }
    }

    private static void shutdownOutput(final Channel channel)
    {
        ((DuplexChannel)channel).shutdownOutput().addListener((ChannelFuture shut) ->
        {
            if (!shut.isSuccess())
            {
                shut.channel().close();
            }
        });
    }

    private void forceClose()
    {
        ctx.channel().close();
    }

    /**
     * Hand this turn's reply batch to the channel (not flushed).
     */
    private void writeReplies()
    {
        final ByteBuf batch = replies;
        if (batch != null)
        {
            replies = null;
            ctx.channel().write(batch, ctx.channel().voidPromise());
        }
    }
}
