package io.arbiter.engine;

import io.arbiter.engine.book.BookSide;
import io.arbiter.engine.book.LevelStore;
import io.arbiter.engine.book.OrderBook;
import io.arbiter.engine.book.OrderStore;
import io.arbiter.engine.risk.BalanceLedger;

/**
 * The checks of a NEW and a REPLACE, in the order {@code docs/engine-semantics.md} gives (first failing check wins),
 * and the price and quantity rules they use. Reads engine state, changes nothing. Owned by the matching thread.
 */
final class OrderValidator
{
    private final OrderStore orders;
    private final LevelStore levels;
    private final OrderMatcher matcher;
    private final BalanceLedger ledger;
    private final long maxQuantity;

    OrderValidator(
        final OrderStore orders, final LevelStore levels, final OrderMatcher matcher, final BalanceLedger ledger,
        final long maxQuantity)
    {
        this.orders = orders;
        this.levels = levels;
        this.matcher = matcher;
        this.ledger = ledger;
        this.maxQuantity = maxQuantity;
    }

    /**
     * @return why a NEW is refused, first failing check first, or null if it is valid.
     */
    RejectReason validateNew(final Command command, final OrderBook[] books, final long clock)
    {
        final int instrumentId = command.instrumentId();
        if (ledger.isDisabled(command.account()))
        {
            return RejectReason.ACCOUNT_DISABLED;
        }
        if (instrumentId < 0 || instrumentId >= books.length || books[instrumentId].delisted())
        {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        final OrderBook book = books[instrumentId];
        if (book.halted())
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        final OrderType orderType = command.orderType();
        final TimeInForce tif = command.timeInForce();
        final boolean market = orderType == OrderType.MARKET || orderType == OrderType.STOP_MARKET;
        if (market && tif != TimeInForce.IOC && tif != TimeInForce.FOK)
        {
            return RejectReason.INVALID_TIF;
        }
        final long quantity = command.quantity();
        if (!isValidQuantity(book, quantity))
        {
            return RejectReason.INVALID_QTY;
        }
        final long price = command.price();
        final long limitTicks = market ? -1 : priceTicks(book, price);
        if (market ? price != Prices.NULL_PRICE : limitTicks < 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        final boolean stop = orderType == OrderType.STOP_LIMIT || orderType == OrderType.STOP_MARKET;
        if (stop ? priceTicks(book, command.stopPrice()) < 0 : command.stopPrice() != Prices.NULL_PRICE)
        {
            return RejectReason.INVALID_STOP;
        }
        final long display = command.displayQuantity();
        if (display != 0 && (orderType != OrderType.LIMIT || (tif != TimeInForce.GTC && tif != TimeInForce.GTD) ||
            display > quantity || !isValidQuantity(book, display)))
        {
            return RejectReason.INVALID_DISPLAY;
        }
        if (tif == TimeInForce.GTD ? command.time() <= clock : command.time() != Command.NO_TIME)
        {
            return RejectReason.INVALID_EXPIRY;
        }
        if (!market && PriceBand.outside(book, book.lastTradeTicks(), limitTicks))
        {
            return RejectReason.PRICE_OUT_OF_BAND;
        }
        if (matcher.isOpen(command.orderId()))
        {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        return null;
    }

    /**
     * @return why a REPLACE of the order is refused, first failing check first, or null if it is valid.
     */
    RejectReason validateReplace(final Command command, final int order, final BookSide[] sidesById)
    {
        if (order == OrderStore.NONE || orders.account(order) != command.account())
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (ledger.isDisabled(command.account()))
        {
            return RejectReason.ACCOUNT_DISABLED;
        }
        if ((orders.flags(order) & OrderStore.STOP) != 0)
        {
            return RejectReason.NOT_REPLACEABLE;
        }
        final OrderBook book = sidesById[levels.sideId(orders.level(order))].book();
        if (book.halted())
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        if (!isValidQuantity(book, command.quantity()))
        {
            return RejectReason.INVALID_QTY;
        }
        final long priceTicks = priceTicks(book, command.price());
        if (priceTicks < 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (PriceBand.outside(book, book.lastTradeTicks(), priceTicks))
        {
            return RejectReason.PRICE_OUT_OF_BAND;
        }
        return null;
    }

    boolean isValidQuantity(final OrderBook book, final long quantity)
    {
        return quantity > 0 && quantity <= maxQuantity && book.lots().exactQuotient(quantity) >= 0;
    }

    /**
     * @return the price in ticks if it is a positive multiple of the tick size within the instrument's range,
     *         otherwise -1.
     */
    static long priceTicks(final OrderBook book, final long price)
    {
        if (price <= 0)
        {
            return -1;
        }
        final long ticks = book.ticks().exactQuotient(price);
        return ticks <= book.instrument().maxPriceTicks() ? ticks : -1;
    }
}
