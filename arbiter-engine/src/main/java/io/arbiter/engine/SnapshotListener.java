package io.arbiter.engine;

/**
 * Receives the engine's full state from {@link MatchingEngine#snapshot(SnapshotListener)}: first every instrument in
 * id order, each instrument with assets followed by its risk settings; then, if any instrument has assets, every
 * balance (accounts in the order they got their first balance, assets by id) and every disabled account; then every
 * resting order of each book (bids best first, then asks best first, time priority within a price), an order of an
 * instrument with assets followed by its hold; then the counters. Feeding the same calls, in the same order, to the
 * matching {@code restore...} methods of an empty {@link MatchingEngine} rebuilds an identical engine (equal state
 * hash). The risk callbacks do nothing by default, for listeners that only read books.
 */
public interface SnapshotListener
{
    /**
     * @param instrument a defined instrument.
     */
    void onInstrument(Instrument instrument);

    /**
     * @param instrumentId        of the book.
     * @param side                of the order.
     * @param orderId             of the order.
     * @param account             that owns it.
     * @param priceUnits          limit price in {@link Prices} units.
     * @param remaining           remaining quantity.
     * @param timeInForce         GTC or POST_ONLY.
     * @param selfTradePrevention the order's mode.
     */
    void onOrder(
        int instrumentId,
        Side side,
        long orderId,
        long account,
        long priceUnits,
        long remaining,
        TimeInForce timeInForce,
        SelfTradePrevention selfTradePrevention);

    /**
     * The fees and limits of an instrument with assets; see {@link MatchingEngine#restoreRiskSettings}.
     *
     * @param instrumentId of the instrument.
     * @param makerBps     maker fee rate in basis points.
     * @param takerBps     taker fee rate in basis points.
     * @param maxQuantity  largest order quantity, 0 for none.
     * @param maxNotional  largest LIMIT order notional, 0 for none.
     */
    default void onRiskSettings(
        final int instrumentId, final int makerBps, final int takerBps, final long maxQuantity,
        final long maxNotional)
    {
    }

    /**
     * The hold of the order just given to {@link #onOrder}; see {@link MatchingEngine#restoreOrderHold}.
     *
     * @param orderId  of the order.
     * @param amount   still held for it, in units of the held asset.
     * @param makerBps maker fee rate it pays.
     * @param takerBps taker fee rate it pays.
     */
    default void onOrderHold(final long orderId, final long amount, final int makerBps, final int takerBps)
    {
    }

    /**
     * One balance; see {@link MatchingEngine#restoreBalance}.
     *
     * @param account   the account.
     * @param asset     id of the asset.
     * @param available amount.
     * @param held      amount.
     */
    default void onBalance(final long account, final int asset, final long available, final long held)
    {
    }

    /**
     * A disabled account; see {@link MatchingEngine#restoreDisabledAccount}.
     *
     * @param account the account.
     */
    default void onDisabledAccount(final long account)
    {
    }

    /**
     * @param tradeCount number of trades so far.
     */
    void onCounters(long tradeCount);
}
