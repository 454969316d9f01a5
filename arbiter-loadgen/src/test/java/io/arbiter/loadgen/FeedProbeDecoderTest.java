package io.arbiter.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.arbiter.protocol.MarketDataEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * The load generator's lean feed decoder against frames written by the feed's own encoder: it reads sequence numbers
 * and trade ids behind length-delimited fields (symbol, levels), checks the sequence, asks for a fresh snapshot after a
 * gap and ignores the stream until it comes, and survives frames split across reads.
 */
class FeedProbeDecoderTest
{
    private static final byte[] SUBSCRIBE = {3, 1, 2, 3};

    private final MarketDataEncoder encoder = new MarketDataEncoder();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final List<String> events = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new FeedProbeDecoder(new FeedProbeDecoder.Handler()
    {
        @Override
        public void onSnapshot()
        {
            events.add("snapshot");
        }

        @Override
        public void onTrade(final long tradeId)
        {
            events.add("trade " + tradeId);
        }

        @Override
        public void onGap()
        {
            events.add("gap");
        }

        @Override
        public void onError()
        {
            events.add("error");
        }

        @Override
        public void onDisconnected()
        {
            events.add("disconnected");
        }
    }, SUBSCRIBE));

    @Test
    void shouldSubscribeWhenConnectedAndReadTradesInSequenceAfterTheSnapshot()
    {
        assertArrayEquals(SUBSCRIBE, bytes(channel.readOutbound()));
        channel.writeInbound(frame(encoder.encodeSubscribeAck(buffer, 0, buffer.capacity(), 1, 1_700_000_000_000L)));
        channel.writeInbound(snapshot(41));
        channel.writeInbound(trade(42, 900));
        channel.writeInbound(update(43));
        channel.writeInbound(trade(44, 901));
        channel.writeInbound(trade(44, 901));
        assertEquals(List.of("snapshot", "trade 900", "trade 901"), events);
    }

    @Test
    void shouldAskForASnapshotAfterAGapAndIgnoreTheStreamUntilItComes()
    {
        channel.readOutbound();
        channel.writeInbound(snapshot(10));
        channel.writeInbound(trade(11, 5));
        channel.writeInbound(trade(13, 7));
        assertArrayEquals(SUBSCRIBE, bytes(channel.readOutbound()), "a new Subscribe after the gap");
        channel.writeInbound(trade(14, 8));
        channel.writeInbound(snapshot(20));
        channel.writeInbound(trade(21, 9));
        assertEquals(List.of("snapshot", "trade 5", "gap", "snapshot", "trade 9"), events);
        assertNull(channel.readOutbound());
    }

    @Test
    void shouldReadFramesSplitAcrossReads()
    {
        channel.readOutbound();
        final ByteBuf all = Unpooled.buffer();
        all.writeBytes(snapshot(1));
        all.writeBytes(trade(2, 77));
        all.writeBytes(update(3));
        all.writeBytes(trade(4, 78));
        while (all.isReadable())
        {
            channel.writeInbound(all.readRetainedSlice(Math.min(3, all.readableBytes())));
        }
        all.release();
        assertEquals(List.of("snapshot", "trade 77", "trade 78"), events);
    }

    @Test
    void shouldReportErrorsAndTheDisconnect()
    {
        channel.readOutbound();
        channel.writeInbound(frame(encoder.encodeError(buffer, 0, buffer.capacity(), 0, 9, "slow", "")));
        channel.close();
        assertEquals(List.of("error", "disconnected"), events);
    }

    private ByteBuf snapshot(final long sequence)
    {
        return frame(encoder.encodeBookSnapshot(buffer, 0, buffer.capacity(), 0, "BTC-USD", 1_700_000_000_000L,
            sequence, false, 1, 1, new int[] {1, 2}, new long[] {100, 101}, new long[] {5, 6}, new int[] {1, 2}, 2));
    }

    private ByteBuf update(final long sequence)
    {
        return frame(encoder.encodeBookUpdate(buffer, 0, buffer.capacity(), 0, sequence, 123_456_789L,
            new int[] {2}, new long[] {101}, new long[] {0}, new int[] {0}, 1));
    }

    private ByteBuf trade(final long sequence, final long tradeId)
    {
        return frame(encoder.encodePublicTrade(buffer, 0, buffer.capacity(), 0, sequence, tradeId, 100, 3, 1,
            123_456_789L));
    }

    private ByteBuf frame(final int length)
    {
        return Unpooled.copiedBuffer(buffer.byteArray(), 0, length);
    }

    private static byte[] bytes(final ByteBuf buf)
    {
        final byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }
}
