package io.arbiter.engine;

/**
 * Fixed-point prices at the engine's edges. Outside the books a price is a {@code long} count of
 * {@link #UNIT 10<sup>-8</sup>} units (so 101.25 is {@code 10_125_000_000L}); inside a book it is a count of the
 * instrument's ticks. Decimal text exists only at the edges (protocol, CLI, reports) and is converted here.
 */
public final class Prices
{
    /** Number of decimal places of a price unit. */
    public static final int SCALE = 8;

    /** Price units in one whole currency unit. */
    public static final long UNIT = 100_000_000L;

    /** Sentinel for "no price given" (a MARKET order). */
    public static final long NULL_PRICE = Long.MIN_VALUE;

    /**
     * Returned by {@link #parse(CharSequence)} for a well-formed decimal that no price unit can represent (more than
     * {@link #SCALE} significant decimals, or too large): the engine rejects it as an invalid price.
     */
    public static final long UNREPRESENTABLE = -1L;

    private static final long MAX_WHOLE = Long.MAX_VALUE / UNIT;

    private Prices()
    {
    }

    /**
     * Parse a plain decimal such as {@code 101.25}, {@code -3} or {@code .5} into price units.
     *
     * @param text the decimal.
     * @return the price in units, or {@link #UNREPRESENTABLE} if it is well formed but has too many decimals or is too
     * large.
     * @throws NumberFormatException if the text is not a plain decimal.
     */
    public static long parse(final CharSequence text)
    {
        final int length = text.length();
        int i = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+'))
        {
            negative = text.charAt(0) == '-';
            i++;
        }

        long whole = 0;
        long fraction = 0;
        int fractionDigits = 0;
        int digits = 0;
        boolean overflow = false;
        boolean seenPoint = false;
        for (; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c == '.')
            {
                if (seenPoint)
                {
                    throw new NumberFormatException("not a decimal: " + text);
                }
                seenPoint = true;
                continue;
            }
            if (c < '0' || c > '9')
            {
                throw new NumberFormatException("not a decimal: " + text);
            }
            digits++;
            final int d = c - '0';
            if (!seenPoint)
            {
                if (whole > (MAX_WHOLE - d) / 10)
                {
                    overflow = true;
                }
                else
                {
                    whole = whole * 10 + d;
                }
            }
            else if (fractionDigits < SCALE)
            {
                fraction = fraction * 10 + d;
                fractionDigits++;
            }
            else if (d != 0)
            {
                overflow = true;
            }
        }
        if (digits == 0)
        {
            throw new NumberFormatException("not a decimal: " + text);
        }
        if (overflow)
        {
            return UNREPRESENTABLE;
        }
        for (int k = fractionDigits; k < SCALE; k++)
        {
            fraction *= 10;
        }
        final long value = whole * UNIT + fraction;
        return negative ? -value : value;
    }

    /**
     * Append a price in units as a plain decimal with no trailing zeros ({@code 101.25}, {@code 100}, {@code 0.01}).
     *
     * @param priceUnits the price in units.
     * @param out        to append to.
     * @return out.
     */
    public static StringBuilder appendTo(final long priceUnits, final StringBuilder out)
    {
        long value = priceUnits;
        if (value < 0)
        {
            out.append('-');
            value = -value;
        }
        out.append(value / UNIT);
        long fraction = value % UNIT;
        if (fraction != 0)
        {
            int width = SCALE;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                width--;
            }
            out.append('.');
            final long start = out.length();
            out.append(fraction);
            for (long pad = width - (out.length() - start); pad > 0; pad--)
            {
                out.insert((int)start, '0');
            }
        }
        return out;
    }

    /**
     * Format a price in units as a plain decimal. Produces garbage.
     *
     * @param priceUnits the price in units.
     * @return the decimal text.
     */
    public static String format(final long priceUnits)
    {
        return appendTo(priceUnits, new StringBuilder(24)).toString();
    }
}
