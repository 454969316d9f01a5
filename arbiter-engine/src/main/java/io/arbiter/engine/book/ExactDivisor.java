package io.arbiter.engine.book;

/**
 * Division by a fixed positive divisor without a divide instruction, for quotients that must be exact (tick and lot
 * multiples): with {@code divisor = 2^k * m}, {@code m} odd, a positive {@code n} is a multiple of the divisor exactly
 * when {@code rotateRight(n * inverse(m), k)} is at most {@code (2^64 - 1) / divisor} unsigned, and that rotated
 * product is then the quotient. One multiply replaces the 64-bit {@code %} and {@code /} of a validation. Immutable.
 */
public final class ExactDivisor
{
    private final long divisor;
    private final long inverse;
    private final int shift;
    private final long limit;

    /**
     * @param divisor positive.
     * @throws IllegalArgumentException if the divisor is not positive.
     */
    public ExactDivisor(final long divisor)
    {
        if (divisor <= 0)
        {
            throw new IllegalArgumentException("divisor must be positive: " + divisor);
        }
        this.divisor = divisor;
        this.shift = Long.numberOfTrailingZeros(divisor);
        final long odd = divisor >>> shift;
        long inverse = odd;
        for (int i = 0; i < 5; i++)
        {
            inverse *= 2 - odd * inverse;
        }
        this.inverse = inverse;
        this.limit = Long.divideUnsigned(-1L, divisor);
    }

    /**
     * @return the divisor.
     */
    public long divisor()
    {
        return divisor;
    }

    /**
     * @param n positive dividend.
     * @return {@code n / divisor} if the divisor divides {@code n}, otherwise -1.
     */
    public long exactQuotient(final long n)
    {
        final long quotient = Long.rotateRight(n * inverse, shift);
        return Long.compareUnsigned(quotient, limit) <= 0 ? quotient : -1;
    }
}
