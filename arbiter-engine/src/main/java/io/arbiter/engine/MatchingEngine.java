package io.arbiter.engine;

import io.arbiter.engine.book.BookSide;
import io.arbiter.engine.book.ExpiryQueue;
import io.arbiter.engine.book.LevelChanges;
import io.arbiter.engine.book.LevelStore;
import io.arbiter.engine.book.OrderBook;
import io.arbiter.engine.book.OrderExtras;
import io.arbiter.engine.book.OrderIdIndex;
import io.arbiter.engine.book.OrderStore;
import io.arbiter.engine.book.price.LevelIndex;
import io.arbiter.engine.risk.BalanceLedger;
import io.arbiter.engine.risk.RiskControls;
import io.arbiter.engine.risk.SpotRisk;
import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The matching engine: one price-time-priority book per instrument, driven by {@link #onCommand(Command)}.
 * Single writer: one thread owns an engine and everything in it. Deterministic: it reads no clock and no randomness
 * (its clock is set by TIME commands). The rules are those of {@code docs/engine-semantics.md}. Orders, price levels,
 * the queues within a level and the order-id index are primitive columns addressed by {@code int} indices
 * ({@link io.arbiter.engine.book}), so matching stores no object references. Matching itself is in
 * {@link OrderMatcher}, the snapshot and the state hash in {@link EngineStateWalker}.
 */
public final class MatchingEngine
{
    private static final int NO_INSTRUMENT = -1;
    /** {@link #prefetch} stage that reads the order id's slot in the order-id index. */
    public static final int PREFETCH_SLOT = CommandPrefetcher.SLOT;
    /** {@link #prefetch} stage that also reads the order a cancel or replace names, or a new order's first maker. */
    public static final int PREFETCH_ORDER = CommandPrefetcher.ORDER;
    /**
     * {@link #prefetch} stage that also reads the queue neighbours of the order a cancel or replace names, or a new
     * order's first maker's index slot and the maker behind it.
     */
    public static final int PREFETCH_NEIGHBOURS = CommandPrefetcher.NEIGHBOURS;
    /**
     * A distance in commands for callers that look ahead: one command at a time (the node's ring look-ahead), the slot
     * stage three times this many commands ahead, the order stage twice, the neighbour stage once, which on the quiet
     * two-core reference machine was slower than none (0.88x); a group at a time (the benchmark's tape), groups of
     * this many commands, where groups of 16 gained 3-8 % (docs/benchmarks.md, "Overlapped lookups" and "eighteenth
     * session"). Every caller's default is off.
     */
    public static final int PREFETCH_DISTANCE = 4;

    private final EngineContext context;
    private final ExecutionListener listener;
    private final LevelListener levelListener;
    private final LevelChanges levelChanges;
    private final Supplier<LevelIndex> indexFactory;
    private final OrderIdIndex ordersById;
    private final Object2IntHashMap<String> instrumentIdsBySymbol = new Object2IntHashMap<>(NO_INSTRUMENT);
    private final OrderStore orders;
    private final LevelStore levels;
    private final OrderExtras extras;
    private final ExpiryQueue expiries;
    private final OrderMatcher matcher;
    private final AcceptanceSweep sweep;
    private final EngineStateWalker walker;
    private final StopTriggers triggers;
    private final OrderValidator validator;
    private final RiskStateWalker riskWalker;
    private final SpotRisk risk;
    private final BalanceLedger ledger;
    private final RiskControls riskControls;
    private final OperatorCommands operators;
    private final CommandPrefetcher prefetcher;
    private BalanceListener balanceListener;
    private OrderBook[] books = new OrderBook[0];
    private BookSide[] sidesById = new BookSide[0];
    private long clock;
    private long referenceTicks;
    /** Instrument id of the book the current command may have traded in, or -1: an {@code int}, no reference store. */
    private int touched = -1;

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
        this.indexFactory = PriceIndexes.factory(context.priceIndex(), context.levelPoolSize());
        this.orders = new OrderStore(Math.max(1, context.orderPoolSize()));
        this.levels = new LevelStore(Math.max(1, context.levelPoolSize()));
        this.ordersById = new OrderIdIndex(orders, context.orderPoolSize());
        this.extras = new OrderExtras(orders, context.extrasPoolSize());
        this.expiries = new ExpiryQueue(extras, 1024);
        this.risk = new SpotRisk(orders);
        this.ledger = risk.ledger();
        ledger.trackChanges(false);
        this.riskControls = new RiskControls(
            risk, (id) -> id >= 0 && id < books.length, this::cancelAccount, this::endCommand);
        this.riskWalker = new RiskStateWalker(risk, orders, levels, extras);
        this.matcher = new OrderMatcher(orders, levels, extras, expiries, ordersById, listener, risk);
        this.sweep = new AcceptanceSweep(orders, levels, extras, matcher);
        this.walker = new EngineStateWalker(orders, levels, extras, matcher);
        this.triggers = new StopTriggers(orders, extras, matcher, listener, risk);
        this.validator = new OrderValidator(orders, levels, matcher, ledger, context.maxQuantity());
        this.levelChanges = levelListener == null ? null : new LevelChanges(levels.capacity());
        levels.changes(levelChanges);
        this.operators = new OperatorCommands(this, listener);
        this.prefetcher = new CommandPrefetcher(ordersById, orders, levels);
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
        ledger.trackChanges(balanceListener != null);
        return this;
    }

    /**
     * @return the risk rules and per-instrument settings, to read on the thread that owns the engine.
     */
    public SpotRisk risk()
    {
        return risk;
    }

    /**
     * @return the balances, to read (never to change) on the thread that owns the engine.
     */
    public BalanceLedger balances()
    {
        return ledger;
    }

    /**
     * @return the operator's controls of the risk: deposits, withdrawals, fees, limits, the kill switch.
     */
    public RiskControls riskControls()
    {
        return riskControls;
    }

    /**
     * Define an instrument (control plane, produces garbage).
     *
     * @param symbol        unique symbol among the instruments not delisted.
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
     * @param symbol        unique symbol among the instruments not delisted.
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
     * @return the instrument id, or -1 if no instrument that is not delisted has that symbol.
     */
    public int instrumentId(final String symbol)
    {
        return instrumentIdsBySymbol.getValue(symbol);
    }

    /**
     * @param instrumentId dense id.
     * @return the instrument (delisted ones included), or null.
     */
    public Instrument instrument(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < books.length ? books[instrumentId].instrument() : null;
    }

    /**
     * @param instrumentId dense id.
     * @return whether the instrument is defined and was not delisted.
     */
    public boolean isListed(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < books.length && !books[instrumentId].delisted();
    }

    /**
     * @return number of instruments defined (delisted ones included).
     */
    public int instrumentCount()
    {
        return books.length;
    }

    /**
     * @return the engine's clock, set by TIME commands; 0 at start.
     */
    public long clock()
    {
        return clock;
    }

    /**
     * @return number of open GTD orders (resting or waiting stops).
     */
    public int gtdOrderCount()
    {
        return expiries.size();
    }

    /**
     * @return the expiry time of the open GTD order that expires first, or {@link Command#NO_TIME} if there is none:
     *         the earliest clock at which a TIME command cancels something.
     */
    public long nextExpiry()
    {
        final int order = expiries.peek();
        return order == OrderStore.NONE ? Command.NO_TIME : extras.expiry(order);
    }

    /**
     * @return the outcome of the last operator command (INSTRUMENT to ENABLE) applied: the new instrument's id for
     *         INSTRUMENT, 1 (applied) or 0 (refused for its amount) for DEPOSIT and WITHDRAW, the number of orders
     *         cancelled for DISABLE, 0 otherwise, and -1 if the command was refused because a field is out of range
     *         or names nothing defined (it then changed nothing; see {@link #lastOperatorRefusal()}).
     */
    public long lastOperatorResult()
    {
        return operators.result();
    }

    /**
     * @return why the last operator command was refused, or null if it was not.
     */
    public String lastOperatorRefusal()
    {
        return operators.refusal();
    }

    /**
     * Look-ahead for a command that is not applied yet (it changes nothing: no state, no event): read, up to a stage,
     * the memory that command will need, so that a caller holding several commands (a tape, a ring batch) puts their
     * cache misses in flight together. Each stage reads what the stage before brought in, so call
     * {@link #PREFETCH_SLOT} for a command well ahead, {@link #PREFETCH_ORDER} nearer and {@link #PREFETCH_NEIGHBOURS}
     * just before it is applied; a look-ahead made stale by the commands in between only wastes a load. Only NEW,
     * CANCEL and REPLACE read anything.
     *
     * @param type         the command's type.
     * @param orderId      the order id it names (for CANCEL and REPLACE the id of the order it changes).
     * @param instrumentId its instrument (used for NEW).
     * @param side         its side (used for NEW), or null.
     * @param stage        {@link #PREFETCH_SLOT}, {@link #PREFETCH_ORDER} or {@link #PREFETCH_NEIGHBOURS}.
     */
    public void prefetch(
        final CommandType type, final long orderId, final int instrumentId, final Side side, final int stage)
    {
        prefetcher.prefetch(books, type, orderId, instrumentId, side, stage);
    }

    /**
     * Apply one command; its events reach the listener before this returns. Never throws for bad input: it rejects.
     *
     * @param command to apply; read, not kept.
     */
    public void onCommand(final Command command)
    {
        touched = -1;
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
            case TIME:
                onTime(command.time());
                break;
            case MASS_CANCEL:
                onMassCancel(command.account(), command.instrumentId());
                break;
            case INSTRUMENT:
            case DEPOSIT:
            case WITHDRAW:
            case FEES:
            case LIMITS:
            case DISABLE:
            case ENABLE:
                operators.apply(command);
                break;
            default:
                onInstrumentCommand(command);
                break;
        }
        if (touched >= 0)
        {
            final OrderBook book = books[touched];
            if (book.mayTrigger())
            {
                triggers.run(book, referenceTicks);
            }
        }
        endCommand();
    }

    private void endCommand()
    {
        if (ledger.changeCount() != 0)
        {
            riskControls.reportBalances(balanceListener);
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
        RejectReason reason = validator.validateNew(command, books, clock);
        final boolean risky = reason == null && risk.isEnabled(command.instrumentId());
        if (risky)
        {
            final OrderType type = command.orderType();
            final boolean market = type == OrderType.MARKET || type == OrderType.STOP_MARKET;
            reason = risk.tryHoldNew(command.instrumentId(), account, command.side(),
                market ? Prices.NULL_PRICE : command.price(), command.quantity());
        }
        if (reason != null)
        {
            listener.onRejected(CommandType.NEW, orderId, account, reason);
            return;
        }
        final OrderBook book = books[command.instrumentId()];
        final OrderType orderType = command.orderType();
        final TimeInForce tif = command.timeInForce();
        final Side side = command.side();
        final long quantity = command.quantity();
        final long limitTicks = orderType == OrderType.LIMIT || orderType == OrderType.STOP_LIMIT ?
            OrderValidator.priceTicks(book, command.price()) : -1;
        final long expiry = tif == TimeInForce.GTD ? command.time() : Command.NO_TIME;
        final long acceptance = OrderMatcher.NEW_ACCEPTANCE;
        touched = book.instrument().id();
        referenceTicks = book.lastTradeTicks();
        listener.onAccepted(orderId, account);
        final SelfTradePrevention stp = command.selfTradePrevention();
        if (orderType == OrderType.STOP_LIMIT || orderType == OrderType.STOP_MARKET)
        {
            final long stopTicks = OrderValidator.priceTicks(book, command.stopPrice());
            final int order = matcher.open(orderId, account, quantity, tif, stp, expiry, acceptance);
            extras.attach(order);
            orders.addFlags(order, OrderStore.STOP);
            extras.stop(order, book.instrument().id(), side.ordinal(), stopTicks, limitTicks);
            book.appendStop(order, extras);
            book.widenStopBounds(side == Side.BUY, stopTicks);
            if (risky)
            {
                risk.restTaker(order);
            }
            return;
        }
        matcher.execute(book, side, limitTicks, quantity, tif, orderId, account, stp, command.displayQuantity(),
            expiry, acceptance, referenceTicks);
    }

    private void onCancel(final Command command)
    {
        final long orderId = command.orderId();
        final long account = command.account();
        final int order = ordersById.get(orderId);
        if (order == OrderStore.NONE || orders.account(order) != account)
        {
            listener.onRejected(CommandType.CANCEL, orderId, account, RejectReason.UNKNOWN_ORDER);
            return;
        }
        cancelOpen(order, CancelReason.USER);
    }

    /**
     * Cancel an open order, resting or waiting stop, and report its whole remaining quantity.
     */
    private void cancelOpen(final int order, final CancelReason reason)
    {
        final long orderId = orders.orderId(order);
        final long account = orders.account(order);
        final long remaining = matcher.totalRemaining(order);
        if ((orders.flags(order) & OrderStore.STOP) != 0)
        {
            books[extras.stopInstrument(order)].removeStop(order, extras);
            matcher.discard(order);
        }
        else
        {
            final int level = orders.level(order);
            matcher.removeResting(sidesById[levels.sideId(level)], order, level);
        }
        listener.onCanceled(orderId, account, remaining, reason);
    }

    private void onReplace(final Command command)
    {
        final long orderId = command.orderId();
        final long account = command.account();
        final OrderStore orders = this.orders;
        final int order = ordersById.get(orderId);
        RejectReason reason = validator.validateReplace(command, order, sidesById);
        final int level = reason == null ? orders.level(order) : -1;
        final BookSide ownSide = reason == null ? sidesById[levels.sideId(level)] : null;
        final boolean risky = reason == null && risk.isEnabled(ownSide.book().instrument().id());
        if (risky)
        {
            reason = risk.tryRehold(
                order, ownSide.book().instrument().id(), ownSide.side(), command.price(), command.quantity());
        }
        if (reason != null)
        {
            listener.onRejected(CommandType.REPLACE, orderId, account, reason);
            return;
        }
        final OrderBook book = ownSide.book();
        final long quantity = command.quantity();
        final long price = command.price();
        final long priceTicks = OrderValidator.priceTicks(book, price);
        touched = book.instrument().id();
        referenceTicks = book.lastTradeTicks();
        final boolean iceberg = (orders.flags(order) & OrderStore.ICEBERG) != 0;
        final long visible = orders.remaining(order);
        if (priceTicks == levels.priceTicks(level) && quantity <= matcher.totalRemaining(order))
        {
            final long newVisible = Math.min(visible, quantity);
            levels.addQuantity(level, newVisible - visible);
            orders.remaining(order, newVisible);
            if (iceberg)
            {
                extras.hidden(order, quantity - newVisible);
            }
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
                matcher.discard(order);
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
            risk.loadTaker(order, false);
        }
        final long remaining = matcher.match(
            opposite, ownSide.side(), priceTicks, quantity, orderId, account, orders.selfTradePrevention(order));
        if (remaining > 0 && !matcher.takerStoppedBySelfTrade())
        {
            if (iceberg)
            {
                matcher.slice(order, remaining);
            }
            else
            {
                orders.remaining(order, remaining);
            }
            ownSide.add(order, priceTicks);
            if (risky)
            {
                risk.restTaker(order);
            }
        }
        else
        {
            matcher.discard(order);
            if (risky)
            {
                risk.finishTaker();
            }
        }
    }

    private void onTime(final long time)
    {
        if (time > clock)
        {
            clock = time;
        }
        int order;
        while ((order = expiries.peek()) != OrderStore.NONE && extras.expiry(order) <= clock)
        {
            cancelOpen(order, CancelReason.EXPIRED);
        }
    }

    private void onMassCancel(final long account, final int instrumentId)
    {
        sweep.clear();
        if (instrumentId == Command.ALL_INSTRUMENTS)
        {
            for (final OrderBook book : books)
            {
                sweep.collect(book, account);
            }
        }
        else if (isListed(instrumentId))
        {
            sweep.collect(books[instrumentId], account);
        }
        final int count = cancelSwept(CancelReason.MASS);
        listener.onMassCanceled(account, instrumentId, count);
    }

    private int cancelAccount(final long account)
    {
        sweep.clear();
        for (final OrderBook book : books)
        {
            sweep.collect(book, account);
        }
        return cancelSwept(CancelReason.ACCOUNT_DISABLED);
    }

    private int cancelSwept(final CancelReason reason)
    {
        sweep.sort();
        final int count = sweep.count();
        for (int i = 0; i < count; i++)
        {
            cancelOpen(sweep.order(i), reason);
        }
        sweep.clear();
        return count;
    }

    private void onInstrumentCommand(final Command command)
    {
        final CommandType type = command.type();
        final int instrumentId = command.instrumentId();
        if (!isListed(instrumentId))
        {
            listener.onRejected(type, 0, 0, RejectReason.UNKNOWN_SYMBOL);
            return;
        }
        final OrderBook book = books[instrumentId];
        long value = 0;
        switch (type)
        {
            case HALT:
                book.halted(true);
                break;
            case RESUME:
                book.halted(false);
                touched = book.instrument().id();
                referenceTicks = book.lastTradeTicks();
                break;
            case DELIST:
                sweep.clear();
                sweep.collect(book, AcceptanceSweep.ANY_ACCOUNT);
                cancelSwept(CancelReason.DELISTED);
                book.delist();
                instrumentIdsBySymbol.remove(book.instrument().symbol());
                break;
            default:
                value = command.quantity();
                if (value < 0 || value > PriceBand.HUNDREDTHS)
                {
                    listener.onRejected(type, 0, 0, RejectReason.INVALID_PRICE);
                    return;
                }
                book.bandHundredths(value);
                break;
        }
        listener.onInstrumentState(type, instrumentId, value);
    }

    /**
     * @return hash of the whole state in the canonical order described by {@link StateHash}.
     */
    public long stateHash()
    {
        final long books = walker.hash(this.books, matcher.tradeCount(), clock, matcher.acceptances());
        return !hasRiskState() ? books : riskWalker.hash(books, this.books);
    }

    private boolean hasRiskState()
    {
        return ledger.assetCount() != 0 || ledger.disabledCount() != 0;
    }

    /**
     * Walk the whole state in the order {@link SnapshotListener} describes (control plane; allocates nothing itself).
     *
     * @param snapshotListener receives the state.
     */
    public void snapshot(final SnapshotListener snapshotListener)
    {
        walker.snapshot(books, snapshotListener);
        if (hasRiskState())
        {
            riskWalker.snapshot(books, snapshotListener);
        }
        snapshotListener.onCounters(matcher.tradeCount(), clock, matcher.acceptances());
    }

    /**
     * Restore an instrument from a snapshot; instruments must come in id order into an engine that has none yet, each
     * followed by its {@link #restoreInstrumentState}.
     *
     * @param instrument from {@link SnapshotListener#onInstrument}.
     * @throws IllegalStateException if it comes out of order.
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
     * Restore the state of a defined instrument (the one restored last, in a snapshot's order).
     *
     * @param instrumentId   from {@link SnapshotListener#onInstrumentState}.
     * @param halted         whether it is halted.
     * @param delisted       whether it was delisted.
     * @param bandHundredths its price band, 0 when off.
     * @param lastTradePrice its last trade price in units, or {@link Prices#NULL_PRICE}.
     * @throws IllegalStateException if the instrument is not defined.
     */
    public void restoreInstrumentState(
        final int instrumentId,
        final boolean halted,
        final boolean delisted,
        final long bandHundredths,
        final long lastTradePrice)
    {
        if (instrumentId < 0 || instrumentId >= books.length)
        {
            throw new IllegalStateException("state of an unknown instrument: " + instrumentId);
        }
        final OrderBook book = books[instrumentId];
        book.halted(halted);
        book.bandHundredths(bandHundredths);
        final long tick = book.instrument().tickSizeUnits();
        book.lastTradeTicks(lastTradePrice == Prices.NULL_PRICE ? -1 : lastTradePrice / tick);
        if (delisted)
        {
            book.delist();
            instrumentIdsBySymbol.remove(book.instrument().symbol());
        }
    }

    /**
     * Restore a resting order at the back of its price level, emitting no event (and reporting no level change).
     * Orders must come in the order {@link #snapshot} produced them.
     *
     * @param instrumentId        of the book.
     * @param side                of the order.
     * @param orderId             of the order, not open.
     * @param account             that owns it.
     * @param priceUnits          limit price in units, a valid tick multiple.
     * @param remaining           remaining visible quantity.
     * @param hidden              an iceberg's hidden quantity, else 0.
     * @param display             an iceberg's display size, else 0.
     * @param timeInForce         GTC, GTD or POST_ONLY.
     * @param selfTradePrevention the order's mode.
     * @param expiry              expiry time of a GTD order.
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
        final long hidden,
        final long display,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention,
        final long expiry,
        final long acceptance)
    {
        final OrderBook book = instrumentId >= 0 && instrumentId < books.length ? books[instrumentId] : null;
        final long priceTicks = book == null ? -1 : OrderValidator.priceTicks(book, priceUnits);
        if (priceTicks < 0 || remaining <= 0 || matcher.isOpen(orderId))
        {
            throw new IllegalStateException("cannot restore order " + orderId + " of instrument " + instrumentId);
        }
        matcher.rest(book.side(side), orderId, account, priceTicks, remaining + hidden, timeInForce,
            selfTradePrevention, display, expiry, acceptance);
        if (display > 0)
        {
            final int order = ordersById.get(orderId);
            final BookSide bookSide = book.side(side);
            bookSide.requeue(order, orders.level(order), remaining);
            extras.hidden(order, hidden);
        }
        if (levelChanges != null)
        {
            levelChanges.clear();
        }
    }

    /**
     * Restore a waiting stop order at the back of its instrument's stop list, emitting no event. Stops must come in
     * the order {@link #snapshot} produced them.
     *
     * @param instrumentId        of the book.
     * @param side                of the order.
     * @param orderId             of the order, not open.
     * @param account             that owns it.
     * @param orderType           STOP_LIMIT or STOP_MARKET.
     * @param priceUnits          limit price in units, or {@link Prices#NULL_PRICE} for a stop market.
     * @param stopUnits           stop price in units.
     * @param quantity            its quantity.
     * @param timeInForce         its time in force.
     * @param selfTradePrevention its mode.
     * @param expiry              expiry time of a GTD order.
     * @param acceptance          the order's acceptance number.
     * @throws IllegalStateException if the order cannot be restored as given.
     */
    public void restoreStop(
        final int instrumentId,
        final Side side,
        final long orderId,
        final long account,
        final OrderType orderType,
        final long priceUnits,
        final long stopUnits,
        final long quantity,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention,
        final long expiry,
        final long acceptance)
    {
        final OrderBook book = instrumentId >= 0 && instrumentId < books.length ? books[instrumentId] : null;
        final long stopTicks = book == null ? -1 : OrderValidator.priceTicks(book, stopUnits);
        final long limitTicks =
            orderType == OrderType.STOP_LIMIT && book != null ? OrderValidator.priceTicks(book, priceUnits) : -1;
        if (stopTicks < 0 || quantity <= 0 || matcher.isOpen(orderId) ||
            orderType == OrderType.STOP_LIMIT && limitTicks < 0)
        {
            throw new IllegalStateException("cannot restore stop " + orderId + " of instrument " + instrumentId);
        }
        final int order =
            matcher.open(orderId, account, quantity, timeInForce, selfTradePrevention, expiry, acceptance);
        extras.attach(order);
        orders.addFlags(order, OrderStore.STOP);
        extras.stop(order, instrumentId, side.ordinal(), stopTicks, limitTicks);
        book.appendStop(order, extras);
        book.widenStopBounds(side == Side.BUY, stopTicks);
    }

    /**
     * Restore the hold of a restored open order (resting or waiting stop) of an instrument with assets; the balance
     * it is held in must be restored already.
     *
     * @param orderId  of an order restored by {@link #restoreOrder} or {@link #restoreStop}.
     * @param amount   still held for it.
     * @param makerBps maker fee rate it pays.
     * @param takerBps taker fee rate it pays.
     * @throws IllegalStateException if the order is not open on an instrument with assets.
     */
    public void restoreOrderHold(final long orderId, final long amount, final int makerBps, final int takerBps)
    {
        final int order = ordersById.get(orderId);
        if (order == OrderStore.NONE)
        {
            throw new IllegalStateException("no open order with a hold: " + orderId);
        }
        final boolean stop = (orders.flags(order) & OrderStore.STOP) != 0;
        final int instrumentId = stop ? extras.stopInstrument(order) :
            sidesById[levels.sideId(orders.level(order))].book().instrument().id();
        final Side side =
            stop ? Side.get(extras.stopSide(order)) : sidesById[levels.sideId(orders.level(order))].side();
        if (!risk.isEnabled(instrumentId))
        {
            throw new IllegalStateException("order of an instrument without assets: " + orderId);
        }
        risk.restoreHold(order, instrumentId, orders.account(order), side, amount, makerBps, takerBps);
    }

    /**
     * @param tradeCount  from {@link SnapshotListener#onCounters}.
     * @param clock       the engine's clock.
     * @param acceptances number of acceptance numbers given so far.
     */
    public void restoreCounters(final long tradeCount, final long clock, final long acceptances)
    {
        matcher.tradeCount(tradeCount);
        this.clock = clock;
        matcher.acceptances(acceptances);
    }

    /**
     * @return number of open orders over all books: resting orders and waiting stops.
     */
    public int openOrderCount()
    {
        return ordersById.size();
    }

    /**
     * @return open orders that have a record of optional fields (stop, iceberg or GTD orders).
     */
    public int extrasInUse()
    {
        return extras.inUse();
    }

    /**
     * @return open orders that have a hold (orders of instruments with assets).
     */
    public int holdsInUse()
    {
        return risk.holds().inUse();
    }

    /**
     * @return number of trades so far (the last trade id).
     */
    public long tradeCount()
    {
        return matcher.tradeCount();
    }

    /**
     * @return how many order, level and optional-field records the stores grew by beyond their preallocated sizes
     *         (0 in a well-sized steady state; the order and level stores double when they run out, the optional
     *         fields add a page; the holds grow with the order store).
     */
    public long poolGrowth()
    {
        return orders.grown() + levels.grown() + extras.grown();
    }
}
