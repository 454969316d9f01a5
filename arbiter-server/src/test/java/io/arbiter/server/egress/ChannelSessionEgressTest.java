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
            channel, new EgressBufferPool(QUEUE_BYTES), null, slowConsumerCloses::incrementAndGet);
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
        final EgressBufferPool pool = new EgressBufferPool(QUEUE_BYTES);
        final EmbeddedChannel channel = new EmbeddedChannel();
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, pool, null);
        assertFalse(egress.holdsQueue(), "a session that never had a report holds no queue");

        for (int round = 1; round <= 3; round++)
        {
            egress.onAccepted(10, round, 100 + round, 0, 0);
            assertEquals(1, pool.chunksLent(), "one chunk is lent from the first report");
            egress.flush(ReplyGate.RELEASE_NOW);
            assertTrue(egress.holdsQueue(), "the queue is held until the event loop wrote it");
            channel.runPendingTasks();
            final List<ServerMessage> sent = read(channel);
            assertEquals(1, sent.size(), "round " + round);
            assertEquals(round, sent.get(0).getAccepted().getClientOrderId());
            assertFalse(egress.holdsQueue(), "an idle session gives its queue back once drained");
            assertEquals(0, pool.chunksLent());
        }
        assertEquals(1, pool.chunksMade(), "the chunk given back is lent again");
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldKeepTheQueueWhileABatchWaitsForTheGateAndGiveItBackAfter() throws IOException
    {
        final EgressBufferPool pool = new EgressBufferPool(QUEUE_BYTES);
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
        assertEquals(0, pool.chunksLent());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldGiveTheQueueBackWhenTheConnectionClosesWithReportsWaiting()
    {
        final EgressBufferPool pool = new EgressBufferPool(QUEUE_BYTES);
        final EmbeddedChannel channel = new EmbeddedChannel();
        final Sequence durable = new Sequence(0);
        final ReplyGate gate = new ReplyGate().addDurabilityConsumer(durable);
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, pool, null);
        egress.gate(gate);
        egress.onAccepted(10, 1, 101, 0, 0);
        egress.flush(5);
        assertEquals(1, pool.chunksLent());

        channel.close();
        egress.onClosed();
        assertFalse(egress.holdsQueue(), "reports of a closed connection are dropped and the queue given back");
        assertEquals(0, pool.chunksLent());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldGiveTheQueueBackAfterAFlushThatRacedTheClose()
    {
        final EgressBufferPool pool = new EgressBufferPool(QUEUE_BYTES);
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
        assertTrue(pool.chunksLent() > 1, "the batch spans chunks");
        egress.flush(ReplyGate.RELEASE_NOW);
        channel.runPendingTasks();
        assertFalse(egress.holdsQueue(), "the drain the flush schedules on a closed channel gives the queue back");
        assertEquals(0, pool.chunksLent());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldGrowByChunksWhileTheEventLoopLagsAndKeepEveryReportInOrder() throws IOException
    {
        final EgressBufferPool pool = new EgressBufferPool(8 * 1024 * 1024);
        final EmbeddedChannel channel = new EmbeddedChannel();
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, pool, null);
        // the event loop lags: 200 batches of 50 fills (about 600 KB) queue up before it runs once
        final int batches = 200;
        final int fillsPerBatch = 50;
        long tradeId = 0;
        for (int b = 0; b < batches; b++)
        {
            for (int i = 0; i < fillsPerBatch; i++)
            {
                tradeId++;
                egress.onFill(20, tradeId, 5_000 + tradeId, tradeId, 0, Side.SELL, 100_000_000L, 1, 0, true);
            }
            egress.flush(ReplyGate.RELEASE_NOW);
        }
        final long chunks = pool.chunksLent();
        assertTrue(chunks > 16, "far more than the old fixed 128 KiB queue is held in chunks: " + chunks);
        assertFalse(egress.overflowed(), "a lagging event loop is not a slow consumer");

        channel.runPendingTasks();
        final List<ServerMessage> sent = read(channel);
        assertEquals(batches * fillsPerBatch, sent.size());
        for (int i = 0; i < sent.size(); i++)
        {
            assertEquals(i + 1, sent.get(i).getFill().getTradeId(), "report " + i + " in order across chunks");
        }
        assertEquals(0, pool.chunksLent(), "every chunk is given back once written");
        assertFalse(egress.holdsQueue());

        final long made = pool.chunksMade();
        for (int i = 0; i < batches * fillsPerBatch; i++)
        {
            egress.onFill(20, i, 5_000 + i, i, 0, Side.SELL, 100_000_000L, 1, 0, true);
        }
        egress.flush(ReplyGate.RELEASE_NOW);
        channel.runPendingTasks();
        assertEquals(batches * fillsPerBatch, read(channel).size());
        assertEquals(made, pool.chunksMade(), "the second burst reuses the pooled chunks: none allocated");
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldHoldBatchesThatSpanChunksUntilTheGateReleasesEachInOrder() throws IOException
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final EgressBufferPool pool = new EgressBufferPool(QUEUE_BYTES);
        final Sequence durable = new Sequence(0);
        final ReplyGate gate = new ReplyGate().addDurabilityConsumer(durable);
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, pool, null);
        egress.gate(gate);
        gate.register(egress);
        // three batches of 600 fills (about 24 KB each): each crosses a 16 KiB chunk boundary
        final int fills = 600;
        long tradeId = 0;
        for (int sequence = 1; sequence <= 3; sequence++)
        {
            for (int i = 0; i < fills; i++)
            {
                tradeId++;
                egress.onFill(20, tradeId, tradeId, tradeId, 0, Side.BUY, 100_000_000L, 1, 0, false);
            }
            egress.flush(sequence);
        }
        assertTrue(pool.chunksLent() >= 4, "chunks lent: " + pool.chunksLent());
        channel.runPendingTasks();
        assertTrue(read(channel).isEmpty(), "nothing leaves before its command is durable");

        durable.set(2);
        gate.onDurable();
        channel.runPendingTasks();
        final List<ServerMessage> first = read(channel);
        assertEquals(2 * fills, first.size(), "the batches of sequences 1 and 2, not 3");
        for (int i = 0; i < first.size(); i++)
        {
            assertEquals(i + 1, first.get(i).getFill().getTradeId());
        }
        assertTrue(egress.holdsQueue(), "the third batch keeps its chunks");

        durable.set(3);
        gate.onDurable();
        channel.runPendingTasks();
        final List<ServerMessage> last = read(channel);
        assertEquals(fills, last.size());
        assertEquals(2 * fills + 1, last.get(0).getFill().getTradeId());
        assertEquals(3 * fills, last.get(fills - 1).getFill().getTradeId());
        assertEquals(0, pool.chunksLent());
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldCloseASessionOverItsCapWhileAnotherOfTheNodeKeepsAnswering() throws IOException
    {
        final EgressBufferPool pool = new EgressBufferPool(256 * 1024);
        final EmbeddedChannel slowChannel = new EmbeddedChannel();
        final AtomicInteger closes = new AtomicInteger();
        final ChannelSessionEgress slow = new ChannelSessionEgress(slowChannel, pool, null, closes::incrementAndGet);
        final EmbeddedChannel healthyChannel = new EmbeddedChannel();
        final ChannelSessionEgress healthy = new ChannelSessionEgress(healthyChannel, pool, null);
        // the slow session's client does not read: its connection is not writable, so its reports stay queued
        slowChannel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        int batches = 0;
        while (!slow.overflowed() && batches < 10_000)
        {
            slow.onAccepted(10, batches, 100 + batches, 0, 0);
            slow.flush(ReplyGate.RELEASE_NOW);
            slowChannel.runPendingTasks();
            healthy.onAccepted(10, batches, 100 + batches, 0, 0);
            healthy.flush(ReplyGate.RELEASE_NOW);
            healthyChannel.runPendingTasks();
            assertEquals(1, read(healthyChannel).size(), "batch " + batches + " of the healthy session");
            batches++;
        }
        assertTrue(slow.overflowed(), "the session that does not read is cut off at its cap");
        assertTrue(batches > 256 * 1024 / 64, "not before its cap: after " + batches + " batches");
        assertTrue(pool.chunksLent() <= pool.sessionMaxChunks(), "never more than its cap: " + pool.chunksLent());

        slowChannel.runPendingTasks();
        assertEquals(1, closes.get());
        assertFalse(slowChannel.isOpen());
        slow.onClosed();
        assertFalse(slow.holdsQueue(), "the closed session's chunks go back to the pool");
        assertEquals(0, pool.chunksLent());

        healthy.onAccepted(10, 1, 1, 0, 0);
        healthy.flush(ReplyGate.RELEASE_NOW);
        healthyChannel.runPendingTasks();
        assertEquals(1, read(healthyChannel).size(), "the other session is unaffected");
        slowChannel.finishAndReleaseAll();
        healthyChannel.finishAndReleaseAll();
    }

    @Test
    void shouldRefuseGrowthBeyondTheGuaranteedChunksOnceTheNodeCapIsLent() throws IOException
    {
        final int chunk = EgressBufferPool.DEFAULT_CHUNK_BYTES;
        // the node lends at most 6 chunks beyond what sessions are guaranteed
        final EgressBufferPool pool = new EgressBufferPool(8 * 1024 * 1024, 6L * chunk, chunk, 64);
        final int guaranteed = pool.guaranteedChunks();
        final EmbeddedChannel bigChannel = new EmbeddedChannel();
        final ChannelSessionEgress big = new ChannelSessionEgress(bigChannel, pool, null);
        bigChannel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        int reports = 0;
        while (!big.overflowed() && reports < 1_000_000)
        {
            big.onFill(20, reports, reports, reports, 0, Side.BUY, 100_000_000L, 1, 0, true);
            reports++;
        }
        assertTrue(big.overflowed(), "a session that keeps growing is refused at the node cap");
        assertEquals(6, pool.chunksLent(), "it got chunks up to the node cap, far below its own 8 MiB cap");
        assertEquals(1, pool.nodeCapRefusals());

        final EmbeddedChannel smallChannel = new EmbeddedChannel();
        final ChannelSessionEgress small = new ChannelSessionEgress(smallChannel, pool, null);
        final int fills = guaranteed * chunk / 64;
        for (int i = 1; i <= fills; i++)
        {
            small.onFill(20, i, i, i, 0, Side.SELL, 100_000_000L, 1, 0, true);
        }
        assertFalse(small.overflowed(), "a session within its guaranteed chunks is served whatever the node lends");
        assertTrue(pool.chunksLent() > 6 + 1, "the node cap does not apply to guaranteed chunks");
        small.flush(ReplyGate.RELEASE_NOW);
        smallChannel.runPendingTasks();
        final List<ServerMessage> sent = read(smallChannel);
        assertEquals(fills, sent.size());
        assertEquals(fills, sent.get(fills - 1).getFill().getTradeId());
        bigChannel.finishAndReleaseAll();
        smallChannel.finishAndReleaseAll();
    }

    @Test
    void shouldDropAnAbortedBatchAndItsChunksButKeepWhatWasFlushedBefore() throws IOException
    {
        final EgressBufferPool pool = new EgressBufferPool(QUEUE_BYTES);
        final EmbeddedChannel channel = new EmbeddedChannel();
        final ChannelSessionEgress egress = new ChannelSessionEgress(channel, pool, null);
        egress.onAccepted(10, 1, 101, 0, 0);
        egress.flush(ReplyGate.RELEASE_NOW);
        for (int i = 1; i <= 1_000; i++)
        {
            egress.onFill(20, i, i, i, 0, Side.SELL, 100_000_000L, 1, 0, true);
        }
        assertTrue(pool.chunksLent() > 1);
        // the journal failed: the batch in progress must never leave
        egress.discard();
        assertEquals(1, pool.chunksLent(), "the chunks taken by the discarded batch are back in the pool");
        egress.onAccepted(10, 2, 102, 0, 0);
        egress.flush(ReplyGate.RELEASE_NOW);
        channel.runPendingTasks();
        final List<ServerMessage> sent = read(channel);
        assertEquals(2, sent.size());
        assertEquals(1, sent.get(0).getAccepted().getClientOrderId());
        assertEquals(2, sent.get(1).getAccepted().getClientOrderId());
        assertEquals(0, pool.chunksLent());
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
