package io.arbiter.server.config;

/**
 * One configured instrument: symbol, tick size in price units and lot size, and for an instrument with spot risk its
 * base and quote assets and optionally its fees. Immutable.
 *
 * @param symbol        unique symbol, e.g. {@code BTC-USD}.
 * @param tickSizeUnits tick size in 1e-8 units.
 * @param lotSize       lot size in quantity units.
 * @param baseAsset     asset of its quantities, or null (with a null quote) for an instrument without risk.
 * @param quoteAsset    asset of its prices, or null.
 * @param makerBps      maker fee in basis points (negative = rebate); 0 unless {@code fees}.
 * @param takerBps      taker fee in basis points; 0 unless {@code fees}.
 * @param fees          whether the configuration sets the fees (at start the node journals a FEES command when the
 *                      recovered fees differ).
 */
public record InstrumentConfig(
    String symbol,
    long tickSizeUnits,
    long lotSize,
    String baseAsset,
    String quoteAsset,
    int makerBps,
    int takerBps,
    boolean fees)
{
    /**
     * An instrument without assets (no holds, no fees).
     *
     * @param symbol        unique symbol, e.g. {@code BTC-USD}.
     * @param tickSizeUnits tick size in 1e-8 units.
     * @param lotSize       lot size in quantity units.
     */
    public InstrumentConfig(final String symbol, final long tickSizeUnits, final long lotSize)
    {
        this(symbol, tickSizeUnits, lotSize, null, null, 0, 0, false);
    }

    /**
     * @return whether the instrument names a base and a quote asset (its orders take holds).
     */
    public boolean hasAssets()
    {
        return baseAsset != null;
    }

    /**
     * The value of its {@code instrument.<symbol>} key: {@code <tick>,<lot>[,<base>,<quote>[,<maker>,<taker>]]}.
     *
     * @param formattedTick the tick size as a decimal.
     * @return the value text (produces garbage).
     */
    public String specification(final String formattedTick)
    {
        final StringBuilder text = new StringBuilder().append(formattedTick).append(',').append(lotSize);
        if (baseAsset != null)
        {
            text.append(',').append(baseAsset).append(',').append(quoteAsset);
            if (fees)
            {
                text.append(',').append(makerBps).append(',').append(takerBps);
            }
        }
        return text.toString();
    }
}
