package io.arbiter.marketdata;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.LevelListener;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotListener;
import io.arbiter.engine.TimeInForce;

/**
 * Turns an engine's snapshot walk ({@link io.arbiter.engine.MatchingEngine#snapshot}), which gives resting orders level
 * by level, into aggregated price levels (total quantity, order count), passed to a {@link LevelListener} in the walk's
 * order. Control plane; one walk per instance.
 */
public final class SnapshotLevels implements SnapshotListener
{
    private final LevelListener levels;
    private int instrumentId = -1;
    private Side side;
    private long price;
    private long quantity;
    private int count;

    /**
     * @param levels receives each level once it is complete.
     */
    public SnapshotLevels(final LevelListener levels)
    {
        this.levels = levels;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onInstrument(final Instrument instrument)
    {
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
        if (instrumentId != this.instrumentId || side != this.side || priceUnits != price)
        {
            emit();
            this.instrumentId = instrumentId;
            this.side = side;
            this.price = priceUnits;
        }
        quantity += remaining;
        count++;
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
        // a waiting stop is not in the book: it shows in no level
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCounters(final long tradeCount, final long clock, final long acceptances)
    {
        emit();
    }

    private void emit()
    {
        if (count > 0)
        {
            levels.onLevel(instrumentId, side, price, quantity, count);
        }
        quantity = 0;
        count = 0;
    }
}
