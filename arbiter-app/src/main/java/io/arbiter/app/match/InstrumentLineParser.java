package io.arbiter.app.match;

import java.util.function.ToIntFunction;

import io.arbiter.engine.Prices;

/**
 * Parses an {@code INSTRUMENT} line (symbol, tick size, lot size and optionally the base and quote assets) and holds
 * the definition for the caller to add to the engine. Single threaded.
 */
final class InstrumentLineParser
{
    private final LineFields fields;
    private final FieldReader reader;
    private final ToIntFunction<String> symbolResolver;
    private String symbol;
    private long tickSizeUnits;
    private long lotSize;
    private String base;
    private String quote;

    /**
     * @param fields         the fields of the current line.
     * @param reader         reads them.
     * @param symbolResolver gives the instrument id of a symbol, or -1 if it is not defined.
     */
    InstrumentLineParser(final LineFields fields, final FieldReader reader, final ToIntFunction<String> symbolResolver)
    {
        this.fields = fields;
        this.reader = reader;
        this.symbolResolver = symbolResolver;
    }

    /**
     * Parse the current line, an {@code INSTRUMENT} line.
     *
     * @throws MalformedLineException if the line cannot be understood or the symbol is already defined.
     */
    void parse() throws MalformedLineException
    {
        reader.expectFields("INSTRUMENT", 4, 6);
        if (fields.count() == 5)
        {
            throw reader.malformed("INSTRUMENT needs 4 or 6 fields, found 5");
        }
        if (fields.isEmpty(1))
        {
            throw reader.malformed("INSTRUMENT has an empty symbol");
        }
        final String newSymbol = fields.string(1);
        if (symbolResolver.applyAsInt(newSymbol) >= 0)
        {
            throw reader.malformed("instrument '" + newSymbol + "' is already defined");
        }

        final long tick;
        try
        {
            tick = Prices.parse(fields.field(2));
        }
        catch (final NumberFormatException ex)
        {
            throw reader.malformed("tick_size '" + fields.string(2) + "' is not a decimal");
        }
        if (tick <= 0)
        {
            throw reader.malformed("tick_size '" + fields.string(2) + "' must be positive with at most " +
                Prices.SCALE + " decimals");
        }

        final long lot = reader.digits(3);
        if (lot <= 0)
        {
            throw reader.malformed("lot_size '" + fields.string(3) + "' is not a positive integer");
        }
        base = null;
        quote = null;
        if (fields.count() == 6)
        {
            if (fields.isEmpty(4) || fields.isEmpty(5) || fields.string(4).equals(fields.string(5)))
            {
                throw reader.malformed("INSTRUMENT needs two different, non-empty assets");
            }
            base = fields.string(4);
            quote = fields.string(5);
        }
        symbol = newSymbol;
        tickSizeUnits = tick;
        lotSize = lot;
    }

    /**
     * @return symbol of the last {@code INSTRUMENT} line.
     */
    String symbol()
    {
        return symbol;
    }

    /**
     * @return tick size, in {@link Prices} units, of the last {@code INSTRUMENT} line.
     */
    long tickSizeUnits()
    {
        return tickSizeUnits;
    }

    /**
     * @return lot size of the last {@code INSTRUMENT} line.
     */
    long lotSize()
    {
        return lotSize;
    }

    /**
     * @return base asset of the last {@code INSTRUMENT} line, or null if it names none.
     */
    String base()
    {
        return base;
    }

    /**
     * @return quote asset of the last {@code INSTRUMENT} line, or null if it names none.
     */
    String quote()
    {
        return quote;
    }
}
