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
        COMMAND
    }

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] ORDER_TYPES = OrderType.values();
    private static final TimeInForce[] TIME_IN_FORCES = TimeInForce.values();
    private static final SelfTradePrevention[] STP_MODES = SelfTradePrevention.values();

    private final LineFields fields = new LineFields();
    private final ToIntFunction<String> symbolResolver;
    private final Object2LongHashMap<String> accounts = new Object2LongHashMap<>(-1L);
    private long sequence;
    private long lastTime;
    private String lastSymbolText = "*";
    private final ArrayList<String> accountNames = new ArrayList<>();
    private long lineNumber;
    private String symbol;
    private long tickSizeUnits;
    private long lotSize;

    /**
     * @param symbolResolver gives the instrument id of a symbol, or -1 if it is not defined.
     */
    CommandFileParser(final ToIntFunction<String> symbolResolver)
    {
        this.symbolResolver = symbolResolver;
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
        else
        {
            throw malformed("unknown command '" + fields.string(0) +
                "' (expected INSTRUMENT, NEW, CANCEL, REPLACE, TIME, MASS_CANCEL, HALT, RESUME, DELIST or BAND)");
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
     * @param account dense id given by this parser.
     * @return the account's name in the file.
     */
    String accountName(final long account)
    {
        return accountNames.get((int)account);
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

    private void parseInstrument() throws MalformedLineException
    {
        expectFields("INSTRUMENT", 4, 4);
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
