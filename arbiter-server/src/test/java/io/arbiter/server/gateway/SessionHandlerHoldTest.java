package io.arbiter.server.gateway;

import com.google.protobuf.ByteString;
import io.arbiter.engine.CommandType;
import io.arbiter.protocol.SymbolTable;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Logon;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.overload.NodeOverload;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.CommandRing;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.WaitStrategyKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.cancel;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's hold, read pause and per-turn frame budget on an {@link EmbeddedChannel} with a hand-driven clock
 * and {@link GatewayTimer}: what reaches the ring (not started, read back slot by slot), in which order, and when.
 */
class SessionHandlerHoldTest
{
    private static final long MS = 1_000_000L;
    private static final long START_NS = 1_000_000_000_000L;
    private static final String BTC = "BTC-USD";

    private final ManualClock clock = new ManualClock();
    private CommandRing sequencer;
    private GatewayState state;
    private EmbeddedChannel channel;
    private SessionHandler handler;
    private GatewayTimer timer;

    @AfterEach
    void tearDown()
    {
        if (channel != null)
        {
            channel.finishAndReleaseAll();
        }
    }

    /** A settable {@link NanoClock}. */
    private static final class ManualClock implements NanoClock
    {
        long nowNs = START_NS;

        @Override
        public long nanoTime()
        {
            return nowNs;
        }
    }

    private void start(final int burstCapacity, final long refillPerSecond, final long drainPerSecond)
        throws IOException
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults();
        context.overload().burstCapacity(burstCapacity).refillRatePerSecond(refillPerSecond)
            .drainRatePerSecond(drainPerSecond).maxQueueDelayNs(25 * MS);
        final NodeOverload overload = context.overloadEnabled() ? new NodeOverload(context.overload()) : null;
        sequencer = new CommandRing(4 * SessionInputAdapter.FRAMES_PER_TURN, WaitStrategyKind.SLEEPING,
            (event, sequence, endOfBatch) -> { }, Thread::new);
        final SymbolTable symbols = new SymbolTable();
        symbols.put(BTC, 1);
        state = new GatewayState(context, sequencer, symbols, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
            .observe(null, overload).clock(clock);
        handler = new SessionHandler(state);
        channel = new EmbeddedChannel(handler);
        timer = state.timerFor(channel.eventLoop());
        channel.writeInbound(frames(ClientMessage.newBuilder().setLogon(Logon.newBuilder().setAccount("demo1")
            .setSecret(ByteString.copyFrom("demo1-secret", StandardCharsets.UTF_8)).setProtocolVersion(1)).build()));
        assertTrue(replies().get(0).hasLogonAck());
    }

    private static ClientMessage newOrder(final long clientOrderId)
    {
        return limit(clientOrderId, BTC, Side.BUY, TimeInForce.GTC, 50 * UNIT, 1);
    }

    private static ByteBuf frames(final ClientMessage... messages) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final ClientMessage message : messages)
        {
            message.writeDelimitedTo(out);
        }
        return Unpooled.wrappedBuffer(out.toByteArray());
    }

    private List<ServerMessage> replies() throws IOException
    {
        final List<ServerMessage> replies = new ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null)
        {
            try (ByteBufInputStream in = new ByteBufInputStream(buf, true))
            {
                ServerMessage message;
                while (in.available() > 0 && (message = ServerMessage.parseDelimitedFrom(in)) != null)
                {
                    replies.add(message);
                }
            }
        }
        return replies;
    }

    /** Engine commands on the ring as "NEW 1", "CANCEL 2", ..., plus "CLOSED" for a session end. */
    private List<String> ring()
    {
        final List<String> published = new ArrayList<>();
        for (long sequence = 0; sequence <= sequencer.cursor(); sequence++)
        {
            final CommandEvent event = sequencer.ringBuffer().get(sequence);
            if (event.kind() == EventKind.ENGINE_COMMAND)
            {
                final CommandType type = event.command().type();
                published.add(type + " " + event.clientOrderId());
            }
            else if (event.kind() == EventKind.SESSION_CLOSED)
            {
                published.add("CLOSED");
            }
        }
        return published;
    }

    private void advanceTo(final long nowNs)
    {
        clock.nowNs = nowNs;
        timer.onTick(nowNs);
        channel.runPendingTasks();
    }

    @Test
    void shouldHoldAnAdmittedOrderUntilItsReleaseTimeWithLaterFramesAndReadsStoppedBehindIt() throws IOException
    {
        start(5, 1_000, 1_000);
        channel.writeInbound(frames(newOrder(1), newOrder(2), cancel(2), newOrder(3)));

        assertEquals(List.of("NEW 1"), ring(), "order 1 released at once, order 2 held, the rest not decoded");
        assertTrue(handler.holding());
        assertFalse(channel.config().isAutoRead(), "reads stopped while an order is held");
        assertEquals(1, timer.timerCount());

        advanceTo(START_NS + MS - 1);
        assertEquals(List.of("NEW 1"), ring(), "not before its release time");

        advanceTo(START_NS + MS + GatewayTimer.TICK_NS);
        assertEquals(List.of("NEW 1", "NEW 2", "CANCEL 2"), ring(), "the cancel stays behind the order it cancels");
        assertEquals(START_NS + MS, sequencer.ringBuffer().get(sequencer.cursor() - 1).receivedNs(),
            "a held order's receive time is its planned release time, so the hold is not queueing delay");
        assertTrue(handler.holding(), "order 3 is held for the next drain slot");

        advanceTo(START_NS + 2 * MS + GatewayTimer.TICK_NS);
        assertEquals(List.of("NEW 1", "NEW 2", "CANCEL 2", "NEW 3"), ring());
        assertFalse(handler.holding());
        assertTrue(channel.config().isAutoRead(), "reads resume once nothing is held or parked");
        assertEquals(0, timer.timerCount());
        assertEquals(2, handler.holds());
        assertTrue(replies().isEmpty(), "nothing rejected");
    }

    @Test
    void shouldPublishAHeldOrderWhenTheConnectionClosesBeforeItsReleaseTime() throws IOException
    {
        start(5, 1_000, 1_000);
        channel.writeInbound(frames(newOrder(1), newOrder(2)));
        assertTrue(handler.holding());

        channel.close();

        assertEquals(List.of("NEW 1", "NEW 2", "CLOSED"), ring(), "admitted, so published, before the session end");
        assertEquals(0, timer.timerCount(), "its timer disarmed");
    }

    @Test
    void shouldAnswerAHeldOrderWhenTheNodeStopsTakingCommandsBeforeItsReleaseTime() throws IOException
    {
        start(5, 1_000, 1_000);
        channel.writeInbound(frames(newOrder(1), newOrder(2)));
        assertTrue(handler.holding());

        state.stopAcceptingCommands();
        advanceTo(START_NS + MS + GatewayTimer.TICK_NS);

        assertEquals(List.of("NEW 1"), ring());
        final List<ServerMessage> replies = replies();
        assertEquals(1, replies.size());
        assertEquals(2, replies.get(0).getRejected().getClientOrderId());
        assertEquals(RejectReason.BUSY, replies.get(0).getRejected().getReason(), replies.get(0).toString());
        assertFalse(handler.holding());
    }

    @Test
    void shouldPauseReadsOfAThrottledSessionForItsRetryAfterWhileAnsweringFramesAlreadyRead() throws IOException
    {
        start(1, 1_000, 1_000);
        channel.writeInbound(frames(newOrder(1), newOrder(2), newOrder(3)));

        assertEquals(List.of("NEW 1"), ring());
        final List<ServerMessage> replies = replies();
        assertEquals(2, replies.size(), "the two frames already read are answered at once");
        assertEquals(RejectReason.THROTTLED, replies.get(0).getRejected().getReason());
        assertEquals(RejectReason.THROTTLED, replies.get(1).getRejected().getReason());
        assertFalse(channel.config().isAutoRead(), "reads paused for the retry-after");

        advanceTo(START_NS + MS / 2);
        assertFalse(channel.config().isAutoRead());
        channel.writeInbound(frames(cancel(1)));
        assertEquals(List.of("NEW 1", "CANCEL 1"), ring(), "input that does arrive is still decoded, cancels pass");

        advanceTo(START_NS + MS + GatewayTimer.TICK_NS);
        assertTrue(channel.config().isAutoRead(), "reads resume after the retry-after");
        channel.writeInbound(frames(newOrder(4)));
        assertEquals(List.of("NEW 1", "CANCEL 1", "NEW 4"), ring());
    }

    @Test
    void shouldDecodeAtMostOneTurnOfFramesBeforeYieldingTheEventLoop() throws IOException
    {
        start(5, 1_000, 1_000);
        final int count = SessionInputAdapter.FRAMES_PER_TURN + 10;
        final ClientMessage[] cancels = new ClientMessage[count];
        for (int i = 0; i < count; i++)
        {
            cancels[i] = cancel(i + 1);
        }

        channel.pipeline().fireChannelRead(frames(cancels));

        assertEquals(SessionInputAdapter.FRAMES_PER_TURN, ring().size(), "one turn's frames");
        assertEquals(1, timer.timerCount(), "the rest waits for the next timer tick");
        assertTrue(channel.config().isAutoRead(), "reads go on (switching auto-read allocates in epoll)");
        channel.pipeline().fireChannelRead(frames(cancel(count + 1)));
        assertEquals(SessionInputAdapter.FRAMES_PER_TURN, ring().size(), "a read while waiting is parked, not decoded");

        advanceTo(START_NS + GatewayTimer.TICK_NS);
        final List<String> ring = ring();
        assertEquals(count + 1, ring.size(), "the rest on the next timer tick");
        assertEquals("CANCEL " + count, ring.get(count - 1), "in order");
        assertEquals("CANCEL " + (count + 1), ring.get(count), "the later read after the earlier one");
        assertTrue(channel.config().isAutoRead());
        assertEquals(0, timer.timerCount());
    }

    @Test
    void shouldStopReadsWhenTooManyReadsWaitForTheNextTurn() throws IOException
    {
        start(5, 1_000, 1_000);
        final int count = SessionInputAdapter.FRAMES_PER_TURN + 1;
        final ClientMessage[] cancels = new ClientMessage[count];
        for (int i = 0; i < count; i++)
        {
            cancels[i] = cancel(i + 1);
        }
        channel.pipeline().fireChannelRead(frames(cancels));
        for (int i = 1; i < SessionInputAdapter.MAX_PARKED_READS; i++)
        {
            assertTrue(channel.config().isAutoRead(), "fewer than the limit parked");
            channel.pipeline().fireChannelRead(frames(cancel(count + i)));
        }

        assertFalse(channel.config().isAutoRead(), "reads stop at " + SessionInputAdapter.MAX_PARKED_READS + " parked");
        assertEquals(SessionInputAdapter.FRAMES_PER_TURN, ring().size());
        advanceTo(START_NS + GatewayTimer.TICK_NS);
        final List<String> ring = ring();
        assertEquals(count + SessionInputAdapter.MAX_PARKED_READS - 1, ring.size(), "all decoded on the next turn");
        assertEquals("CANCEL " + ring.size(), ring.get(ring.size() - 1), "in order");
        assertTrue(channel.config().isAutoRead(), "reads resume once the backlog is decoded");
    }

    @Test
    void shouldKeepAFrameSplitAcrossReadsWhileHolding() throws IOException
    {
        start(5, 1_000, 1_000);
        final ByteBuf all = frames(newOrder(1), newOrder(2), newOrder(3));
        final int split = all.readableBytes() - 5;
        channel.writeInbound(all.retainedSlice(0, split));
        channel.writeInbound(all.retainedSlice(split, all.readableBytes() - split));
        all.release();
        assertEquals(List.of("NEW 1"), ring());

        advanceTo(START_NS + MS + GatewayTimer.TICK_NS);
        advanceTo(START_NS + 2 * MS + GatewayTimer.TICK_NS);

        assertEquals(List.of("NEW 1", "NEW 2", "NEW 3"), ring());
        assertTrue(replies().isEmpty());
    }
}
