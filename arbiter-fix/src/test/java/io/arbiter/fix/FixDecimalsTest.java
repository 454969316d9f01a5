package io.arbiter.fix;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixDecimalsTest
{
    @Test
    void shouldParsePricesExactly()
    {
        assertEquals(10_125_000_000L, FixDecimals.parsePrice("101.25"));
        assertEquals(1L, FixDecimals.parsePrice("0.00000001"));
        assertEquals(100_000_000L, FixDecimals.parsePrice("1.000000000"));
        assertEquals(FixDecimals.NOT_A_PRICE, FixDecimals.parsePrice("1.000000001"));
        assertEquals(FixDecimals.NOT_A_PRICE, FixDecimals.parsePrice("1e3"));
        assertEquals(FixDecimals.NOT_A_PRICE, FixDecimals.parsePrice(""));
        assertEquals(FixDecimals.NOT_A_PRICE, FixDecimals.parsePrice("99999999999999999999"));
    }

    @Test
    void shouldParseOnlyWholePositiveQuantities()
    {
        assertEquals(100, FixDecimals.parseQuantity("100"));
        assertEquals(100, FixDecimals.parseQuantity("100.000"));
        assertEquals(FixDecimals.NOT_A_QUANTITY, FixDecimals.parseQuantity("1.5"));
        assertEquals(FixDecimals.NOT_A_QUANTITY, FixDecimals.parseQuantity("0"));
        assertEquals(FixDecimals.NOT_A_QUANTITY, FixDecimals.parseQuantity("-1"));
        assertEquals(FixDecimals.NOT_A_QUANTITY, FixDecimals.parseQuantity("."));
        assertEquals(FixDecimals.NOT_A_QUANTITY, FixDecimals.parseQuantity("99999999999999999999"));
        assertEquals(Long.MAX_VALUE, FixDecimals.parseQuantity(Long.toString(Long.MAX_VALUE)));
    }

    @Test
    void shouldFormatPricesAndRoundTheAverageHalfUp()
    {
        assertEquals("100.25", FixDecimals.formatPrice(10_025_000_000L));
        assertEquals("0.00000001", FixDecimals.formatPrice(1));
        final long[] notional = new long[2];
        FixDecimals.addNotional(notional, 10_025_000_000L, 2);
        FixDecimals.addNotional(notional, 10_026_000_000L, 1);
        assertEquals("100.25333333", FixDecimals.formatAverage(notional, 3));
        final long[] half = new long[2];
        FixDecimals.addNotional(half, 1, 1);
        FixDecimals.addNotional(half, 2, 1);
        assertEquals("0.00000002", FixDecimals.formatAverage(half, 2));
        assertEquals("0", FixDecimals.formatAverage(new long[2], 0));
    }

    @Test
    void shouldKeepTheNotionalExactBeyondSixtyFourBits()
    {
        final long price = (1L << 40) * 1_000_000L;
        final long quantity = 1_000_000_000_000L;
        final long[] notional = new long[2];
        FixDecimals.addNotional(notional, price, quantity);
        FixDecimals.addNotional(notional, price, quantity);
        final BigInteger expected = BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity)).shiftLeft(1);
        final BigInteger actual = BigInteger.valueOf(notional[0]).shiftLeft(64)
            .add(BigInteger.valueOf(notional[1]).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
        assertEquals(expected, actual);
        assertEquals(FixDecimals.formatPrice(price), FixDecimals.formatAverage(notional, 2 * quantity));
    }

    @Test
    void shouldRoundTheAverageOfSmallSumsAsExactArithmeticDoes()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++)
        {
            final long[] notional = new long[2];
            long quantity = 0;
            for (int fill = 0; fill < 1 + random.nextInt(4); fill++)
            {
                final long price = 1 + random.nextLong(1_000_000_000_000L);
                final long lots = 1 + random.nextInt(1_000);
                FixDecimals.addNotional(notional, price, lots);
                quantity += lots;
            }
            final BigDecimal exact = new BigDecimal(BigInteger.valueOf(notional[1]))
                .divide(BigDecimal.valueOf(quantity), 0, RoundingMode.HALF_UP);
            assertEquals(FixDecimals.formatPrice(exact.longValueExact()),
                FixDecimals.formatAverage(notional, quantity));
        }
    }
}
