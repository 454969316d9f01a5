package io.arbiter.engine.book;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.Side;
import io.arbiter.engine.book.price.PriceIndex;

/**
 * The book of one instrument: bids and asks, and the instrument's tick and lot sizes as divide-free divisors.
 * Owned by the matching thread.
 */
public final class OrderBook
{
    private final Instrument instrument;
    private final ExactDivisor ticks;
    private final ExactDivisor lots;
    private final BookSide bids;
    private final BookSide asks;

    /**
     * An empty book. Its sides get the ids {@code 2 * instrument.id()} (bids) and {@code 2 * instrument.id() + 1}
     * (asks).
     *
     * @param instrument the instrument it trades.
     * @param bidIndex   empty price index for the bids.
     * @param askIndex   empty price index for the asks.
     * @param orders     the engine's orders.
     * @param levels     the engine's price levels.
     */
    public OrderBook(
        final Instrument instrument,
        final PriceIndex<Integer> bidIndex,
        final PriceIndex<Integer> askIndex,
        final OrderStore orders,
        final LevelStore levels)
    {
        this.instrument = instrument;
        this.ticks = new ExactDivisor(instrument.tickSizeUnits());
        this.lots = new ExactDivisor(instrument.lotSize());
        this.bids = new BookSide(Side.BUY, instrument.id() * 2, this, bidIndex, orders, levels);
        this.asks = new BookSide(Side.SELL, instrument.id() * 2 + 1, this, askIndex, orders, levels);
    }

    /**
     * @return the instrument it trades.
     */
    public Instrument instrument()
    {
        return instrument;
    }

    /**
     * @return the tick size as a divisor of prices in units.
     */
    public ExactDivisor ticks()
    {
        return ticks;
    }

    /**
     * @return the lot size as a divisor of quantities.
     */
    public ExactDivisor lots()
    {
        return lots;
    }

    /**
     * @return the bids.
     */
    public BookSide bids()
    {
        return bids;
    }

    /**
     * @return the asks.
     */
    public BookSide asks()
    {
        return asks;
    }

    /**
     * @param side bids or asks.
     * @return that side.
     */
    public BookSide side(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    /**
     * @param side bids or asks.
     * @return the other side.
     */
    public BookSide opposite(final Side side)
    {
        return side == Side.BUY ? asks : bids;
    }
}
