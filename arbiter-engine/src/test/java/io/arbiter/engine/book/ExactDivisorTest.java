package io.arbiter.engine.book;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link ExactDivisor} against {@code %} and {@code /}: random and edge dividends over divisors that are odd, powers of
 * two, mixed, 1, and near {@link Long#MAX_VALUE}.
 */
class ExactDivisorTest
{
    private static final long[] DIVISORS =
        {1, 2, 3, 5, 7, 10, 64, 100, 1_000, 1_024, 10_000, 1_000_000, 3 << 20, 99_999_989L, 1L << 62,
            Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE / 3};

    @Test
    void shouldAgreeWithRemainderAtEdges()
    {
        for (final long divisor : DIVISORS)
        {
            final ExactDivisor exact = new ExactDivisor(divisor);
            assertEquals(divisor, exact.divisor());
            for (final long n : new long[]{1, 2, divisor - 1, divisor, divisor + 1, 2 * divisor, 3 * divisor,
                Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE / divisor * divisor, 0x4000_0000_0000_0000L})
            {
                if (n > 0)
                {
                    assertEquals(expected(n, divisor), exact.exactQuotient(n), n + " / " + divisor);
                }
            }
        }
    }

    @Property(tries = 2_000)
    void shouldAgreeWithRemainderForMultiplesAndNeighbours(
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) final long divisor,
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) final long quotient,
        @ForAll @LongRange(min = -3, max = 3) final long delta)
    {
        final long multiple = quotient <= Long.MAX_VALUE / divisor ? quotient * divisor : divisor;
        final long n = multiple + delta;
        if (n > 0 && n >= multiple - 3)
        {
            assertEquals(expected(n, divisor), new ExactDivisor(divisor).exactQuotient(n), n + " / " + divisor);
        }
    }

    @Property(tries = 2_000)
    void shouldAgreeWithRemainderForAnyPositiveDividend(
        @ForAll @LongRange(min = 1, max = 1_000_000) final long divisor,
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) final long n)
    {
        assertEquals(expected(n, divisor), new ExactDivisor(divisor).exactQuotient(n), n + " / " + divisor);
    }

    @Test
    void shouldRefuseDivisorsThatAreNotPositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new ExactDivisor(0));
        assertThrows(IllegalArgumentException.class, () -> new ExactDivisor(-100));
    }

    private static long expected(final long n, final long divisor)
    {
        return n % divisor == 0 ? n / divisor : -1;
    }
}
