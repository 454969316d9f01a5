package io.arbiter.engine;

import java.util.List;

/**
 * Writes each snapshot call as a line, for comparing snapshot walks in tests.
 */
final class SnapshotLines implements SnapshotListener
{
    private final List<String> lines;

    SnapshotLines(final List<String> lines)
    {
        this.lines = lines;
    }

    @Override
    public void onInstrument(final Instrument instrument)
    {
        lines.add("instrument " + instrument);
    }

    @Override
    public void onInstrumentState(
        final int instrumentId,
        final boolean halted,
        final boolean delisted,
        final long bandHundredths,
        final long lastTradePrice)
    {
        lines.add("state " + instrumentId + " " + halted + " " + delisted + " " + bandHundredths + " " +
            lastTradePrice);
    }

    @Override
    public void onOrder(
        final int instrumentId,
        final Side side,
        final long orderId,
        final long account,
        final long priceUnits,
        final long remaining,
        final long hidden,
        final long display,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention,
        final long expiry,
        final long acceptance)
    {
        lines.add("order " + instrumentId + " " + side + " " + orderId + " " + account + " " + priceUnits + " " +
            remaining + " " + hidden + " " + display + " " + timeInForce + " " + selfTradePrevention + " " + expiry +
            " " + acceptance);
    }

    @Override
    public void onStop(
        final int instrumentId,
        final Side side,
        final long orderId,
        final long account,
        final OrderType orderType,
        final long priceUnits,
        final long stopUnits,
        final long quantity,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention,
        final long expiry,
        final long acceptance)
    {
        lines.add("stop " + instrumentId + " " + side + " " + orderId + " " + account + " " + orderType + " " +
            priceUnits + " " + stopUnits + " " + quantity + " " + timeInForce + " " + selfTradePrevention + " " +
            expiry + " " + acceptance);
    }

    @Override
    public void onCounters(final long tradeCount, final long clock, final long acceptances)
    {
        lines.add("counters " + tradeCount + " " + clock + " " + acceptances);
    }
}
