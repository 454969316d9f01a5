package io.arbiter.client;

import io.arbiter.protocol.ClientMessageEncoder;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to an Arbiter server. Send methods encode straight into a pooled direct buffer (the pending batch),
 * which is written when {@link #flush()} is called or when it holds {@link ClientContext#autoFlushBatchSize()}
 * messages. Send methods are synchronized, so any thread may call them; calling them on the client's own
 * {@link #eventLoop()} (for example from a {@link ClientListener} callback) avoids cross-thread hand-off.
 * Heartbeats are sent automatically once logged on; a silent server closes the connection after
 * {@link ClientContext#receiveTimeoutIntervals()} heartbeat intervals.
 */
public final class ArbiterClient
{
    /** States of a connection. */
    public enum State
    {
        /** TCP connection being established. */
        CONNECTING,
        /** Connected, logon not yet acknowledged. */
        CONNECTED,
        /** Logon acknowledged: orders may be sent. */
        LOGGED_ON,
        /** Closed. */
        CLOSED
    }

    private static final int PROTOCOL_VERSION = 1;
    private static final HeartbeatTimeoutException HEARTBEAT_TIMEOUT = new HeartbeatTimeoutException();

    private final ClientContext context;
    private final ClientListener listener;
    private final ServerMessageCounters counters = new ServerMessageCounters();
    private final ServerMessageAdapter adapter;
    private final ClientMessageEncoder encoder = new ClientMessageEncoder();
    private final HeartbeatTimer.Entry heartbeatEntry = new HeartbeatTimer.Entry()
    {
        @Override
        void onTick()
        {
            onHeartbeatTick();
        }
    };
    private volatile State state = State.CONNECTING;
    private volatile CompletableFuture<LogonResult> logonFuture;
    private Channel channel;
    private OutboundBatch batch;
    private long framesReceived;
    private long heartbeatSendMark;
    private long heartbeatReceiveMark;
    private int silentTicks;
    private int heartbeatIntervalMs;
    private HeartbeatTimer heartbeatTimer;
    private Throwable closeCause;
    private Object attachment;

    ArbiterClient(final ClientContext context, final ClientListener listener)
    {
        this.context = context;
        this.listener = listener;
        this.adapter = new ServerMessageAdapter(this, listener, counters, context.maxFrameLength());
    }

    void initChannel(final Channel channel)
    {
        this.channel = channel;
        this.batch = new OutboundBatch(
            channel, context.allocator(), context.outboundBufferSize(), context.autoFlushBatchSize());
        channel.pipeline().addLast("frames", new VarintFrameDecoder(this::onFrame, context.maxFrameLength()));
        channel.pipeline().addLast("lifecycle", new LifecycleHandler());
    }

    private int onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        framesReceived++;
        return adapter.onFrame(buffer, offset, length);
    }

    /**
     * Sends Logon and flushes. Produces garbage (control plane).
     *
     * @param account the account name (ASCII).
     * @param secret  the secret (sent as UTF-8 bytes).
     * @return completes with the server's answer, or exceptionally if the connection closes first.
     */
    public CompletableFuture<LogonResult> logon(final String account, final String secret)
    {
        final CompletableFuture<LogonResult> result = new CompletableFuture<>();
        final byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        synchronized (this)
        {
            if (state != State.CONNECTED)
            {
                result.completeExceptionally(new IllegalStateException("cannot log on in state " + state));
                return result;
            }
            logonFuture = result;
            final UnsafeBuffer secretBuffer = new UnsafeBuffer(secretBytes);
            int length = 0;
            for (int attempt = 0; attempt < 2 && length <= 0; attempt++)
            {
                final int index = batch.reserve(-length);
                length = encoder.encodeLogon(batch.view(), index, batch.available(), account, secretBuffer, 0,
                    secretBytes.length, PROTOCOL_VERSION, context.heartbeatIntervalMs());
                batch.commitOrFlush(index, length);
            }
            batch.flush();
        }
        return result;
    }

    /**
     * Buffers a NewOrder.
     *
     * @param clientOrderId     client order id, unique among this session's open orders.
     * @param symbol            instrument symbol (ASCII).
     * @param side              side.
     * @param type              order type.
     * @param timeInForce       time in force.
     * @param price             limit price in 1e-8 units, 0 for MARKET.
     * @param quantity          quantity.
     * @param stp               self-trade prevention.
     * @param clientTimestampNs echoed in Accepted and Rejected.
     * @return true if buffered, false if the client is not logged on.
     */
    public synchronized boolean sendNewOrder(
        final long clientOrderId,
        final CharSequence symbol,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final SelfTradePrevention stp,
        final long clientTimestampNs)
    {
        return sendNewOrder(
            clientOrderId, symbol, side, type, timeInForce, price, quantity, stp, clientTimestampNs, 0, 0, 0);
    }

    /**
     * Buffers a NewOrder with the fields of stop, iceberg and good-till-date orders (docs/protocol.md).
     *
     * @param clientOrderId     client order id, unique among this session's open orders.
     * @param symbol            instrument symbol (ASCII).
     * @param side              side.
     * @param type              order type (LIMIT, MARKET, STOP_LIMIT, STOP_MARKET).
     * @param timeInForce       time in force (GTD needs {@code expireTimeMs}).
     * @param price             limit price in 1e-8 units, 0 for MARKET and STOP_MARKET.
     * @param quantity          quantity.
     * @param stp               self-trade prevention.
     * @param clientTimestampNs echoed in Accepted and Rejected.
     * @param stopPrice         trigger price of a STOP_LIMIT or STOP_MARKET in 1e-8 units, else 0.
     * @param displayQuantity   shown quantity of an iceberg (LIMIT GTC or GTD), else 0.
     * @param expireTimeMs      expiry of a GTD order, Unix epoch milliseconds, else 0.
     * @return true if buffered, false if the client is not logged on.
     */
    public synchronized boolean sendNewOrder(
        final long clientOrderId,
        final CharSequence symbol,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final SelfTradePrevention stp,
        final long clientTimestampNs,
        final long stopPrice,
        final long displayQuantity,
        final long expireTimeMs)
    {
        if (state != State.LOGGED_ON)
        {
            return false;
        }
        int length = 0;
        for (int attempt = 0; attempt < 2 && length <= 0; attempt++)
        {
            final int index = batch.reserve(-length);
            length = encoder.encodeNewOrder(batch.view(), index, batch.available(), clientOrderId, symbol,
                side.getNumber(), type.getNumber(), timeInForce.getNumber(), price, quantity, stp.getNumber(),
                clientTimestampNs, 0, 0, stopPrice, displayQuantity, expireTimeMs);
            batch.commitOrFlush(index, length);
        }
        return true;
    }

    /**
     * Buffers a MassCancel: every open order of this session's account (of every session of it), or only those of
     * one instrument, is cancelled; {@link ClientListener#onCanceled} reports each to the session that owns it, then
     * {@link ClientListener#onMassCanceled} reports the count to this one.
     *
     * @param requestId echoed in the answer.
     * @param symbol    only this instrument's orders; null or empty for all.
     * @return true if buffered, false if the client is not logged on.
     */
    public synchronized boolean sendMassCancel(final long requestId, final String symbol)
    {
        if (state != State.LOGGED_ON)
        {
            return false;
        }
        int length = 0;
        for (int attempt = 0; attempt < 2 && length <= 0; attempt++)
        {
            final int index = batch.reserve(-length);
            length = encoder.encodeMassCancel(batch.view(), index, batch.available(), requestId, symbol);
            batch.commitOrFlush(index, length);
        }
        return true;
    }

    /**
     * Buffers a BalanceRequest: the server answers with the account's balances through
     * {@link ClientListener#onBalanceReport} and {@link ClientListener#onBalanceReportEnd}. Changes arrive without
     * asking, through {@link ClientListener#onBalance}.
     *
     * @param requestId echoed in the answer.
     * @return true if buffered, false if the client is not logged on.
     */
    public synchronized boolean sendBalanceRequest(final long requestId)
    {
        if (state != State.LOGGED_ON)
        {
            return false;
        }
        int length = 0;
        for (int attempt = 0; attempt < 2 && length <= 0; attempt++)
        {
            final int index = batch.reserve(-length);
            length = encoder.encodeBalanceRequest(batch.view(), index, batch.available(), requestId);
            batch.commitOrFlush(index, length);
        }
        return true;
    }

    /**
     * Buffers a Cancel.
     *
     * @param clientOrderId     the open order.
     * @param clientTimestampNs client timestamp.
     * @return true if buffered, false if the client is not logged on.
     */
    public synchronized boolean sendCancel(final long clientOrderId, final long clientTimestampNs)
    {
        if (state != State.LOGGED_ON)
        {
            return false;
        }
        int length = 0;
        for (int attempt = 0; attempt < 2 && length <= 0; attempt++)
        {
            final int index = batch.reserve(-length);
            length = encoder.encodeCancel(batch.view(), index, batch.available(), clientOrderId, clientTimestampNs);
            batch.commitOrFlush(index, length);
        }
        return true;
    }

    /**
     * Buffers a Replace.
     *
     * @param clientOrderId     the open order.
     * @param price             new price.
     * @param quantity          new remaining quantity.
     * @param clientTimestampNs client timestamp.
     * @return true if buffered, false if the client is not logged on.
     */
    public synchronized boolean sendReplace(
        final long clientOrderId, final long price, final long quantity, final long clientTimestampNs)
    {
        if (state != State.LOGGED_ON)
        {
            return false;
        }
        int length = 0;
        for (int attempt = 0; attempt < 2 && length <= 0; attempt++)
        {
            final int index = batch.reserve(-length);
            length = encoder.encodeReplace(batch.view(), index, batch.available(), clientOrderId, price, quantity,
                clientTimestampNs);
            batch.commitOrFlush(index, length);
        }
        return true;
    }

    /**
     * Buffers an OpenOrdersRequest: the server answers with this session's open orders (those it entered and those of
     * its account adopted at logon) through {@link ClientListener#onOpenOrder} and
     * {@link ClientListener#onOpenOrdersEnd}, or with {@link ClientListener#onRejected}.
     * An answer holds at most 256 orders; when more match, {@link ClientListener#onOpenOrdersEnd} says so and the
     * client continues with {@code afterOrderId} = the last order id it received.
     *
     * @param requestId    echoed in the answer.
     * @param symbol       only this instrument's orders; null or empty for all.
     * @param afterOrderId only orders with a larger order id; 0 for all.
     * @return true if buffered, false if the client is not logged on.
     */
    public synchronized boolean sendOpenOrdersRequest(
        final long requestId, final String symbol, final long afterOrderId)
    {
        if (state != State.LOGGED_ON)
        {
            return false;
        }
        int length = 0;
        for (int attempt = 0; attempt < 2 && length <= 0; attempt++)
        {
            final int index = batch.reserve(-length);
            length = encoder.encodeOpenOrdersRequest(
                batch.view(), index, batch.available(), requestId, symbol, afterOrderId);
            batch.commitOrFlush(index, length);
        }
        return true;
    }

    /**
     * Buffers an InstrumentListRequest: the server answers with its instruments through
     * {@link ClientListener#onInstrument} and {@link ClientListener#onInstrumentListEnd}.
     *
     * @param requestId echoed in the answer.
     * @return true if buffered, false if the client is not logged on.
     */
    public synchronized boolean sendInstrumentListRequest(final long requestId)
    {
        if (state != State.LOGGED_ON)
        {
            return false;
        }
        int length = 0;
        for (int attempt = 0; attempt < 2 && length <= 0; attempt++)
        {
            final int index = batch.reserve(-length);
            length = encoder.encodeInstrumentListRequest(batch.view(), index, batch.available(), requestId);
            batch.commitOrFlush(index, length);
        }
        return true;
    }

    /**
     * Buffers a Heartbeat (normally sent automatically).
     *
     * @return true if buffered, false if the connection is not open.
     */
    public synchronized boolean sendHeartbeat()
    {
        if (state != State.LOGGED_ON && state != State.CONNECTED)
        {
            return false;
        }
        int length = 0;
        for (int attempt = 0; attempt < 2 && length <= 0; attempt++)
        {
            final int index = batch.reserve(-length);
            length = encoder.encodeHeartbeat(batch.view(), index, batch.available());
            batch.commitOrFlush(index, length);
        }
        return true;
    }

    /**
     * Sends Logout and flushes; the server answers with Logout and closes the connection.
     *
     * @return true if sent, false if the connection is not open.
     */
    public synchronized boolean sendLogout()
    {
        if (state != State.LOGGED_ON && state != State.CONNECTED)
        {
            return false;
        }
        int length = 0;
        for (int attempt = 0; attempt < 2 && length <= 0; attempt++)
        {
            final int index = batch.reserve(-length);
            length = encoder.encodeLogout(batch.view(), index, batch.available());
            batch.commitOrFlush(index, length);
        }
        batch.flush();
        return true;
    }

    /**
     * Writes and flushes the pending batch, if any.
     */
    public synchronized void flush()
    {
        if (batch != null)
        {
            batch.flush();
        }
    }

    /**
     * Flushes and closes the connection.
     *
     * @return completes when the channel has closed.
     */
    public CompletableFuture<Void> close()
    {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        synchronized (this)
        {
            if (channel == null)
            {
                result.complete(null);
                return result;
            }
            batch.flush();
        }
        channel.close().addListener(f -> result.complete(null));
        return result;
    }

    /**
     * The connection state.
     *
     * @return the state.
     */
    public State state()
    {
        return state;
    }

    /**
     * The event loop that runs this connection's I/O and listener callbacks.
     *
     * @return the event loop.
     */
    public EventLoop eventLoop()
    {
        return channel.eventLoop();
    }

    /**
     * Whether the channel's outbound buffer is below its high water mark (false means the server or network is not
     * keeping up with what this client writes).
     *
     * @return true if writable.
     */
    public boolean isWritable()
    {
        return channel != null && channel.isWritable();
    }

    /**
     * Messages encoded so far (including logon and heartbeats).
     *
     * @return the count.
     */
    public synchronized long messagesSent()
    {
        return batch == null ? 0 : batch.messagesSent();
    }

    /**
     * Socket writes (flushes of a batch) so far.
     *
     * @return the count.
     */
    public synchronized long flushes()
    {
        return batch == null ? 0 : batch.flushes();
    }

    /**
     * Frames received so far (updated on the event loop).
     *
     * @return the count.
     */
    public long framesReceived()
    {
        return framesReceived;
    }

    /**
     * Counts of received messages by type (updated on the event loop).
     *
     * @return the counters.
     */
    public ServerMessageCounters counters()
    {
        return counters;
    }

    /**
     * The heartbeat interval in force after logon, 0 before.
     *
     * @return milliseconds.
     */
    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /**
     * What closed the connection, if it closed because of an error.
     *
     * @return the cause or null.
     */
    public Throwable closeCause()
    {
        return closeCause;
    }

    /**
     * An object the application associates with this client (for example per-connection state of a listener shared
     * by many clients).
     *
     * @return the attachment or null.
     */
    public Object attachment()
    {
        return attachment;
    }

    /**
     * Associates an application object with this client.
     *
     * @param attachment the object.
     */
    public void attachment(final Object attachment)
    {
        this.attachment = attachment;
    }

    synchronized void onConnected()
    {
        if (state == State.CONNECTING)
        {
            state = State.CONNECTED;
        }
    }

    void onLogonAckReceived(final long sessionId, final int heartbeatIntervalMs, final long accountId)
    {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        state = State.LOGGED_ON;
        if (heartbeatIntervalMs > 0 && heartbeatTimer == null)
        {
            final long periodMs = Math.max(1, heartbeatIntervalMs / 2);
            heartbeatTimer = context.heartbeatTimer(channel.eventLoop(), TimeUnit.MILLISECONDS.toNanos(periodMs));
            heartbeatTimer.add(heartbeatEntry);
        }
        final CompletableFuture<LogonResult> future = logonFuture;
        if (future != null)
        {
            future.complete(new LogonResult(true, sessionId, heartbeatIntervalMs, accountId,
                LogonRejectReason.LOGON_REJECT_REASON_UNSPECIFIED, ""));
        }
    }

    void onLogonRejectReceived(final LogonRejectReason reason, final CharSequence text)
    {
        final CompletableFuture<LogonResult> future = logonFuture;
        if (future != null)
        {
            future.complete(new LogonResult(false, 0, 0, 0, reason, text.toString()));
        }
    }

    /**
     * One tick of the heartbeat timer, every half heartbeat interval (event loop only): sends a heartbeat if nothing
     * was sent since the previous tick, so at most one interval passes without a message; closes the connection after
     * {@link ClientContext#receiveTimeoutIntervals()} intervals of silent ticks.
     */
    void onHeartbeatTick()
    {
        final long sent;
        synchronized (this)
        {
            sent = batch.messagesSent();
        }
        if (sent == heartbeatSendMark)
        {
            sendHeartbeat();
            flush();
        }
        synchronized (this)
        {
            heartbeatSendMark = batch.messagesSent();
        }
        if (framesReceived == heartbeatReceiveMark)
        {
            // Ticks are half an interval apart: two silent ticks per silent interval.
            final int limit = context.receiveTimeoutIntervals();
            if (++silentTicks >= 2 * limit && limit > 0)
            {
                channel.pipeline().fireExceptionCaught(HEARTBEAT_TIMEOUT);
            }
        }
        else
        {
            silentTicks = 0;
            heartbeatReceiveMark = framesReceived;
        }
    }

    private void onClosed()
    {
        synchronized (this)
        {
            state = State.CLOSED;
            if (batch != null)
            {
                batch.release();
            }
        }
        if (heartbeatTimer != null)
        {
            heartbeatTimer.remove(heartbeatEntry);
        }
        final CompletableFuture<LogonResult> future = logonFuture;
        if (future != null && !future.isDone())
        {
            future.completeExceptionally(new IllegalStateException("connection closed before logon answer",
                closeCause));
        }
        listener.onDisconnected(this, closeCause);
    }

    /**
     * Tracks the channel's life: active, errors, inactive.
     */
    private final class LifecycleHandler extends ChannelInboundHandlerAdapter
    {
        @Override
        public void channelActive(final ChannelHandlerContext ctx) throws Exception
        {
            onConnected();
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            onClosed();
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            if (closeCause == null)
            {
                closeCause = cause;
            }
            ctx.close();
        }
    }

    /**
     * Closes a connection whose server stopped sending. Preallocated, without a stack trace.
     */
    static final class HeartbeatTimeoutException extends Exception
    {
        private static final long serialVersionUID = 1L;

        HeartbeatTimeoutException()
        {
            super("no frame received for the receive timeout (heartbeat intervals)", null, false, false);
        }
    }
}
