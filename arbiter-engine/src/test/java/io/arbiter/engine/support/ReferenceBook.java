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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A naive, deliberately simple implementation of {@code docs/engine-semantics.md}, the oracle of the engine tests: per
 * instrument one plain list of resting orders per side kept in priority order, linear scans everywhere, no pools and
 * no indexes; a fill-or-kill is decided by matching on a copy of the book. Written from the document alone, not from
 * the engine. Single threaded; produces garbage.
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
        private long hidden;
        private long display;
        private long expiry = Command.NO_TIME;
        private long acceptance;
        private boolean stop;
        private boolean market;
        private long stopPrice;

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

        private RestingOrder copy()
        {
            final RestingOrder copy =
                new RestingOrder(orderId, account, instrumentId, side, timeInForce, stp, price, remaining);
            copy.hidden = hidden;
            copy.display = display;
            copy.expiry = expiry;
            copy.acceptance = acceptance;
            return copy;
        }

        private long total()
        {
            return remaining + hidden;
        }
    }

    private static final class Book
    {
        private final Instrument instrument;
        private final List<RestingOrder> bids = new ArrayList<>();
        private final List<RestingOrder> asks = new ArrayList<>();
        private final List<RestingOrder> stops = new ArrayList<>();
        private long lastTradePrice = Prices.NULL_PRICE;
        private boolean halted;
        private boolean delisted;
        private long band;

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

    private static final ExecutionListener DISCARD = io.arbiter.engine.NoOpExecutionListener.INSTANCE;

    private final EngineContext context;
    private final ExecutionListener listener;
    private final List<Book> books = new ArrayList<>();
    private long tradeCount;
    private long acceptances;
    private long clock;
    private long reference = Prices.NULL_PRICE;
    private Book concerned;

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
            if (!book.delisted && book.instrument.symbol().equals(symbol))
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
        concerned = null;
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
            case TIME:
                onTime(command.time());
                break;
            case MASS_CANCEL:
                onMassCancel(command);
                break;
            default:
                onInstrumentCommand(command);
                break;
        }
        if (concerned != null)
        {
            runTriggers(concerned);
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
            hash.instrumentState(book.halted, book.delisted, book.band, book.lastTradePrice);
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
            for (final RestingOrder stop : book.stops)
            {
                hash.stop(stop.side, stop.orderId, stop.account,
                    stop.market ? OrderType.STOP_MARKET : OrderType.STOP_LIMIT, stop.price, stop.stopPrice,
                    stop.remaining, stop.timeInForce, stop.stp, stop.expiry, stop.acceptance);
            }
        }
        hash.counters(tradeCount, clock, acceptances);
        return hash.value();
    }

    private static void hashOrder(final StateHash hash, final RestingOrder order)
    {
        hash.order(order.orderId, order.account, order.price, order.remaining, order.hidden, order.display,
            order.timeInForce, order.stp, order.expiry, order.acceptance);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int openOrderCount()
    {
        return allOpen().size();
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
     * @return the clock.
     */
    public long clock()
    {
        return clock;
    }

    /**
     * @param instrumentId an instrument id.
     * @return whether it is defined and not delisted.
     */
    public boolean isListed(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < books.size() && !books.get(instrumentId).delisted;
    }

    /**
     * @param instrumentId a defined instrument (delisted ones included).
     * @return the instrument.
     */
    public Instrument instrument(final int instrumentId)
    {
        return books.get(instrumentId).instrument;
    }

    /**
     * @param symbol to look up.
     * @return the id of the listed instrument with that symbol, or -1.
     */
    public int instrumentId(final String symbol)
    {
        for (final Book book : books)
        {
            if (!book.delisted && book.instrument.symbol().equals(symbol))
            {
                return book.instrument.id();
            }
        }
        return -1;
    }

    /**
     * @param instrumentId a defined instrument.
     * @return whether it is halted.
     */
    public boolean isHalted(final int instrumentId)
    {
        return books.get(instrumentId).halted;
    }

    /**
     * @param orderId to look up.
     * @return a copy of the open order (resting or waiting stop) with that id, or null if none is open; the remaining
     *         quantity of an iceberg is its whole remaining quantity.
     */
    public OpenOrder openOrder(final long orderId)
    {
        final RestingOrder order = find(orderId);
        return null == order ? null : copyOf(order);
    }

    /**
     * @return copies of all open orders: per instrument, bids, asks, then waiting stops.
     */
    public List<OpenOrder> openOrders()
    {
        final List<OpenOrder> result = new ArrayList<>();
        for (final RestingOrder order : allOpen())
        {
            result.add(copyOf(order));
        }
        return result;
    }

    /**
     * Check the reference's own invariants (sorted sides, uncrossed books, valid and unique open orders).
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
                    check(order.hidden >= 0 && (order.display > 0 || order.hidden == 0), "bad hidden");
                    check(order.display == 0 || order.remaining <= order.display, "slice above display");
                    check(isValidLimitPrice(book.instrument, order.price), "bad price " + order.orderId);
                    check(order.timeInForce == TimeInForce.GTC || order.timeInForce == TimeInForce.POST_ONLY ||
                        order.timeInForce == TimeInForce.GTD, "bad tif " + order.orderId);
                    check(order.timeInForce != TimeInForce.GTD || order.expiry > clock, "unexpired " + order.orderId);
                    if (i > 0)
                    {
                        final long previous = orders.get(i - 1).price;
                        check(side == Side.BUY ? previous >= order.price : previous <= order.price, "unsorted side");
                    }
                }
            }
            for (final RestingOrder stop : book.stops)
            {
                check(ids.add(stop.orderId), "duplicate open id " + stop.orderId);
            }
            if (!book.bids.isEmpty() && !book.asks.isEmpty())
            {
                check(book.bids.get(0).price < book.asks.get(0).price, "crossed book " + book.instrument.symbol());
            }
            check(!book.delisted || book.bids.isEmpty() && book.asks.isEmpty() && book.stops.isEmpty(),
                "orders in a delisted book");
        }
    }

    private void onNew(final Command command)
    {
        final long orderId = command.orderId();
        final long account = command.account();
        final RejectReason reason = newReject(command);
        if (reason != null)
        {
            listener.onRejected(CommandType.NEW, orderId, account, reason);
            return;
        }
        final Book book = books.get(command.instrumentId());
        reference = book.lastTradePrice;
        concerned = book;
        listener.onAccepted(orderId, account);
        final OrderType type = command.orderType();
        final boolean stop = type == OrderType.STOP_LIMIT || type == OrderType.STOP_MARKET;
        final RestingOrder order = new RestingOrder(orderId, account, command.instrumentId(), command.side(),
            command.timeInForce(), command.selfTradePrevention(), command.price(), command.quantity());
        order.display = command.displayQuantity();
        order.expiry = command.time();
        if (stop)
        {
            order.stop = true;
            order.market = type == OrderType.STOP_MARKET;
            order.stopPrice = command.stopPrice();
            order.acceptance = ++acceptances;
            book.stops.add(order);
            return;
        }
        enter(book, order, type == OrderType.MARKET);
    }

    private RejectReason newReject(final Command command)
    {
        if (!isListed(command.instrumentId()))
        {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        final Book book = books.get(command.instrumentId());
        if (book.halted)
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        final OrderType type = command.orderType();
        final TimeInForce tif = command.timeInForce();
        final boolean market = type == OrderType.MARKET || type == OrderType.STOP_MARKET;
        final boolean stop = type == OrderType.STOP_LIMIT || type == OrderType.STOP_MARKET;
        if (market && tif != TimeInForce.IOC && tif != TimeInForce.FOK)
        {
            return RejectReason.INVALID_TIF;
        }
        if (!isValidQuantity(book.instrument, command.quantity()))
        {
            return RejectReason.INVALID_QTY;
        }
        if (market ? command.price() != Prices.NULL_PRICE : !isValidLimitPrice(book.instrument, command.price()))
        {
            return RejectReason.INVALID_PRICE;
        }
        if (stop ? !isValidLimitPrice(book.instrument, command.stopPrice()) :
            command.stopPrice() != Prices.NULL_PRICE)
        {
            return RejectReason.INVALID_STOP;
        }
        final long display = command.displayQuantity();
        if (display != 0 && (type != OrderType.LIMIT || tif != TimeInForce.GTC && tif != TimeInForce.GTD ||
            !isValidQuantity(book.instrument, display) || display > command.quantity()))
        {
            return RejectReason.INVALID_DISPLAY;
        }
        if (tif == TimeInForce.GTD ? command.time() <= clock : command.time() != Command.NO_TIME)
        {
            return RejectReason.INVALID_EXPIRY;
        }
        if (!market && !inBand(book, book.lastTradePrice, command.price()))
        {
            return RejectReason.PRICE_OUT_OF_BAND;
        }
        if (null != find(command.orderId()))
        {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        return null;
    }

    /**
     * Is a price within the book's band around a reference price (always, with no band or no reference)?
     */
    private static boolean inBand(final Book book, final long referencePrice, final long price)
    {
        if (book.band == 0 || referencePrice == Prices.NULL_PRICE)
        {
            return true;
        }
        final BigInteger scaled = BigInteger.valueOf(price).multiply(BigInteger.valueOf(10_000));
        final BigInteger ref = BigInteger.valueOf(referencePrice);
        return scaled.compareTo(ref.multiply(BigInteger.valueOf(10_000 - book.band))) >= 0 &&
            scaled.compareTo(ref.multiply(BigInteger.valueOf(10_000 + book.band))) <= 0;
    }

    /**
     * The events of an accepted or triggered order after its acceptance.
     */
    private void enter(final Book book, final RestingOrder order, final boolean market)
    {
        final boolean banded = market && book.band > 0 && reference != Prices.NULL_PRICE;
        final long limit = market ? Prices.NULL_PRICE : order.price;
        final long quantity = order.remaining;
        switch (order.timeInForce)
        {
            case POST_ONLY:
                if (wouldCross(book, order.side, order.price))
                {
                    listener.onCanceled(order.orderId, order.account, quantity, CancelReason.POST_ONLY);
                }
                else
                {
                    rest(book, order);
                }
                break;
            case FOK:
                if (fillsOnACopy(book, order, limit, banded))
                {
                    final long remaining = match(book, order, limit, banded, quantity, listener);
                    check(remaining == 0, "FOK passed its check but did not fill: " + order.orderId);
                }
                else
                {
                    listener.onCanceled(order.orderId, order.account, quantity, CancelReason.FOK);
                }
                break;
            case IOC:
            {
                final long remaining = match(book, order, limit, banded, quantity, listener);
                if (remaining > 0)
                {
                    final boolean atEdge = banded && !book.opposite(order.side).isEmpty();
                    listener.onCanceled(order.orderId, order.account, remaining,
                        atEdge ? CancelReason.PRICE_BAND : CancelReason.IOC);
                }
                break;
            }
            default:
            {
                final long remaining = match(book, order, limit, banded, quantity, listener);
                if (remaining > 0)
                {
                    order.remaining = order.display > 0 ? Math.min(order.display, remaining) : remaining;
                    order.hidden = remaining - order.remaining;
                    rest(book, order);
                }
                break;
            }
        }
    }

    /**
     * Decide a fill-or-kill the obvious way: match it on a deep copy of the book, events discarded.
     */
    private boolean fillsOnACopy(final Book book, final RestingOrder taker, final long limit, final boolean banded)
    {
        final Book copy = new Book(book.instrument);
        for (final RestingOrder order : book.bids)
        {
            copy.bids.add(order.copy());
        }
        for (final RestingOrder order : book.asks)
        {
            copy.asks.add(order.copy());
        }
        copy.lastTradePrice = book.lastTradePrice;
        copy.band = book.band;
        final long savedTradeCount = tradeCount;
        final long remaining = match(copy, taker, limit, banded, taker.remaining, DISCARD);
        tradeCount = savedTradeCount;
        return remaining == 0;
    }

    private void onCancel(final Command command)
    {
        final RestingOrder order = find(command.orderId());
        if (null == order || order.account != command.account())
        {
            listener.onRejected(CommandType.CANCEL, command.orderId(), command.account(), RejectReason.UNKNOWN_ORDER);
            return;
        }
        cancel(order, CancelReason.USER);
    }

    private void cancel(final RestingOrder order, final CancelReason reason)
    {
        final Book book = books.get(order.instrumentId);
        if (order.stop)
        {
            book.stops.remove(order);
        }
        else
        {
            book.side(order.side).remove(order);
        }
        listener.onCanceled(order.orderId, order.account, order.total(), reason);
    }

    private void onReplace(final Command command)
    {
        final RestingOrder order = find(command.orderId());
        final long orderId = command.orderId();
        final long account = command.account();
        if (null == order || order.account != account)
        {
            listener.onRejected(CommandType.REPLACE, orderId, account, RejectReason.UNKNOWN_ORDER);
            return;
        }
        if (order.stop)
        {
            listener.onRejected(CommandType.REPLACE, orderId, account, RejectReason.NOT_REPLACEABLE);
            return;
        }
        final Book book = books.get(order.instrumentId);
        final long quantity = command.quantity();
        final long price = command.price();
        final RejectReason reason = book.halted ? RejectReason.INSTRUMENT_HALTED :
            !isValidQuantity(book.instrument, quantity) ? RejectReason.INVALID_QTY :
            !isValidLimitPrice(book.instrument, price) ? RejectReason.INVALID_PRICE :
            !inBand(book, book.lastTradePrice, price) ? RejectReason.PRICE_OUT_OF_BAND : null;
        if (reason != null)
        {
            listener.onRejected(CommandType.REPLACE, orderId, account, reason);
            return;
        }
        reference = book.lastTradePrice;
        concerned = book;
        if (price == order.price && quantity <= order.total())
        {
            order.remaining = Math.min(order.remaining, quantity);
            order.hidden = quantity - order.remaining;
            listener.onReplaced(order.orderId, order.account, price, quantity);
            return;
        }

        listener.onReplaced(order.orderId, order.account, price, quantity);
        book.side(order.side).remove(order);
        final RestingOrder moved = order.copy();
        moved.price = price;
        moved.remaining = quantity;
        moved.hidden = 0;
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
            final long remaining = match(book, moved, price, false, quantity, listener);
            if (remaining > 0)
            {
                moved.remaining = moved.display > 0 ? Math.min(moved.display, remaining) : remaining;
                moved.hidden = remaining - moved.remaining;
                rest(book, moved);
            }
        }
    }

    private void onTime(final long time)
    {
        clock = Math.max(clock, time);
        final List<RestingOrder> expired = new ArrayList<>();
        for (final RestingOrder order : allOpen())
        {
            if (order.timeInForce == TimeInForce.GTD && order.expiry <= clock)
            {
                expired.add(order);
            }
        }
        expired.sort(Comparator.<RestingOrder>comparingLong(o -> o.expiry).thenComparingLong(o -> o.acceptance));
        for (final RestingOrder order : expired)
        {
            cancel(order, CancelReason.EXPIRED);
        }
    }

    private void onMassCancel(final Command command)
    {
        final List<RestingOrder> chosen = new ArrayList<>();
        for (final RestingOrder order : allOpen())
        {
            if (order.account == command.account() && (command.instrumentId() == Command.ALL_INSTRUMENTS ||
                order.instrumentId == command.instrumentId()))
            {
                chosen.add(order);
            }
        }
        chosen.sort(Comparator.comparingLong(o -> o.acceptance));
        for (final RestingOrder order : chosen)
        {
            cancel(order, CancelReason.MASS);
        }
        listener.onMassCanceled(command.account(), command.instrumentId(), chosen.size());
    }

    private void onInstrumentCommand(final Command command)
    {
        final CommandType type = command.type();
        if (!isListed(command.instrumentId()))
        {
            listener.onRejected(type, 0, 0, RejectReason.UNKNOWN_SYMBOL);
            return;
        }
        final Book book = books.get(command.instrumentId());
        long value = 0;
        if (type == CommandType.HALT)
        {
            book.halted = true;
        }
        else if (type == CommandType.RESUME)
        {
            book.halted = false;
            reference = book.lastTradePrice;
            concerned = book;
        }
        else if (type == CommandType.DELIST)
        {
            final List<RestingOrder> all = new ArrayList<>(book.bids);
            all.addAll(book.asks);
            all.addAll(book.stops);
            all.sort(Comparator.comparingLong(o -> o.acceptance));
            for (final RestingOrder order : all)
            {
                cancel(order, CancelReason.DELISTED);
            }
            book.delisted = true;
        }
        else
        {
            value = command.quantity();
            if (value < 0 || value > 10_000)
            {
                listener.onRejected(type, 0, 0, RejectReason.INVALID_PRICE);
                return;
            }
            book.band = value;
        }
        listener.onInstrumentState(type, command.instrumentId(), value);
    }

    private void runTriggers(final Book book)
    {
        final ArrayDeque<RestingOrder> queue = new ArrayDeque<>();
        moveTriggered(book, queue);
        while (!queue.isEmpty())
        {
            final RestingOrder stop = queue.poll();
            listener.onTriggered(stop.orderId, stop.account);
            final RestingOrder order = stop.copy();
            enter(book, order, stop.market);
            moveTriggered(book, queue);
        }
    }

    private static void moveTriggered(final Book book, final ArrayDeque<RestingOrder> queue)
    {
        if (book.halted || book.lastTradePrice == Prices.NULL_PRICE)
        {
            return;
        }
        for (final RestingOrder stop : new ArrayList<>(book.stops))
        {
            if (stop.side == Side.BUY ? book.lastTradePrice >= stop.stopPrice : book.lastTradePrice <= stop.stopPrice)
            {
                book.stops.remove(stop);
                queue.add(stop);
            }
        }
    }

    /**
     * Match an incoming order against the opposite side: in priority order while prices cross (and, for a banded
     * market order, while the maker's price is within the band around the command's reference price); a filled
     * iceberg slice is replaced by the next one at the back of its price.
     *
     * @return the quantity left to rest or cancel, or -1 if self-trade prevention cancelled the taker.
     */
    private long match(
        final Book book,
        final RestingOrder taker,
        final long limit,
        final boolean banded,
        final long quantity,
        final ExecutionListener events)
    {
        final Side takerSide = taker.side;
        final List<RestingOrder> opposite = book.opposite(takerSide);
        long remaining = quantity;
        while (remaining > 0 && !opposite.isEmpty() && crosses(takerSide, limit, opposite.get(0).price) &&
            (!banded || inBand(book, reference, opposite.get(0).price)))
        {
            final RestingOrder maker = opposite.get(0);
            if (maker.account == taker.account && taker.stp != SelfTradePrevention.NONE)
            {
                if (taker.stp == SelfTradePrevention.CANCEL_TAKER)
                {
                    events.onCanceled(taker.orderId, taker.account, remaining, CancelReason.SELF_TRADE);
                    return -1;
                }
                opposite.remove(0);
                events.onCanceled(maker.orderId, maker.account, maker.total(), CancelReason.SELF_TRADE);
                if (taker.stp == SelfTradePrevention.CANCEL_BOTH)
                {
                    events.onCanceled(taker.orderId, taker.account, remaining, CancelReason.SELF_TRADE);
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
                if (maker.hidden > 0)
                {
                    maker.remaining = Math.min(maker.display, maker.hidden);
                    maker.hidden -= maker.remaining;
                    int i = 0;
                    while (i < opposite.size() && !isStrictlyWorse(maker.side, opposite.get(i).price, maker.price))
                    {
                        i++;
                    }
                    opposite.add(i, maker);
                }
            }
            events.onTrade(
                tradeCount,
                book.instrument.id(),
                maker.price,
                traded,
                takerSide,
                maker.orderId,
                maker.account,
                maker.total(),
                taker.orderId,
                taker.account,
                remaining);
        }
        return remaining;
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

    private void rest(final Book book, final RestingOrder order)
    {
        if (order.acceptance == 0)
        {
            order.acceptance = ++acceptances;
        }
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

    private List<RestingOrder> allOpen()
    {
        final List<RestingOrder> all = new ArrayList<>();
        for (final Book book : books)
        {
            all.addAll(book.bids);
            all.addAll(book.asks);
            all.addAll(book.stops);
        }
        return all;
    }

    private RestingOrder find(final long orderId)
    {
        for (final RestingOrder order : allOpen())
        {
            if (order.orderId == orderId)
            {
                return order;
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
            order.stop && order.market ? order.stopPrice : order.price,
            order.total(),
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
