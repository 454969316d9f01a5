package io.arbiter.marketdata;

import io.arbiter.engine.Side;
import io.arbiter.protocol.MarketDataEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.agrona.ExpandableArrayBuffer;

/**
 * The feed thread's encoding of {@code MarketDataMessage} frames into one reused buffer, which grows (producing
 * garbage) only when a frame is larger than any before; encoding itself allocates nothing. Each method returns the
 * frame's length, at offset 0 of the buffer, until the next call. Feed thread only.
 */
final class FeedFrames
{
    private final MarketDataEncoder encoder = new MarketDataEncoder();
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(1 << 16);
    private int[] sides = new int[256];
    private long[] prices = new long[256];
    private long[] quantities = new long[256];
    private int[] counts = new int[256];

    int trade(
        final int instrumentId, final long sequence, final long tradeId, final long price, final long quantity,
        final int aggressorSide, final long timestampNs)
    {
        int length;
        while ((length = encoder.encodePublicTrade(frame, 0, frame.capacity(), instrumentId, sequence, tradeId, price,
            quantity, aggressorSide, timestampNs)) < 0)
        {
            frame.checkLimit(-length);
        }
        return length;
    }

    int update(final InstrumentStream stream, final long sequence)
    {
        int length;
        while ((length = encoder.encodeBookUpdate(frame, 0, frame.capacity(), stream.instrumentId, sequence,
            stream.pendingTimestampNs, stream.pendingSides, stream.pendingPrices, stream.pendingQuantities,
            stream.pendingCounts, stream.pendingCount)) < 0)
        {
            frame.checkLimit(-length);
        }
        return length;
    }

    int top(final InstrumentStream stream)
    {
        int length;
        while ((length = encoder.encodeTopOfBook(frame, 0, frame.capacity(), stream.instrumentId, stream.sequence,
            stream.topBidPrice, stream.topBidQuantity, stream.topAskPrice, stream.topAskQuantity)) < 0)
        {
            frame.checkLimit(-length);
        }
        return length;
    }

    int snapshot(final InstrumentStream stream, final int depth, final long epoch, final boolean conflated)
    {
        final int levels = collectLevels(stream.book, depth);
        int length;
        while ((length = encoder.encodeBookSnapshot(frame, 0, frame.capacity(), stream.instrumentId, stream.symbol,
            epoch, stream.sequence, conflated, stream.tickSize, stream.lotSize, sides, prices, quantities, counts,
            levels)) < 0)
        {
            frame.checkLimit(-length);
        }
        return length;
    }

    int subscribeAck(final long requestId, final long epoch)
    {
        int length;
        while ((length = encoder.encodeSubscribeAck(frame, 0, frame.capacity(), requestId, epoch)) < 0)
        {
            frame.checkLimit(-length);
        }
        return length;
    }

    int error(final long requestId, final int code, final String text, final String symbol)
    {
        int length;
        while ((length = encoder.encodeError(frame, 0, frame.capacity(), requestId, code, text, symbol)) < 0)
        {
            frame.checkLimit(-length);
        }
        return length;
    }

    /**
     * @return the array holding the last frame encoded, from index 0 (valid until the next encode).
     */
    byte[] bytes()
    {
        return frame.byteArray();
    }

    /**
     * @return a new buffer holding a copy of the last frame encoded, for the channels to write.
     */
    ByteBuf copy(final ByteBufAllocator allocator, final int length)
    {
        final ByteBuf buffer = allocator.directBuffer(length);
        buffer.writeBytes(frame.byteArray(), 0, length);
        return buffer;
    }

    private int collectLevels(final LevelBook book, final int depth)
    {
        final int bids = depth == 0 ? book.depth(Side.BUY) : Math.min(depth, book.depth(Side.BUY));
        final int asks = depth == 0 ? book.depth(Side.SELL) : Math.min(depth, book.depth(Side.SELL));
        final int total = bids + asks;
        if (sides.length < total)
        {
            sides = new int[total];
            prices = new long[total];
            quantities = new long[total];
            counts = new int[total];
        }
        int at = 0;
        for (int rank = 0; rank < bids; rank++, at++)
        {
            sides[at] = 1;
            prices[at] = book.price(Side.BUY, rank);
            quantities[at] = book.quantity(Side.BUY, rank);
            counts[at] = book.orderCount(Side.BUY, rank);
        }
        for (int rank = 0; rank < asks; rank++, at++)
        {
            sides[at] = 2;
            prices[at] = book.price(Side.SELL, rank);
            quantities[at] = book.quantity(Side.SELL, rank);
            counts[at] = book.orderCount(Side.SELL, rank);
        }
        return total;
    }
}
