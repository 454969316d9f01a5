package io.arbiter.engine;

/**
 * A tradable instrument: its symbol, tick size and lot size. Immutable; created on the control plane.
 */
public final class Instrument
{
    private final int id;
    private final String symbol;
    private final long tickSizeUnits;
    private final long lotSize;
    private final long maxPriceTicks;

    /**
     * @param id            dense id, from 0 in order of definition.
     * @param symbol        unique symbol.
     * @param tickSizeUnits tick size in {@link Prices} units, positive.
     * @param lotSize       lot size, positive.
     * @param maxPriceTicks highest accepted price, in ticks.
     */
    public Instrument(final int id, final String symbol, final long tickSizeUnits, final long lotSize,
        final long maxPriceTicks)
    {
        this.id = id;
        this.symbol = symbol;
        this.tickSizeUnits = tickSizeUnits;
        this.lotSize = lotSize;
        this.maxPriceTicks = maxPriceTicks;
    }

    /**
     * @return dense id, from 0 in order of definition.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return the symbol.
     */
    public String symbol()
    {
        return symbol;
    }

    /**
     * @return tick size in {@link Prices} units.
     */
    public long tickSizeUnits()
    {
        return tickSizeUnits;
    }

    /**
     * @return lot size: every quantity is a positive multiple of it.
     */
    public long lotSize()
    {
        return lotSize;
    }

    /**
     * @return highest accepted price in ticks.
     */
    public long maxPriceTicks()
    {
        return maxPriceTicks;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "Instrument{" + id + " " + symbol + " tick=" + Prices.format(tickSizeUnits) + " lot=" + lotSize + "}";
    }
}
