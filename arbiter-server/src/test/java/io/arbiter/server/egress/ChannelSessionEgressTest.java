package io.arbiter.server.egress;

import com.lmax.disruptor.Sequence;
import io.arbiter.engine.Side;
import io.arbiter.protocol.proto.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChannelSessionEgress} on an {@link EmbeddedChannel}, whose event loop runs queued tasks only when the test
 * says so: that lets a drain scheduled by one flush run in the middle of the next batch, before its commit.
 */
class ChannelSessionEgressTest
{
    private static final int QUEUE_BYTES = 256 * 1024;

    @Test
    void shouldNotLetADrainSendReportsOfABatchBeforeItsFlush() throws IOException
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, QUEUE_BYTES);
        egress.onAccepted(10, 7, 100, 0, 0);
        egress.flush(ReplyGate.RELEASE_NOW);

        // one command sweeps 2,000 resting orders of the session: far more than one batch buffer of reports
        final int fills = 2_000;
        for (int i = 1; i <= fills; i++)
        {
            egress.onFill(20, 1_000 + i, 5_000 + i, i, 0, Side.SELL, 100_000_000L, 1, 0, true);
        }
        // the drain scheduled by the previous flush runs now, while the batch is not yet committed to the journal
        channel.runPendingTasks();
        final List<ServerMessage> beforeCommit = read(channel);
        assertEquals(1, beforeCommit.size(), "only the previous batch may be sent before the flush");
        assertTrue(beforeCommit.get(0).hasAccepted());

        egress.flush(ReplyGate.RELEASE_NOW);
        channel.runPendingTasks();
        final List<ServerMessage> afterCommit = read(channel);
        assertEquals(fills, afterCommit.size());
        for (int i = 0; i < fills; i++)
        {
            assertEquals(i + 1, afterCommit.get(i).getFill().getTradeId(), "fill " + i + " in order");
        }
        assertFalse(egress.overflowed());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldReportEachBatchsHandOffToSocketFlushTime() throws IOException, InterruptedException
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final List<Long> writeTimes = new ArrayList<>();
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, QUEUE_BYTES, writeTimes::add);
        egress.onAccepted(10, 7, 100, 0, 0);
        egress.flush(ReplyGate.RELEASE_NOW);
        egress.onAccepted(11, 8, 101, 0, 0);
        egress.flush(ReplyGate.RELEASE_NOW);
        assertTrue(writeTimes.isEmpty(), "nothing is measured before the event loop writes");

        Thread.sleep(5);
        channel.runPendingTasks();
        assertEquals(2, read(channel).size());
        assertEquals(2, writeTimes.size(), "one time per batch: " + writeTimes);
        for (final long ns : writeTimes)
        {
            assertTrue(ns >= 5_000_000L && ns < 10_000_000_000L, "hand-off to flush includes the 5 ms wait: " + ns);
        }

        final ChannelSessionEgress unmeasured = new ChannelSessionEgress(channel, QUEUE_BYTES);
        unmeasured.onAccepted(12, 9, 102, 0, 0);
        unmeasured.flush(ReplyGate.RELEASE_NOW);
        channel.runPendingTasks();
        assertEquals(1, read(channel).size(), "without a consumer the batch is sent the same way");
        assertEquals(2, writeTimes.size());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldStillCloseASessionWhoseQueueOverflowsAndTellItsOwnerOnce() throws IOException
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final AtomicInteger slowConsumerCloses = new AtomicInteger();
        final ChannelSessionEgress egress = new ChannelSessionEgress(
            channel, new EgressBufferPool(QUEUE_BYTES, 1), null, slowConsumerCloses::incrementAndGet);
        for (int i = 1; i <= 20_000 && !egress.overflowed(); i++)
        {
            egress.onFill(20, i, i, i, 0, Side.BUY, 100_000_000L, 1, 0, true);
        }
        assertTrue(egress.overflowed(), "a batch larger than the queue overflows it");
        egress.flush(ReplyGate.RELEASE_NOW);
        channel.runPendingTasks();
        final List<ServerMessage> sent = read(channel);
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).hasProtocolError());
        assertFalse(channel.isOpen());
        egress.drain();
        assertEquals(1, slowConsumerCloses.get(), "the owner is told once, however often the egress drains");
    }

    @Test
    void shouldWriteTheBatchesQueuedForOneDrainAsOneBuffer() throws IOException
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, QUEUE_BYTES);
        final int batches = 5;
        for (int i = 1; i <= batches; i++)
        {
            egress.onAccepted(10, i, 100 + i, 0, 0);
            egress.flush(ReplyGate.RELEASE_NOW);
        }

        channel.runPendingTasks();

        final ByteBuf written = channel.readOutbound();
        assertTrue(channel.outboundMessages().isEmpty(), "one buffer for the drain, not one per batch");
        channel.writeOutbound(written);
        final List<ServerMessage> sent = read(channel);
        assertEquals(batches, sent.size());
        for (int i = 0; i < batches; i++)
        {
            assertEquals(i + 1, sent.get(i).getAccepted().getClientOrderId(), "batch " + i + " in order");
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldStartAnotherBufferWhenTheQueuedBatchesExceedOne() throws IOException
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, QUEUE_BYTES);
        final int fills = 3_000;
        for (int i = 1; i <= fills; i++)
        {
            egress.onFill(20, i, 5_000 + i, i, 0, Side.SELL, 100_000_000L, 1, 0, true);
        }
        egress.flush(ReplyGate.RELEASE_NOW);

        channel.runPendingTasks();

        assertTrue(channel.outboundMessages().size() > 1, "more than 64 KiB of reports need more than one buffer");
        final List<ServerMessage> sent = read(channel);
        assertEquals(fills, sent.size());
        for (int i = 0; i < fills; i++)
        {
            assertEquals(i + 1, sent.get(i).getFill().getTradeId(), "fill " + i + " in order");
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldHoldEachBatchUntilTheGateReleasesItsSequenceAndNothingPastAFreeze() throws IOException
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final Sequence durable = new Sequence(0);
        final ReplyGate gate = new ReplyGate().addDurabilityConsumer(durable);
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, QUEUE_BYTES);
        egress.gate(gate);
        gate.register(egress);
        for (int i = 1; i <= 3; i++)
        {
            egress.onAccepted(10, i, 100 + i, 0, 0);
            egress.flush(i);
        }
        channel.runPendingTasks();
        assertTrue(read(channel).isEmpty(), "nothing leaves before the journal made it durable");

        durable.set(2);
        gate.onDurable();
        channel.runPendingTasks();
        final List<ServerMessage> released = read(channel);
        assertEquals(2, released.size(), "the batches of sequences 1 and 2, not 3");
        assertEquals(2, released.get(1).getAccepted().getClientOrderId());

        gate.freeze(2);
        durable.set(3);
        gate.onDurable();
        channel.runPendingTasks();
        assertTrue(read(channel).isEmpty(), "a frozen gate releases nothing past the freeze");
        egress.drainAll();
        assertTrue(read(channel).isEmpty(), "not even at shutdown");
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldHoldNoBufferWhileIdleAndStillAnswerOnceActiveAgain() throws IOException
    {
        final EgressBufferPool pool = new EgressBufferPool(QUEUE_BYTES, 4);
        final EmbeddedChannel channel = new EmbeddedChannel();
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, pool, null);
        assertFalse(egress.holdsQueue(), "a session that never had a report holds no queue");
        assertFalse(egress.holdsBatch());

        for (int round = 1; round <= 3; round++)
        {
            egress.onAccepted(10, round, 100 + round, 0, 0);
            assertTrue(egress.holdsBatch(), "the batch buffer is lent from the first report of a batch");
            egress.flush(ReplyGate.RELEASE_NOW);
            assertFalse(egress.holdsBatch(), "and given back at its flush");
            assertTrue(egress.holdsQueue(), "the queue is held until the event loop wrote it");
            channel.runPendingTasks();
            final List<ServerMessage> sent = read(channel);
            assertEquals(1, sent.size(), "round " + round);
            assertEquals(round, sent.get(0).getAccepted().getClientOrderId());
            assertFalse(egress.holdsQueue(), "an idle session gives its queue back once drained");
            assertEquals(0, pool.queuesLent());
        }
        assertEquals(1, pool.queuesMade(), "the queue given back is lent again");
        assertEquals(1, pool.batchesMade());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldKeepTheQueueWhileABatchWaitsForTheGateAndGiveItBackAfter() throws IOException
    {
        final EgressBufferPool pool = new EgressBufferPool(QUEUE_BYTES, 4);
        final EmbeddedChannel channel = new EmbeddedChannel();
        final Sequence durable = new Sequence(0);
        final ReplyGate gate = new ReplyGate().addDurabilityConsumer(durable);
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, pool, null);
        egress.gate(gate);
        gate.register(egress);
        egress.onAccepted(10, 1, 101, 0, 0);
        egress.flush(1);
        channel.runPendingTasks();
        egress.drain();
        assertTrue(read(channel).isEmpty());
        assertTrue(egress.holdsQueue(), "a batch the gate holds keeps the queue lent");

        durable.set(1);
        gate.onDurable();
        channel.runPendingTasks();
        assertEquals(1, read(channel).size());
        assertFalse(egress.holdsQueue());
        assertEquals(0, pool.queuesLent());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldGiveTheQueueBackWhenTheConnectionClosesWithReportsWaiting()
    {
        final EgressBufferPool pool = new EgressBufferPool(QUEUE_BYTES, 4);
        final EmbeddedChannel channel = new EmbeddedChannel();
        final Sequence durable = new Sequence(0);
        final ReplyGate gate = new ReplyGate().addDurabilityConsumer(durable);
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, pool, null);
        egress.gate(gate);
        egress.onAccepted(10, 1, 101, 0, 0);
        egress.flush(5);
        assertEquals(1, pool.queuesLent());

        channel.close();
        egress.onClosed();
        assertFalse(egress.holdsQueue(), "reports of a closed connection are dropped and the queue given back");
        assertEquals(0, pool.queuesLent());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldGiveTheQueueBackAfterAFlushThatRacedTheClose()
    {
        final EgressBufferPool pool = new EgressBufferPool(QUEUE_BYTES, 4);
        final EmbeddedChannel channel = new EmbeddedChannel();
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, pool, null);
        egress.onAccepted(10, 1, 101, 0, 0);
        egress.flush(ReplyGate.RELEASE_NOW);
        for (int i = 1; i <= 1_000; i++)
        {
            egress.onFill(20, i, 5_000 + i, i, 0, Side.SELL, 100_000_000L, 1, 0, true);
        }
        // the connection closes while the matching thread is in the middle of a batch that has claimed queue slots
        channel.close();
        egress.onClosed();
        assertTrue(egress.holdsQueue(), "a queue the matching thread writes is not given back under it");
        egress.flush(ReplyGate.RELEASE_NOW);
        channel.runPendingTasks();
        assertFalse(egress.holdsQueue(), "the drain the flush schedules on a closed channel gives the queue back");
        assertEquals(0, pool.queuesLent());
        channel.finishAndReleaseAll();
    }

    private static List<ServerMessage> read(final EmbeddedChannel channel) throws IOException
    {
        final ByteBuf all = Unpooled.buffer();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound())
        {
            all.writeBytes(buf);
            buf.release();
        }
        final List<ServerMessage> messages = new ArrayList<>();
        try (InputStream in = new ByteBufInputStream(all, true))
        {
            for (ServerMessage message = ServerMessage.parseDelimitedFrom(in); message != null;
                message = ServerMessage.parseDelimitedFrom(in))
            {
                messages.add(message);
            }
        }
        return messages;
    }
}
