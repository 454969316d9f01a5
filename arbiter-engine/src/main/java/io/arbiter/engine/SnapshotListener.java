package io.arbiter.engine;

/**
 * Receives the engine's full state from {@link MatchingEngine#snapshot(SnapshotListener)}: first every instrument in
 * id order, each followed by its state; then, instrument by instrument, every resting order (bids best first, then
 * asks best first, time priority within a price) and every waiting stop order (acceptance order); then the counters.
 * Feeding the same calls, in the same order, to {@link MatchingEngine#restoreInstrument},
 * {@link MatchingEngine#restoreInstrumentState}, {@link MatchingEngine#restoreOrder},
 * {@link MatchingEngine#restoreStop} and {@link MatchingEngine#restoreCounters} of an empty engine rebuilds an
 * identical engine (equal state hash). If any instrument has assets, the books are followed (before the counters) by
 * the spot-risk state: each such instrument's risk settings, every balance (accounts in the order they got their
 * first balance, assets by id), every disabled account, then the hold of every open order of such an instrument;
 * restoring them through the matching {@code restore...} methods, in that order, completes the copy. The risk
 * callbacks do nothing by default, for listeners that only read books.
 */
public interface SnapshotListener
{
    /**
     * @param instrument a defined instrument (delisted ones included: their ids stay taken).
     */
    void onInstrument(Instrument instrument);

    /**
     * @param instrumentId   of the instrument just given.
     * @param halted         whether it is halted.
     * @param delisted       whether it was delisted.
     * @param bandHundredths its price band in hundredths of a percent, 0 when off.
     * @param lastTradePrice its last trade price in {@link Prices} units, or {@link Prices#NULL_PRICE}.
     */
    void onInstrumentState(
        int instrumentId, boolean halted, boolean delisted, long bandHundredths, long lastTradePrice);

    /**
     * @param instrumentId        of the book.
     * @param side                of the order.
     * @param orderId             of the order.
     * @param account             that owns it.
     * @param priceUnits          limit price in {@link Prices} units.
     * @param remaining           remaining visible quantity (the whole remaining quantity, but for an iceberg).
     * @param hidden              an iceberg's hidden quantity, else 0.
     * @param display             an iceberg's display size, else 0.
     * @param timeInForce         GTC, GTD or POST_ONLY.
     * @param selfTradePrevention the order's mode.
     * @param expiry              expiry time of a GTD order, else {@link Command#NO_TIME}.
     * @param acceptance          the order's acceptance number.
     */
    void onOrder(
        int instrumentId,
        Side side,
        long orderId,
        long account,
        long priceUnits,
        long remaining,
        long hidden,
        long display,
        TimeInForce timeInForce,
        SelfTradePrevention selfTradePrevention,
        long expiry,
        long acceptance);

    /**
     * @param instrumentId        of the book.
     * @param side                of the order.
     * @param orderId             of the order.
     * @param account             that owns it.
     * @param orderType           STOP_LIMIT or STOP_MARKET.
     * @param priceUnits          limit price in {@link Prices} units, or {@link Prices#NULL_PRICE} for a stop market.
     * @param stopUnits           stop price in {@link Prices} units.
     * @param quantity            its quantity.
     * @param timeInForce         its time in force.
     * @param selfTradePrevention its mode.
     * @param expiry              expiry time of a GTD order, else {@link Command#NO_TIME}.
     * @param acceptance          the order's acceptance number.
     */
    void onStop(
        int instrumentId,
        Side side,
        long orderId,
        long account,
        OrderType orderType,
        long priceUnits,
        long stopUnits,
        long quantity,
        TimeInForce timeInForce,
        SelfTradePrevention selfTradePrevention,
        long expiry,
        long acceptance);

    /**
     * The fees and limits of an instrument with assets; see {@link io.arbiter.engine.risk.RiskControls#fees} and
     * {@link io.arbiter.engine.risk.RiskControls#limits}.
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
     * One balance; see {@link io.arbiter.engine.risk.RiskControls#restoreBalance}.
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
     * A disabled account; see {@link io.arbiter.engine.risk.RiskControls#restoreDisabledAccount}.
     *
     * @param account the account.
     */
    default void onDisabledAccount(final long account)
    {
    }

    /**
     * The hold of an open order (resting or waiting stop) given earlier; see {@link MatchingEngine#restoreOrderHold}.
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
     * @param tradeCount  number of trades so far.
     * @param clock       the engine's clock.
     * @param acceptances number of orders accepted so far.
     */
    void onCounters(long tradeCount, long clock, long acceptances);
}
