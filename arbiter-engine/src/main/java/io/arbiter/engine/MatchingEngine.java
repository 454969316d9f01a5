package io.arbiter.engine;

import io.arbiter.engine.book.BookSide;
import io.arbiter.engine.book.LevelChanges;
import io.arbiter.engine.book.LevelStore;
import io.arbiter.engine.book.OrderBook;
import io.arbiter.engine.book.OrderIdIndex;
import io.arbiter.engine.book.OrderStore;
import io.arbiter.engine.book.price.PriceIndex;
import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The matching engine: one price-time-priority book per instrument, driven by {@link #onCommand(Command)}.
 * Single writer: one thread owns an engine and everything in it. Deterministic: it reads no clock and no randomness.
 * The rules are those of {@code docs/engine-semantics.md}. Orders, price levels, the queues within a level and the
 * order-id index are primitive columns addressed by {@code int} indices ({@link io.arbiter.engine.book}), so matching
 * stores no object references.
 */
public final class MatchingEngine
{
    private static final int NO_INSTRUMENT = -1;

    private final EngineContext context;
    private final ExecutionListener listener;
    private final LevelListener levelListener;
    private final LevelChanges levelChanges;
    private final Supplier<PriceIndex<Integer>> indexFactory;
    private final OrderIdIndex ordersById;
    private final Object2IntHashMap<String> instrumentIdsBySymbol = new Object2IntHashMap<>(NO_INSTRUMENT);
    private final OrderStore orders;
    private final LevelStore levels;
    private final StateHash stateHash = new StateHash();
    private final long maxQuantity;
    private OrderBook[] books = new OrderBook[0];
    private BookSide[] sidesById = new BookSide[0];
    private long tradeCount;
    private long highestOrderId = Long.MIN_VALUE;
    private boolean takerStoppedBySelfTrade;

    /**
     * @param context  pool sizes and limits.
     * @param listener receives every event synchronously.
     */
    public MatchingEngine(final EngineContext context, final ExecutionListener listener)
    {
        this(context, listener, null);
    }

    /**
     * An engine that also reports, after each command, the price levels it changed (see {@link LevelListener}).
     *
     * @param context       pool sizes and limits.
     * @param listener      receives every event synchronously.
     * @param levelListener receives the changed levels after each command's events, or null for none (the engine
     *                      then records no level changes at all).
     */
    public MatchingEngine(
        final EngineContext context, final ExecutionListener listener, final LevelListener levelListener)
    {
        this.context = context;
        this.listener = listener;
        this.levelListener = levelListener;
        this.maxQuantity = context.maxQuantity();
        this.indexFactory = PriceIndexes.factory(context.priceIndex(), context.levelPoolSize());
        this.orders = new OrderStore(Math.max(1, context.orderPoolSize()));
        this.levels = new LevelStore(Math.max(1, context.levelPoolSize()));
        this.ordersById = new OrderIdIndex(orders, context.orderPoolSize());
        this.levelChanges = levelListener == null ? null : new LevelChanges(levels.capacity());
        levels.changes(levelChanges);
    }

    /**
     * Define an instrument (control plane, produces garbage).
     *
     * @param symbol        unique symbol.
     * @param tickSizeUnits tick size in {@link Prices} units, positive.
     * @param lotSize       lot size, positive.
     * @return the new instrument.
     * @throws IllegalArgumentException if the symbol exists or a size is not positive.
     */
    public Instrument addInstrument(final String symbol, final long tickSizeUnits, final long lotSize)
    {
        if (symbol == null || symbol.isEmpty())
        {
            throw new IllegalArgumentException("instrument symbol must not be empty");
        }
        if (instrumentIdsBySymbol.containsKey(symbol))
        {
            throw new IllegalArgumentException("instrument already defined: " + symbol);
        }
        if (tickSizeUnits <= 0)
        {
            throw new IllegalArgumentException("tick size must be positive: " + symbol);
        }
        if (lotSize <= 0)
        {
            throw new IllegalArgumentException("lot size must be positive: " + symbol);
        }
        final long maxTicks = Math.min(context.maxPriceTicks(), Long.MAX_VALUE / tickSizeUnits);
        final Instrument instrument = new Instrument(books.length, symbol, tickSizeUnits, lotSize, maxTicks);
        books = Arrays.copyOf(books, books.length + 1);
        final OrderBook book = new OrderBook(instrument, indexFactory.get(), indexFactory.get(), orders, levels);
        books[instrument.id()] = book;
        sidesById = Arrays.copyOf(sidesById, books.length * 2);
        sidesById[book.bids().id()] = book.bids();
        sidesById[book.asks().id()] = book.asks();
        instrumentIdsBySymbol.put(symbol, instrument.id());
        return instrument;
    }

    /**
     * @param symbol to look up.
     * @return the instrument id, or -1 if none has that symbol.
     */
    public int instrumentId(final String symbol)
    {
        return instrumentIdsBySymbol.getValue(symbol);
    }

    /**
     * @param instrumentId dense id.
     * @return the instrument, or null.
     */
    public Instrument instrument(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < books.length ? books[instrumentId].instrument() : null;
    }

    /**
     * @return number of instruments defined.
     */
    public int instrumentCount()
    {
        return books.length;
    }

    /**
     * Apply one command; its events reach the listener before this returns. Never throws for bad input: it rejects.
     *
     * @param command to apply; read, not kept.
     */
    public void onCommand(final Command command)
    {
        switch (command.type())
        {
            case NEW:
                onNewOrder(command);
                break;
            case CANCEL:
                onCancel(command);
                break;
            case REPLACE:
                onReplace(command);
                break;
            default:
                break;
        }
        if (levelChanges != null)
        {
            reportLevelChanges();
        }
    }

    private void reportLevelChanges()
    {
        final LevelChanges changes = this.levelChanges;
        final LevelStore levels = this.levels;
        final int count = changes.sort();
        boolean reported = false;
        for (int rank = 0; rank < count; rank++)
        {
            final int entry = changes.entry(rank);
            final int level = changes.level(entry);
            final long quantity = level == LevelStore.NONE ? 0 : levels.totalQuantity(level);
            final int orderCount = level == LevelStore.NONE ? 0 : levels.orderCount(level);
            if (quantity != changes.quantityBefore(entry) || orderCount != changes.countBefore(entry))
            {
                final BookSide side = sidesById[changes.sideId(entry)];
                final Instrument instrument = side.book().instrument();
                levelListener.onLevel(
                    instrument.id(),
                    side.side(),
                    changes.priceTicks(entry) * instrument.tickSizeUnits(),
                    quantity,
                    orderCount);
                reported = true;
            }
        }
        changes.clear();
        if (reported)
        {
            levelListener.onLevelsEnd();
        }
    }

    private void onNewOrder(final Command command)
    {
        final long orderId = command.orderId();
        final long account = command.account();
        final int instrumentId = command.instrumentId();
        if (instrumentId < 0 || instrumentId >= books.length)
        {
            listener.onRejected(CommandType.NEW, orderId, account, RejectReason.UNKNOWN_SYMBOL);
            return;
        }

        final OrderBook book = books[instrumentId];
        final OrderType orderType = command.orderType();
        final TimeInForce tif = command.timeInForce();
        final long quantity = command.quantity();
        final long price = command.price();
        if (orderType == OrderType.MARKET && (tif == TimeInForce.GTC || tif == TimeInForce.POST_ONLY))
        {
            listener.onRejected(CommandType.NEW, orderId, account, RejectReason.INVALID_TIF);
            return;
        }
        if (!isValidQuantity(book, quantity))
        {
            listener.onRejected(CommandType.NEW, orderId, account, RejectReason.INVALID_QTY);
            return;
        }
        final Side side = command.side();
        final long limitTicks;
        if (orderType == OrderType.MARKET)
        {
            if (price != Prices.NULL_PRICE)
            {
                listener.onRejected(CommandType.NEW, orderId, account, RejectReason.INVALID_PRICE);
                return;
            }
            limitTicks = side == Side.BUY ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        else
        {
            limitTicks = priceTicks(book, price);
            if (limitTicks < 0)
            {
                listener.onRejected(CommandType.NEW, orderId, account, RejectReason.INVALID_PRICE);
                return;
            }
        }
        if (orderId <= highestOrderId && ordersById.get(orderId) != OrderStore.NONE)
        {
            listener.onRejected(CommandType.NEW, orderId, account, RejectReason.DUPLICATE_ORDER_ID);
            return;
        }

        listener.onAccepted(orderId, account);
        final SelfTradePrevention stp = command.selfTradePrevention();
        final BookSide opposite = book.opposite(side);
        switch (tif)
        {
            case POST_ONLY:
                if (opposite.best() != LevelStore.NONE && opposite.crosses(opposite.best(), limitTicks))
                {
                    listener.onCanceled(orderId, account, quantity, CancelReason.POST_ONLY);
                }
                else
                {
                    rest(book.side(side), orderId, account, limitTicks, quantity, tif, stp);
                }
                break;

            case FOK:
                if (!canFill(opposite, limitTicks, quantity, account, stp))
                {
                    listener.onCanceled(orderId, account, quantity, CancelReason.FOK);
                }
                else
                {
                    match(opposite, side, limitTicks, quantity, orderId, account, stp);
                }
                break;

            case IOC:
            {
                final long remaining = match(opposite, side, limitTicks, quantity, orderId, account, stp);
                if (remaining > 0 && !takerStoppedBySelfTrade)
                {
                    listener.onCanceled(orderId, account, remaining, CancelReason.IOC);
                }
                break;
            }

            default:
            {
                final long remaining = match(opposite, side, limitTicks, quantity, orderId, account, stp);
                if (remaining > 0 && !takerStoppedBySelfTrade)
                {
                    rest(book.side(side), orderId, account, limitTicks, remaining, tif, stp);
                }
                break;
            }
        }
    }

    private void onCancel(final Command command)
    {
        final long orderId = command.orderId();
        final long account = command.account();
        final OrderStore orders = this.orders;
        final int order = ordersById.get(orderId);
        if (order == OrderStore.NONE || orders.account(order) != account)
        {
            listener.onRejected(CommandType.CANCEL, orderId, account, RejectReason.UNKNOWN_ORDER);
            return;
        }
        final long remaining = orders.remaining(order);
        removeResting(order);
        listener.onCanceled(orderId, account, remaining, CancelReason.USER);
    }

    private void onReplace(final Command command)
    {
        final long orderId = command.orderId();
        final long account = command.account();
        final OrderStore orders = this.orders;
        final int order = ordersById.get(orderId);
        if (order == OrderStore.NONE || orders.account(order) != account)
        {
            listener.onRejected(CommandType.REPLACE, orderId, account, RejectReason.UNKNOWN_ORDER);
            return;
        }
        final int level = orders.level(order);
        final BookSide ownSide = sidesById[levels.sideId(level)];
        final OrderBook book = ownSide.book();
        final long quantity = command.quantity();
        final long price = command.price();
        if (!isValidQuantity(book, quantity))
        {
            listener.onRejected(CommandType.REPLACE, orderId, account, RejectReason.INVALID_QTY);
            return;
        }
        final long priceTicks = priceTicks(book, price);
        if (priceTicks < 0)
        {
            listener.onRejected(CommandType.REPLACE, orderId, account, RejectReason.INVALID_PRICE);
            return;
        }

        final long oldRemaining = orders.remaining(order);
        if (priceTicks == levels.priceTicks(level) && quantity <= oldRemaining)
        {
            levels.addQuantity(level, quantity - oldRemaining);
            orders.remaining(order, quantity);
            listener.onReplaced(orderId, account, price, quantity);
            return;
        }

        listener.onReplaced(orderId, account, price, quantity);
        ownSide.remove(order, level);
        orders.remaining(order, quantity);
        final BookSide opposite = book.opposite(ownSide.side());
        if (orders.timeInForce(order) == TimeInForce.POST_ONLY)
        {
            if (opposite.best() != LevelStore.NONE && opposite.crosses(opposite.best(), priceTicks))
            {
                ordersById.remove(order);
                orders.release(order);
                listener.onCanceled(orderId, account, quantity, CancelReason.POST_ONLY);
            }
            else
            {
                ownSide.add(order, priceTicks);
            }
            return;
        }

        final long remaining = match(
            opposite, ownSide.side(), priceTicks, quantity, orderId, account, orders.selfTradePrevention(order));
        if (remaining > 0 && !takerStoppedBySelfTrade)
        {
            orders.remaining(order, remaining);
            ownSide.add(order, priceTicks);
        }
        else
        {
            ordersById.remove(order);
            orders.release(order);
        }
    }

    /**
     * Match an incoming order against the opposite side while prices cross. Sets {@link #takerStoppedBySelfTrade}
     * when self-trade prevention cancelled the taker (its cancel already emitted).
     *
     * @return the taker's remaining quantity.
     */
    private long match(
        final BookSide opposite,
        final Side takerSide,
        final long limitTicks,
        final long quantity,
        final long takerOrderId,
        final long takerAccount,
        final SelfTradePrevention stp)
    {
        takerStoppedBySelfTrade = false;
        final OrderStore orders = this.orders;
        final LevelStore levels = this.levels;
        final Instrument instrument = opposite.book().instrument();
        final long tickSizeUnits = instrument.tickSizeUnits();
        long remaining = quantity;
        int level = opposite.best();
        while (remaining > 0 && level != LevelStore.NONE && opposite.crosses(level, limitTicks))
        {
            final int worse = levels.worse(level);
            final long levelPriceUnits = levels.priceTicks(level) * tickSizeUnits;
            int maker = levels.head(level);
            while (maker != OrderStore.NONE && remaining > 0)
            {
                final int next = orders.next(maker);
                final long makerAccount = orders.account(maker);
                if (makerAccount == takerAccount && stp != SelfTradePrevention.NONE)
                {
                    if (stp != SelfTradePrevention.CANCEL_TAKER)
                    {
                        final long makerRemaining = orders.remaining(maker);
                        final long makerOrderId = orders.orderId(maker);
                        removeResting(opposite, maker, level);
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
                    final long tradeQuantity = Math.min(remaining, makerRemaining);
                    remaining -= tradeQuantity;
                    final long makerLeaves = makerRemaining - tradeQuantity;
                    orders.remaining(maker, makerLeaves);
                    levels.addQuantity(level, -tradeQuantity);
                    final long makerOrderId = orders.orderId(maker);
                    if (makerLeaves == 0)
                    {
                        removeResting(opposite, maker, level);
                    }
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
                maker = next;
            }
            level = worse;
        }
        return remaining;
    }

    private boolean canFill(
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
                continue;
            }
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
            }
        }
        return false;
    }

    private void rest(
        final BookSide side,
        final long orderId,
        final long account,
        final long priceTicks,
        final long quantity,
        final TimeInForce tif,
        final SelfTradePrevention stp)
    {
        final int order = orders.acquire();
        orders.set(order, orderId, account, quantity, tif, stp);
        side.add(order, priceTicks);
        ordersById.add(order);
        if (orderId > highestOrderId)
        {
            highestOrderId = orderId;
        }
    }

    private void removeResting(final int order)
    {
        final int level = orders.level(order);
        removeResting(sidesById[levels.sideId(level)], order, level);
    }

    private void removeResting(final BookSide side, final int order, final int level)
    {
        side.remove(order, level);
        ordersById.remove(order);
        orders.release(order);
    }

    private boolean isValidQuantity(final OrderBook book, final long quantity)
    {
        return quantity > 0 && quantity <= maxQuantity && book.lots().exactQuotient(quantity) >= 0;
    }

    /**
     * @return the price in ticks if it is a positive multiple of the tick size within the instrument's range,
     *         otherwise -1.
     */
    private static long priceTicks(final OrderBook book, final long price)
    {
        if (price <= 0)
        {
            return -1;
        }
        final long ticks = book.ticks().exactQuotient(price);
        return ticks <= book.instrument().maxPriceTicks() ? ticks : -1;
    }

    /**
     * @return hash of all books in the canonical order described by {@link StateHash}.
     */
    public long stateHash()
    {
        final StateHash hash = stateHash.reset();
        for (final OrderBook book : books)
        {
            hash.instrument(book.instrument().id());
            hashSide(hash, book.bids());
            hashSide(hash, book.asks());
        }
        return hash.tradeCount(tradeCount).value();
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
                hash.order(
                    orders.orderId(order),
                    orders.account(order),
                    priceUnits,
                    orders.remaining(order),
                    orders.timeInForce(order),
                    orders.selfTradePrevention(order));
            }
        }
    }

    /**
     * Walk the whole state in the order {@link SnapshotListener} describes (control plane; allocates nothing itself).
     *
     * @param snapshotListener receives the state.
     */
    public void snapshot(final SnapshotListener snapshotListener)
    {
        for (final OrderBook book : books)
        {
            snapshotListener.onInstrument(book.instrument());
        }
        for (final OrderBook book : books)
        {
            snapshotSide(snapshotListener, book.bids());
            snapshotSide(snapshotListener, book.asks());
        }
        snapshotListener.onCounters(tradeCount);
    }

    private void snapshotSide(final SnapshotListener snapshotListener, final BookSide side)
    {
        final Instrument instrument = side.book().instrument();
        final long tick = instrument.tickSizeUnits();
        for (int level = side.best(); level != LevelStore.NONE; level = levels.worse(level))
        {
            final long priceUnits = levels.priceTicks(level) * tick;
            for (int order = levels.head(level); order != OrderStore.NONE; order = orders.next(order))
            {
                snapshotListener.onOrder(
                    instrument.id(),
                    side.side(),
                    orders.orderId(order),
                    orders.account(order),
                    priceUnits,
                    orders.remaining(order),
                    orders.timeInForce(order),
                    orders.selfTradePrevention(order));
            }
        }
    }

    /**
     * Restore an instrument from a snapshot; instruments must come in id order into an engine that has none yet.
     *
     * @param instrument from {@link SnapshotListener#onInstrument}.
     */
    public void restoreInstrument(final Instrument instrument)
    {
        if (instrument.id() != books.length)
        {
            throw new IllegalStateException("instrument restored out of order: " + instrument);
        }
        addInstrument(instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize());
    }

    /**
     * Restore a resting order at the back of its price level, emitting no event (and reporting no level change).
     * Orders must come in the order
     * {@link #snapshot} produced them.
     *
     * @param instrumentId        of the book.
     * @param side                of the order.
     * @param orderId             of the order, not open.
     * @param account             that owns it.
     * @param priceUnits          limit price in units, a valid tick multiple.
     * @param remaining           remaining quantity.
     * @param timeInForce         GTC or POST_ONLY.
     * @param selfTradePrevention the order's mode.
     * @throws IllegalStateException if the order cannot be restored as given.
     */
    public void restoreOrder(
        final int instrumentId,
        final Side side,
        final long orderId,
        final long account,
        final long priceUnits,
        final long remaining,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention)
    {
        final OrderBook book = instrumentId >= 0 && instrumentId < books.length ? books[instrumentId] : null;
        final long priceTicks = book == null ? -1 : priceTicks(book, priceUnits);
        if (priceTicks < 0 || remaining <= 0 || ordersById.get(orderId) != OrderStore.NONE)
        {
            throw new IllegalStateException("cannot restore order " + orderId + " of instrument " + instrumentId);
        }
        rest(book.side(side), orderId, account, priceTicks, remaining, timeInForce, selfTradePrevention);
        if (levelChanges != null)
        {
            levelChanges.clear();
        }
    }

    /**
     * @param tradeCount from {@link SnapshotListener#onCounters}.
     */
    public void restoreCounters(final long tradeCount)
    {
        this.tradeCount = tradeCount;
    }

    /**
     * @return number of resting orders over all books.
     */
    public int openOrderCount()
    {
        return ordersById.size();
    }

    /**
     * @return number of trades so far (the last trade id).
     */
    public long tradeCount()
    {
        return tradeCount;
    }

    /**
     * @return how many order and level slots the stores grew by beyond their preallocated sizes (0 in a well-sized
     *         steady state; a store doubles when it runs out).
     */
    public long poolGrowth()
    {
        return orders.grown() + levels.grown();
    }
}
