package io.arbiter.engine;

/**
 * A tradable instrument: its symbol, tick size and lot size, and for spot risk the base and quote assets it trades.
 * Immutable; created on the control plane.
 */
public final class Instrument
{
    private final int id;
    private final String symbol;
    private final long tickSizeUnits;
    private final long lotSize;
    private final long maxPriceTicks;
    private final String baseAsset;
    private final String quoteAsset;

    /**
     * An instrument without assets.
     *
     * @param id            dense id, from 0 in order of definition.
     * @param symbol        unique symbol.
     * @param tickSizeUnits tick size in {@link Prices} units, positive.
     * @param lotSize       lot size, positive.
     * @param maxPriceTicks highest accepted price, in ticks.
     */
    public Instrument(final int id, final String symbol, final long tickSizeUnits, final long lotSize,
        final long maxPriceTicks)
    {
        this(id, symbol, tickSizeUnits, lotSize, maxPriceTicks, null, null);
    }

    /**
     * @param id            dense id, from 0 in order of definition.
     * @param symbol        unique symbol.
     * @param tickSizeUnits tick size in {@link Prices} units, positive.
     * @param lotSize       lot size, positive.
     * @param maxPriceTicks highest accepted price, in ticks.
     * @param baseAsset     asset of its quantities, or null for an instrument without risk.
     * @param quoteAsset    asset of its prices, or null.
     */
    public Instrument(final int id, final String symbol, final long tickSizeUnits, final long lotSize,
        final long maxPriceTicks, final String baseAsset, final String quoteAsset)
    {
        this.baseAsset = baseAsset;
        this.quoteAsset = quoteAsset;
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
     * @return the asset its quantities are in, or null for an instrument without assets (and without risk).
     */
    public String baseAsset()
    {
        return baseAsset;
    }

    /**
     * @return the asset its prices are in, or null for an instrument without assets.
     */
    public String quoteAsset()
    {
        return quoteAsset;
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
