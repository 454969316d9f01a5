package io.arbiter.loadgen;

/**
 * Percentages of the request kinds the load generator sends (they must add up to 100) and the price band of resting
 * orders. Mutable while being configured; read-only during a run.
 */
public final class OrderMix
{
    /** GTC limit orders priced away from the mid, which rest. */
    int passive = 50;
    /** GTC limit orders priced through the mid, which trade against resting orders and may rest a remainder. */
    int crossing = 12;
    /** IOC limit orders priced through the mid. */
    int ioc = 7;
    /** MARKET IOC orders. */
    int market = 3;
    /** Cancels of an own open order. */
    int cancel = 16;
    /** Replaces (new price and quantity) of an own open order. */
    int replace = 12;
    /** Percentage of buy orders. */
    int buyPercent = 50;
    /** Resting orders are placed 1..this many ticks away from the mid. */
    int passiveDepthTicks = 10;
    /** Crossing orders are priced 0..this many ticks through the mid. */
    int crossingDepthTicks = 3;
    /** Quantities are 1..this many lots. */
    int maxLots = 10;
    /** Percent of new orders sent as STOP_MARKET IOC, stop 1..3 ticks beyond the mid in the order's direction. */
    int stopPercent;
    /** Percent of new orders sent as resting GTC icebergs (display quantity half the quantity, at least one lot). */
    int icebergPercent;
    /** Percent of new orders sent as resting GTD limits expiring {@link #GTD_LIFETIME_MS} after they are sent. */
    int gtdPercent;

    /** Name of the order-type mix with no stop, iceberg or GTD order. */
    public static final String TYPES_PLAIN = "plain";
    /** Name of the order-type mix with 10 % stops, 10 % icebergs and 10 % GTD orders among new orders. */
    public static final String TYPES_STOPS_ICEBERGS = "stops-icebergs";
    /** How long after it is sent a GTD order of the load expires, in milliseconds. */
    static final long GTD_LIFETIME_MS = 2_000;

    /**
     * Sets the request shares in percent.
     *
     * @param passive  resting GTC limits.
     * @param crossing crossing GTC limits.
     * @param ioc      IOC limits.
     * @param market   MARKET IOC.
     * @param cancel   cancels.
     * @param replace  replaces.
     * @return this.
     */
    public OrderMix shares(
        final int passive, final int crossing, final int ioc, final int market, final int cancel, final int replace)
    {
        this.passive = passive;
        this.crossing = crossing;
        this.ioc = ioc;
        this.market = market;
        this.cancel = cancel;
        this.replace = replace;
        return this;
    }

    /**
     * Sets the order types of new orders by name: {@link #TYPES_PLAIN} or {@link #TYPES_STOPS_ICEBERGS}.
     *
     * @param name of the mix.
     * @return this.
     * @throws IllegalArgumentException for another name.
     */
    public OrderMix orderTypes(final String name)
    {
        if (TYPES_PLAIN.equals(name))
        {
            return orderTypes(0, 0, 0);
        }
        if (TYPES_STOPS_ICEBERGS.equals(name))
        {
            return orderTypes(10, 10, 10);
        }
        throw new IllegalArgumentException("order types must be plain or stops-icebergs, got " + name);
    }

    /**
     * Sets the shares of new orders that are stops, icebergs and GTD orders; the rest follow the request shares.
     *
     * @param stopPercent    STOP_MARKET IOC orders.
     * @param icebergPercent GTC icebergs.
     * @param gtdPercent     GTD limits.
     * @return this.
     */
    public OrderMix orderTypes(final int stopPercent, final int icebergPercent, final int gtdPercent)
    {
        this.stopPercent = stopPercent;
        this.icebergPercent = icebergPercent;
        this.gtdPercent = gtdPercent;
        return this;
    }

    /**
     * Sets the buy share.
     *
     * @param buyPercent 0..100.
     * @return this.
     */
    public OrderMix buyPercent(final int buyPercent)
    {
        this.buyPercent = buyPercent;
        return this;
    }

    void validate()
    {
        if (passive < 0 || crossing < 0 || ioc < 0 || market < 0 || cancel < 0 || replace < 0 ||
            passive + crossing + ioc + market + cancel + replace != 100)
        {
            throw new IllegalArgumentException("order mix must be non-negative percentages adding up to 100: " + this);
        }
        if (stopPercent < 0 || icebergPercent < 0 || gtdPercent < 0 || stopPercent + icebergPercent + gtdPercent > 100)
        {
            throw new IllegalArgumentException("stop, iceberg and GTD shares must be percentages adding up to at " +
                "most 100: " + this);
        }
        if (buyPercent < 0 || buyPercent > 100 || passiveDepthTicks < 1 || crossingDepthTicks < 0 || maxLots < 1)
        {
            throw new IllegalArgumentException("invalid order mix: " + this);
        }
    }

    @Override
    public String toString()
    {
        return "passive=" + passive + "% crossing=" + crossing + "% ioc=" + ioc + "% market=" + market +
            "% cancel=" + cancel + "% replace=" + replace + "% buy=" + buyPercent + "% depth=" + passiveDepthTicks +
            " crossDepth=" + crossingDepthTicks + " maxLots=" + maxLots + " stops=" + stopPercent + "% icebergs=" +
            icebergPercent + "% gtd=" + gtdPercent + "%";
    }
}
