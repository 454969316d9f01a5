package io.arbiter.server.gateway;

import io.arbiter.protocol.ClientMessageDecoder;
import io.arbiter.protocol.FrameStatus;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Input scheduling of one session: parks the channel's reads, decodes frames from them in order and dispatches each
 * message to the {@link SessionHandler}, within a turn budget, and keeps the channel's auto-read and the session's
 * {@link GatewayTimer} entry in step with what waits. Frames are decoded straight from the channel's {@link ByteBuf}
 * memory (wrapped, not copied); only a frame split across reads is accumulated in a per-connection buffer. Malformed
 * or oversized frames end the connection with a ProtocolError. Event loop thread only.
 * <p>
 * While the session's {@link OrderAdmission} holds an order, the session decodes nothing more and its auto-read is
 * off, so later frames (cancels too) stay behind it, in order, in the parked input or the socket; the timer resumes
 * decoding at the release time. A read pause after a THROTTLED order also turns auto-read off until it ends. A
 * session decodes at most {@link #FRAMES_PER_TURN} frames per turn, then yields to the other channels until the next
 * timer tick; meanwhile its socket is still read, the input parked undecoded, until {@link #MAX_PARKED_READS} reads
 * wait (then auto-read is off until the backlog is decoded): a burst of a few turns' frames does not switch auto-read
 * off and on, which allocates in Netty's epoll transport (each change of a channel's interest set builds a new
 * {@code EpollIoOps}).
 */
final class SessionInputAdapter implements GatewayTimer.Listener
{
    /**
     * Frames one session decodes before yielding the event loop to the other channels. A session with input left
     * gets its next turn at the next {@link GatewayTimer} tick, so this is also the most one session decodes per tick
     * once it is behind: 1,024 frames per ~0.26 ms tick, about 3.9 M frames/s, more than one event loop decodes, so
     * the budget never caps a connection's rate (64, the first value, capped one connection below 200 k orders/s:
     * docs/benchmarks.md, "The gateway's turn budget"); a turn lasts at most about 0.5 ms of the loop's time.
     */
    static final int FRAMES_PER_TURN = 1024;
    /** Reads parked undecoded while a session waits for its next turn, before its socket reads stop. */
    static final int MAX_PARKED_READS = 4;
    private static final int INITIAL_PARKED_INPUTS = 4;

    private final GatewayState state;
    private final SessionHandler session;
    private final OrderAdmission admission;
    private final LocalReplyPublisher replies;
    private final ClientMessageDecoder decoder;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final int accumulationBytes;
    private UnsafeBuffer accumulation;
    private ChannelHandlerContext ctx;
    private GatewayTimer timer;
    private long timerId = GatewayTimer.NO_TIMER;
    private long timerDeadlineNs;
    private ByteBuf[] parkedInputs = new ByteBuf[INITIAL_PARKED_INPUTS];
    private long[] parkedReadNs = new long[INITIAL_PARKED_INPUTS];
    private int parkedHead;
    private int parkedCount;
    private int accumulated;
    private boolean accumulationPending;
    private boolean inputWaiting;
    private long inputReadNs;
    private int framesThisTurn;
    private boolean readsStopped;

    /**
     * Produces garbage (one per connection).
     *
     * @param state     shared by the gateway.
     * @param session   receives each decoded message.
     * @param admission the session's order admission (holds and read pauses).
     * @param replies   the session's local replies (flushed after a timer turn).
     */
    SessionInputAdapter(
        final GatewayState state,
        final SessionHandler session,
        final OrderAdmission admission,
        final LocalReplyPublisher replies)
    {
        this.state = state;
        this.session = session;
        this.admission = admission;
        this.replies = replies;
        final int maxFrame = state.context.maxFrameLength();
        this.decoder = new ClientMessageDecoder(maxFrame, state.symbols);
        this.accumulationBytes = 2 * (maxFrame + 8);
    }

    /**
     * The connection is open: take the event loop's timer (control plane).
     *
     * @param ctx the session's channel context.
     */
    void onConnected(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        timer = state.timerFor(ctx.executor());
    }

    /**
     * The connection closed: drop parked input and the timer entry.
     */
    void onDisconnected()
    {
        releaseParkedInputs();
        disarmTimer();
    }

    /**
     * Park one read of the channel and decode it now unless the session waits (held order, turn spent).
     *
     * @param in the bytes read; this adapter releases it.
     */
    void onRead(final ByteBuf in)
    {
        park(in, state.clock.nanoTime());
        if (admission.holding())
        {
            return;
        }
        if (!inputWaiting)
        {
            pump();
        }
        else if (parkedCount >= MAX_PARKED_READS && !readsStopped)
        {
            readsStopped = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    /**
     * The channel's writability changed: reads stop while it is not writable (its replies are not being read) and
     * resume when it is.
     */
    void onWritabilityChanged()
    {
        settle();
    }

    /**
     * @return true while socket reads are off because the channel is not writable.
     */
    boolean backPressured()
    {
        return readsStopped && !ctx.channel().isWritable();
    }

    /**
     * @return true while this adapter keeps the channel's auto-read off (hold, parked input, read pause or an
     * unwritable channel).
     */
    boolean readsStopped()
    {
        return readsStopped;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTimer(final long nowNs)
    {
        timerId = GatewayTimer.NO_TIMER;
        if (ctx == null || session.closing())
        {
            return;
        }
        admission.releaseIfDue(nowNs);
        if (!admission.holding())
        {
            pump();
        }
        else
        {
            settle();
        }
        replies.flush();
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
        return session.closing() || admission.holding() || framesThisTurn >= FRAMES_PER_TURN;
    }

    /**
     * Decode parked input in order until it is used up, an order is held, the turn's frames are spent or the
     * connection closes; then set auto-read and the timer to match.
     */
    private void pump()
    {
        framesThisTurn = 0;
        if (accumulationPending && !mustStop())
        {
            decodeAccumulated();
        }
        while (parkedCount > 0 && !mustStop())
        {
            final ByteBuf in = parkedInputs[parkedHead];
            inputReadNs = parkedReadNs[parkedHead];
            decode(in);
            if (!in.isReadable())
            {
                dropParkedHead();
            }
        }
        if (session.closing())
        {
            releaseParkedInputs();
        }
        settle();
    }

    private void decode(final ByteBuf in)
    {
        int readerIndex = in.readerIndex();
        final int end = in.writerIndex();
        if (accumulated == 0 && wrap(in, readerIndex, end - readerIndex))
        {
            final int consumed = processFrames(view, 0, end - readerIndex);
            if (consumed < 0)
            {
                return;
            }
            readerIndex += consumed;
            in.readerIndex(readerIndex);
        }
        if (readerIndex < end && accumulation == null)
        {
            accumulation = newAccumulation();
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
            decodeAccumulated();
        }
    }

    /**
     * The buffer for frames split across reads, made when a session first needs it: a session whose frames always
     * arrive whole (an idle one, say) never holds one. Produces garbage (once per session).
     */
    private UnsafeBuffer newAccumulation()
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(accumulationBytes));
    }

    private void decodeAccumulated()
    {
        final int consumed = processFrames(accumulation, 0, accumulated);
        if (consumed < 0)
        {
            return;
        }
        if (consumed > 0)
        {
            accumulation.putBytes(0, accumulation, consumed, accumulated - consumed);
            accumulated -= consumed;
        }
        accumulationPending = accumulated > 0 && (admission.holding() || framesThisTurn >= FRAMES_PER_TURN);
    }

    /**
     * Match auto-read and the timer to the session's state: reads stay off while an order is held, a read pause lasts,
     * {@link #MAX_PARKED_READS} reads are parked or the channel is not writable (input already read is still decoded:
     * its replies count against the session's limit). Left input resumes on the next tick of the {@link GatewayTimer},
     * a scheduled task, so the event loop polls every channel's I/O in between (a task re-queued with {@code execute}
     * could run again in the same task pass and keep the loop from polling I/O for up to its task quantum).
     */
    private void settle()
    {
        if (session.closing())
        {
            inputWaiting = false;
            disarmTimer();
            return;
        }
        final long nowNs = state.clock.nanoTime();
        final boolean holding = admission.holding();
        final long readsPausedUntilNs = admission.readsPausedUntilNs();
        final boolean readPaused = readsPausedUntilNs - nowNs > 0;
        final boolean inputLeft = parkedCount > 0 || accumulationPending;
        inputWaiting = inputLeft;
        final boolean stopReads = holding || readPaused || parkedCount >= MAX_PARKED_READS ||
            !ctx.channel().isWritable();
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
            armTimer(admission.holdReleaseNs());
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
    private int processFrames(final DirectBuffer buffer, final int offset, final int length)
    {
        int position = offset;
        final int end = offset + length;
        while (position < end)
        {
            final long frameStartNs = state.clock.nanoTime();
            final FrameStatus status = decoder.tryDecode(buffer, position, end - position);
            switch (status)
            {
                case NEED_MORE:
                    return position - offset;
                case TOO_LARGE:
                    session.protocolError(ProtocolErrorCode.FRAME_TOO_LARGE_VALUE, "frame exceeds the maximum length");
                    return -1;
                case MALFORMED:
                    session.protocolError(ProtocolErrorCode.MALFORMED_MESSAGE_VALUE, "malformed frame");
                    return -1;
                case FRAME:
                default:
                    position = decoder.frameEnd();
                    framesThisTurn++;
                    session.onMessage(decoder.message(), frameStartNs, inputReadNs);
                    if (session.closing())
                    {
                        return -1;
                    }
                    if (admission.holding() || framesThisTurn >= FRAMES_PER_TURN)
                    {
                        return position - offset;
                    }
                    break;
            }
        }
        return position - offset;
    }
}
