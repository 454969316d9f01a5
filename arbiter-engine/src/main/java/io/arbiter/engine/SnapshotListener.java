package io.arbiter.engine;

/**
 * Receives the engine's full state from {@link MatchingEngine#snapshot(SnapshotListener)}: first every instrument in
 * id order, then every resting order of each book (bids best first, then asks best first, time priority within a
 * price), then the counters. Feeding the same calls, in the same order, to
 * {@link MatchingEngine#restoreInstrument}, {@link MatchingEngine#restoreOrder} and
 * {@link MatchingEngine#restoreCounters} of an empty engine rebuilds an identical engine (equal state hash).
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
     * @param tradeCount number of trades so far.
     */
    void onCounters(long tradeCount);
}
