package io.arbiter.engine;

import io.arbiter.engine.book.BookSide;
import io.arbiter.engine.book.LevelStore;
import io.arbiter.engine.book.OrderBook;
import io.arbiter.engine.book.OrderExtras;
import io.arbiter.engine.book.OrderStore;

/**
 * Walks a {@link MatchingEngine}'s whole state in the canonical order, into a {@link StateHash} or a
 * {@link SnapshotListener}. Allocates nothing. Owned by the matching thread.
 */
final class EngineStateWalker
{
    private final OrderStore orders;
    private final LevelStore levels;
    private final OrderExtras extras;
    private final OrderMatcher matcher;
    private final StateHash hash = new StateHash();

    EngineStateWalker(
        final OrderStore orders, final LevelStore levels, final OrderExtras extras, final OrderMatcher matcher)
    {
        this.matcher = matcher;
        this.orders = orders;
        this.levels = levels;
        this.extras = extras;
    }

    long hash(final OrderBook[] books, final long tradeCount, final long clock, final long acceptances)
    {
        final StateHash hash = this.hash.reset();
        for (final OrderBook book : books)
        {
            hash.instrument(book.instrument().id());
            hash.instrumentState(book.halted(), book.delisted(), book.bandHundredths(), lastTradePrice(book));
            hashSide(hash, book.bids());
            hashSide(hash, book.asks());
            final long tick = book.instrument().tickSizeUnits();
            for (int order = book.stopHead(); order != OrderStore.NONE; order = extras.nextStop(order))
            {
                final long limitTicks = extras.limitTicks(order);
                hash.stop(
                    Side.get(extras.stopSide(order)),
                    orders.orderId(order),
                    orders.account(order),
                    limitTicks < 0 ? OrderType.STOP_MARKET : OrderType.STOP_LIMIT,
                    limitTicks < 0 ? Prices.NULL_PRICE : limitTicks * tick,
                    extras.stopTicks(order) * tick,
                    orders.remaining(order),
                    orders.timeInForce(order),
                    orders.selfTradePrevention(order),
                    expiry(order),
                    matcher.acceptance(order));
            }
        }
        return hash.counters(tradeCount, clock, acceptances).value();
    }

    private void hashSide(final StateHash hash, final BookSide side)
    {
        hash.side(side.side());
        final long tick = side.book().instrument().tickSizeUnits();
        for (int level = side.best(); level != LevelStore.NONE; level = levels.worse(level))
        {
            final long priceUnits = levels.priceTicks(level) * tick;
            for (int order = levels.head(level); order != OrderStore.NONE; order = orders.next(order))
            {
                final boolean iceberg = (orders.flags(order) & OrderStore.ICEBERG) != 0;
                hash.order(
                    orders.orderId(order),
                    orders.account(order),
                    priceUnits,
                    orders.remaining(order),
                    iceberg ? extras.hidden(order) : 0,
                    iceberg ? extras.display(order) : 0,
                    orders.timeInForce(order),
                    orders.selfTradePrevention(order),
                    expiry(order),
                    matcher.acceptance(order));
            }
        }
    }

    void snapshot(final OrderBook[] books, final SnapshotListener listener)
    {
        for (final OrderBook book : books)
        {
            listener.onInstrument(book.instrument());
            listener.onInstrumentState(
                book.instrument().id(), book.halted(), book.delisted(), book.bandHundredths(), lastTradePrice(book));
        }
        for (final OrderBook book : books)
        {
            snapshotSide(listener, book.bids());
            snapshotSide(listener, book.asks());
            final int instrumentId = book.instrument().id();
            final long tick = book.instrument().tickSizeUnits();
            for (int order = book.stopHead(); order != OrderStore.NONE; order = extras.nextStop(order))
            {
                final long limitTicks = extras.limitTicks(order);
                listener.onStop(
                    instrumentId,
                    Side.get(extras.stopSide(order)),
                    orders.orderId(order),
                    orders.account(order),
                    limitTicks < 0 ? OrderType.STOP_MARKET : OrderType.STOP_LIMIT,
                    limitTicks < 0 ? Prices.NULL_PRICE : limitTicks * tick,
                    extras.stopTicks(order) * tick,
                    orders.remaining(order),
                    orders.timeInForce(order),
                    orders.selfTradePrevention(order),
                    expiry(order),
                    matcher.acceptance(order));
            }
        }
    }

    private void snapshotSide(final SnapshotListener listener, final BookSide side)
    {
        final Instrument instrument = side.book().instrument();
        final long tick = instrument.tickSizeUnits();
        for (int level = side.best(); level != LevelStore.NONE; level = levels.worse(level))
        {
            final long priceUnits = levels.priceTicks(level) * tick;
            for (int order = levels.head(level); order != OrderStore.NONE; order = orders.next(order))
            {
                final boolean iceberg = (orders.flags(order) & OrderStore.ICEBERG) != 0;
                listener.onOrder(
                    instrument.id(),
                    side.side(),
                    orders.orderId(order),
                    orders.account(order),
                    priceUnits,
                    orders.remaining(order),
                    iceberg ? extras.hidden(order) : 0,
                    iceberg ? extras.display(order) : 0,
                    orders.timeInForce(order),
                    orders.selfTradePrevention(order),
                    expiry(order),
                    matcher.acceptance(order));
            }
        }
    }

    private long expiry(final int order)
    {
        return orders.timeInForce(order) == TimeInForce.GTD ? extras.expiry(order) : Command.NO_TIME;
    }

    private static long lastTradePrice(final OrderBook book)
    {
        final long ticks = book.lastTradeTicks();
        return ticks < 0 ? Prices.NULL_PRICE : ticks * book.instrument().tickSizeUnits();
    }
}
