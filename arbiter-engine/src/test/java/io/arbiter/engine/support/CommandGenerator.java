package io.arbiter.engine.support;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one seeded generator of engine command streams, used by the engine's differential and equivalence tests and
 * (through this module's test-jar) by the journal's recovery, snapshot and replay tests: prices clustered near a mid
 * so that orders cross often, a few accounts so that self-trades are common, all order types, times in force and STP
 * modes, cancels and replaces of open orders (and of unknown ids or by the wrong account), duplicate and reused ids,
 * and invalid input. Given a {@link ReferenceBook} that sees every command, it peeks at it to cancel and replace
 * orders that are really open; without one ({@link #standalone(long)}) it cancels and replaces orders it sent as
 * resting orders, which may have traded or gone since. The same seed and settings give the same stream. Single
 * threaded; produces garbage.
 */
public final class CommandGenerator
{
    /**
     * An instrument of the stream.
     *
     * @param symbol        symbol.
     * @param tickSizeUnits tick size in price units.
     * @param lotSize       lot size.
     * @param midTicks      centre of the generated prices, in ticks.
     */
    public record InstrumentSpec(String symbol, long tickSizeUnits, long lotSize, long midTicks)
    {
    }

    /** Symbols of {@link #STANDARD_INSTRUMENTS}. */
    public static final String[] SYMBOLS = {"AAA", "BBB", "CCC"};

    /** Tick size of every standard instrument, in price units (0.01). */
    public static final long TICK = Prices.UNIT / 100;

    /** Lot size of every standard instrument. */
    public static final long LOT = 10;

    /** Three instruments (ids 0, 1 and 2 in this order) of tick {@link #TICK} and lot {@link #LOT}. */
    public static final List<InstrumentSpec> STANDARD_INSTRUMENTS = List.of(
        new InstrumentSpec(SYMBOLS[0], TICK, LOT, 10_000),
        new InstrumentSpec(SYMBOLS[1], TICK, LOT, 11_000),
        new InstrumentSpec(SYMBOLS[2], TICK, LOT, 12_000));

    private static final int MAX_CANDIDATES = 4096;
    private static final int STANDALONE_ACCOUNTS = 8;
    private static final long STANDALONE_SPREAD_TICKS = 20;

    private final SplittableRandom random;
    private final ReferenceBook reference;
    private final List<InstrumentSpec> instruments;
    private final int accounts;
    private final long spreadTicks;
    private final long maxQuantity;
    private final long maxPriceTicks;
    private final List<Long> candidates = new ArrayList<>();
    private final List<ReferenceBook.OpenOrder> sent = new ArrayList<>();
    private long nextOrderId = 1;
    private long sequence;
    private boolean extended;
    private long clock;

    /**
     * @param seed          of the stream.
     * @param reference     the book the commands go to, used only to find open orders; null to cancel and replace
     *                      the resting orders the generator sent instead.
     * @param instruments   defined in this order (ids from 0).
     * @param accounts      number of accounts, numbered from 1.
     * @param spreadTicks   prices are the mid plus or minus up to this many ticks.
     * @param maxQuantity   the engine's quantity limit.
     * @param maxPriceTicks the engine's price limit in ticks.
     */
    public CommandGenerator(
        final long seed,
        final ReferenceBook reference,
        final List<InstrumentSpec> instruments,
        final int accounts,
        final long spreadTicks,
        final long maxQuantity,
        final long maxPriceTicks)
    {
        this.random = new SplittableRandom(seed);
        this.reference = reference;
        this.instruments = List.copyOf(instruments);
        this.accounts = accounts;
        this.spreadTicks = spreadTicks;
        this.maxQuantity = maxQuantity;
        this.maxPriceTicks = maxPriceTicks;
    }

    /**
     * A generator without a reference book over {@link #STANDARD_INSTRUMENTS}, eight accounts, prices within 20 ticks
     * of each mid and the engine's default limits: the stream of the journal's tests.
     *
     * @param seed of the stream.
     * @return a new generator.
     */
    public static CommandGenerator standalone(final long seed)
    {
        return new CommandGenerator(seed, null, STANDARD_INSTRUMENTS, STANDALONE_ACCOUNTS, STANDALONE_SPREAD_TICKS,
            EngineContext.DEFAULT_MAX_QUANTITY, EngineContext.DEFAULT_MAX_PRICE_TICKS);
    }

    /**
     * @param listener of the engine.
     * @return an engine of 4096 orders with {@link #STANDARD_INSTRUMENTS} defined.
     */
    public static MatchingEngine newStandardEngine(final ExecutionListener listener)
    {
        return newStandardEngine(listener, 1 << 12);
    }

    /**
     * @param listener      of the engine.
     * @param orderPoolSize the engine's order pool; its level pool is a quarter of it, at least 256.
     * @return an engine with {@link #STANDARD_INSTRUMENTS} defined.
     */
    public static MatchingEngine newStandardEngine(final ExecutionListener listener, final int orderPoolSize)
    {
        final MatchingEngine engine = new MatchingEngine(
            new EngineContext().orderPoolSize(orderPoolSize).levelPoolSize(Math.max(256, orderPoolSize / 4)), listener);
        for (final InstrumentSpec spec : STANDARD_INSTRUMENTS)
        {
            engine.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
        }
        return engine;
    }

    /**
     * Also generate the order types and commands of issue #17 (stops, icebergs, GTD with TIME, MASS_CANCEL, HALT,
     * RESUME, BAND, DELIST). Needs a reference book (to follow the clock, halts and delistings). A stream with it is a
     * different stream from the same seed without it. A DELIST leaves its symbol free: the caller must define the
     * instrument again (same symbol and sizes) in every matcher before the next command.
     *
     * @return this.
     */
    public CommandGenerator extended()
    {
        if (reference == null)
        {
            throw new IllegalStateException("the extended stream needs a reference book");
        }
        this.extended = true;
        return this;
    }

    /**
     * @return a new command, to be applied to every matcher before the next call; sequence numbers count from 1.
     */
    public Command next()
    {
        return next(new Command());
    }

    /**
     * Overwrites a command with the next one of the stream, numbered with the given sequence.
     *
     * @param command  to overwrite.
     * @param sequence its sequence number; the next call without one continues from it.
     * @return the command.
     */
    public Command next(final Command command, final long sequence)
    {
        this.sequence = sequence - 1;
        return next(command);
    }

    /**
     * Overwrites a command with the next one of the stream.
     *
     * @param command to overwrite.
     * @return the command.
     */
    public Command next(final Command command)
    {
        if (extended)
        {
            nextExtended(command);
            command.sequence(++sequence).timestampNs(sequence * 1000);
            return command;
        }
        final int roll = random.nextInt(100);
        if (roll < 50)
        {
            validNew(command);
        }
        else if (roll < 56)
        {
            reusedIdNew(command);
        }
        else if (roll < 64)
        {
            invalidNew(command);
        }
        else if (roll < 80)
        {
            cancel(command);
        }
        else
        {
            replace(command);
        }
        command.sequence(++sequence).timestampNs(sequence * 1000);
        return command;
    }

    private void nextExtended(final Command command)
    {
        final int roll = random.nextInt(1000);
        if (roll < 420)
        {
            validNew(command);
            extendNew(command);
        }
        else if (roll < 460)
        {
            reusedIdNew(command);
            extendNew(command);
        }
        else if (roll < 530)
        {
            invalidNew(command);
            extendNew(command);
            corruptExtended(command);
        }
        else if (roll < 660)
        {
            cancel(command);
        }
        else if (roll < 780)
        {
            replace(command);
        }
        else if (roll < 870)
        {
            final long step = random.nextInt(10) == 0 ? 0 : random.nextInt(20);
            clock = reference.clock() + step;
            command.clock(random.nextInt(50) == 0 ? Math.max(0, clock - 5) : clock);
        }
        else if (roll < 910)
        {
            final int k = random.nextInt(10);
            command.massCancel(account(), k < 4 ? Command.ALL_INSTRUMENTS : k < 9 ? currentId(randomSpec()) : -1);
        }
        else if (roll < 950)
        {
            final int id = currentId(randomSpec());
            final boolean halt = !reference.isHalted(id) && random.nextInt(3) == 0;
            command.instrumentCommand(halt ? CommandType.HALT : CommandType.RESUME, random.nextInt(50) == 0 ? -1 : id);
        }
        else if (roll < 995)
        {
            final int k = random.nextInt(10);
            final long band = k < 3 ? 0 : k < 8 ? 1 + random.nextInt(1_000) : k < 9 ? 10_000 : 10_001;
            command.band(currentId(randomSpec()), band);
        }
        else
        {
            command.instrumentCommand(CommandType.DELIST, currentId(randomSpec()));
        }
    }

    /**
     * Turn a NEW into a stop, an iceberg or a GTD order now and then (a valid one stays valid).
     */
    private void extendNew(final Command command)
    {
        final InstrumentSpec spec = instruments.get(specIndexOf(command.instrumentId()));
        final int roll = random.nextInt(100);
        if (roll < 20)
        {
            final boolean market = command.orderType() == OrderType.MARKET;
            command.orderType(market ? OrderType.STOP_MARKET : OrderType.STOP_LIMIT).stopPrice(nearMid(spec));
        }
        else if (roll < 35 && command.orderType() == OrderType.LIMIT &&
            (command.timeInForce() == TimeInForce.GTC || command.timeInForce() == TimeInForce.POST_ONLY))
        {
            final long lots = Math.max(1, command.quantity() / spec.lotSize());
            command.timeInForce(TimeInForce.GTC).displayQuantity(spec.lotSize() * (1 + random.nextLong(lots)));
        }
        if (random.nextInt(100) < 25 && command.orderType() != OrderType.MARKET &&
            command.orderType() != OrderType.STOP_MARKET && command.timeInForce() != TimeInForce.IOC &&
            command.timeInForce() != TimeInForce.FOK && command.timeInForce() != TimeInForce.POST_ONLY)
        {
            command.timeInForce(TimeInForce.GTD).time(reference.clock() + 1 + random.nextInt(60));
        }
        if (command.orderType() == OrderType.LIMIT && command.timeInForce() != TimeInForce.IOC &&
            command.timeInForce() != TimeInForce.FOK && command.timeInForce() != TimeInForce.POST_ONLY)
        {
            remember(command);
        }
        else if (command.orderType() == OrderType.STOP_LIMIT || command.orderType() == OrderType.STOP_MARKET)
        {
            remember(command);
        }
    }

    /**
     * Break one of the #17 rules of a NEW.
     */
    private void corruptExtended(final Command command)
    {
        final InstrumentSpec spec = instruments.get(specIndexOf(command.instrumentId()));
        switch (random.nextInt(6))
        {
            case 0:
                command.stopPrice(random.nextBoolean() ? Prices.NULL_PRICE : invalidPrice(spec));
                break;
            case 1:
                command.displayQuantity(random.nextBoolean() ? command.quantity() + spec.lotSize() :
                    invalidQuantity(spec));
                break;
            case 2:
                command.timeInForce(TimeInForce.GTD).time(random.nextBoolean() ? Command.NO_TIME :
                    Math.max(0, reference.clock() - random.nextInt(3)));
                break;
            case 3:
                command.time(reference.clock() + 5);
                break;
            case 4:
                command.orderType(OrderType.STOP_MARKET).price(Prices.NULL_PRICE).stopPrice(nearMid(spec))
                    .timeInForce(random.nextBoolean() ? TimeInForce.GTD : TimeInForce.GTC);
                break;
            default:
                command.orderType(random.nextBoolean() ? OrderType.STOP_LIMIT : OrderType.LIMIT)
                    .stopPrice(random.nextBoolean() ? nearMid(spec) : Prices.NULL_PRICE);
                break;
        }
    }

    private void remember(final Command command)
    {
        final ReferenceBook.OpenOrder order = new ReferenceBook.OpenOrder(command.orderId(), command.account(),
            command.instrumentId(), command.side(), command.price(), command.quantity(), command.timeInForce(),
            command.selfTradePrevention());
        if (candidates.size() >= MAX_CANDIDATES)
        {
            final int index = random.nextInt(candidates.size());
            candidates.set(index, command.orderId());
            sent.set(index, order);
        }
        else
        {
            candidates.add(command.orderId());
            sent.add(order);
        }
    }

    private int randomSpec()
    {
        return random.nextInt(instruments.size());
    }

    /**
     * @return the current id of a spec's instrument (a delisted one defined again has a new id).
     */
    private int currentId(final int specIndex)
    {
        if (reference == null)
        {
            return specIndex;
        }
        final int id = reference.instrumentId(instruments.get(specIndex).symbol());
        return id < 0 ? specIndex : id;
    }

    /**
     * @return the spec of an instrument id, by its symbol (any index for an id that is not defined).
     */
    private int specIndexOf(final int instrumentId)
    {
        if (instrumentId >= 0 && instrumentId < instruments.size() && reference == null)
        {
            return instrumentId;
        }
        if (reference != null && instrumentId >= 0)
        {
            try
            {
                final String symbol = reference.instrument(instrumentId).symbol();
                for (int i = 0; i < instruments.size(); i++)
                {
                    if (instruments.get(i).symbol().equals(symbol))
                    {
                        return i;
                    }
                }
            }
            catch (final IndexOutOfBoundsException ex)
            {
                return Math.floorMod(instrumentId, instruments.size());
            }
        }
        return Math.floorMod(instrumentId, instruments.size());
    }

    private void validNew(final Command command)
    {
        fillValidNew(command, nextOrderId++);
        if (!extended && command.orderType() == OrderType.LIMIT &&
            (command.timeInForce() == TimeInForce.GTC || command.timeInForce() == TimeInForce.POST_ONLY))
        {
            final ReferenceBook.OpenOrder order = new ReferenceBook.OpenOrder(command.orderId(), command.account(),
                command.instrumentId(), command.side(), command.price(), command.quantity(), command.timeInForce(),
                command.selfTradePrevention());
            if (candidates.size() >= MAX_CANDIDATES)
            {
                final int index = random.nextInt(candidates.size());
                candidates.set(index, command.orderId());
                sent.set(index, order);
            }
            else
            {
                candidates.add(command.orderId());
                sent.add(order);
            }
        }
    }

    private void reusedIdNew(final Command command)
    {
        final ReferenceBook.OpenOrder open = random.nextBoolean() ? pickOpen() : null;
        final long id = null != open ? open.orderId() : 1 + random.nextLong(nextOrderId);
        fillValidNew(command, id);
    }

    private void fillValidNew(final Command command, final long orderId)
    {
        final int specIndex = random.nextInt(instruments.size());
        final int instrumentId = extended ? currentId(specIndex) : specIndex;
        final InstrumentSpec spec = instruments.get(specIndex);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final boolean market = random.nextInt(100) < 12;
        final TimeInForce tif;
        if (market)
        {
            tif = random.nextInt(100) < 60 ? TimeInForce.IOC : TimeInForce.FOK;
        }
        else
        {
            final int t = random.nextInt(100);
            tif = t < 45 ? TimeInForce.GTC :
                t < 65 ? TimeInForce.IOC :
                t < 80 ? TimeInForce.FOK : TimeInForce.POST_ONLY;
        }
        command.newOrder(
            orderId,
            account(),
            instrumentId,
            side,
            market ? OrderType.MARKET : OrderType.LIMIT,
            tif,
            market ? Prices.NULL_PRICE : nearMid(spec),
            quantity(spec),
            stp());
    }

    private void invalidNew(final Command command)
    {
        fillValidNew(command, random.nextInt(4) == 0 ? 1 + random.nextLong(nextOrderId) : nextOrderId++);
        boolean corrupted = false;
        while (!corrupted)
        {
            if (random.nextInt(4) == 0)
            {
                final int k = random.nextInt(3);
                command.instrumentId(k == 0 ? -1 : k == 1 ? instruments.size() : Integer.MAX_VALUE);
                corrupted = true;
            }
            if (random.nextInt(4) == 0)
            {
                command.orderType(OrderType.MARKET)
                    .timeInForce(random.nextBoolean() ? TimeInForce.GTC : TimeInForce.POST_ONLY);
                corrupted = true;
            }
            final InstrumentSpec spec = instruments.get(extended ? specIndexOf(command.instrumentId()) :
                Math.floorMod(command.instrumentId(), instruments.size()));
            if (random.nextInt(4) == 0)
            {
                command.quantity(invalidQuantity(spec));
                corrupted = true;
            }
            if (random.nextInt(4) == 0)
            {
                if (command.orderType() == OrderType.MARKET)
                {
                    command.price(random.nextBoolean() ? nearMid(spec) : 0);
                }
                else
                {
                    command.price(invalidPrice(spec));
                }
                corrupted = true;
            }
        }
    }

    private void cancel(final Command command)
    {
        final int roll = random.nextInt(100);
        final ReferenceBook.OpenOrder open = pickOpen();
        if (roll < 80 && null != open)
        {
            command.cancel(open.orderId(), open.account());
        }
        else if (roll < 90 && null != open)
        {
            command.cancel(open.orderId(), otherAccount(open.account()));
        }
        else
        {
            command.cancel(unknownOrFinishedId(), account());
        }
    }

    private void replace(final Command command)
    {
        final int roll = random.nextInt(100);
        final ReferenceBook.OpenOrder open = pickOpen();
        if (null == open || roll < 5)
        {
            final InstrumentSpec spec = instruments.get(random.nextInt(instruments.size()));
            command.replace(unknownOrFinishedId(), account(), nearMid(spec), quantity(spec));
            return;
        }
        final InstrumentSpec spec = instruments.get(extended ? specIndexOf(open.instrumentId()) : open.instrumentId());
        final long lot = spec.lotSize();
        final long account = roll < 12 ? otherAccount(open.account()) : open.account();
        if (roll < 25)
        {
            final long lots = open.remaining() / lot;
            command.replace(open.orderId(), account, open.priceUnits(), lot * (1 + random.nextLong(lots)));
        }
        else if (roll < 40)
        {
            final long increased = open.remaining() + lot * (1 + random.nextInt(5));
            command.replace(open.orderId(), account, open.priceUnits(), increased);
        }
        else if (roll < 85)
        {
            final long quantity = random.nextBoolean() ? open.remaining() : quantity(spec);
            command.replace(open.orderId(), account, nearMid(spec), quantity);
        }
        else
        {
            final int k = random.nextInt(3);
            command.replace(
                open.orderId(),
                account,
                k == 1 ? open.priceUnits() : invalidPrice(spec),
                k == 2 ? open.remaining() : invalidQuantity(spec));
        }
    }

    private ReferenceBook.OpenOrder pickOpen()
    {
        for (int attempt = 0; attempt < 8 && !candidates.isEmpty(); attempt++)
        {
            final int index = random.nextInt(candidates.size());
            final ReferenceBook.OpenOrder open = null == reference ? sent.get(index) :
                reference.openOrder(candidates.get(index));
            if (null != open)
            {
                return open;
            }
            final long last = candidates.remove(candidates.size() - 1);
            final ReferenceBook.OpenOrder lastSent = sent.remove(sent.size() - 1);
            if (index < candidates.size())
            {
                candidates.set(index, last);
                sent.set(index, lastSent);
            }
        }
        return null;
    }

    private long unknownOrFinishedId()
    {
        final int k = random.nextInt(4);
        if (k == 0)
        {
            return nextOrderId + 1_000_000 + random.nextInt(1000);
        }
        if (k == 1)
        {
            return -1 - random.nextInt(10);
        }
        for (int attempt = 0; attempt < 4; attempt++)
        {
            final long id = 1 + random.nextLong(nextOrderId);
            if (null == reference || null == reference.openOrder(id))
            {
                return id;
            }
        }
        return 0;
    }

    private long account()
    {
        return 1 + random.nextInt(accounts);
    }

    private long otherAccount(final long account)
    {
        return account % accounts + 1 + (accounts == 1 ? 1 : 0);
    }

    private SelfTradePrevention stp()
    {
        final int roll = random.nextInt(10);
        if (roll < 4)
        {
            return SelfTradePrevention.NONE;
        }
        return SelfTradePrevention.get(1 + (roll - 4) % 3);
    }

    private long nearMid(final InstrumentSpec spec)
    {
        final long ticks = spec.midTicks() + random.nextLong(2 * spreadTicks + 1) - spreadTicks;
        return Math.max(1, ticks) * spec.tickSizeUnits();
    }

    private long quantity(final InstrumentSpec spec)
    {
        final long lots = random.nextInt(10) == 0 ? 1 + random.nextInt(60) : 1 + random.nextInt(10);
        return lots * spec.lotSize();
    }

    private long invalidQuantity(final InstrumentSpec spec)
    {
        final int k = random.nextInt(spec.lotSize() > 1 ? 5 : 4);
        switch (k)
        {
            case 0:
                return 0;
            case 1:
                return -spec.lotSize() * (1 + random.nextInt(5));
            case 2:
                return (maxQuantity / spec.lotSize() + 1 + random.nextInt(3)) * spec.lotSize();
            case 3:
                return Long.MIN_VALUE;
            default:
                return spec.lotSize() * (1 + random.nextInt(5)) + 1 + random.nextLong(spec.lotSize() - 1);
        }
    }

    private long invalidPrice(final InstrumentSpec spec)
    {
        final int k = random.nextInt(spec.tickSizeUnits() > 1 ? 6 : 5);
        switch (k)
        {
            case 0:
                return Prices.NULL_PRICE;
            case 1:
                return 0;
            case 2:
                return -nearMid(spec);
            case 3:
            {
                final long ticks = maxPriceTicks + 1 + random.nextInt(3);
                return ticks <= Long.MAX_VALUE / spec.tickSizeUnits() ?
                    ticks * spec.tickSizeUnits() : Long.MAX_VALUE - Long.MAX_VALUE % spec.tickSizeUnits();
            }
            case 4:
                return Long.MAX_VALUE - Long.MAX_VALUE % spec.tickSizeUnits();
            default:
                return nearMid(spec) + 1 + random.nextLong(spec.tickSizeUnits() - 1);
        }
    }
}
