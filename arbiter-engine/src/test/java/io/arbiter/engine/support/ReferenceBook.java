package io.arbiter.engine.support;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.StateHash;
import io.arbiter.engine.TimeInForce;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A naive, deliberately simple implementation of {@code docs/engine-semantics.md}, the oracle of the engine tests: per
 * instrument one plain list of resting orders per side kept in priority order, linear scans everywhere, no pools and
 * no indexes. Written from the document alone, not from the engine. Single threaded; produces garbage.
 */
public final class ReferenceBook implements Matcher
{
    /**
     * A read-only copy of one resting order.
     *
     * @param orderId      the order id.
     * @param account      its owner.
     * @param instrumentId its book.
     * @param side         its side.
     * @param priceUnits   its limit price in price units.
     * @param remaining    its remaining quantity.
     * @param timeInForce  GTC or POST_ONLY.
     * @param stp          its self-trade prevention mode.
     */
    public record OpenOrder(
        long orderId,
        long account,
        int instrumentId,
        Side side,
        long priceUnits,
        long remaining,
        TimeInForce timeInForce,
        SelfTradePrevention stp)
    {
    }

    private static final class RestingOrder
    {
        private final long orderId;
        private final long account;
        private final int instrumentId;
        private final Side side;
        private final TimeInForce timeInForce;
        private final SelfTradePrevention stp;
        private long price;
        private long remaining;
        private long acceptance;

        private RestingOrder(
            final long orderId,
            final long account,
            final int instrumentId,
            final Side side,
            final TimeInForce timeInForce,
            final SelfTradePrevention stp,
            final long price,
            final long remaining)
        {
            this.orderId = orderId;
            this.account = account;
            this.instrumentId = instrumentId;
            this.side = side;
            this.timeInForce = timeInForce;
            this.stp = stp;
            this.price = price;
            this.remaining = remaining;
        }

        private RestingOrder accepted(final long acceptance)
        {
            this.acceptance = acceptance;
            return this;
        }
    }

    private static final class Book
    {
        private final Instrument instrument;
        private final List<RestingOrder> bids = new ArrayList<>();
        private final List<RestingOrder> asks = new ArrayList<>();
        private long lastTradePrice = Prices.NULL_PRICE;

        private Book(final Instrument instrument)
        {
            this.instrument = instrument;
        }

        private List<RestingOrder> side(final Side side)
        {
            return side == Side.BUY ? bids : asks;
        }

        private List<RestingOrder> opposite(final Side side)
        {
            return side == Side.BUY ? asks : bids;
        }
    }

    private final EngineContext context;
    private final ExecutionListener listener;
    private final List<Book> books = new ArrayList<>();
    private long tradeCount;
    private long acceptances;

    /**
     * @param context  limits (pool sizes are ignored: nothing is pooled here).
     * @param listener receives every event.
     */
    public ReferenceBook(final EngineContext context, final ExecutionListener listener)
    {
        this.context = context;
        this.listener = listener;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Instrument addInstrument(final String symbol, final long tickSizeUnits, final long lotSize)
    {
        if (tickSizeUnits <= 0 || lotSize <= 0)
        {
            throw new IllegalArgumentException("sizes must be positive: " + symbol);
        }
        for (final Book book : books)
        {
            if (book.instrument.symbol().equals(symbol))
            {
                throw new IllegalArgumentException("duplicate symbol: " + symbol);
            }
        }
        final Instrument instrument =
            new Instrument(books.size(), symbol, tickSizeUnits, lotSize, context.maxPriceTicks());
        books.add(new Book(instrument));
        return instrument;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCommand(final Command command)
    {
        switch (command.type())
        {
            case NEW:
                onNew(command);
                break;
            case CANCEL:
                onCancel(command);
                break;
            case REPLACE:
                onReplace(command);
                break;
            default:
                throw new IllegalArgumentException("unknown command type: " + command.type());
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long stateHash()
    {
        final StateHash hash = new StateHash();
        for (final Book book : books)
        {
            hash.instrument(book.instrument.id());
            hash.instrumentState(false, false, 0, book.lastTradePrice);
            hash.side(Side.BUY);
            for (final RestingOrder order : book.bids)
            {
                hashOrder(hash, order);
            }
            hash.side(Side.SELL);
            for (final RestingOrder order : book.asks)
            {
                hashOrder(hash, order);
            }
        }
        hash.counters(tradeCount, 0, acceptances);
        return hash.value();
    }

    private static void hashOrder(final StateHash hash, final RestingOrder order)
    {
        hash.order(order.orderId, order.account, order.price, order.remaining, 0, 0, order.timeInForce, order.stp,
            Command.NO_TIME, order.acceptance);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int openOrderCount()
    {
        int count = 0;
        for (final Book book : books)
        {
            count += book.bids.size() + book.asks.size();
        }
        return count;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long tradeCount()
    {
        return tradeCount;
    }

    /**
     * @param orderId to look up.
     * @return a copy of the open order with that id, or null if none is open.
     */
    public OpenOrder openOrder(final long orderId)
    {
        final RestingOrder order = find(orderId);
        return null == order ? null : copyOf(order);
    }

    /**
     * @return copies of all open orders in the canonical order of {@link StateHash}.
     */
    public List<OpenOrder> openOrders()
    {
        final List<OpenOrder> result = new ArrayList<>();
        for (final Book book : books)
        {
            for (final RestingOrder order : book.bids)
            {
                result.add(copyOf(order));
            }
            for (final RestingOrder order : book.asks)
            {
                result.add(copyOf(order));
            }
        }
        return result;
    }

    /**
     * Check the reference's own invariants (sorted sides, uncrossed books, valid and unique resting orders).
     *
     * @throws IllegalStateException if one does not hold.
     */
    public void checkInvariants()
    {
        final Set<Long> ids = new HashSet<>();
        for (final Book book : books)
        {
            for (final Side side : Side.values())
            {
                final List<RestingOrder> orders = book.side(side);
                for (int i = 0; i < orders.size(); i++)
                {
                    final RestingOrder order = orders.get(i);
                    check(ids.add(order.orderId), "duplicate open id " + order.orderId);
                    check(order.side == side && order.instrumentId == book.instrument.id(), "misplaced order");
                    check(order.remaining > 0 && isValidQuantity(book.instrument, order.remaining), "bad qty");
                    check(isValidLimitPrice(book.instrument, order.price), "bad price " + order.orderId);
                    check(order.timeInForce == TimeInForce.GTC || order.timeInForce == TimeInForce.POST_ONLY,
                        "bad tif " + order.orderId);
                    if (i > 0)
                    {
                        final long previous = orders.get(i - 1).price;
                        check(side == Side.BUY ? previous >= order.price : previous <= order.price, "unsorted side");
                    }
                }
            }
            if (!book.bids.isEmpty() && !book.asks.isEmpty())
            {
                check(book.bids.get(0).price < book.asks.get(0).price, "crossed book " + book.instrument.symbol());
            }
        }
    }

    private void onNew(final Command command)
    {
        final long orderId = command.orderId();
        final long account = command.account();
        final int instrumentId = command.instrumentId();
        if (instrumentId < 0 || instrumentId >= books.size())
        {
            listener.onRejected(CommandType.NEW, orderId, account, RejectReason.UNKNOWN_SYMBOL);
            return;
        }
        final Book book = books.get(instrumentId);
        final OrderType orderType = command.orderType();
        final TimeInForce tif = command.timeInForce();
        if (orderType == OrderType.MARKET && (tif == TimeInForce.GTC || tif == TimeInForce.POST_ONLY))
        {
            listener.onRejected(CommandType.NEW, orderId, account, RejectReason.INVALID_TIF);
            return;
        }
        final long quantity = command.quantity();
        if (!isValidQuantity(book.instrument, quantity))
        {
            listener.onRejected(CommandType.NEW, orderId, account, RejectReason.INVALID_QTY);
            return;
        }
        final long price = command.price();
        final boolean priceOk = orderType == OrderType.MARKET ?
            price == Prices.NULL_PRICE : isValidLimitPrice(book.instrument, price);
        if (!priceOk)
        {
            listener.onRejected(CommandType.NEW, orderId, account, RejectReason.INVALID_PRICE);
            return;
        }
        if (null != find(orderId))
        {
            listener.onRejected(CommandType.NEW, orderId, account, RejectReason.DUPLICATE_ORDER_ID);
            return;
        }

        listener.onAccepted(orderId, account);
        final Side side = command.side();
        final SelfTradePrevention stp = command.selfTradePrevention();
        final long limit = orderType == OrderType.MARKET ? Prices.NULL_PRICE : price;
        switch (tif)
        {
            case GTC:
            {
                final long remaining = match(book, orderId, account, side, limit, quantity, stp);
                if (remaining > 0)
                {
                    rest(book, new RestingOrder(orderId, account, instrumentId, side, tif, stp, price, remaining)
                        .accepted(++acceptances));
                }
                break;
            }
            case IOC:
            {
                final long remaining = match(book, orderId, account, side, limit, quantity, stp);
                if (remaining > 0)
                {
                    listener.onCanceled(orderId, account, remaining, CancelReason.IOC);
                }
                break;
            }
            case FOK:
            {
                if (canFillCompletely(book, account, side, limit, quantity, stp))
                {
                    final long remaining = match(book, orderId, account, side, limit, quantity, stp);
                    check(remaining == 0, "FOK passed its check but did not fill: " + command);
                }
                else
                {
                    listener.onCanceled(orderId, account, quantity, CancelReason.FOK);
                }
                break;
            }
            case POST_ONLY:
            {
                if (wouldCross(book, side, price))
                {
                    listener.onCanceled(orderId, account, quantity, CancelReason.POST_ONLY);
                }
                else
                {
                    rest(book, new RestingOrder(orderId, account, instrumentId, side, tif, stp, price, quantity)
                        .accepted(++acceptances));
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown time in force: " + tif);
        }
    }

    private void onCancel(final Command command)
    {
        final RestingOrder order = find(command.orderId());
        if (null == order || order.account != command.account())
        {
            listener.onRejected(CommandType.CANCEL, command.orderId(), command.account(), RejectReason.UNKNOWN_ORDER);
            return;
        }
        books.get(order.instrumentId).side(order.side).remove(order);
        listener.onCanceled(order.orderId, order.account, order.remaining, CancelReason.USER);
    }

    private void onReplace(final Command command)
    {
        final RestingOrder order = find(command.orderId());
        if (null == order || order.account != command.account())
        {
            listener.onRejected(CommandType.REPLACE, command.orderId(), command.account(), RejectReason.UNKNOWN_ORDER);
            return;
        }
        final Book book = books.get(order.instrumentId);
        final long quantity = command.quantity();
        final long price = command.price();
        if (!isValidQuantity(book.instrument, quantity))
        {
            listener.onRejected(CommandType.REPLACE, command.orderId(), command.account(), RejectReason.INVALID_QTY);
            return;
        }
        if (!isValidLimitPrice(book.instrument, price))
        {
            listener.onRejected(CommandType.REPLACE, command.orderId(), command.account(), RejectReason.INVALID_PRICE);
            return;
        }

        if (price == order.price && quantity <= order.remaining)
        {
            order.remaining = quantity;
            listener.onReplaced(order.orderId, order.account, price, quantity);
            return;
        }

        listener.onReplaced(order.orderId, order.account, price, quantity);
        book.side(order.side).remove(order);
        final RestingOrder moved = new RestingOrder(
            order.orderId,
            order.account,
            order.instrumentId,
            order.side,
            order.timeInForce,
            order.stp,
            price,
            quantity).accepted(order.acceptance);
        if (order.timeInForce == TimeInForce.POST_ONLY)
        {
            if (wouldCross(book, order.side, price))
            {
                listener.onCanceled(order.orderId, order.account, quantity, CancelReason.POST_ONLY);
            }
            else
            {
                rest(book, moved);
            }
        }
        else
        {
            final long remaining = match(book, order.orderId, order.account, order.side, price, quantity, order.stp);
            if (remaining > 0)
            {
                moved.remaining = remaining;
                rest(book, moved);
            }
        }
    }

    /**
     * Match an incoming order against the opposite side.
     *
     * @return the quantity left to rest or cancel, or -1 if self-trade prevention cancelled the taker.
     */
    private long match(
        final Book book,
        final long takerId,
        final long takerAccount,
        final Side takerSide,
        final long limit,
        final long quantity,
        final SelfTradePrevention stp)
    {
        final List<RestingOrder> opposite = book.opposite(takerSide);
        long remaining = quantity;
        while (remaining > 0 && !opposite.isEmpty() && crosses(takerSide, limit, opposite.get(0).price))
        {
            final RestingOrder maker = opposite.get(0);
            if (maker.account == takerAccount && stp != SelfTradePrevention.NONE)
            {
                if (stp == SelfTradePrevention.CANCEL_TAKER)
                {
                    listener.onCanceled(takerId, takerAccount, remaining, CancelReason.SELF_TRADE);
                    return -1;
                }
                opposite.remove(0);
                listener.onCanceled(maker.orderId, maker.account, maker.remaining, CancelReason.SELF_TRADE);
                if (stp == SelfTradePrevention.CANCEL_BOTH)
                {
                    listener.onCanceled(takerId, takerAccount, remaining, CancelReason.SELF_TRADE);
                    return -1;
                }
                continue;
            }

            final long traded = Math.min(remaining, maker.remaining);
            maker.remaining -= traded;
            remaining -= traded;
            tradeCount++;
            book.lastTradePrice = maker.price;
            if (maker.remaining == 0)
            {
                opposite.remove(0);
            }
            listener.onTrade(
                tradeCount,
                book.instrument.id(),
                maker.price,
                traded,
                takerSide,
                maker.orderId,
                maker.account,
                maker.remaining,
                takerId,
                takerAccount,
                remaining);
        }
        return remaining;
    }

    private boolean canFillCompletely(
        final Book book,
        final long account,
        final Side side,
        final long limit,
        final long quantity,
        final SelfTradePrevention stp)
    {
        final BigInteger wanted = BigInteger.valueOf(quantity);
        BigInteger available = BigInteger.ZERO;
        for (final RestingOrder maker : book.opposite(side))
        {
            if (!crosses(side, limit, maker.price))
            {
                break;
            }
            if (maker.account == account && stp != SelfTradePrevention.NONE)
            {
                if (stp == SelfTradePrevention.CANCEL_MAKER)
                {
                    continue;
                }
                break;
            }
            available = available.add(BigInteger.valueOf(maker.remaining));
        }
        return available.compareTo(wanted) >= 0;
    }

    private static boolean wouldCross(final Book book, final Side side, final long price)
    {
        final List<RestingOrder> opposite = book.opposite(side);
        return !opposite.isEmpty() && crosses(side, price, opposite.get(0).price);
    }

    private static boolean crosses(final Side takerSide, final long limit, final long makerPrice)
    {
        if (limit == Prices.NULL_PRICE)
        {
            return true;
        }
        return takerSide == Side.BUY ? makerPrice <= limit : makerPrice >= limit;
    }

    private static void rest(final Book book, final RestingOrder order)
    {
        final List<RestingOrder> orders = book.side(order.side);
        int i = 0;
        while (i < orders.size() && !isStrictlyWorse(order.side, orders.get(i).price, order.price))
        {
            i++;
        }
        orders.add(i, order);
    }

    private static boolean isStrictlyWorse(final Side side, final long price, final long than)
    {
        return side == Side.BUY ? price < than : price > than;
    }

    private boolean isValidQuantity(final Instrument instrument, final long quantity)
    {
        return quantity > 0 && quantity <= context.maxQuantity() && quantity % instrument.lotSize() == 0;
    }

    private static boolean isValidLimitPrice(final Instrument instrument, final long price)
    {
        return price != Prices.NULL_PRICE &&
            price > 0 &&
            price % instrument.tickSizeUnits() == 0 &&
            price / instrument.tickSizeUnits() <= instrument.maxPriceTicks();
    }

    private RestingOrder find(final long orderId)
    {
        for (final Book book : books)
        {
            for (final RestingOrder order : book.bids)
            {
                if (order.orderId == orderId)
                {
                    return order;
                }
            }
            for (final RestingOrder order : book.asks)
            {
                if (order.orderId == orderId)
                {
                    return order;
                }
            }
        }
        return null;
    }

    private static OpenOrder copyOf(final RestingOrder order)
    {
        return new OpenOrder(
            order.orderId,
            order.account,
            order.instrumentId,
            order.side,
            order.price,
            order.remaining,
            order.timeInForce,
            order.stp);
    }

    private static void check(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalStateException(message);
        }
    }
}
