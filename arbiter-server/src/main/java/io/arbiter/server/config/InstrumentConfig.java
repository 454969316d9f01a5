package io.arbiter.server.config;

/**
 * One configured instrument: symbol, tick size in price units and lot size. Immutable.
 *
 * @param symbol        unique symbol, e.g. {@code BTC-USD}.
 * @param tickSizeUnits tick size in 1e-8 units.
 * @param lotSize       lot size in quantity units.
 */
public record InstrumentConfig(String symbol, long tickSizeUnits, long lotSize)
{
}
