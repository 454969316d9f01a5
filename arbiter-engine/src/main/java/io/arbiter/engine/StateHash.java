package io.arbiter.engine;

/**
 * A 64-bit hash of engine state, fed in a canonical order so that two engines (or an engine and a reference model)
 * holding the same books produce the same value. The canonical order is: for each instrument by ascending id,
 * {@link #instrument(int)}; then {@link #side(Side)} BUY followed by its resting orders from the best price outward and
 * in time priority within a price, then {@link #side(Side)} SELL likewise, each order with {@link #order}; finally
 * {@link #tradeCount(long)}. For spot risk: each order of an instrument with assets is followed by {@link #hold}; after
 * the books, each instrument with assets gives {@link #riskSettings}, then every balance, accounts in the order they
 * got their first balance and assets by id, {@link #balance}; disabled accounts are mixed in as an order-independent
 * sum. An engine with no instrument with assets mixes none of these.
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
     * @param remaining   its remaining quantity.
     * @param timeInForce its time in force.
     * @param stp         its self-trade prevention mode.
     * @return this.
     */
    public StateHash order(
        final long orderId,
        final long account,
        final long priceUnits,
        final long remaining,
        final TimeInForce timeInForce,
        final SelfTradePrevention stp)
    {
        return mix(orderId).mix(account).mix(priceUnits).mix(remaining).mix(timeInForce.ordinal()).mix(stp.ordinal());
    }

    /**
     * @param amount   still held for the order.
     * @param makerBps maker fee rate it pays.
     * @param takerBps taker fee rate it pays.
     * @return this.
     */
    public StateHash hold(final long amount, final int makerBps, final int takerBps)
    {
        return mix(amount).mix((long)makerBps << 32 | (takerBps & 0xFFFF_FFFFL));
    }

    /**
     * @param instrumentId of an instrument with assets.
     * @param makerBps     its maker fee rate.
     * @param takerBps     its taker fee rate.
     * @param maxQuantity  its quantity limit.
     * @param maxNotional  its notional limit.
     * @return this.
     */
    public StateHash riskSettings(
        final int instrumentId, final int makerBps, final int takerBps, final long maxQuantity, final long maxNotional)
    {
        return mix(0x215CL).mix(instrumentId).mix(makerBps).mix(takerBps).mix(maxQuantity).mix(maxNotional);
    }

    /**
     * @param account   the account.
     * @param asset     id of the asset.
     * @param available amount.
     * @param held      amount.
     * @return this.
     */
    public StateHash balance(final long account, final int asset, final long available, final long held)
    {
        return mix(account).mix(asset).mix(available).mix(held);
    }

    /**
     * @param tradeCount number of trades so far.
     * @return this.
     */
    public StateHash tradeCount(final long tradeCount)
    {
        return mix(0x7EADEL).mix(tradeCount);
    }

    /**
     * @return the hash.
     */
    public long value()
    {
        return hash;
    }
}
