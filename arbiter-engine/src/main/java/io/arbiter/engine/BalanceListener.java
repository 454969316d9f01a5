package io.arbiter.engine;

/**
 * Receives, after each command's other events (and before its level changes), the balances that command changed, on
 * the matching thread. Amounts are in 10<sup>-8</sup> units of the asset; asset ids are those of
 * {@link io.arbiter.engine.risk.RiskControls#assetId(String)}. Implementations must not call back into the engine.
 */
@FunctionalInterface
public interface BalanceListener
{
    /**
     * A balance differs from what it was before the command.
     *
     * @param account   whose balance it is ({@link io.arbiter.engine.risk.SpotRisk#FEE_ACCOUNT} for fees).
     * @param asset     id of the asset.
     * @param available amount free to trade or withdraw.
     * @param held      amount held for open orders.
     */
    void onBalance(long account, int asset, long available, long held);

    /**
     * The command's last changed balance has been reported (called only if at least one was).
     */
    default void onBalancesEnd()
    {
    }
}
