package io.arbiter.engine;

import io.arbiter.engine.book.ExactDivisor;
import io.arbiter.engine.book.price.PriceIndex;

/**
 * The book of one instrument: bids and asks, and the instrument's tick and lot sizes as divide-free divisors.
 * Owned by the matching thread.
 */
final class OrderBook
{
    final Instrument instrument;
    final ExactDivisor ticks;
    final ExactDivisor lots;
    final BookSide bids;
    final BookSide asks;
    long lastTradeTicks = -1;

    OrderBook(
        final Instrument instrument,
        final PriceIndex<PriceLevel> bidIndex,
        final PriceIndex<PriceLevel> askIndex,
        final LevelPool levelPool)
    {
        this.instrument = instrument;
        this.ticks = new ExactDivisor(instrument.tickSizeUnits());
        this.lots = new ExactDivisor(instrument.lotSize());
        this.bids = new BookSide(Side.BUY, this, bidIndex, levelPool);
        this.asks = new BookSide(Side.SELL, this, askIndex, levelPool);
    }

    BookSide side(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    BookSide opposite(final Side side)
    {
        return side == Side.BUY ? asks : bids;
    }
}
