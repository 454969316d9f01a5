package io.arbiter.engine;

import io.arbiter.engine.book.price.BPlusTreePriceIndex;
import io.arbiter.engine.book.price.PriceIndex;
import io.arbiter.engine.book.price.RadixPriceIndex;
import io.arbiter.engine.book.price.SortedArrayPriceIndex;
import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The matching engine as it was before its state moved into primitive columns ({@code io.arbiter.engine.book}): pooled
 * {@link Order} and {@link PriceLevel} objects linked by reference. Kept in test scope as the reference that
 * {@code StorageEquivalenceTest} runs the same seeded streams through, event by event, against {@link MatchingEngine}.
 * Single writer, deterministic, the rules of {@code docs/engine-semantics.md}.
 */
public final class ObjectGraphMatchingEngine
{
    private static final int NO_INSTRUMENT = -1;

    private final EngineContext context;
    private final ExecutionListener listener;
    private final Supplier<PriceIndex<PriceLevel>> indexFactory;
    private final OrderIndex ordersById;
    private final Object2IntHashMap<String> instrumentIdsBySymbol = new Object2IntHashMap<>(NO_INSTRUMENT);
    private final OrderPool orderPool;
    private final LevelPool levelPool;
    private final StateHash stateHash = new StateHash();
    private final long maxQuantity;
    private OrderBook[] books = new OrderBook[0];
    private long tradeCount;
    private long acceptances;
    private long highestOrderId = Long.MIN_VALUE;
    private boolean takerStoppedBySelfTrade;

    /**
     * @param context  pool sizes and limits.
     * @param listener receives every event synchronously.
     */
    public ObjectGraphMatchingEngine(final EngineContext context, final ExecutionListener listener)
    {
        this.context = context;
        this.listener = listener;
        this.maxQuantity = context.maxQuantity();
        this.indexFactory = objectIndexes(context.priceIndex(), context.levelPoolSize());
        this.orderPool = new OrderPool(context.orderPoolSize());
        this.levelPool = new LevelPool(context.levelPoolSize());
        this.ordersById = new OrderIndex(context.orderPoolSize());
    }

    /**
     * The object-valued structure of the same name as the engine's {@link PriceIndexes} choice.
     */
    private static Supplier<PriceIndex<PriceLevel>> objectIndexes(final String name, final int expectedLevels)
    {
        final int nodes = Math.max(16, expectedLevels / 8);
        switch (name)
        {
            case PriceIndexes.RADIX:
                return () -> new RadixPriceIndex<>(nodes);
            case PriceIndexes.BTREE:
                return () -> new BPlusTreePriceIndex<>(nodes);
            case PriceIndexes.SORTED_ARRAY:
                return () -> new SortedArrayPriceIndex<>(expectedLevels);
            default:
                throw new IllegalArgumentException("unknown price index: " + name);
        }
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
        books[instrument.id()] = new OrderBook(instrument, indexFactory.get(), indexFactory.get(), levelPool);
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
        return instrumentId >= 0 && instrumentId < books.length ? books[instrumentId].instrument : null;
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
        if (orderId <= highestOrderId && ordersById.get(orderId) != null)
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
                if (opposite.best != null && opposite.crosses(opposite.best, limitTicks))
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
        final Order order = ordersById.get(orderId);
        if (order == null || order.account != account)
        {
            listener.onRejected(CommandType.CANCEL, orderId, account, RejectReason.UNKNOWN_ORDER);
            return;
        }
        final long remaining = order.remaining;
        removeResting(order);
        listener.onCanceled(orderId, account, remaining, CancelReason.USER);
    }

    private void onReplace(final Command command)
    {
        final long orderId = command.orderId();
        final long account = command.account();
        final Order order = ordersById.get(orderId);
        if (order == null || order.account != account)
        {
            listener.onRejected(CommandType.REPLACE, orderId, account, RejectReason.UNKNOWN_ORDER);
            return;
        }
        final BookSide ownSide = order.level.side;
        final OrderBook book = ownSide.book;
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

        if (priceTicks == order.level.priceTicks && quantity <= order.remaining)
        {
            order.level.totalQuantity -= order.remaining - quantity;
            order.remaining = quantity;
            listener.onReplaced(orderId, account, price, quantity);
            return;
        }

        listener.onReplaced(orderId, account, price, quantity);
        ownSide.remove(order);
        order.remaining = quantity;
        final BookSide opposite = book.opposite(ownSide.side);
        if (order.timeInForce == TimeInForce.POST_ONLY)
        {
            if (opposite.best != null && opposite.crosses(opposite.best, priceTicks))
            {
                ordersById.remove(order);
                orderPool.release(order);
                listener.onCanceled(orderId, account, quantity, CancelReason.POST_ONLY);
            }
            else
            {
                ownSide.add(order, priceTicks);
            }
            return;
        }

        final long remaining =
            match(opposite, ownSide.side, priceTicks, quantity, orderId, account, order.selfTradePrevention);
        if (remaining > 0 && !takerStoppedBySelfTrade)
        {
            order.remaining = remaining;
            ownSide.add(order, priceTicks);
        }
        else
        {
            ordersById.remove(order);
            orderPool.release(order);
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
        long remaining = quantity;
        PriceLevel level = opposite.best;
        while (remaining > 0 && level != null && opposite.crosses(level, limitTicks))
        {
            final PriceLevel worse = level.worse;
            final long levelPriceUnits = level.priceTicks * opposite.book.instrument.tickSizeUnits();
            Order maker = level.head;
            while (maker != null && remaining > 0)
            {
                final Order next = maker.next;
                if (maker.account == takerAccount && stp != SelfTradePrevention.NONE)
                {
                    if (stp != SelfTradePrevention.CANCEL_TAKER)
                    {
                        final long makerRemaining = maker.remaining;
                        final long makerOrderId = maker.orderId;
                        removeResting(maker);
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
                    final long tradeQuantity = Math.min(remaining, maker.remaining);
                    remaining -= tradeQuantity;
                    maker.remaining -= tradeQuantity;
                    level.totalQuantity -= tradeQuantity;
                    final long makerLeaves = maker.remaining;
                    final long makerOrderId = maker.orderId;
                    final long makerAccount = maker.account;
                    if (makerLeaves == 0)
                    {
                        removeResting(maker);
                    }
                    opposite.book.lastTradeTicks = level.priceTicks;
                    listener.onTrade(
                        ++tradeCount,
                        opposite.book.instrument.id(),
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

    private static boolean canFill(
        final BookSide opposite,
        final long limitTicks,
        final long quantity,
        final long takerAccount,
        final SelfTradePrevention stp)
    {
        long available = 0;
        for (PriceLevel level = opposite.best;
            level != null && opposite.crosses(level, limitTicks);
            level = level.worse)
        {
            if (stp == SelfTradePrevention.NONE)
            {
                available += level.totalQuantity;
                if (available >= quantity)
                {
                    return true;
                }
                continue;
            }
            for (Order order = level.head; order != null; order = order.next)
            {
                if (order.account == takerAccount)
                {
                    if (stp == SelfTradePrevention.CANCEL_MAKER)
                    {
                        continue;
                    }
                    return false;
                }
                available += order.remaining;
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
        final Order order = orderPool.acquire();
        order.acceptance = ++acceptances;
        order.orderId = orderId;
        order.account = account;
        order.remaining = quantity;
        // A pooled order mostly held the same modes before: skipping an equal reference store skips G1's write barrier
        if (order.timeInForce != tif)
        {
            order.timeInForce = tif;
        }
        if (order.selfTradePrevention != stp)
        {
            order.selfTradePrevention = stp;
        }
        side.add(order, priceTicks);
        ordersById.add(order);
        if (orderId > highestOrderId)
        {
            highestOrderId = orderId;
        }
    }

    private void removeResting(final Order order)
    {
        order.level.side.remove(order);
        ordersById.remove(order);
        orderPool.release(order);
    }

    private boolean isValidQuantity(final OrderBook book, final long quantity)
    {
        return quantity > 0 && quantity <= maxQuantity && book.lots.exactQuotient(quantity) >= 0;
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
        final long ticks = book.ticks.exactQuotient(price);
        return ticks <= book.instrument.maxPriceTicks() ? ticks : -1;
    }

    /**
     * @return hash of all books in the canonical order described by {@link StateHash}.
     */
    public long stateHash()
    {
        final StateHash hash = stateHash.reset();
        for (final OrderBook book : books)
        {
            hash.instrument(book.instrument.id());
            hash.instrumentState(false, false, 0, lastTradePrice(book));
            hashSide(hash, book.bids);
            hashSide(hash, book.asks);
        }
        return hash.counters(tradeCount, 0, acceptances).value();
    }

    private static long lastTradePrice(final OrderBook book)
    {
        return book.lastTradeTicks < 0 ? Prices.NULL_PRICE : book.lastTradeTicks * book.instrument.tickSizeUnits();
    }

    private static void hashSide(final StateHash hash, final BookSide side)
    {
        hash.side(side.side);
        final long tick = side.book.instrument.tickSizeUnits();
        for (PriceLevel level = side.best; level != null; level = level.worse)
        {
            for (Order order = level.head; order != null; order = order.next)
            {
                hash.order(
                    order.orderId,
                    order.account,
                    level.priceTicks * tick,
                    order.remaining,
                    0,
                    0,
                    order.timeInForce,
                    order.selfTradePrevention,
                    Command.NO_TIME,
                    order.acceptance);
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
            snapshotListener.onInstrument(book.instrument);
            snapshotListener.onInstrumentState(book.instrument.id(), false, false, 0, lastTradePrice(book));
        }
        for (final OrderBook book : books)
        {
            snapshotSide(snapshotListener, book.bids);
            snapshotSide(snapshotListener, book.asks);
        }
        snapshotListener.onCounters(tradeCount, 0, acceptances);
    }

    private static void snapshotSide(final SnapshotListener snapshotListener, final BookSide side)
    {
        final Instrument instrument = side.book.instrument;
        final long tick = instrument.tickSizeUnits();
        for (PriceLevel level = side.best; level != null; level = level.worse)
        {
            for (Order order = level.head; order != null; order = order.next)
            {
                snapshotListener.onOrder(
                    instrument.id(),
                    side.side,
                    order.orderId,
                    order.account,
                    level.priceTicks * tick,
                    order.remaining,
                    0,
                    0,
                    order.timeInForce,
                    order.selfTradePrevention,
                    Command.NO_TIME,
                    order.acceptance);
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
     * Restore a resting order at the back of its price level, emitting no event. Orders must come in the order
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
     * @param acceptance          the order's acceptance number.
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
        final SelfTradePrevention selfTradePrevention,
        final long acceptance)
    {
        final OrderBook book = instrumentId >= 0 && instrumentId < books.length ? books[instrumentId] : null;
        final long priceTicks = book == null ? -1 : priceTicks(book, priceUnits);
        if (priceTicks < 0 || remaining <= 0 || ordersById.get(orderId) != null)
        {
            throw new IllegalStateException("cannot restore order " + orderId + " of instrument " + instrumentId);
        }
        rest(book.side(side), orderId, account, priceTicks, remaining, timeInForce, selfTradePrevention);
        ordersById.get(orderId).acceptance = acceptance;
    }

    /**
     * @param instrumentId   of the instrument restored last.
     * @param lastTradePrice its last trade price in units, or {@link Prices#NULL_PRICE}.
     */
    public void restoreLastTrade(final int instrumentId, final long lastTradePrice)
    {
        final OrderBook book = books[instrumentId];
        book.lastTradeTicks = lastTradePrice == Prices.NULL_PRICE ? -1 :
            lastTradePrice / book.instrument.tickSizeUnits();
    }

    /**
     * @param tradeCount  from {@link SnapshotListener#onCounters}.
     * @param acceptances number of orders accepted so far.
     */
    public void restoreCounters(final long tradeCount, final long acceptances)
    {
        this.tradeCount = tradeCount;
        this.acceptances = acceptances;
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
     * @return how many orders and levels were allocated beyond the preallocated pools (0 in a well-sized steady state).
     */
    public long poolGrowth()
    {
        return orderPool.grown() + levelPool.grown();
    }
}
