package io.arbiter.app.match;

import java.util.ArrayList;
import java.util.function.ToIntFunction;

import org.agrona.collections.Object2LongHashMap;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.engine.risk.Amounts;
import io.arbiter.engine.risk.SpotRisk;

/**
 * Parses the lines of an {@code arbiter match} command file into engine {@link Command}s and instrument definitions
 * (format in {@code docs/match-format.md}). Account names become dense ids in order of first appearance; symbols are
 * resolved by the given function, -1 for an unknown symbol so that the engine rejects it. Single threaded.
 */
final class CommandFileParser
{
    /**
     * Quantity passed to the engine for a well-formed number that is not an integer or does not fit a {@code long}:
     * the engine rejects it as an invalid quantity.
     */
    static final long INVALID_QUANTITY = 0;

    /**
     * Display quantity passed to the engine for {@code display=0} or a well-formed number that is not an integer or
     * does not fit a {@code long}: the engine rejects it as an invalid display quantity (0 would mean "none").
     */
    static final long INVALID_DISPLAY = -1;

    /** {@link Prices} units of a hundredth of a percent. */
    private static final long HUNDREDTH_UNITS = Prices.UNIT / 100;

    /**
     * What a line turned out to be.
     */
    enum LineKind
    {
        /** Blank or comment line: nothing to do. */
        SKIP,
        /** An instrument definition: see {@link #symbol()}, {@link #tickSizeUnits()}, {@link #lotSize()}. */
        INSTRUMENT,
        /** An engine command, written into the command passed to {@link #parse}. */
        COMMAND,
        /** A deposit: see {@link #account()}, {@link #asset()}, {@link #amount()}. */
        DEPOSIT,
        /** A withdrawal: see {@link #account()}, {@link #asset()}, {@link #amount()}. */
        WITHDRAW,
        /** Fees of an instrument: see {@link #instrumentId()}, {@link #makerBps()}, {@link #takerBps()}. */
        FEES,
        /** Limits of an instrument: see {@link #instrumentId()}, {@link #maxQuantity()}, {@link #maxNotional()}. */
        LIMITS,
        /** The kill switch of an account: see {@link #account()}. */
        DISABLE,
        /** The end of an account's kill switch: see {@link #account()}. */
        ENABLE
    }

    /** The reserved name of the account that collects fees. */
    static final String FEE_ACCOUNT_NAME = "FEES";

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] ORDER_TYPES = OrderType.values();
    private static final TimeInForce[] TIME_IN_FORCES = TimeInForce.values();
    private static final SelfTradePrevention[] STP_MODES = SelfTradePrevention.values();

    private final LineFields fields = new LineFields();
    private final ToIntFunction<String> symbolResolver;
    private final ToIntFunction<String> assetResolver;
    private final ToIntFunction<String> riskSymbolResolver;
    private final ArrayList<String> accountNames = new ArrayList<>();
    private final Object2LongHashMap<String> accounts = new Object2LongHashMap<>(-1L);
    private long sequence;
    private long lastTime;
    private String lastSymbolText = "*";
    private long lineNumber;
    private String symbol;
    private long tickSizeUnits;
    private long lotSize;
    private String base;
    private String quote;
    private long account;
    private int asset;
    private long amount;
    private int instrumentId;
    private int makerBps;
    private int takerBps;
    private long maxQuantity;
    private long maxNotional;

    /**
     * A parser for files without balances: every asset and every instrument with assets is unknown to it.
     *
     * @param symbolResolver gives the instrument id of a symbol, or -1 if it is not defined.
     */
    CommandFileParser(final ToIntFunction<String> symbolResolver)
    {
        this(symbolResolver, name -> -1, name -> -1);
    }

    /**
     * @param symbolResolver     gives the instrument id of a symbol, or -1 if it is not defined.
     * @param assetResolver      gives the id of an asset, or -1 if no instrument names it.
     * @param riskSymbolResolver gives the instrument id of a symbol that has assets, or -1.
     */
    CommandFileParser(
        final ToIntFunction<String> symbolResolver,
        final ToIntFunction<String> assetResolver,
        final ToIntFunction<String> riskSymbolResolver)
    {
        this.symbolResolver = symbolResolver;
        this.assetResolver = assetResolver;
        this.riskSymbolResolver = riskSymbolResolver;
    }

    /**
     * Parse one line.
     *
     * @param line       the raw line, without its line terminator.
     * @param lineNumber of the line, from 1, for error messages.
     * @param command    written for a {@link LineKind#COMMAND} line, untouched otherwise.
     * @return what the line is.
     * @throws MalformedLineException if the line cannot be understood.
     */
    LineKind parse(final String line, final long lineNumber, final Command command) throws MalformedLineException
    {
        this.lineNumber = lineNumber;
        if (!fields.split(line))
        {
            return LineKind.SKIP;
        }

        if (fields.is(0, "NEW"))
        {
            parseNew(command);
        }
        else if (fields.is(0, "CANCEL"))
        {
            expectFields("CANCEL", 3, 3);
            command.cancel(orderId(1), account(2));
        }
        else if (fields.is(0, "REPLACE"))
        {
            expectFields("REPLACE", 5, 5);
            command.replace(orderId(1), account(2), price(3), quantity(4));
        }
        else if (fields.is(0, "INSTRUMENT"))
        {
            parseInstrument();
            return LineKind.INSTRUMENT;
        }
        else if (fields.is(0, "TIME"))
        {
            expectFields("TIME", 2, 2);
            final long time = parseDigits(1);
            if (time < 0)
            {
                throw malformed("time '" + fields.string(1) + "' is not a non-negative integer");
            }
            if (time < lastTime)
            {
                throw malformed("time " + time + " is before the last time " + lastTime);
            }
            lastTime = time;
            command.clock(time);
        }
        else if (fields.is(0, "MASS_CANCEL"))
        {
            expectFields("MASS_CANCEL", 2, 3);
            final long account = account(1);
            command.massCancel(account, fields.count() == 3 ? instrumentId(2) : Command.ALL_INSTRUMENTS);
            lastSymbolText = fields.count() == 3 ? fields.string(2) : "*";
        }
        else if (fields.is(0, "HALT") || fields.is(0, "RESUME") || fields.is(0, "DELIST"))
        {
            final CommandType type = fields.is(0, "HALT") ? CommandType.HALT :
                fields.is(0, "RESUME") ? CommandType.RESUME : CommandType.DELIST;
            expectFields(type.name(), 2, 2);
            command.instrumentCommand(type, knownInstrument(1));
        }
        else if (fields.is(0, "BAND"))
        {
            expectFields("BAND", 3, 3);
            command.band(knownInstrument(1), bandHundredths(2));
        }
        else if (fields.is(0, "DEPOSIT") || fields.is(0, "WITHDRAW"))
        {
            final String what = fields.string(0);
            expectFields(what, 4, 4);
            account = account(1);
            asset = asset(2);
            amount = amount(3, what, false);
            return what.equals("DEPOSIT") ? LineKind.DEPOSIT : LineKind.WITHDRAW;
        }
        else if (fields.is(0, "DISABLE") || fields.is(0, "ENABLE"))
        {
            final boolean disable = fields.is(0, "DISABLE");
            expectFields(disable ? "DISABLE" : "ENABLE", 2, 2);
            account = account(1);
            return disable ? LineKind.DISABLE : LineKind.ENABLE;
        }
        else if (fields.is(0, "FEES"))
        {
            parseFees();
            return LineKind.FEES;
        }
        else if (fields.is(0, "LIMITS"))
        {
            expectFields("LIMITS", 4, 4);
            instrumentId = riskInstrumentId(1, "LIMITS");
            maxQuantity = parseDigits(2);
            if (maxQuantity < 0)
            {
                throw malformed("max_qty '" + fields.string(2) + "' is not a non-negative integer");
            }
            maxNotional = amount(3, "LIMITS", true);
            return LineKind.LIMITS;
        }
        else
        {
            throw malformed("unknown command '" + fields.string(0) +
                "' (expected INSTRUMENT, NEW, CANCEL, REPLACE, TIME, MASS_CANCEL, HALT, RESUME, DELIST, BAND, " +
                "DEPOSIT, WITHDRAW, FEES, LIMITS, DISABLE or ENABLE)");
        }
        command.sequence(++sequence);
        return LineKind.COMMAND;
    }

    /**
     * @return symbol of the last {@link LineKind#INSTRUMENT} line.
     */
    String symbol()
    {
        return symbol;
    }

    /**
     * @return tick size, in {@link Prices} units, of the last {@link LineKind#INSTRUMENT} line.
     */
    long tickSizeUnits()
    {
        return tickSizeUnits;
    }

    /**
     * @return lot size of the last {@link LineKind#INSTRUMENT} line.
     */
    long lotSize()
    {
        return lotSize;
    }

    /**
     * @return base asset of the last {@link LineKind#INSTRUMENT} line, or null if it names none.
     */
    String base()
    {
        return base;
    }

    /**
     * @return quote asset of the last {@link LineKind#INSTRUMENT} line, or null if it names none.
     */
    String quote()
    {
        return quote;
    }

    /**
     * @return account id of the last deposit or withdrawal.
     */
    long account()
    {
        return account;
    }

    /**
     * @return asset id of the last deposit or withdrawal.
     */
    int asset()
    {
        return asset;
    }

    /**
     * @return amount, in 10<sup>-8</sup> units, of the last deposit or withdrawal.
     */
    long amount()
    {
        return amount;
    }

    /**
     * @return instrument id of the last fees or limits line.
     */
    int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return maker fee of the last fees line, in basis points.
     */
    int makerBps()
    {
        return makerBps;
    }

    /**
     * @return taker fee of the last fees line, in basis points.
     */
    int takerBps()
    {
        return takerBps;
    }

    /**
     * @return largest order quantity of the last limits line, 0 for none.
     */
    long maxQuantity()
    {
        return maxQuantity;
    }

    /**
     * @return largest LIMIT order notional of the last limits line, in quote units, 0 for none.
     */
    long maxNotional()
    {
        return maxNotional;
    }

    /**
     * @param accountId an id this parser gave, or {@link SpotRisk#FEE_ACCOUNT}.
     * @return the account's name in the file.
     */
    String accountName(final long accountId)
    {
        return accountId == SpotRisk.FEE_ACCOUNT ? FEE_ACCOUNT_NAME : accountNames.get((int)accountId);
    }

    /**
     * @return the symbol field of the last MASS_CANCEL line as written, or {@code *} if it had none.
     */
    String lastSymbolText()
    {
        return lastSymbolText;
    }

    /**
     * @return number of distinct accounts seen so far.
     */
    int accountCount()
    {
        return accounts.size();
    }

    private void parseNew(final Command command) throws MalformedLineException
    {
        if (fields.count() < 9)
        {
            throw malformed("NEW needs at least 9 fields, found " + fields.count());
        }
        final long orderId = orderId(1);
        final long account = account(2);
        final int instrumentId = instrumentId(3);
        final Side side = word(4, "side", SIDES);
        final OrderType orderType = word(5, "order type", ORDER_TYPES);
        final TimeInForce timeInForce = word(6, "time in force", TIME_IN_FORCES);
        final long price = price(7);
        final long quantity = quantity(8);
        final boolean stpGiven = fields.count() > 9 && fields.string(9).indexOf('=') < 0;
        final SelfTradePrevention stp = stpGiven ?
            word(9, "self-trade prevention", STP_MODES) : SelfTradePrevention.NONE;
        command.newOrder(orderId, account, instrumentId, side, orderType, timeInForce, price, quantity, stp);
        boolean stopSeen = false;
        boolean displaySeen = false;
        boolean expireSeen = false;
        for (int i = stpGiven ? 10 : 9; i < fields.count(); i++)
        {
            final String option = fields.string(i);
            final int equals = option.indexOf('=');
            final String key = equals < 0 ? option : option.substring(0, equals);
            final String value = equals < 0 ? "" : option.substring(equals + 1).strip();
            if (equals >= 0 && key.strip().equals("stop") && !stopSeen)
            {
                stopSeen = true;
                command.stopPrice(optionPrice(value));
            }
            else if (equals >= 0 && key.strip().equals("display") && !displaySeen)
            {
                displaySeen = true;
                command.displayQuantity(optionDisplay(value));
            }
            else if (equals >= 0 && key.strip().equals("expire") && !expireSeen)
            {
                expireSeen = true;
                final long expire = digits(value, 0);
                if (expire < 0)
                {
                    throw malformed("expire '" + value + "' is not a non-negative integer");
                }
                command.time(expire);
            }
            else
            {
                throw malformed("unknown or repeated NEW option '" + option +
                    "' (expected stop=<price>, display=<qty> or expire=<time>, each at most once)");
            }
        }
    }

    private long optionPrice(final String value) throws MalformedLineException
    {
        if (value.isEmpty())
        {
            return Prices.NULL_PRICE;
        }
        try
        {
            return Prices.parse(value);
        }
        catch (final NumberFormatException ex)
        {
            throw malformed("stop price '" + value + "' is not a decimal");
        }
    }

    /**
     * @return the display quantity, or {@link #INVALID_DISPLAY} for a well-formed number the engine must refuse as a
     *         display quantity but that would read as "none" (zero, or not a whole number that fits a long).
     */
    private long optionDisplay(final String value) throws MalformedLineException
    {
        final boolean signed = value.length() > 0 && (value.charAt(0) == '-' || value.charAt(0) == '+');
        final long magnitude = digits(value, signed ? 1 : 0);
        if (magnitude > 0)
        {
            return signed && value.charAt(0) == '-' ? -magnitude : magnitude;
        }
        if (magnitude < 0)
        {
            try
            {
                Prices.parse(value);
            }
            catch (final NumberFormatException ex)
            {
                throw malformed("display quantity '" + value + "' is not a number");
            }
        }
        return INVALID_DISPLAY;
    }

    private int knownInstrument(final int index) throws MalformedLineException
    {
        final int instrumentId = instrumentId(index);
        if (instrumentId < 0)
        {
            throw malformed("unknown symbol '" + fields.string(index) + "'");
        }
        return instrumentId;
    }

    private long bandHundredths(final int index) throws MalformedLineException
    {
        final long units;
        try
        {
            units = Prices.parse(fields.field(index));
        }
        catch (final NumberFormatException ex)
        {
            throw malformed("band percent '" + fields.string(index) + "' is not a decimal");
        }
        if (units < 0 || units > 100 * Prices.UNIT || units % HUNDREDTH_UNITS != 0)
        {
            throw malformed("band percent '" + fields.string(index) +
                "' must be from 0 to 100 with at most 2 decimals");
        }
        return units / HUNDREDTH_UNITS;
    }

    private void parseFees() throws MalformedLineException
    {
        expectFields("FEES", 4, 4);
        instrumentId = riskInstrumentId(1, "FEES");
        makerBps = bps(2, "maker_bps");
        takerBps = bps(3, "taker_bps");
        if (makerBps > takerBps)
        {
            throw malformed("maker_bps " + makerBps + " is above taker_bps " + takerBps);
        }
    }

    private int bps(final int index, final String what) throws MalformedLineException
    {
        final CharSequence text = fields.field(index);
        final boolean negative = text.length() > 0 && text.charAt(0) == '-';
        final long magnitude = digits(text, negative ? 1 : 0);
        if (magnitude < 0 || magnitude > Amounts.MAX_BPS)
        {
            throw malformed(what + " '" + fields.string(index) + "' is not an integer from -" + Amounts.MAX_BPS +
                " to " + Amounts.MAX_BPS);
        }
        return (int)(negative ? -magnitude : magnitude);
    }

    private int riskInstrumentId(final int index, final String what) throws MalformedLineException
    {
        final int id = riskSymbolResolver.applyAsInt(fields.string(index));
        if (id < 0)
        {
            throw malformed(what + " names '" + fields.string(index) + "', not an instrument with assets");
        }
        return id;
    }

    private int asset(final int index) throws MalformedLineException
    {
        final int id = assetResolver.applyAsInt(fields.string(index));
        if (id < 0)
        {
            throw malformed("asset '" + fields.string(index) + "' is not named by any INSTRUMENT line");
        }
        return id;
    }

    private long amount(final int index, final String what, final boolean zeroAllowed) throws MalformedLineException
    {
        final long value;
        try
        {
            value = Prices.parse(fields.field(index));
        }
        catch (final NumberFormatException ex)
        {
            throw malformed(what + " amount '" + fields.string(index) + "' is not a decimal");
        }
        if (value < 0 || value == 0 && !zeroAllowed || fields.field(index).charAt(0) == '-')
        {
            throw malformed(what + " amount '" + fields.string(index) + "' must be " +
                (zeroAllowed ? "non-negative" : "positive") + " with at most " + Prices.SCALE + " decimals");
        }
        return value;
    }

    private void parseInstrument() throws MalformedLineException
    {
        expectFields("INSTRUMENT", 4, 6);
        if (fields.count() == 5)
        {
            throw malformed("INSTRUMENT needs 4 or 6 fields, found 5");
        }
        if (fields.isEmpty(1))
        {
            throw malformed("INSTRUMENT has an empty symbol");
        }
        final String newSymbol = fields.string(1);
        if (symbolResolver.applyAsInt(newSymbol) >= 0)
        {
            throw malformed("instrument '" + newSymbol + "' is already defined");
        }

        final long tick;
        try
        {
            tick = Prices.parse(fields.field(2));
        }
        catch (final NumberFormatException ex)
        {
            throw malformed("tick_size '" + fields.string(2) + "' is not a decimal");
        }
        if (tick <= 0)
        {
            throw malformed("tick_size '" + fields.string(2) + "' must be positive with at most " + Prices.SCALE +
                " decimals");
        }

        final long lot = parseDigits(3);
        if (lot <= 0)
        {
            throw malformed("lot_size '" + fields.string(3) + "' is not a positive integer");
        }
        base = null;
        quote = null;
        if (fields.count() == 6)
        {
            if (fields.isEmpty(4) || fields.isEmpty(5) || fields.string(4).equals(fields.string(5)))
            {
                throw malformed("INSTRUMENT needs two different, non-empty assets");
            }
            base = fields.string(4);
            quote = fields.string(5);
        }
        symbol = newSymbol;
        tickSizeUnits = tick;
        lotSize = lot;
    }

    private void expectFields(final String command, final int min, final int max) throws MalformedLineException
    {
        final int count = fields.count();
        if (count < min || count > max)
        {
            final String expected = min == max ? Integer.toString(min) : min + " or " + max;
            throw malformed(command + " needs " + expected + " fields, found " + count);
        }
    }

    private long orderId(final int index) throws MalformedLineException
    {
        final long orderId = parseDigits(index);
        if (orderId < 0)
        {
            throw malformed("order_id '" + fields.string(index) + "' is not a non-negative integer");
        }
        return orderId;
    }

    private long account(final int index) throws MalformedLineException
    {
        if (fields.isEmpty(index))
        {
            throw malformed("account is empty");
        }
        if (fields.is(index, FEE_ACCOUNT_NAME))
        {
            throw malformed("account " + FEE_ACCOUNT_NAME + " is reserved for fees");
        }
        final String name = fields.string(index);
        long id = accounts.getValue(name);
        if (id == accounts.missingValue())
        {
            id = accounts.size();
            accounts.put(name, id);
            accountNames.add(name);
        }
        return id;
    }

    private int instrumentId(final int index) throws MalformedLineException
    {
        if (fields.isEmpty(index))
        {
            throw malformed("symbol is empty");
        }
        return symbolResolver.applyAsInt(fields.string(index));
    }

    private long price(final int index) throws MalformedLineException
    {
        if (fields.isEmpty(index))
        {
            return Prices.NULL_PRICE;
        }
        try
        {
            return Prices.parse(fields.field(index));
        }
        catch (final NumberFormatException ex)
        {
            throw malformed("price '" + fields.string(index) + "' is not a decimal");
        }
    }

    private long quantity(final int index) throws MalformedLineException
    {
        final CharSequence text = fields.field(index);
        final boolean signed = text.length() > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+');
        final long magnitude = digits(text, signed ? 1 : 0);
        if (magnitude >= 0)
        {
            return signed && text.charAt(0) == '-' ? -magnitude : magnitude;
        }
        try
        {
            Prices.parse(text);
        }
        catch (final NumberFormatException ex)
        {
            throw malformed("quantity '" + fields.string(index) + "' is not a number");
        }
        return INVALID_QUANTITY; // a well-formed decimal, but not a whole number of lots that fits in a long
    }

    private <E extends Enum<E>> E word(final int index, final String what, final E[] values)
        throws MalformedLineException
    {
        for (final E value : values)
        {
            if (fields.is(index, value.name()))
            {
                return value;
            }
        }

        final StringBuilder expected = new StringBuilder();
        for (int i = 0; i < values.length; i++)
        {
            expected.append(i == 0 ? "" : i == values.length - 1 ? " or " : ", ").append(values[i].name());
        }
        throw malformed("unknown " + what + " '" + fields.string(index) + "' (expected " + expected + ")");
    }

    private long parseDigits(final int index)
    {
        return digits(fields.field(index), 0);
    }

    /**
     * @return the unsigned decimal integer in {@code text} from {@code from} to its end, or -1 if that part is empty,
     * holds anything but digits or does not fit in a long.
     */
    private static long digits(final CharSequence text, final int from)
    {
        final int length = text.length();
        if (length <= from)
        {
            return -1;
        }
        long value = 0;
        for (int i = from; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10)
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private MalformedLineException malformed(final String reason)
    {
        return new MalformedLineException(lineNumber, reason);
    }
}
