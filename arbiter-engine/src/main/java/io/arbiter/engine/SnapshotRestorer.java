package io.arbiter.engine;

/**
 * A {@link SnapshotListener} that restores what it receives into another, empty engine: {@code source.snapshot(new
 * SnapshotRestorer(copy))} makes {@code copy} an identical engine (equal state hash). Control plane.
 */
public final class SnapshotRestorer implements SnapshotListener
{
    private final MatchingEngine target;

    /**
     * @param target an engine with no instrument yet.
     */
    public SnapshotRestorer(final MatchingEngine target)
    {
        this.target = target;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onInstrument(final Instrument instrument)
    {
        target.restoreInstrument(instrument);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onInstrumentState(
        final int instrumentId,
        final boolean halted,
        final boolean delisted,
        final long bandHundredths,
        final long lastTradePrice)
    {
        target.restoreInstrumentState(instrumentId, halted, delisted, bandHundredths, lastTradePrice);
    }

    /**
     * {@inheritDoc}
     */
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
        target.restoreOrder(instrumentId, side, orderId, account, priceUnits, remaining, hidden, display, timeInForce,
            selfTradePrevention, expiry, acceptance);
    }

    /**
     * {@inheritDoc}
     */
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
        target.restoreStop(instrumentId, side, orderId, account, orderType, priceUnits, stopUnits, quantity,
            timeInForce, selfTradePrevention, expiry, acceptance);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCounters(final long tradeCount, final long clock, final long acceptances)
    {
        target.restoreCounters(tradeCount, clock, acceptances);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onRiskSettings(
        final int instrumentId, final int makerBps, final int takerBps, final long maxQuantity,
        final long maxNotional)
    {
        target.riskControls().fees(instrumentId, makerBps, takerBps);
        target.riskControls().limits(instrumentId, maxQuantity, maxNotional);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBalance(final long account, final int asset, final long available, final long held)
    {
        target.riskControls().restoreBalance(account, asset, available, held);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onDisabledAccount(final long account)
    {
        target.riskControls().restoreDisabledAccount(account);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onOrderHold(final long orderId, final long amount, final int makerBps, final int takerBps)
    {
        target.restoreOrderHold(orderId, amount, makerBps, takerBps);
    }
}
