package io.arbiter.fix;

import io.arbiter.engine.Prices;

import java.math.BigInteger;

/**
 * Exact conversion between FIX decimal text and the engine's fixed-point numbers: prices are counts of 10^-8 units
 * ({@link Prices}), quantities whole units. No floating point and no {@code BigDecimal}: the text of the tag is read
 * digit by digit. Stateless; any thread.
 */
public final class FixDecimals
{
    /** Returned by {@link #parseQuantity(CharSequence)} for text that is not a whole, positive number of units. */
    public static final long NOT_A_QUANTITY = -1L;
    /** Returned by {@link #parsePrice(CharSequence)} for text that is not a decimal or has no exact price unit. */
    public static final long NOT_A_PRICE = Long.MIN_VALUE;

    private static final long MAX_QUANTITY_DIGITS_VALUE = Long.MAX_VALUE / 10;
    private static final BigInteger LOW_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private FixDecimals()
    {
    }

    /**
     * @param text a FIX Price value such as {@code 101.25}.
     * @return the price in 10^-8 units, or {@link #NOT_A_PRICE} if the text is not a plain decimal or has more than
     *         eight decimals (other than trailing zeros) or is too large.
     */
    public static long parsePrice(final CharSequence text)
    {
        try
        {
            final long units = Prices.parse(text);
            return units == Prices.UNREPRESENTABLE ? NOT_A_PRICE : units;
        }
        catch (final NumberFormatException ex)
        {
            return NOT_A_PRICE;
        }
    }

    /**
     * @param text a FIX Qty value such as {@code 100} or {@code 100.000}.
     * @return the whole number of units, or {@link #NOT_A_QUANTITY} if the text is not a plain decimal, has a
     *         fraction other than zeros, is not positive or is too large.
     */
    public static long parseQuantity(final CharSequence text)
    {
        final int length = text.length();
        long value = 0;
        int digits = 0;
        boolean seenPoint = false;
        int i = 0;
        if (length > 0 && text.charAt(0) == '+')
        {
            i++;
        }
        for (; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c == '.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }
            if (c < '0' || c > '9')
            {
                return NOT_A_QUANTITY;
            }
            digits++;
            if (seenPoint)
            {
                if (c != '0')
                {
                    return NOT_A_QUANTITY;
                }
                continue;
            }
            if (value > MAX_QUANTITY_DIGITS_VALUE)
            {
                return NOT_A_QUANTITY;
            }
            value = value * 10 + (c - '0');
            if (value < 0)
            {
                return NOT_A_QUANTITY;
            }
        }
        return digits == 0 || value <= 0 ? NOT_A_QUANTITY : value;
    }

    /**
     * Produces garbage.
     *
     * @param priceUnits a price in 10^-8 units.
     * @return the price as a plain decimal with no trailing zeros ({@code 101.25}, {@code 100}, {@code 0.01}).
     */
    public static String formatPrice(final long priceUnits)
    {
        return Prices.format(priceUnits);
    }

    /**
     * The average price of {@code quantity} units that cost a 128-bit sum of
     * price units times quantity, rounded half up to the 10^-8 unit. Produces garbage.
     *
     * @param notional 128-bit sum (high, low) of price units times quantity.
     * @param quantity units filled; 0 gives the text 0.
     * @return the average price text.
     */
    public static String formatAverage(final long[] notional, final long quantity)
    {
        if (quantity == 0)
        {
            return "0";
        }
        if (notional[0] == 0 && notional[1] >= 0 && quantity > 0)
        {
            // the sum fits a long (every realistic order): no big numbers
            final long average = notional[1] / quantity;
            final long remainder = notional[1] % quantity;
            return Prices.format(remainder >= quantity - remainder ? average + 1 : average);
        }
        final BigInteger total = BigInteger.valueOf(notional[0]).shiftLeft(64)
            .add(BigInteger.valueOf(notional[1]).and(LOW_MASK));
        final BigInteger[] division = total.divideAndRemainder(BigInteger.valueOf(quantity));
        long average = division[0].longValueExact();
        if (division[1].shiftLeft(1).compareTo(BigInteger.valueOf(quantity)) >= 0)
        {
            average++;
        }
        return Prices.format(average);
    }

    /**
     * Add {@code price * quantity} to a 128-bit sum kept (high, low).
     *
     * @param notional the sum, updated in place.
     * @param price    in 10^-8 units (positive).
     * @param quantity units (positive).
     */
    public static void addNotional(final long[] notional, final long price, final long quantity)
    {
        final long high = Math.multiplyHigh(price, quantity);
        final long low = price * quantity;
        final long sumLow = notional[1] + low;
        final long carry = Long.compareUnsigned(sumLow, notional[1]) < 0 ? 1 : 0;
        notional[1] = sumLow;
        notional[0] += high + carry;
    }
}
