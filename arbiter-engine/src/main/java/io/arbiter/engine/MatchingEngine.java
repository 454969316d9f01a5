package io.arbiter.engine;

import io.arbiter.engine.book.BookSide;
import io.arbiter.engine.book.LevelChanges;
import io.arbiter.engine.book.LevelStore;
import io.arbiter.engine.book.OrderBook;
import io.arbiter.engine.book.OrderIdIndex;
import io.arbiter.engine.book.OrderStore;
import io.arbiter.engine.book.price.PriceIndex;
import io.arbiter.engine.risk.Amounts;
import io.arbiter.engine.risk.BalanceLedger;
import io.arbiter.engine.risk.SpotRisk;
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
    private final SpotRisk risk;
    private final BalanceLedger ledger;
    private final long maxQuantity;
    private BalanceListener balanceListener;
    private OrderBook[] books = new OrderBook[0];
    private BookSide[] sidesById = new BookSide[0];
    private long tradeCount;
    private long highestOrderId = Long.MIN_VALUE;
    private boolean takerStoppedBySelfTrade;
    private boolean takerStoppedByFunds;

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
        this.risk = new SpotRisk(context.orderPoolSize());
        this.ledger = risk.ledger();
    }

    /**
     * Receive, after each command, the balances it changed (see {@link BalanceListener}).
     *
     * @param balanceListener the listener, or null for none.
     * @return this.
     */
    public MatchingEngine balanceListener(final BalanceListener balanceListener)
    {
        this.balanceListener = balanceListener;
        return this;
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
        return addInstrument(symbol, tickSizeUnits, lotSize, null, null);
    }

    /**
     * Define an instrument that trades a base asset against a quote asset, so that its orders take holds on the
     * accounts' balances and its fills settle (control plane, produces garbage). Assets are defined on first use.
     *
     * @param symbol        unique symbol.
     * @param tickSizeUnits tick size in {@link Prices} units, positive.
     * @param lotSize       lot size, positive.
     * @param base          asset of its quantities, or null (with a null quote) for an instrument without risk.
     * @param quote         asset of its prices, or null.
     * @return the new instrument.
     * @throws IllegalArgumentException if the symbol exists, a size is not positive, or the assets are not two
     *                                  different names or none.
     */
    public Instrument addInstrument(
        final String symbol, final long tickSizeUnits, final long lotSize, final String base, final String quote)
    {
        if ((base == null) != (quote == null) || base != null && (base.isEmpty() || base.equals(quote)))
        {
            throw new IllegalArgumentException("an instrument needs two different assets or none: " + symbol);
        }
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
        final Instrument instrument =
            new Instrument(books.length, symbol, tickSizeUnits, lotSize, maxTicks, base, quote);
        books = Arrays.copyOf(books, books.length + 1);
        final OrderBook book = new OrderBook(instrument, indexFactory.get(), indexFactory.get(), orders, levels);
        books[instrument.id()] = book;
        sidesById = Arrays.copyOf(sidesById, books.length * 2);
        sidesById[book.bids().id()] = book.bids();
        sidesById[book.asks().id()] = book.asks();
        instrumentIdsBySymbol.put(symbol, instrument.id());
        risk.defineInstrument(instrument.id(), lotSize, base, quote);
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
     * @param name of an asset.
     * @return its id, or -1 if no instrument names it.
     */
    public int assetId(final String name)
    {
        return ledger.assetId(name);
    }

    /**
     * @param asset id of a defined asset.
     * @return its name.
     */
    public String assetName(final int asset)
    {
        return ledger.assetName(asset);
    }

    /**
     * @return the balances, to read (never to change) on the thread that owns the engine.
     */
    public BalanceLedger balances()
    {
        return ledger;
    }

    /**
     * Add to an account's available balance; the change reaches the {@link BalanceListener} before this returns.
     *
     * @param account not {@link SpotRisk#FEE_ACCOUNT}.
     * @param asset   id of a defined asset.
     * @param amount  positive, in 10<sup>-8</sup> units.
     * @return false (changing nothing) if the balance would exceed the largest {@code long}.
     */
    public boolean deposit(final long account, final int asset, final long amount)
    {
        final boolean done = risk.deposit(account, asset, amount);
        endCommand();
        return done;
    }

    /**
     * Take from an account's available balance; the change reaches the {@link BalanceListener} before this returns.
     *
     * @param account not {@link SpotRisk#FEE_ACCOUNT}.
     * @param asset   id of a defined asset.
     * @param amount  positive, in 10<sup>-8</sup> units.
     * @return false (changing nothing) if the available balance is smaller than the amount.
     */
    public boolean withdraw(final long account, final int asset, final long amount)
    {
        final boolean done = risk.withdraw(account, asset, amount);
        endCommand();
        return done;
    }

    /**
     * Set the fees of an instrument with assets.
     *
     * @param instrumentId a defined instrument.
     * @param makerBps     maker fee in basis points (negative: a rebate).
     * @param takerBps     taker fee in basis points, at least the maker fee.
     * @throws IllegalArgumentException if the instrument has no assets or the rates are out of range.
     */
    public void fees(final int instrumentId, final int makerBps, final int takerBps)
    {
        risk.fees(riskInstrument(instrumentId), makerBps, takerBps);
    }

    /**
     * Set the order limits of an instrument with assets.
     *
     * @param instrumentId a defined instrument.
     * @param maxQuantity  largest order quantity, 0 for none.
     * @param maxNotional  largest LIMIT order notional in quote units, 0 for none.
     * @throws IllegalArgumentException if the instrument has no assets or a limit is negative.
     */
    public void limits(final int instrumentId, final long maxQuantity, final long maxNotional)
    {
        risk.limits(riskInstrument(instrumentId), maxQuantity, maxNotional);
    }

    /**
     * @return the risk rules and per-instrument settings, to read on the thread that owns the engine.
     */
    public SpotRisk risk()
    {
        return risk;
    }

    private int riskInstrument(final int instrumentId)
    {
        if (instrumentId < 0 || instrumentId >= books.length || !risk.isEnabled(instrumentId))
        {
            throw new IllegalArgumentException("not an instrument with assets: " + instrumentId);
        }
        return instrumentId;
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
        endCommand();
    }

    private void endCommand()
    {
        if (ledger.changeCount() != 0)
        {
            reportBalances();
        }
        if (levelChanges != null)
        {
            reportLevelChanges();
        }
    }

    private void reportBalances()
    {
        final BalanceLedger ledger = this.ledger;
        final BalanceListener balanceListener = this.balanceListener;
        if (balanceListener != null)
        {
            boolean reported = false;
            for (int rank = 0, count = ledger.changeCount(); rank < count; rank++)
            {
                if (ledger.isChanged(rank))
                {
                    final int slot = ledger.changedSlot(rank);
                    balanceListener.onBalance(
                        ledger.changedAccount(rank), ledger.changedAsset(rank), ledger.available(slot),
                        ledger.held(slot));
                    reported = true;
                }
            }
            if (reported)
            {
                balanceListener.onBalancesEnd();
            }
        }
        ledger.clearChanges();
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
        if (ledger.isDisabled(account))
        {
            listener.onRejected(CommandType.NEW, orderId, account, RejectReason.ACCOUNT_DISABLED);
            return;
        }
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
        final boolean risky = risk.isEnabled(instrumentId);
        if (risky)
        {
            final RejectReason reason = risk.tryHoldNew(instrumentId, account, side, price, quantity);
            if (reason != null)
            {
                listener.onRejected(CommandType.NEW, orderId, account, reason);
                return;
            }
        }

        listener.onAccepted(orderId, account);
        final int rested = enter(book, command, side, limitTicks, risky && orderType == OrderType.MARKET);
        if (risky)
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
     * Enter an accepted NEW order: match, then rest, cancel or finish it by its time in force.
     *
     * @return the order's index if it rests, otherwise {@link OrderStore#NONE}.
     */
    private int enter(
        final OrderBook book, final Command command, final Side side, final long limitTicks, final boolean marketRisk)
    {
        final long orderId = command.orderId();
        final long account = command.account();
        final long quantity = command.quantity();
        final TimeInForce tif = command.timeInForce();
        final SelfTradePrevention stp = command.selfTradePrevention();
        final BookSide opposite = book.opposite(side);
        switch (tif)
        {
            case POST_ONLY:
                if (opposite.best() != LevelStore.NONE && opposite.crosses(opposite.best(), limitTicks))
                {
                    listener.onCanceled(orderId, account, quantity, CancelReason.POST_ONLY);
                    return OrderStore.NONE;
                }
                return rest(book.side(side), orderId, account, limitTicks, quantity, tif, stp);

            case FOK:
                if (!canFill(opposite, limitTicks, quantity, account, stp) ||
                    marketRisk && side == Side.BUY && !canAfford(opposite, quantity, account, stp))
                {
                    listener.onCanceled(orderId, account, quantity, CancelReason.FOK);
                }
                else
                {
                    match(opposite, side, limitTicks, quantity, orderId, account, stp);
                }
                return OrderStore.NONE;

            case IOC:
            {
                final long remaining = match(opposite, side, limitTicks, quantity, orderId, account, stp);
                if (remaining > 0 && !takerStoppedBySelfTrade)
                {
                    listener.onCanceled(orderId, account, remaining,
                        takerStoppedByFunds ? CancelReason.INSUFFICIENT_FUNDS : CancelReason.IOC);
                }
                return OrderStore.NONE;
            }

            default:
            {
                final long remaining = match(opposite, side, limitTicks, quantity, orderId, account, stp);
                if (remaining > 0 && !takerStoppedBySelfTrade)
                {
                    return rest(book.side(side), orderId, account, limitTicks, remaining, tif, stp);
                }
                return OrderStore.NONE;
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
        if (ledger.isDisabled(account))
        {
            listener.onRejected(CommandType.REPLACE, orderId, account, RejectReason.ACCOUNT_DISABLED);
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
        final int instrumentId = book.instrument().id();
        final boolean risky = risk.isEnabled(instrumentId);
        if (risky)
        {
            final RejectReason reason = risk.tryRehold(order, instrumentId, ownSide.side(), price, quantity);
            if (reason != null)
            {
                listener.onRejected(CommandType.REPLACE, orderId, account, reason);
                return;
            }
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
                if (risky)
                {
                    risk.release(order);
                }
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

        if (risky)
        {
            risk.loadTaker(order);
        }
        final long remaining = match(
            opposite, ownSide.side(), priceTicks, quantity, orderId, account, orders.selfTradePrevention(order));
        if (remaining > 0 && !takerStoppedBySelfTrade)
        {
            orders.remaining(order, remaining);
            ownSide.add(order, priceTicks);
            if (risky)
            {
                risk.restTaker(order);
            }
        }
        else
        {
            if (risky)
            {
                risk.finishTaker();
            }
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
        takerStoppedByFunds = false;
        final OrderStore orders = this.orders;
        final LevelStore levels = this.levels;
        final Instrument instrument = opposite.book().instrument();
        final long tickSizeUnits = instrument.tickSizeUnits();
        final boolean risky = risk.isEnabled(instrument.id());
        final boolean fundsLimited = risky && takerSide == Side.BUY && limitTicks == Long.MAX_VALUE;
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
                    maker = next;
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
                    final long makerLeaves = makerRemaining - tradeQuantity;
                    orders.remaining(maker, makerLeaves);
                    levels.addQuantity(level, -tradeQuantity);
                    final long makerOrderId = orders.orderId(maker);
                    if (makerLeaves == 0)
                    {
                        removeResting(opposite, maker, level);
                        maker = next;
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

    /**
     * Whether the current taker, a BUY MARKET FOK order, can afford its whole quantity by the lot-by-lot rule of
     * {@link #match}, skipping its own orders as self-trade prevention would (a mode that stops the taker has already
     * failed {@link #canFill}).
     */
    private boolean canAfford(
        final BookSide opposite, final long quantity, final long takerAccount, final SelfTradePrevention stp)
    {
        final OrderStore orders = this.orders;
        final LevelStore levels = this.levels;
        final Instrument instrument = opposite.book().instrument();
        final long hold = risk.takerHold();
        long funds = hold;
        long needed = quantity;
        for (int level = opposite.best(); level != LevelStore.NONE; level = levels.worse(level))
        {
            final long price = levels.priceTicks(level) * instrument.tickSizeUnits();
            for (int order = levels.head(level); order != OrderStore.NONE; order = orders.next(order))
            {
                if (stp != SelfTradePrevention.NONE && orders.account(order) == takerAccount)
                {
                    continue;
                }
                long makerLeft = orders.remaining(order);
                while (makerLeft > 0)
                {
                    final long fill = Amounts.affordable(
                        funds, price, Math.min(needed, makerLeft), instrument.lotSize(), risk.takerFeeBps());
                    if (fill == 0)
                    {
                        return false;
                    }
                    funds -= Amounts.takerCost(Amounts.notional(price, fill), risk.takerFeeBps());
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

    private int rest(
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
        return order;
    }

    private void removeResting(final int order)
    {
        final int level = orders.level(order);
        removeResting(sidesById[levels.sideId(level)], order, level);
    }

    private void removeResting(final BookSide side, final int order, final int level)
    {
        if (risk.isEnabled(side.book().instrument().id()))
        {
            risk.release(order);
        }
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
        if (ledger.assetCount() != 0)
        {
            hashRisk(hash);
        }
        return hash.tradeCount(tradeCount).value();
    }

    private void hashRisk(final StateHash hash)
    {
        for (final OrderBook book : books)
        {
            final int id = book.instrument().id();
            if (risk.isEnabled(id))
            {
                hash.riskSettings(
                    id, risk.makerBps(id), risk.takerBps(id), risk.maxQuantity(id), risk.maxNotional(id));
            }
        }
        final BalanceLedger ledger = this.ledger;
        for (int index = 0, count = ledger.accountCount(); index < count; index++)
        {
            for (int asset = 0, assets = ledger.assetCount(); asset < assets; asset++)
            {
                final int slot = ledger.slot(index, asset);
                hash.balance(ledger.accountAt(index), asset, ledger.available(slot), ledger.held(slot));
            }
        }
        hash.mix(ledger.disabledHash());
    }

    private void hashSide(final StateHash hash, final BookSide side)
    {
        hash.side(side.side());
        final long tick = side.book().instrument().tickSizeUnits();
        final boolean risky = risk.isEnabled(side.book().instrument().id());
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
                if (risky)
                {
                    hash.hold(risk.holds().amount(order), risk.holds().makerBps(order), risk.holds().takerBps(order));
                }
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
            final int id = book.instrument().id();
            snapshotListener.onInstrument(book.instrument());
            if (risk.isEnabled(id))
            {
                snapshotListener.onRiskSettings(
                    id, risk.makerBps(id), risk.takerBps(id), risk.maxQuantity(id), risk.maxNotional(id));
            }
        }
        if (ledger.assetCount() != 0)
        {
            for (int index = 0, count = ledger.accountCount(); index < count; index++)
            {
                for (int asset = 0, assets = ledger.assetCount(); asset < assets; asset++)
                {
                    final int slot = ledger.slot(index, asset);
                    snapshotListener.onBalance(
                        ledger.accountAt(index), asset, ledger.available(slot), ledger.held(slot));
                }
            }
            ledger.forEachDisabled(snapshotListener::onDisabledAccount);
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
        final boolean risky = risk.isEnabled(instrument.id());
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
                if (risky)
                {
                    snapshotListener.onOrderHold(orders.orderId(order), risk.holds().amount(order),
                        risk.holds().makerBps(order), risk.holds().takerBps(order));
                }
            }
        }
    }

    /**
     * Restore the fees and limits of an instrument with assets (after {@link #restoreInstrument}).
     *
     * @param instrumentId from {@link SnapshotListener#onRiskSettings}.
     * @param makerBps     maker fee rate.
     * @param takerBps     taker fee rate.
     * @param maxQuantity  quantity limit.
     * @param maxNotional  notional limit.
     */
    public void restoreRiskSettings(
        final int instrumentId, final int makerBps, final int takerBps, final long maxQuantity,
        final long maxNotional)
    {
        fees(instrumentId, makerBps, takerBps);
        limits(instrumentId, maxQuantity, maxNotional);
    }

    /**
     * Restore the hold of a restored order of an instrument with assets; the balance it is held in is restored by
     * {@link #restoreBalance}.
     *
     * @param orderId  of an order restored by {@link #restoreOrder}.
     * @param amount   still held for it.
     * @param makerBps maker fee rate it pays.
     * @param takerBps taker fee rate it pays.
     * @throws IllegalStateException if the order is not open on an instrument with assets.
     */
    public void restoreOrderHold(final long orderId, final long amount, final int makerBps, final int takerBps)
    {
        final int order = ordersById.get(orderId);
        final int instrumentId = order == OrderStore.NONE ? -1 : sidesById[levels.sideId(orders.level(order))]
            .book().instrument().id();
        if (instrumentId < 0 || !risk.isEnabled(instrumentId))
        {
            throw new IllegalStateException("no open order with a hold: " + orderId);
        }
        final Side side = sidesById[levels.sideId(orders.level(order))].side();
        risk.restoreHold(order, instrumentId, orders.account(order), side, amount, makerBps, takerBps);
    }

    /**
     * Restore one balance.
     *
     * @param account   from {@link SnapshotListener#onBalance}.
     * @param asset     id of a restored asset.
     * @param available amount.
     * @param held      amount.
     */
    public void restoreBalance(final long account, final int asset, final long available, final long held)
    {
        ledger.set(ledger.slot(ledger.addAccount(account), asset), available, held);
        ledger.clearChanges();
    }

    /**
     * Restore a disabled account.
     *
     * @param account from {@link SnapshotListener#onDisabledAccount}.
     */
    public void restoreDisabledAccount(final long account)
    {
        ledger.disabled(account, true);
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
        addInstrument(instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize(), instrument.baseAsset(),
            instrument.quoteAsset());
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
