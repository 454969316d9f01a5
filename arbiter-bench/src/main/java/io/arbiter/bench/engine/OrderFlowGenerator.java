package io.arbiter.bench.engine;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded generator of order flow modelled on a busy order book: GTC limits clustered near the touch (most of the
 * flow), IOC limits and market orders that take liquidity, cancels and replaces of resting orders. It is also the
 * engine's {@link ExecutionListener}, so it knows which of its orders rest and keeps the book near a target size.
 * Single threaded: the matching thread owns it; it allocates nothing after construction.
 * <p>
 * Resting orders live in slots; an order id is {@code serial << slotBits | slot}, so an event finds its slot without a
 * map. Liquidity-taking orders use a reserved slot that never rests. Like real flow, most cancels and replaces
 * ({@link #RECENT_TARGET_PERMILLE}) hit recently added orders; the rest hit any resting order.
 */
public final class OrderFlowGenerator implements ExecutionListener
{
    /** Tick size of every generated instrument: 0.01. */
    public static final long TICK_SIZE_UNITS = Prices.UNIT / 100;
    /** Lot size of every generated instrument. */
    public static final long LOT_SIZE = 100;
    /** Reference best bid of every book at start, in ticks (100.00). */
    public static final int CENTER_TICK = 10_000;

    /** Share of steady-state commands, per mille, that are IOC limit orders. */
    public static final int IOC_PERMILLE = 60;
    /** Share of steady-state commands, per mille, that are market orders. */
    public static final int MARKET_PERMILLE = 40;
    /** Share of steady-state commands, per mille, that are replaces. */
    public static final int REPLACE_PERMILLE = 150;
    /** Share of GTC adds, per mille, priced at the opposite touch (marketable). */
    public static final int AGGRESSIVE_GTC_PERMILLE = 100;
    /** Share of cancels, per mille, that target an order that has just finished (too late to cancel). */
    public static final int LATE_CANCEL_PERMILLE = 10;
    /** Number of accounts the orders are spread over. */
    public static final int ACCOUNTS = 10_000;
    /** Maker fee of the instruments with risk, in basis points. */
    public static final int RISK_MAKER_BPS = 1;
    /** Taker fee of the instruments with risk, in basis points. */
    public static final int RISK_TAKER_BPS = 2;
    /** Deposit of each base asset per account with risk: 10^8 whole units, in 10^-8 units. */
    public static final long FUNDING_BASE = 100_000_000L * Prices.UNIT;
    /** Deposit of the quote asset per account with risk: 10^10 whole units, in 10^-8 units. */
    public static final long FUNDING_QUOTE = 10_000_000_000L * Prices.UNIT;

    /** Index into {@link #commandCount(int)}: passive adds of the build phase. */
    public static final int KIND_BUILD = 0;
    /** Index into {@link #commandCount(int)}: GTC limit orders. */
    public static final int KIND_GTC = 1;
    /** Index into {@link #commandCount(int)}: IOC limit orders. */
    public static final int KIND_IOC = 2;
    /** Index into {@link #commandCount(int)}: market orders. */
    public static final int KIND_MARKET = 3;
    /** Index into {@link #commandCount(int)}: cancels. */
    public static final int KIND_CANCEL = 4;
    /** Index into {@link #commandCount(int)}: replaces. */
    public static final int KIND_REPLACE = 5;
    /** Number of command kinds. */
    public static final int KIND_COUNT = 8;
    /** Command kind: a stop market order (mix {@link #MIX_STOPS_ICEBERGS} only). */
    public static final int KIND_STOP = 6;
    /** Command kind: an iceberg GTC order (mix {@link #MIX_STOPS_ICEBERGS} only), also counted as a GTC. */
    public static final int KIND_ICEBERG = 7;
    /** Name of the plain mix. */
    public static final String MIX_PLAIN = "plain";
    /** Name of the mix with 10 % stop market orders and icebergs for 10 % of the commands. */
    public static final String MIX_STOPS_ICEBERGS = "stops-icebergs";
    /** Share of commands that are stop orders in {@link #MIX_STOPS_ICEBERGS}, per mille. */
    public static final int STOP_PERMILLE = 100;
    /** Most stops left waiting at once; beyond it a stop's turn sends a market order instead. */
    public static final int MAX_WAITING_STOPS = 1_000;

    /** Share of cancels and replaces, per mille, that target one of the most recently added orders if it rests. */
    public static final int RECENT_TARGET_PERMILLE = 800;
    /** How many of the most recently added orders count as recent. */
    public static final int RECENT_ORDERS = 4096;

    private static final int MAX_LOTS = 100;
    private static final int SLOT_STRIDE = 4;
    private static final int ORDER_ID = 0;
    private static final int QUANTITY = 1;
    private static final int PRICE_ACCOUNT = 2;
    private static final int LIVE_INDEX = 3;

    private final SplittableRandom random;
    private final int instrumentCount;
    private final int targetResting;
    private final int levelsPerSide;
    private final int band;
    private final double meanDepth;
    private final int minTick;
    private final int maxTick;
    private final int tickRange;
    private final int capacity;
    private final int slotBits;
    private final long slotMask;
    private final int takerSlot;

    private final long[] slots;
    private final long[] recentOrderIds;
    private final int[] liveSlots;
    private final int[] freeSlots;
    private final int[] levelOrderCounts;
    private final int[] referenceTick;
    private final long[] commandCounts = new long[KIND_COUNT];

    private int liveCount;
    private int freeCount;
    private int occupiedLevels;
    private long serial;
    private boolean stopsAndIcebergs;
    private long waitingStops;
    private long sequence;
    private long lastFinishedOrderId = -1;
    private long lastFinishedAccount = 1;
    private long trades;
    private long rejects;
    private long insufficientFunds;

    /**
     * Produces garbage (sizes every array once).
     *
     * @param seed            of the random sequence; the same seed and engine give the same flow.
     * @param instrumentCount number of books, with ids 0 to count - 1 (see {@link #addInstruments(MatchingEngine)}).
     * @param targetResting   resting orders to keep over all books.
     * @param levelsPerBook   price levels per book the resting orders spread over (both sides together).
     */
    public OrderFlowGenerator(
        final long seed, final int instrumentCount, final int targetResting, final int levelsPerBook)
    {
        if (instrumentCount < 1 || instrumentCount > 256 || targetResting < 1 || levelsPerBook < 4)
        {
            throw new IllegalArgumentException("need 1 to 256 instruments, >= 1 resting order and >= 4 levels");
        }
        this.random = new SplittableRandom(seed);
        this.instrumentCount = instrumentCount;
        this.targetResting = targetResting;
        this.levelsPerSide = levelsPerBook / 2;
        this.band = Math.max(2, levelsPerBook / 50);
        this.meanDepth = Math.max(1.0, levelsPerSide / 6.0);
        this.minTick = CENTER_TICK - band - levelsPerSide - 4;
        this.maxTick = CENTER_TICK + band + levelsPerSide + 5;
        if (minTick <= 0)
        {
            throw new IllegalArgumentException("too many levels: " + levelsPerBook);
        }
        this.tickRange = maxTick - minTick + 1;
        this.capacity = targetResting + targetResting / 2 + 1024;
        this.slotBits = 32 - Integer.numberOfLeadingZeros(capacity);
        this.slotMask = (1L << slotBits) - 1;
        this.takerSlot = capacity;

        slots = new long[(capacity + 1) * SLOT_STRIDE];
        recentOrderIds = new long[RECENT_ORDERS];
        liveSlots = new int[capacity];
        freeSlots = new int[capacity];
        levelOrderCounts = new int[instrumentCount * tickRange];
        referenceTick = new int[instrumentCount];
        for (int slot = 0; slot <= capacity; slot++)
        {
            slots[slot * SLOT_STRIDE + LIVE_INDEX] = -1;
        }
        Arrays.fill(recentOrderIds, -1);
        Arrays.fill(referenceTick, CENTER_TICK);
        for (int i = 0; i < capacity; i++)
        {
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    /**
     * Define this generator's instruments in an empty engine (control plane, produces garbage).
     *
     * @param engine with no instruments yet.
     */
    public void addInstruments(final MatchingEngine engine)
    {
        addInstruments(engine, false);
    }

    /**
     * Define this generator's instruments in an empty engine (control plane, produces garbage), with spot risk: each
     * trades its own base asset {@code BASE<i>} against the common quote asset {@code QUOTE}, with fees of
     * {@link #RISK_MAKER_BPS} and {@link #RISK_TAKER_BPS}; then {@link #fundAccounts} must fund the accounts.
     *
     * @param engine with no instruments yet.
     * @param risk   whether the instruments have assets.
     */
    public void addInstruments(final MatchingEngine engine, final boolean risk)
    {
        for (int i = 0; i < instrumentCount; i++)
        {
            final int id = (risk ?
                engine.addInstrument("BENCH" + i, TICK_SIZE_UNITS, LOT_SIZE, "BASE" + i, "QUOTE") :
                engine.addInstrument("BENCH" + i, TICK_SIZE_UNITS, LOT_SIZE)).id();
            if (risk)
            {
                engine.riskControls().fees(id, RISK_MAKER_BPS, RISK_TAKER_BPS);
            }
            if (id != i)
            {
                throw new IllegalStateException("engine already had instruments");
            }
        }
    }

    /**
     * Deposit {@link #FUNDING_BASE} of every base asset and {@link #FUNDING_QUOTE} of the quote asset into each of the
     * {@link #ACCOUNTS} accounts, 1 to {@value #ACCOUNTS} (control plane), enough that no order of the flow is short
     * of funds.
     *
     * @param engine whose instruments {@link #addInstruments(MatchingEngine, boolean)} defined with risk.
     * @return number of (account, asset) balances funded.
     */
    public long fundAccounts(final MatchingEngine engine)
    {
        final int quote = engine.riskControls().assetId("QUOTE");
        long balances = 0;
        for (int account = 1; account <= ACCOUNTS; account++)
        {
            engine.riskControls().deposit(account, quote, FUNDING_QUOTE);
            balances++;
            for (int i = 0; i < instrumentCount; i++)
            {
                engine.riskControls().deposit(account, engine.riskControls().assetId("BASE" + i), FUNDING_BASE);
                balances++;
            }
        }
        return balances;
    }

    /**
     * Fill a command with a passive GTC add that does not cross: used to build the book before measuring.
     *
     * @param command to overwrite.
     * @return the command.
     */
    public Command nextBuild(final Command command)
    {
        stamp(command);
        final int instrument = random.nextInt(instrumentCount);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        commandCounts[KIND_BUILD]++;
        return newResting(command, instrument, side, passiveTick(instrument, side), quantity());
    }

    /**
     * Fill a command with the next steady-state command: a mix of adds, takers, cancels and replaces that keeps the
     * number of resting orders near the target.
     *
     * @param command to overwrite.
     * @return the command.
     */
    public Command next(final Command command)
    {
        stamp(command);
        final int instrument = random.nextInt(instrumentCount);
        maybeMoveReference(instrument);

        if (stopsAndIcebergs && random.nextInt(1000) < STOP_PERMILLE)
        {
            if (waitingStops < MAX_WAITING_STOPS)
            {
                commandCounts[KIND_STOP]++;
                return stop(command, instrument);
            }
            commandCounts[KIND_MARKET]++;
            return market(command, instrument);
        }
        int r = random.nextInt(1000);
        if (r < IOC_PERMILLE)
        {
            commandCounts[KIND_IOC]++;
            return ioc(command, instrument);
        }
        r -= IOC_PERMILLE;
        if (r < MARKET_PERMILLE)
        {
            commandCounts[KIND_MARKET]++;
            return market(command, instrument);
        }
        r -= MARKET_PERMILLE;
        if (r < REPLACE_PERMILLE && liveCount > 0)
        {
            commandCounts[KIND_REPLACE]++;
            return replace(command);
        }

        if ((random.nextInt(1000) < addPermille() && freeCount > 0) || liveCount == 0)
        {
            commandCounts[KIND_GTC]++;
            return gtc(command, instrument);
        }
        commandCounts[KIND_CANCEL]++;
        return cancel(command);
    }

    private int addPermille()
    {
        final long permille = 550 + 30_000L * (targetResting - liveCount) / targetResting;
        return (int)Math.max(100, Math.min(900, permille));
    }

    private void stamp(final Command command)
    {
        sequence++;
        command.sequence(sequence).timestampNs(sequence * 1_000L);
    }

    private void maybeMoveReference(final int instrument)
    {
        if (random.nextInt(100) == 0)
        {
            final int offset = referenceTick[instrument] - CENTER_TICK;
            final boolean up = random.nextInt(2 * band) >= offset + band;
            referenceTick[instrument] += up ? 1 : -1;
        }
    }

    private Command gtc(final Command command, final int instrument)
    {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final int tick;
        if (random.nextInt(1000) < AGGRESSIVE_GTC_PERMILLE)
        {
            tick = side == Side.BUY ? referenceTick[instrument] + 1 : referenceTick[instrument];
        }
        else
        {
            tick = passiveTick(instrument, side);
        }
        final long quantity = quantity();
        newResting(command, instrument, side, tick, quantity);
        if (stopsAndIcebergs && quantity > LOT_SIZE && random.nextInt(4) == 0)
        {
            commandCounts[KIND_ICEBERG]++;
            command.displayQuantity(LOT_SIZE * (1 + random.nextLong(quantity / LOT_SIZE - 1)));
        }
        return command;
    }

    private Command ioc(final Command command, final int instrument)
    {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final int depth = random.nextInt(3);
        final int tick = side == Side.BUY ? referenceTick[instrument] + 1 + depth : referenceTick[instrument] - depth;
        final long quantity = quantity() * (1 + random.nextInt(3));
        return command.newOrder(
            takerOrderId(), account(), instrument, side, OrderType.LIMIT, TimeInForce.IOC, tick * TICK_SIZE_UNITS,
            quantity, SelfTradePrevention.NONE);
    }

    /**
     * A stop market IOC whose stop price is at or near the reference price, so that it triggers soon.
     */
    private Command stop(final Command command, final int instrument)
    {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final int offset = random.nextInt(3);
        final int tick = side == Side.BUY ? referenceTick[instrument] + offset : referenceTick[instrument] + 1 - offset;
        waitingStops++;
        return command.newOrder(
            takerOrderId(), account(), instrument, side, OrderType.STOP_MARKET, TimeInForce.IOC, Prices.NULL_PRICE,
            quantity(), SelfTradePrevention.NONE).stopPrice(tick * TICK_SIZE_UNITS);
    }

    private Command market(final Command command, final int instrument)
    {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        return command.newOrder(
            takerOrderId(), account(), instrument, side, OrderType.MARKET, TimeInForce.IOC, Prices.NULL_PRICE,
            quantity(), SelfTradePrevention.NONE);
    }

    private Command cancel(final Command command)
    {
        if (lastFinishedOrderId >= 0 && random.nextInt(1000) < LATE_CANCEL_PERMILLE)
        {
            return command.cancel(lastFinishedOrderId, lastFinishedAccount);
        }
        final int slot = targetSlot();
        return command.cancel(orderIdOf(slot), accountOf(slot));
    }

    private Command replace(final Command command)
    {
        final int slot = targetSlot();
        final long quantity = slots[slot * SLOT_STRIDE + QUANTITY];
        if (quantity > LOT_SIZE && random.nextBoolean())
        {
            final long lots = quantity / LOT_SIZE;
            final long newQuantity = (1 + random.nextLong(lots - 1)) * LOT_SIZE;
            return command.replace(orderIdOf(slot), accountOf(slot), tickOf(slot) * TICK_SIZE_UNITS, newQuantity);
        }
        final int move = 1 + random.nextInt(3);
        final int tick = clampTick(tickOf(slot) + (random.nextBoolean() ? move : -move));
        return command.replace(orderIdOf(slot), accountOf(slot), tick * TICK_SIZE_UNITS, quantity());
    }

    private int targetSlot()
    {
        if (random.nextInt(1000) < RECENT_TARGET_PERMILLE)
        {
            final int slot = liveSlot(recentOrderIds[random.nextInt(RECENT_ORDERS)]);
            if (slot >= 0)
            {
                return slot;
            }
        }
        return liveSlots[random.nextInt(liveCount)];
    }

    private long orderIdOf(final int slot)
    {
        return slots[slot * SLOT_STRIDE + ORDER_ID];
    }

    private int tickOf(final int slot)
    {
        return (int)slots[slot * SLOT_STRIDE + PRICE_ACCOUNT];
    }

    private long accountOf(final int slot)
    {
        return (slots[slot * SLOT_STRIDE + PRICE_ACCOUNT] >>> 32) & 0xFFFF;
    }

    private int instrumentOf(final int slot)
    {
        return (int)(slots[slot * SLOT_STRIDE + PRICE_ACCOUNT] >>> 48);
    }

    private static long pack(final int tick, final int account, final int instrument)
    {
        return (tick & 0xFFFF_FFFFL) | ((long)account << 32) | ((long)instrument << 48);
    }

    private Command newResting(
        final Command command, final int instrument, final Side side, final int tick, final long quantity)
    {
        final int slot = freeSlots[--freeCount];
        final long orderId = (++serial << slotBits) | slot;
        final int account = account();
        final int base = slot * SLOT_STRIDE;
        slots[base + ORDER_ID] = orderId;
        slots[base + QUANTITY] = quantity;
        slots[base + PRICE_ACCOUNT] = pack(tick, account, instrument);
        slots[base + LIVE_INDEX] = liveCount;
        liveSlots[liveCount++] = slot;
        recentOrderIds[(int)(serial & (RECENT_ORDERS - 1))] = orderId;
        addToLevel(instrument, tick);
        return command.newOrder(
            orderId, account, instrument, side, OrderType.LIMIT, TimeInForce.GTC, tick * TICK_SIZE_UNITS, quantity,
            SelfTradePrevention.NONE);
    }

    private long takerOrderId()
    {
        return (++serial << slotBits) | takerSlot;
    }

    private int account()
    {
        return 1 + random.nextInt(ACCOUNTS);
    }

    private long quantity()
    {
        final double u = random.nextDouble();
        return (1 + (long)(u * u * u * (MAX_LOTS - 1))) * LOT_SIZE;
    }

    private int passiveTick(final int instrument, final Side side)
    {
        int depth = (int)(-meanDepth * Math.log(1.0 - random.nextDouble()));
        if (depth >= levelsPerSide)
        {
            depth = random.nextInt(levelsPerSide);
        }
        final int reference = referenceTick[instrument];
        return clampTick(side == Side.BUY ? reference - depth : reference + 1 + depth);
    }

    private int clampTick(final int tick)
    {
        return Math.max(minTick, Math.min(maxTick, tick));
    }

    private void addToLevel(final int instrument, final int tick)
    {
        if (levelOrderCounts[instrument * tickRange + tick - minTick]++ == 0)
        {
            occupiedLevels++;
        }
    }

    private void removeFromLevel(final int instrument, final int tick)
    {
        if (--levelOrderCounts[instrument * tickRange + tick - minTick] == 0)
        {
            occupiedLevels--;
        }
    }

    private int liveSlot(final long orderId)
    {
        final int slot = (int)(orderId & slotMask);
        if (orderId >= 0 && slot < capacity && slots[slot * SLOT_STRIDE + LIVE_INDEX] >= 0 &&
            slots[slot * SLOT_STRIDE + ORDER_ID] == orderId)
        {
            return slot;
        }
        return -1;
    }

    private void finish(final int slot)
    {
        final int index = (int)slots[slot * SLOT_STRIDE + LIVE_INDEX];
        final int last = liveSlots[--liveCount];
        liveSlots[index] = last;
        slots[last * SLOT_STRIDE + LIVE_INDEX] = index;
        slots[slot * SLOT_STRIDE + LIVE_INDEX] = -1;
        freeSlots[freeCount++] = slot;
        removeFromLevel(instrumentOf(slot), tickOf(slot));
        lastFinishedOrderId = orderIdOf(slot);
        lastFinishedAccount = accountOf(slot);
    }

    private void settle(final long orderId, final long leaves)
    {
        final int slot = liveSlot(orderId);
        if (slot >= 0)
        {
            if (leaves == 0)
            {
                finish(slot);
            }
            else
            {
                slots[slot * SLOT_STRIDE + QUANTITY] = leaves;
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onAccepted(final long orderId, final long account)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onTriggered(final long orderId, final long account)
    {
        waitingStops--;
    }

    /**
     * Switch to the {@link #MIX_STOPS_ICEBERGS} mix: 10 % of the commands are stop market orders near the reference
     * price, and a quarter of the resting GTC orders (about 10 % of the commands) are icebergs. Call before the first
     * command; the plain mix's stream is unchanged without it.
     *
     * @return this.
     */
    public OrderFlowGenerator stopsAndIcebergs()
    {
        this.stopsAndIcebergs = true;
        return this;
    }

    /**
     * @return whether the flow is the {@link #MIX_STOPS_ICEBERGS} mix.
     */
    public boolean hasStopsAndIcebergs()
    {
        return stopsAndIcebergs;
    }

    /**
     * @return stop orders sent and not yet triggered (they are open orders of the engine).
     */
    public long waitingStops()
    {
        return waitingStops;
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide,
        final long makerOrderId,
        final long makerAccount,
        final long makerLeaves,
        final long takerOrderId,
        final long takerAccount,
        final long takerLeaves)
    {
        trades++;
        settle(makerOrderId, makerLeaves);
        settle(takerOrderId, takerLeaves);
    }

    /**
     * {@inheritDoc}
     */
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
        if (reason == CancelReason.INSUFFICIENT_FUNDS)
        {
            insufficientFunds++;
        }
        final int slot = liveSlot(orderId);
        if (slot >= 0)
        {
            finish(slot);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
        final int slot = liveSlot(orderId);
        if (slot >= 0)
        {
            final int instrument = instrumentOf(slot);
            final int tick = (int)(newPrice / TICK_SIZE_UNITS);
            removeFromLevel(instrument, tickOf(slot));
            slots[slot * SLOT_STRIDE + PRICE_ACCOUNT] = pack(tick, (int)accountOf(slot), instrument);
            slots[slot * SLOT_STRIDE + QUANTITY] = newQty;
            addToLevel(instrument, tick);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
        rejects++;
        if (reason == RejectReason.INSUFFICIENT_FUNDS)
        {
            insufficientFunds++;
        }
        if (type == CommandType.NEW)
        {
            final int slot = liveSlot(orderId);
            if (slot >= 0)
            {
                finish(slot);
            }
        }
    }

    /**
     * @return orders rejected or cancelled for INSUFFICIENT_FUNDS so far (0 with well-funded accounts).
     */
    public long insufficientFunds()
    {
        return insufficientFunds;
    }

    /**
     * @return orders of this generator resting in the engine, as its events report them.
     */
    public int restingCount()
    {
        return liveCount;
    }

    /**
     * @return target number of resting orders.
     */
    public int targetResting()
    {
        return targetResting;
    }

    /**
     * @return slots for resting orders: an engine order pool at least this big never grows.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return number of distinct (instrument, price) pairs with at least one resting order.
     */
    public int occupiedLevels()
    {
        return occupiedLevels;
    }

    /**
     * @return highest number of distinct prices one book can use (bounds the engine's level pool).
     */
    public int maxLevelsPerBook()
    {
        return tickRange;
    }

    /**
     * @return number of instruments.
     */
    public int instrumentCount()
    {
        return instrumentCount;
    }

    /**
     * @return trade events seen.
     */
    public long trades()
    {
        return trades;
    }

    /**
     * @return rejections seen (late cancels are expected to be rejected).
     */
    public long rejects()
    {
        return rejects;
    }

    /**
     * @param kind one of the {@code KIND_*} constants.
     * @return commands of that kind generated so far.
     */
    public long commandCount(final int kind)
    {
        return commandCounts[kind];
    }

    /**
     * @return commands generated so far.
     */
    public long commandsGenerated()
    {
        return sequence;
    }
}
