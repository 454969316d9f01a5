package io.arbiter.engine;

import io.arbiter.engine.book.BookSide;
import io.arbiter.engine.book.ExpiryQueue;
import io.arbiter.engine.book.LevelStore;
import io.arbiter.engine.book.OrderBook;
import io.arbiter.engine.book.OrderExtras;
import io.arbiter.engine.book.OrderIdIndex;
import io.arbiter.engine.book.OrderStore;
import io.arbiter.engine.risk.Amounts;
import io.arbiter.engine.risk.SpotRisk;

/**
 * The matching core of a {@link MatchingEngine}: an incoming order against one side of a book (icebergs refreshing to
 * the back of their level, self-trade prevention), the fill-or-kill test by the same rules, and resting and removing
 * orders with their optional fields (acceptance number, GTD expiry, iceberg slices). Owned by the matching thread;
 * allocates nothing.
 */
final class OrderMatcher
{
    private final OrderStore orders;
    private final LevelStore levels;
    private final OrderExtras extras;
    private final ExpiryQueue expiries;
    private final OrderIdIndex ordersById;
    private final ExecutionListener listener;
    private final SpotRisk risk;
    /** Acceptance argument of {@link #open} for an order opening for the first time: it gets the next number. */
    static final long NEW_ACCEPTANCE = 0;

    private long tradeCount;
    private long acceptances;
    private long highestOrderId = Long.MIN_VALUE;
    private int icebergCount;
    private boolean takerStoppedBySelfTrade;
    private boolean takerStoppedByFunds;

    OrderMatcher(
        final OrderStore orders,
        final LevelStore levels,
        final OrderExtras extras,
        final ExpiryQueue expiries,
        final OrderIdIndex ordersById,
        final ExecutionListener listener,
        final SpotRisk risk)
    {
        this.risk = risk;
        this.orders = orders;
        this.levels = levels;
        this.extras = extras;
        this.expiries = expiries;
        this.ordersById = ordersById;
        this.listener = listener;
    }

    long tradeCount()
    {
        return tradeCount;
    }

    void tradeCount(final long tradeCount)
    {
        this.tradeCount = tradeCount;
    }

    long acceptances()
    {
        return acceptances;
    }

    void acceptances(final long acceptances)
    {
        this.acceptances = acceptances;
    }

    boolean takerStoppedBySelfTrade()
    {
        return takerStoppedBySelfTrade;
    }

    /**
     * @return whether an order with this id is open (resting or a waiting stop).
     */
    boolean isOpen(final long orderId)
    {
        return orderId <= highestOrderId && ordersById.get(orderId) != OrderStore.NONE;
    }

    /**
     * @return the order's whole remaining quantity: its visible slice plus, for an iceberg, its hidden quantity.
     */
    long totalRemaining(final int order)
    {
        final long remaining = orders.remaining(order);
        return (orders.flags(order) & OrderStore.ICEBERG) == 0 ? remaining : remaining + extras.hidden(order);
    }

    /**
     * The events of an accepted (or triggered) order after its acceptance: match by its time in force, rest or
     * cancel the remainder. A limit of -1 ticks means a market order, which a band limits to its far edge around the
     * reference price (the last trade price at the start of the command, -1 for none).
     */
    void execute(
        final OrderBook book,
        final Side side,
        final long limitTicks,
        final long quantity,
        final TimeInForce tif,
        final long orderId,
        final long account,
        final SelfTradePrevention stp,
        final long display,
        final long expiry,
        final long acceptance,
        final long referenceTicks)
    {
        final int rested = enter(book, side, limitTicks, quantity, tif, orderId, account, stp, display, expiry,
            acceptance, referenceTicks);
        if (risk.hasTaker())
        {
            if (rested != OrderStore.NONE)
            {
                risk.restTaker(rested);
            }
            else
            {
                risk.finishTaker();
            }
        }
    }

    /**
     * @return the index of the order if it rests, else {@link OrderStore#NONE}.
     */
    private int enter(
        final OrderBook book,
        final Side side,
        final long limitTicks,
        final long quantity,
        final TimeInForce tif,
        final long orderId,
        final long account,
        final SelfTradePrevention stp,
        final long display,
        final long expiry,
        final long acceptance,
        final long referenceTicks)
    {
        final BookSide opposite = book.opposite(side);
        final boolean market = limitTicks < 0;
        final long bandHundredths = book.bandHundredths();
        final boolean banded = market && bandHundredths > 0 && referenceTicks >= 0;
        final long takerLimit = !market ? limitTicks :
            !banded ? (side == Side.BUY ? Long.MAX_VALUE : Long.MIN_VALUE) :
            bandedLimit(opposite, side, referenceTicks, bandHundredths);
        switch (tif)
        {
            case POST_ONLY:
                if (opposite.best() != LevelStore.NONE && opposite.crosses(opposite.best(), takerLimit))
                {
                    listener.onCanceled(orderId, account, quantity, CancelReason.POST_ONLY);
                    return OrderStore.NONE;
                }
                return rest(book.side(side), orderId, account, limitTicks, quantity, tif, stp, 0, expiry,
                    acceptance);

            case FOK:
                if (!canFill(opposite, takerLimit, quantity, account, stp) ||
                    market && side == Side.BUY && risk.hasTaker() && !canAfford(opposite, takerLimit, quantity,
                        account, stp))
                {
                    listener.onCanceled(orderId, account, quantity, CancelReason.FOK);
                }
                else
                {
                    match(opposite, side, takerLimit, quantity, orderId, account, stp);
                }
                return OrderStore.NONE;

            case IOC:
            {
                final long remaining = match(opposite, side, takerLimit, quantity, orderId, account, stp);
                if (remaining > 0 && !takerStoppedBySelfTrade)
                {
                    final boolean bandStopped = banded && opposite.best() != LevelStore.NONE;
                    listener.onCanceled(orderId, account, remaining, takerStoppedByFunds ?
                        CancelReason.INSUFFICIENT_FUNDS : bandStopped ? CancelReason.PRICE_BAND : CancelReason.IOC);
                }
                return OrderStore.NONE;
            }

            default:
            {
                final long remaining = match(opposite, side, takerLimit, quantity, orderId, account, stp);
                if (remaining > 0 && !takerStoppedBySelfTrade)
                {
                    return rest(book.side(side), orderId, account, limitTicks, remaining, tif, stp, display, expiry,
                        acceptance);
                }
                return OrderStore.NONE;
            }
        }
    }

    /**
     * Whether the current taker, a BUY MARKET FOK order of an instrument with assets, can afford its whole quantity
     * by the lot-by-lot rule of {@link #match}, skipping its own orders as self-trade prevention would (a mode that
     * stops the taker has already failed {@link #canFill}). An iceberg counts with its whole remaining quantity at its
     * place in the queue.
     */
    private boolean canAfford(
        final BookSide opposite,
        final long limitTicks,
        final long quantity,
        final long takerAccount,
        final SelfTradePrevention stp)
    {
        final Instrument instrument = opposite.book().instrument();
        final int bps = risk.takerFeeBps();
        long funds = risk.takerHold();
        long needed = quantity;
        for (int level = opposite.best();
            level != LevelStore.NONE && opposite.crosses(level, limitTicks);
            level = levels.worse(level))
        {
            final long price = levels.priceTicks(level) * instrument.tickSizeUnits();
            for (int order = levels.head(level); order != OrderStore.NONE; order = orders.next(order))
            {
                if (stp != SelfTradePrevention.NONE && orders.account(order) == takerAccount)
                {
                    continue;
                }
                long makerLeft = totalRemaining(order);
                while (makerLeft > 0)
                {
                    final long fill = Amounts.affordable(
                        funds, price, Math.min(needed, makerLeft), instrument.lotSize(), bps);
                    if (fill == 0)
                    {
                        return false;
                    }
                    funds -= Amounts.takerCost(Amounts.notional(price, fill), bps);
                    needed -= fill;
                    makerLeft -= fill;
                    if (needed == 0)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * @return the limit of a market order under a band: the band's far edge, or a limit that crosses nothing when the
     *         best opposite price is beyond the near edge (a market order trades only inside the band, and prices
     *         only get worse from the best).
     */
    private long bandedLimit(
        final BookSide opposite, final Side side, final long referenceTicks, final long bandHundredths)
    {
        final long low = PriceBand.lowBand(referenceTicks, bandHundredths);
        final long high = PriceBand.highBand(referenceTicks, bandHundredths);
        final int best = opposite.best();
        final long bestTicks = best == LevelStore.NONE ? 0 : levels.priceTicks(best);
        if (side == Side.BUY)
        {
            return best != LevelStore.NONE && bestTicks < low ? Long.MIN_VALUE : high;
        }
        return best != LevelStore.NONE && bestTicks > high ? Long.MAX_VALUE : low;
    }

    /**
     * Match an incoming order against the opposite side while prices cross. Sets {@link #takerStoppedBySelfTrade}
     * when self-trade prevention cancelled the taker (its cancel already emitted).
     *
     * @return the taker's remaining quantity.
     */
    long match(
        final BookSide opposite,
        final Side takerSide,
        final long limitTicks,
        final long quantity,
        final long takerOrderId,
        final long takerAccount,
        final SelfTradePrevention stp)
    {
        takerStoppedBySelfTrade = false;
        takerStoppedByFunds = false;
        final OrderStore orders = this.orders;
        final LevelStore levels = this.levels;
        final OrderBook book = opposite.book();
        final Instrument instrument = book.instrument();
        final long tickSizeUnits = instrument.tickSizeUnits();
        final boolean risky = risk.isEnabled(instrument.id());
        final boolean fundsLimited = risky && risk.takerIsMarketBuy();
        long remaining = quantity;
        int level = opposite.best();
        while (remaining > 0 && level != LevelStore.NONE && opposite.crosses(level, limitTicks))
        {
            final int worse = levels.worse(level);
            final long priceTicks = levels.priceTicks(level);
            final long levelPriceUnits = priceTicks * tickSizeUnits;
            boolean levelLive = true;
            while (remaining > 0 && levelLive)
            {
                final int maker = levels.head(level);
                final boolean alone = orders.next(maker) == OrderStore.NONE;
                final long makerAccount = orders.account(maker);
                if (makerAccount == takerAccount && stp != SelfTradePrevention.NONE)
                {
                    if (stp != SelfTradePrevention.CANCEL_TAKER)
                    {
                        final long makerRemaining = totalRemaining(maker);
                        final long makerOrderId = orders.orderId(maker);
                        removeResting(opposite, maker, level);
                        levelLive = !alone;
                        listener.onCanceled(makerOrderId, takerAccount, makerRemaining, CancelReason.SELF_TRADE);
                    }
                    if (stp != SelfTradePrevention.CANCEL_MAKER)
                    {
                        listener.onCanceled(takerOrderId, takerAccount, remaining, CancelReason.SELF_TRADE);
                        takerStoppedBySelfTrade = true;
                        return remaining;
                    }
                }
                else
                {
                    final long makerRemaining = orders.remaining(maker);
                    long tradeQuantity = Math.min(remaining, makerRemaining);
                    if (fundsLimited)
                    {
                        tradeQuantity = risk.affordable(instrument.id(), levelPriceUnits, tradeQuantity);
                        if (tradeQuantity == 0)
                        {
                            takerStoppedByFunds = true;
                            return remaining;
                        }
                    }
                    if (risky)
                    {
                        risk.settle(instrument.id(), takerSide, levelPriceUnits, tradeQuantity, maker);
                    }
                    remaining -= tradeQuantity;
                    long makerLeaves = makerRemaining - tradeQuantity;
                    final long makerOrderId = orders.orderId(maker);
                    final boolean iceberg = (orders.flags(maker) & OrderStore.ICEBERG) != 0;
                    final long hidden = iceberg ? extras.hidden(maker) : 0;
                    if (makerLeaves > 0)
                    {
                        orders.remaining(maker, makerLeaves);
                        levels.addQuantity(level, -tradeQuantity);
                        makerLeaves += hidden;
                    }
                    else if (hidden > 0)
                    {
                        final long slice = Math.min(extras.display(maker), hidden);
                        extras.hidden(maker, hidden - slice);
                        opposite.requeue(maker, level, slice);
                        makerLeaves = hidden;
                    }
                    else
                    {
                        orders.remaining(maker, 0);
                        levels.addQuantity(level, -tradeQuantity);
                        removeResting(opposite, maker, level);
                        levelLive = !alone;
                    }
                    book.lastTradeTicks(priceTicks);
                    listener.onTrade(
                        ++tradeCount,
                        instrument.id(),
                        levelPriceUnits,
                        tradeQuantity,
                        takerSide,
                        makerOrderId,
                        makerAccount,
                        makerLeaves,
                        takerOrderId,
                        takerAccount,
                        remaining);
                }
            }
            level = worse;
        }
        return remaining;
    }

    /**
     * Would {@link #match} with these arguments fill the whole quantity? Changes nothing. Hidden iceberg quantity
     * counts (matching reaches it by refreshes), except behind an own order that stops the taker.
     */
    boolean canFill(
        final BookSide opposite,
        final long limitTicks,
        final long quantity,
        final long takerAccount,
        final SelfTradePrevention stp)
    {
        final OrderStore orders = this.orders;
        final LevelStore levels = this.levels;
        long available = 0;
        for (int level = opposite.best();
            level != LevelStore.NONE && opposite.crosses(level, limitTicks);
            level = levels.worse(level))
        {
            if (stp == SelfTradePrevention.NONE)
            {
                available += levels.totalQuantity(level);
                if (available >= quantity)
                {
                    return true;
                }
                if (icebergCount > 0)
                {
                    available += hiddenAt(level);
                    if (available >= quantity)
                    {
                        return true;
                    }
                }
                continue;
            }
            long hidden = 0;
            for (int order = levels.head(level); order != OrderStore.NONE; order = orders.next(order))
            {
                if (orders.account(order) == takerAccount)
                {
                    if (stp == SelfTradePrevention.CANCEL_MAKER)
                    {
                        continue;
                    }
                    return false;
                }
                available += orders.remaining(order);
                if (available >= quantity)
                {
                    return true;
                }
                if ((orders.flags(order) & OrderStore.ICEBERG) != 0)
                {
                    hidden += extras.hidden(order);
                }
            }
            available += hidden;
            if (available >= quantity)
            {
                return true;
            }
        }
        return false;
    }

    private long hiddenAt(final int level)
    {
        long hidden = 0;
        for (int order = levels.head(level); order != OrderStore.NONE; order = orders.next(order))
        {
            if ((orders.flags(order) & OrderStore.ICEBERG) != 0)
            {
                hidden += extras.hidden(order);
            }
        }
        return hidden;
    }

    /**
     * Take an order record and register it as open (id index, acceptance number, expiry); the caller places it. An
     * order's acceptance number is given when it first opens (rests or waits as a stop), so numbers follow
     * acceptance order among open orders, and an order that never opens (filled, killed) changes no state.
     *
     * @return the order index.
     */
    int open(
        final long orderId,
        final long account,
        final long quantity,
        final TimeInForce tif,
        final SelfTradePrevention stp,
        final long expiry,
        final long acceptance)
    {
        final int order = orders.acquire();
        orders.set(order, orderId, account, quantity, tif, stp);
        orders.tag(order, acceptance == NEW_ACCEPTANCE ? ++acceptances : acceptance);
        if (tif == TimeInForce.GTD)
        {
            extras.attach(order);
            extras.expiry(order, expiry);
            expiries.add(order);
        }
        ordersById.add(order);
        if (orderId > highestOrderId)
        {
            highestOrderId = orderId;
        }
        return order;
    }

    /**
     * Rest an order (or its remainder) at the back of its price level; an iceberg shows a slice of its display size.
     */
    int rest(
        final BookSide side,
        final long orderId,
        final long account,
        final long priceTicks,
        final long quantity,
        final TimeInForce tif,
        final SelfTradePrevention stp,
        final long display,
        final long expiry,
        final long acceptance)
    {
        final int order = open(orderId, account, quantity, tif, stp, expiry, acceptance);
        if (display > 0)
        {
            extras.attach(order);
            orders.addFlags(order, OrderStore.ICEBERG);
            extras.display(order, display);
            icebergCount++;
            slice(order, quantity);
        }
        side.add(order, priceTicks);
        return order;
    }

    /**
     * Set an iceberg's visible slice and hidden quantity for a whole remaining quantity, before it joins a level.
     */
    void slice(final int order, final long total)
    {
        final long visible = Math.min(extras.display(order), total);
        orders.remaining(order, visible);
        extras.hidden(order, total - visible);
    }

    /**
     * Take a resting order out of its level and forget it. Its hold is released first, so that the reads of the hold
     * and its balance overlap those of the order's neighbours in the level.
     */
    void removeResting(final BookSide side, final int order, final int level)
    {
        if (risk.isActive())
        {
            risk.release(order);
        }
        side.remove(order, level);
        forget(order);
    }

    /**
     * Forget an order that is in no level and no stop list: hold, id index, expiry queue, record.
     */
    void discard(final int order)
    {
        if (risk.isActive())
        {
            risk.release(order);
        }
        forget(order);
    }

    private void forget(final int order)
    {
        ordersById.remove(order);
        if (orders.timeInForce(order) == TimeInForce.GTD)
        {
            expiries.remove(order);
        }
        if ((orders.flags(order) & OrderStore.ICEBERG) != 0)
        {
            icebergCount--;
        }
        extras.detach(order);
        orders.release(order);
    }

    /**
     * @return the acceptance number of an open order, wherever it is kept (its tag or its optional fields).
     */
    long acceptance(final int order)
    {
        return (orders.flags(order) & OrderStore.EXTRAS) != 0 ? extras.acceptance(order) : orders.tag(order);
    }
}
