package io.arbiter.engine.support;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotListener;
import io.arbiter.engine.TimeInForce;

import java.util.List;

/**
 * Writes each snapshot call as a line (the books, then the risk state, then the counters), for comparing snapshot
 * walks in tests.
 */
public final class SnapshotLines implements SnapshotListener
{
    private final List<String> lines;

    /**
     * @param lines to add to.
     */
    public SnapshotLines(final List<String> lines)
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
    public void onRiskSettings(
        final int instrumentId, final int makerBps, final int takerBps, final long maxQuantity,
        final long maxNotional)
    {
        lines.add("fees " + instrumentId + " " + makerBps + " " + takerBps + " " + maxQuantity + " " + maxNotional);
    }

    @Override
    public void onBalance(final long account, final int asset, final long available, final long held)
    {
        lines.add("balance " + account + " " + asset + " " + available + " " + held);
    }

    @Override
    public void onDisabledAccount(final long account)
    {
        lines.add("disabled " + account);
    }

    @Override
    public void onOrderHold(final long orderId, final long amount, final int makerBps, final int takerBps)
    {
        lines.add("hold " + orderId + " " + amount + " " + makerBps + " " + takerBps);
    }

    @Override
    public void onCounters(final long tradeCount, final long clock, final long acceptances)
    {
        lines.add("counters " + tradeCount + " " + clock + " " + acceptances);
    }
}
