package io.arbiter.marketdata;

import io.arbiter.engine.Side;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The feed's state of one instrument: its public book, the last sequence number of its stream, the level changes of
 * the command being read, the last top of book sent, its subscriptions and the frames encoded for them during the
 * current duty cycle. Feed thread only.
 */
final class InstrumentStream
{
    final int instrumentId;
    final String symbol;
    final long tickSize;
    final long lotSize;
    final LevelBook book = new LevelBook();
    final List<FeedSubscription> subscriptions = new ArrayList<>();
    /** BookUpdates and PublicTrades of the cycle, for book subscriptions. */
    final FanOutBuffer bookFrames = new FanOutBuffer();
    /** PublicTrades of the cycle, for trades-only subscriptions. */
    final FanOutBuffer tradeFrames = new FanOutBuffer();
    /** TopOfBooks of the cycle. */
    final FanOutBuffer topFrames = new FanOutBuffer();
    /** Whether the stream is in the agent's list of streams with frames this cycle. */
    boolean framed;
    long sequence;
    int pendingCount;
    long pendingTimestampNs;
    int[] pendingSides = new int[64];
    long[] pendingPrices = new long[64];
    long[] pendingQuantities = new long[64];
    int[] pendingCounts = new int[64];
    long topBidPrice;
    long topBidQuantity;
    long topAskPrice;
    long topAskQuantity;

    InstrumentStream(final int instrumentId, final String symbol, final long tickSize, final long lotSize)
    {
        this.instrumentId = instrumentId;
        this.symbol = symbol;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
    }

    void addPending(final int wireSide, final long price, final long quantity, final int count)
    {
        if (pendingCount == pendingSides.length)
        {
            final int capacity = pendingCount * 2;
            pendingSides = Arrays.copyOf(pendingSides, capacity);
            pendingPrices = Arrays.copyOf(pendingPrices, capacity);
            pendingQuantities = Arrays.copyOf(pendingQuantities, capacity);
            pendingCounts = Arrays.copyOf(pendingCounts, capacity);
        }
        pendingSides[pendingCount] = wireSide;
        pendingPrices[pendingCount] = price;
        pendingQuantities[pendingCount] = quantity;
        pendingCounts[pendingCount] = count;
        pendingCount++;
    }

    /**
     * @return true if the best bid or ask (price or quantity) differs from the last one recorded; records it.
     */
    boolean updateTop()
    {
        final long bidPrice = book.depth(Side.BUY) == 0 ? 0 : book.price(Side.BUY, 0);
        final long bidQuantity = book.depth(Side.BUY) == 0 ? 0 : book.quantity(Side.BUY, 0);
        final long askPrice = book.depth(Side.SELL) == 0 ? 0 : book.price(Side.SELL, 0);
        final long askQuantity = book.depth(Side.SELL) == 0 ? 0 : book.quantity(Side.SELL, 0);
        if (bidPrice == topBidPrice && bidQuantity == topBidQuantity && askPrice == topAskPrice &&
            askQuantity == topAskQuantity)
        {
            return false;
        }
        topBidPrice = bidPrice;
        topBidQuantity = bidQuantity;
        topAskPrice = askPrice;
        topAskQuantity = askQuantity;
        return true;
    }
}
