package io.arbiter.engine.book;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.Side;
import io.arbiter.engine.book.price.LevelIndex;

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
    private long lastTradeTicks = -1;
    private boolean halted;
    private boolean delisted;
    private long bandHundredths;
    private int stopHead = OrderStore.NONE;
    private int stopTail = OrderStore.NONE;
    private int stopCount;
    private long lowestBuyStopTicks = Long.MAX_VALUE;
    private long highestSellStopTicks = Long.MIN_VALUE;

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
        final LevelIndex bidIndex,
        final LevelIndex askIndex,
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
     * @return price in ticks of the last trade, or -1 before the first.
     */
    public long lastTradeTicks()
    {
        return lastTradeTicks;
    }

    /**
     * @param lastTradeTicks price in ticks of the last trade, or -1 for none.
     */
    public void lastTradeTicks(final long lastTradeTicks)
    {
        this.lastTradeTicks = lastTradeTicks;
    }

    /**
     * @return whether the instrument is halted.
     */
    public boolean halted()
    {
        return halted;
    }

    /**
     * @param halted whether the instrument is halted.
     */
    public void halted(final boolean halted)
    {
        this.halted = halted;
    }

    /**
     * @return whether the instrument was delisted (its id stays taken, its symbol is free).
     */
    public boolean delisted()
    {
        return delisted;
    }

    /**
     * Mark the instrument delisted.
     */
    public void delist()
    {
        this.delisted = true;
    }

    /**
     * @return the price band's percent in hundredths, 0 when off.
     */
    public long bandHundredths()
    {
        return bandHundredths;
    }

    /**
     * @param bandHundredths the price band's percent in hundredths, 0 for off.
     */
    public void bandHundredths(final long bandHundredths)
    {
        this.bandHundredths = bandHundredths;
    }

    /**
     * @return the first waiting stop order in acceptance order, or {@link OrderStore#NONE}.
     */
    public int stopHead()
    {
        return stopHead;
    }

    /**
     * Could a waiting stop's condition hold at the last trade price? A quick test that may say yes when none holds
     * (the bounds are widened as stops arrive and narrowed only by {@link #stopBounds}), never no when one does.
     *
     * @return whether a trigger check is worth making.
     */
    public boolean mayTrigger()
    {
        return stopCount > 0 && !halted && lastTradeTicks >= 0 &&
            (lastTradeTicks >= lowestBuyStopTicks || lastTradeTicks <= highestSellStopTicks);
    }

    /**
     * Widen the trigger bounds for a stop that starts waiting.
     *
     * @param buy       whether it is a buy stop.
     * @param stopTicks its stop price in ticks.
     */
    public void widenStopBounds(final boolean buy, final long stopTicks)
    {
        if (buy)
        {
            lowestBuyStopTicks = Math.min(lowestBuyStopTicks, stopTicks);
        }
        else
        {
            highestSellStopTicks = Math.max(highestSellStopTicks, stopTicks);
        }
    }

    /**
     * Set the trigger bounds exactly, after a walk of every waiting stop.
     *
     * @param lowestBuyStopTicks   lowest stop price of a waiting buy stop, or {@link Long#MAX_VALUE}.
     * @param highestSellStopTicks highest stop price of a waiting sell stop, or {@link Long#MIN_VALUE}.
     */
    public void stopBounds(final long lowestBuyStopTicks, final long highestSellStopTicks)
    {
        this.lowestBuyStopTicks = lowestBuyStopTicks;
        this.highestSellStopTicks = highestSellStopTicks;
    }

    /**
     * @return number of waiting stop orders.
     */
    public int stopCount()
    {
        return stopCount;
    }

    /**
     * Append a waiting stop order to the book's list, in acceptance order.
     *
     * @param order  index of the stop order.
     * @param extras holding its list link.
     */
    public void appendStop(final int order, final OrderExtras extras)
    {
        extras.nextStop(order, OrderStore.NONE);
        extras.prevStop(order, stopTail);
        if (stopTail == OrderStore.NONE)
        {
            stopHead = order;
        }
        else
        {
            extras.nextStop(stopTail, order);
        }
        stopTail = order;
        stopCount++;
    }

    /**
     * Remove a waiting stop order from the book's list.
     *
     * @param order  index of a stop order in the list.
     * @param extras holding the list links.
     */
    public void removeStop(final int order, final OrderExtras extras)
    {
        final int prev = extras.prevStop(order);
        final int next = extras.nextStop(order);
        if (prev == OrderStore.NONE)
        {
            stopHead = next;
        }
        else
        {
            extras.nextStop(prev, next);
        }
        if (next == OrderStore.NONE)
        {
            stopTail = prev;
        }
        else
        {
            extras.prevStop(next, prev);
        }
        stopCount--;
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
