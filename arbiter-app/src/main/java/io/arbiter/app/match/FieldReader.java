package io.arbiter.app.match;

import java.util.function.ToIntFunction;

import io.arbiter.engine.Prices;
import io.arbiter.engine.risk.Amounts;

/**
 * Reads one field of the current line of a command file as a value (an order id, an account, a symbol, a price, a
 * quantity, an enum word, an amount, ...), or throws a {@link MalformedLineException} naming the line and the field.
 * Account names become dense ids in {@link AccountNames}; symbols and assets are resolved by the given functions.
 * Single threaded.
 */
final class FieldReader
{
    /**
     * Quantity passed to the engine for a well-formed number that is not an integer or does not fit a {@code long}:
     * the engine rejects it as an invalid quantity.
     */
    static final long INVALID_QUANTITY = 0;

    /** {@link Prices} units of a hundredth of a percent. */
    private static final long HUNDREDTH_UNITS = Prices.UNIT / 100;

    private final LineFields fields;
    private final AccountNames accounts;
    private final ToIntFunction<String> symbolResolver;
    private final ToIntFunction<String> assetResolver;
    private final ToIntFunction<String> riskSymbolResolver;
    private long lineNumber;

    /**
     * @param fields             the fields of the current line.
     * @param accounts           gives account names their ids.
     * @param symbolResolver     gives the instrument id of a symbol, or -1 if it is not defined.
     * @param assetResolver      gives the id of an asset, or -1 if no instrument names it.
     * @param riskSymbolResolver gives the instrument id of a symbol that has assets, or -1.
     */
    FieldReader(
        final LineFields fields,
        final AccountNames accounts,
        final ToIntFunction<String> symbolResolver,
        final ToIntFunction<String> assetResolver,
        final ToIntFunction<String> riskSymbolResolver)
    {
        this.fields = fields;
        this.accounts = accounts;
        this.symbolResolver = symbolResolver;
        this.assetResolver = assetResolver;
        this.riskSymbolResolver = riskSymbolResolver;
    }

    /**
     * Start reading a line: split it into the fields.
     *
     * @param line       the raw line, without its line terminator.
     * @param lineNumber of the line, from 1, for error messages.
     * @return false if the line is blank or a comment, true otherwise.
     */
    boolean startLine(final String line, final long lineNumber)
    {
        this.lineNumber = lineNumber;
        return fields.split(line);
    }

    /**
     * @param reason what is wrong with the current line.
     * @return an exception naming the current line, to throw.
     */
    MalformedLineException malformed(final String reason)
    {
        return new MalformedLineException(lineNumber, reason);
    }

    /**
     * @param command name of the command, for the error message.
     * @param min     least number of fields, the command included.
     * @param max     largest number of fields, the command included.
     * @throws MalformedLineException if the line has fewer than {@code min} or more than {@code max} fields.
     */
    void expectFields(final String command, final int min, final int max) throws MalformedLineException
    {
        final int count = fields.count();
        if (count < min || count > max)
        {
            final String expected = min == max ? Integer.toString(min) : min + " or " + max;
            throw malformed(command + " needs " + expected + " fields, found " + count);
        }
    }

    /**
     * @param index of the field.
     * @return the order id.
     * @throws MalformedLineException if the field is not a non-negative integer that fits a long.
     */
    long orderId(final int index) throws MalformedLineException
    {
        final long orderId = digits(index);
        if (orderId < 0)
        {
            throw malformed("order_id '" + fields.string(index) + "' is not a non-negative integer");
        }
        return orderId;
    }

    /**
     * @param index of the field.
     * @return the id of the account the field names, a new one if the name is new.
     * @throws MalformedLineException if the field is empty or the reserved fee account.
     */
    long account(final int index) throws MalformedLineException
    {
        if (fields.isEmpty(index))
        {
            throw malformed("account is empty");
        }
        if (fields.is(index, AccountNames.FEE_ACCOUNT_NAME))
        {
            throw malformed("account " + AccountNames.FEE_ACCOUNT_NAME + " is reserved for fees");
        }
        return accounts.id(fields.string(index));
    }

    /**
     * @param index of the field.
     * @return the instrument id of the symbol, -1 if it is not defined so that the engine rejects it.
     * @throws MalformedLineException if the field is empty.
     */
    int instrumentId(final int index) throws MalformedLineException
    {
        if (fields.isEmpty(index))
        {
            throw malformed("symbol is empty");
        }
        return symbolResolver.applyAsInt(fields.string(index));
    }

    /**
     * @param index of the field.
     * @return the instrument id of the symbol.
     * @throws MalformedLineException if the field is empty or names no instrument.
     */
    int knownInstrument(final int index) throws MalformedLineException
    {
        final int instrumentId = instrumentId(index);
        if (instrumentId < 0)
        {
            throw malformed("unknown symbol '" + fields.string(index) + "'");
        }
        return instrumentId;
    }

    /**
     * @param index of the field.
     * @param what  the command, for the error message.
     * @return the instrument id of the symbol.
     * @throws MalformedLineException if the field does not name an instrument with assets.
     */
    int riskInstrumentId(final int index, final String what) throws MalformedLineException
    {
        final int id = riskSymbolResolver.applyAsInt(fields.string(index));
        if (id < 0)
        {
            throw malformed(what + " names '" + fields.string(index) + "', not an instrument with assets");
        }
        return id;
    }

    /**
     * @param index of the field.
     * @return the id of the asset.
     * @throws MalformedLineException if no instrument names the asset.
     */
    int asset(final int index) throws MalformedLineException
    {
        final int id = assetResolver.applyAsInt(fields.string(index));
        if (id < 0)
        {
            throw malformed("asset '" + fields.string(index) + "' is not named by any INSTRUMENT line");
        }
        return id;
    }

    /**
     * @param index of the field.
     * @return the price in {@link Prices} units, {@link Prices#NULL_PRICE} for an empty field, or what
     *         {@link Prices#parse} gives for a well-formed decimal the engine must judge.
     * @throws MalformedLineException if the field is not a decimal.
     */
    long price(final int index) throws MalformedLineException
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

    /**
     * @param index of the field.
     * @return the quantity, signed, or {@link #INVALID_QUANTITY} for a well-formed decimal that is not a whole number
     *         that fits a long.
     * @throws MalformedLineException if the field is not a number.
     */
    long quantity(final int index) throws MalformedLineException
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

    /**
     * @param index  of the field.
     * @param what   the kind of word, for the error message.
     * @param values the words allowed, in the order the error message lists them.
     * @param <E>    the enum the words name.
     * @return the value whose name is the field, case sensitive.
     * @throws MalformedLineException if the field is none of the names.
     */
    <E extends Enum<E>> E word(final int index, final String what, final E[] values)
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

    /**
     * @param index of the field.
     * @return the band width in hundredths of a percent.
     * @throws MalformedLineException if the field is not a percent from 0 to 100 with at most 2 decimals.
     */
    long bandHundredths(final int index) throws MalformedLineException
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

    /**
     * @param index of the field.
     * @param what  name of the field, for the error message.
     * @return the fee in basis points.
     * @throws MalformedLineException if the field is not an integer from -{@link Amounts#MAX_BPS} to
     *                                {@link Amounts#MAX_BPS}.
     */
    int bps(final int index, final String what) throws MalformedLineException
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

    /**
     * @param index       of the field.
     * @param what        the command, for the error message.
     * @param zeroAllowed whether 0 is an amount.
     * @return the amount in 10<sup>-8</sup> units.
     * @throws MalformedLineException if the field is not a decimal, or is negative, too precise or a refused 0.
     */
    long amount(final int index, final String what, final boolean zeroAllowed) throws MalformedLineException
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

    /**
     * @param index of the field.
     * @return the field as an unsigned decimal integer, or -1 as {@link #digits(CharSequence, int)}.
     */
    long digits(final int index)
    {
        return digits(fields.field(index), 0);
    }

    /**
     * @param text the text.
     * @param from index of the first digit.
     * @return the unsigned decimal integer in {@code text} from {@code from} to its end, or -1 if that part is empty,
     *         holds anything but digits or does not fit in a long.
     */
    static long digits(final CharSequence text, final int from)
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
}
