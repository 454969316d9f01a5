package io.arbiter.engine.risk;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmountsTest
{
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger BPS = BigInteger.valueOf(Amounts.BPS_PER_UNIT);

    @Property
    void shouldComputeTheExactNotionalOrReportItUnrepresentable(
        @ForAll @LongRange(min = 0) final long price, @ForAll @LongRange(min = 0) final long quantity)
    {
        final BigInteger exact = BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity));
        final long expected = exact.compareTo(MAX) > 0 ? Amounts.UNREPRESENTABLE : exact.longValueExact();
        assertEquals(expected, Amounts.notional(price, quantity));
    }

    @Property
    void shouldComputeTheFeeAsSignTimesFloorOfNotionalTimesRate(
        @ForAll @LongRange(min = 0) final long notional, @ForAll @IntRange(min = -10_000, max = 10_000) final int bps)
    {
        final BigInteger magnitude =
            BigInteger.valueOf(notional).multiply(BigInteger.valueOf(Math.abs(bps))).divide(BPS);
        final long expected = bps < 0 ? -magnitude.longValueExact() : magnitude.longValueExact();
        assertEquals(expected, Amounts.fee(notional, bps));
        assertTrue(Math.abs(Amounts.fee(notional, bps)) <= notional);
    }

    @Property
    void shouldHoldTheNotionalPlusAPositiveTakerFeeForALimitBuy(
        @ForAll @LongRange(min = 0) final long notional, @ForAll @IntRange(min = -10_000, max = 10_000) final int bps)
    {
        final BigInteger exact = BigInteger.valueOf(notional)
            .add(bps > 0 ? BigInteger.valueOf(Amounts.fee(notional, bps)) : BigInteger.ZERO);
        final long expected = exact.compareTo(MAX) > 0 ? Amounts.UNREPRESENTABLE : exact.longValueExact();
        assertEquals(expected, Amounts.limitBuyHold(notional, bps));
    }

    @Property
    void shouldAffordTheLargestLotMultipleWhoseCostFits(
        @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) final long funds,
        @ForAll @LongRange(min = 1, max = 100_000_000_000L) final long price,
        @ForAll @LongRange(min = 0, max = 1_000_000) final long limit,
        @ForAll @LongRange(min = 1, max = 1_000) final long lot,
        @ForAll @IntRange(min = -10_000, max = 10_000) final int bps)
    {
        final long quantity = Amounts.affordable(funds, price, limit, lot, bps);
        assertEquals(0, quantity % lot);
        assertTrue(quantity <= limit);
        assertTrue(fits(funds, price, quantity, bps), "chosen quantity must fit");
        if (quantity + lot <= limit)
        {
            assertTrue(!fits(funds, price, quantity + lot, bps), "one more lot must not fit");
        }
    }

    @Test
    void shouldRoundFeesDownAndRebatesTowardZero()
    {
        assertEquals(0, Amounts.fee(9_999, 1));
        assertEquals(1, Amounts.fee(10_000, 1));
        assertEquals(-1, Amounts.fee(19_999, -1));
        assertEquals(Long.MAX_VALUE, Amounts.fee(Long.MAX_VALUE, 10_000));
        assertEquals(Amounts.UNREPRESENTABLE, Amounts.limitBuyHold(Long.MAX_VALUE, 1));
        assertEquals(Amounts.UNREPRESENTABLE, Amounts.notional(Long.MAX_VALUE, 2));
        assertEquals(Amounts.UNREPRESENTABLE, Amounts.notional(1L << 32, 1L << 31));
    }

    private static boolean fits(final long funds, final long price, final long quantity, final int bps)
    {
        final BigInteger notional = BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity));
        final BigInteger fee = notional.multiply(BigInteger.valueOf(Math.abs(bps))).divide(BPS);
        final BigInteger cost = bps < 0 ? notional.subtract(fee) : notional.add(fee);
        return cost.compareTo(BigInteger.valueOf(funds)) <= 0;
    }
}
