package io.arbiter.engine.risk;

/**
 * Exact arithmetic on asset amounts: every amount is a {@code long} count of 10<sup>-8</sup> units of its asset (the
 * scale of {@link io.arbiter.engine.Prices}), and a price is quote units per whole base unit, so the notional of
 * {@code quantity} base units at {@code price} is {@code price × quantity} quote units. Nothing here wraps: a result
 * that a {@code long} cannot hold is reported as {@link #UNREPRESENTABLE}. Stateless; allocates nothing.
 */
public final class Amounts
{
    /** Returned for a result that does not fit in a non-negative {@code long}. */
    public static final long UNREPRESENTABLE = -1L;

    /** Basis points in one whole (100 %). */
    public static final int BPS_PER_UNIT = 10_000;

    /** Largest fee rate magnitude, in basis points (100 %), so that a fee never exceeds its notional. */
    public static final int MAX_BPS = BPS_PER_UNIT;

    private Amounts()
    {
    }

    /**
     * The notional of a trade or order: {@code price × quantity}, computed with a 128-bit product.
     *
     * @param price    quote units per base unit, non-negative.
     * @param quantity base units, non-negative.
     * @return the notional in quote units, or {@link #UNREPRESENTABLE} if it does not fit in a {@code long}.
     */
    public static long notional(final long price, final long quantity)
    {
        final long low = price * quantity;
        if (Math.multiplyHigh(price, quantity) != 0 || low < 0)
        {
            return UNREPRESENTABLE;
        }
        return low;
    }

    /**
     * A side's fee on a notional: {@code sign(bps) × floor(notional × |bps| / 10000)}. Exact for every notional: the
     * product is split at 10000 so no intermediate exceeds the notional.
     *
     * @param notional in quote units, non-negative.
     * @param bps      fee rate in basis points, within ±{@link #MAX_BPS}; negative is a rebate.
     * @return the fee in quote units (negative for a rebate); its magnitude never exceeds the notional.
     */
    public static long fee(final long notional, final int bps)
    {
        final long magnitude = Math.abs((long)bps);
        final long whole = notional / BPS_PER_UNIT;
        final long rest = notional % BPS_PER_UNIT;
        final long fee = whole * magnitude + rest * magnitude / BPS_PER_UNIT;
        return bps < 0 ? -fee : fee;
    }

    /**
     * What a BUY LIMIT holds for a notional: the notional plus the taker fee on it when that fee is positive (a rebate
     * is not counted in advance).
     *
     * @param notional in quote units, non-negative or {@link #UNREPRESENTABLE}.
     * @param takerBps taker fee rate in basis points.
     * @return the hold, or {@link #UNREPRESENTABLE} if it does not fit in a {@code long}.
     */
    public static long limitBuyHold(final long notional, final int takerBps)
    {
        return takerBps <= 0 ? notional : takerCost(notional, takerBps);
    }

    /**
     * What a buyer pays as taker for a notional: the notional plus the taker fee on it (less a rebate).
     *
     * @param notional in quote units, non-negative or {@link #UNREPRESENTABLE}.
     * @param takerBps taker fee rate in basis points.
     * @return the cost, or {@link #UNREPRESENTABLE} if it does not fit in a {@code long}.
     */
    public static long takerCost(final long notional, final int takerBps)
    {
        if (notional < 0)
        {
            return UNREPRESENTABLE;
        }
        final long cost = notional + fee(notional, takerBps);
        return cost < 0 ? UNREPRESENTABLE : cost;
    }

    /**
     * The largest multiple of {@code lot}, at most {@code limit}, whose notional at {@code price} plus the taker fee on
     * it fits in {@code funds}: how much a BUY MARKET can take from one maker. A binary search over lot counts, since
     * the cost never falls as the quantity grows.
     *
     * @param funds    quote units left of the hold, non-negative.
     * @param price    quote units per base unit, positive.
     * @param limit    most base units to take, non-negative.
     * @param lot      lot size, positive.
     * @param takerBps taker fee rate in basis points.
     * @return the quantity, 0 if not even one lot fits.
     */
    public static long affordable(
        final long funds, final long price, final long limit, final long lot, final int takerBps)
    {
        long low = 0;
        long high = (takerBps < 0 ? limit : Math.min(limit, funds / price)) / lot;
        while (low < high)
        {
            final long middle = low + (high - low + 1) / 2;
            final long cost = takerCost(notional(price, middle * lot), takerBps);
            if (cost >= 0 && cost <= funds)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low * lot;
    }
}
