package io.arbiter.app.match;

import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;

/**
 * Parses a {@code NEW} line, its nine fields, the optional self-trade prevention and the {@code stop=},
 * {@code display=} and {@code expire=} options, into a new-order {@link Command}. Single threaded.
 */
final class NewOrderParser
{
    /**
     * Display quantity passed to the engine for {@code display=0} or a well-formed number that is not an integer or
     * does not fit a {@code long}: the engine rejects it as an invalid display quantity (0 would mean "none").
     */
    static final long INVALID_DISPLAY = -1;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] ORDER_TYPES = OrderType.values();
    private static final TimeInForce[] TIME_IN_FORCES = TimeInForce.values();
    private static final SelfTradePrevention[] STP_MODES = SelfTradePrevention.values();

    private final LineFields fields;
    private final FieldReader reader;

    /**
     * @param fields the fields of the current line.
     * @param reader reads them.
     */
    NewOrderParser(final LineFields fields, final FieldReader reader)
    {
        this.fields = fields;
        this.reader = reader;
    }

    /**
     * Parse the current line, a {@code NEW} line.
     *
     * @param command written with the new order; its sequence is left to the caller.
     * @throws MalformedLineException if the line cannot be understood.
     */
    void parse(final Command command) throws MalformedLineException
    {
        if (fields.count() < 9)
        {
            throw reader.malformed("NEW needs at least 9 fields, found " + fields.count());
        }
        final long orderId = reader.orderId(1);
        final long account = reader.account(2);
        final int instrumentId = reader.instrumentId(3);
        final Side side = reader.word(4, "side", SIDES);
        final OrderType orderType = reader.word(5, "order type", ORDER_TYPES);
        final TimeInForce timeInForce = reader.word(6, "time in force", TIME_IN_FORCES);
        final long price = reader.price(7);
        final long quantity = reader.quantity(8);
        final boolean stpGiven = fields.count() > 9 && fields.string(9).indexOf('=') < 0;
        final SelfTradePrevention stp = stpGiven ?
            reader.word(9, "self-trade prevention", STP_MODES) : SelfTradePrevention.NONE;
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
                final long expire = FieldReader.digits(value, 0);
                if (expire < 0)
                {
                    throw reader.malformed("expire '" + value + "' is not a non-negative integer");
                }
                command.time(expire);
            }
            else
            {
                throw reader.malformed("unknown or repeated NEW option '" + option +
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
            throw reader.malformed("stop price '" + value + "' is not a decimal");
        }
    }

    /**
     * @return the display quantity, or {@link #INVALID_DISPLAY} for a well-formed number the engine must refuse as a
     *         display quantity but that would read as "none" (zero, or not a whole number that fits a long).
     */
    private long optionDisplay(final String value) throws MalformedLineException
    {
        final boolean signed = value.length() > 0 && (value.charAt(0) == '-' || value.charAt(0) == '+');
        final long magnitude = FieldReader.digits(value, signed ? 1 : 0);
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
                throw reader.malformed("display quantity '" + value + "' is not a number");
            }
        }
        return INVALID_DISPLAY;
    }
}
