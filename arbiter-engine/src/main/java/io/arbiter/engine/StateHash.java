package io.arbiter.engine;

/**
 * A 64-bit hash of engine state, fed in a canonical order so that two engines (or an engine and a reference model)
 * holding the same books produce the same value. The canonical order is: for each instrument by ascending id,
 * {@link #instrument(int)} and {@link #instrumentState}; then {@link #side(Side)} BUY followed by its resting orders
 * from the best price outward and in time priority within a price, then {@link #side(Side)} SELL likewise, each order
 * with {@link #order}; then the instrument's waiting stops in acceptance order, each with {@link #stop}; finally
 * {@link #counters}.
 */
public final class StateHash
{
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long PRIME = 0xBF58476D1CE4E5B9L;
    private long hash = SEED;

    /**
     * Start over.
     *
     * @return this.
     */
    public StateHash reset()
    {
        hash = SEED;
        return this;
    }

    /**
     * Mix a value into the hash.
     *
     * @param value to mix.
     * @return this.
     */
    public StateHash mix(final long value)
    {
        long h = (hash ^ value) * PRIME;
        h ^= h >>> 31;
        hash = h * 0x94D049BB133111EBL;
        hash ^= hash >>> 29;
        return this;
    }

    /**
     * @param instrumentId of the book that follows.
     * @return this.
     */
    public StateHash instrument(final int instrumentId)
    {
        return mix(0x1A57L).mix(instrumentId);
    }

    /**
     * @param halted         whether the instrument is halted.
     * @param delisted       whether it was delisted.
     * @param bandHundredths its price band in hundredths of a percent, 0 when off.
     * @param lastTradePrice its last trade price in units, or {@link Prices#NULL_PRICE}.
     * @return this.
     */
    public StateHash instrumentState(
        final boolean halted, final boolean delisted, final long bandHundredths, final long lastTradePrice)
    {
        return mix(halted ? 1 : 0).mix(delisted ? 1 : 0).mix(bandHundredths).mix(lastTradePrice);
    }

    /**
     * @param side of the orders that follow.
     * @return this.
     */
    public StateHash side(final Side side)
    {
        return mix(0x51DEL).mix(side.ordinal());
    }

    /**
     * @param orderId     of a resting order.
     * @param account     that owns it.
     * @param priceUnits  its price in {@link Prices} units.
     * @param remaining   its remaining visible quantity.
     * @param hidden      its hidden quantity (icebergs), else 0.
     * @param display     its display size (icebergs), else 0.
     * @param timeInForce its time in force.
     * @param stp         its self-trade prevention mode.
     * @param expiry      its expiry time (GTD), else {@link Command#NO_TIME}.
     * @param acceptance  its acceptance number.
     * @return this.
     */
    public StateHash order(
        final long orderId,
        final long account,
        final long priceUnits,
        final long remaining,
        final long hidden,
        final long display,
        final TimeInForce timeInForce,
        final SelfTradePrevention stp,
        final long expiry,
        final long acceptance)
    {
        return mix(orderId).mix(account).mix(priceUnits).mix(remaining).mix(hidden).mix(display)
            .mix(timeInForce.ordinal()).mix(stp.ordinal()).mix(expiry).mix(acceptance);
    }

    /**
     * @param side        of a waiting stop order.
     * @param orderId     its id.
     * @param account     that owns it.
     * @param orderType   STOP_LIMIT or STOP_MARKET.
     * @param priceUnits  its limit price in units, or {@link Prices#NULL_PRICE}.
     * @param stopUnits   its stop price in units.
     * @param quantity    its quantity.
     * @param timeInForce its time in force.
     * @param stp         its self-trade prevention mode.
     * @param expiry      its expiry time (GTD), else {@link Command#NO_TIME}.
     * @param acceptance  its acceptance number.
     * @return this.
     */
    public StateHash stop(
        final Side side,
        final long orderId,
        final long account,
        final OrderType orderType,
        final long priceUnits,
        final long stopUnits,
        final long quantity,
        final TimeInForce timeInForce,
        final SelfTradePrevention stp,
        final long expiry,
        final long acceptance)
    {
        return mix(0x5709L).mix(side.ordinal()).mix(orderId).mix(account).mix(orderType.ordinal()).mix(priceUnits)
            .mix(stopUnits).mix(quantity).mix(timeInForce.ordinal()).mix(stp.ordinal()).mix(expiry).mix(acceptance);
    }

    /**
     * @param tradeCount  number of trades so far.
     * @param clock       the engine's clock.
     * @param acceptances number of orders accepted so far.
     * @return this.
     */
    public StateHash counters(final long tradeCount, final long clock, final long acceptances)
    {
        return mix(0x7EADEL).mix(tradeCount).mix(clock).mix(acceptances);
    }

    /**
     * @return the hash.
     */
    public long value()
    {
        return hash;
    }
}
