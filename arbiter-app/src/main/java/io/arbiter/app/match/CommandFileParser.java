package io.arbiter.app.match;

import java.util.function.ToIntFunction;

import org.agrona.collections.Object2LongHashMap;

import io.arbiter.engine.Command;
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
        else
        {
            throw malformed("unknown command '" + fields.string(0) +
                "' (expected INSTRUMENT, NEW, CANCEL or REPLACE)");
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
     * @return number of distinct accounts seen so far.
     */
    int accountCount()
    {
        return accounts.size();
    }

    private void parseNew(final Command command) throws MalformedLineException
    {
        expectFields("NEW", 9, 10);
        final long orderId = orderId(1);
        final long account = account(2);
        final int instrumentId = instrumentId(3);
        final Side side = word(4, "side", SIDES);
        final OrderType orderType = word(5, "order type", ORDER_TYPES);
        final TimeInForce timeInForce = word(6, "time in force", TIME_IN_FORCES);
        final long price = price(7);
        final long quantity = quantity(8);
        final SelfTradePrevention stp = fields.count() == 10 ?
            word(9, "self-trade prevention", STP_MODES) : SelfTradePrevention.NONE;
        command.newOrder(orderId, account, instrumentId, side, orderType, timeInForce, price, quantity, stp);
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
