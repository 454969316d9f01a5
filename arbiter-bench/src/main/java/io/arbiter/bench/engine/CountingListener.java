package io.arbiter.bench.engine;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.LevelListener;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;

/**
 * An {@link ExecutionListener} that only counts events and folds their ids into a checksum, so the JIT cannot drop
 * the work of an engine that replays a {@link CommandTape}. Allocates nothing; single threaded.
 */
public final class CountingListener implements ExecutionListener, LevelListener
{
    private long events;
    private long trades;
    private long checksum;
    private long levels;

    /**
     * {@inheritDoc}
     */
    public void onAccepted(final long orderId, final long account)
    {
        events++;
        checksum += orderId;
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide,
        final long makerOrderId,
        final long makerAccount,
        final long makerLeaves,
        final long takerOrderId,
        final long takerAccount,
        final long takerLeaves)
    {
        events++;
        trades++;
        checksum += price * 31 + quantity;
    }

    /**
     * {@inheritDoc}
     */
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
        events++;
        checksum += orderId ^ remainingQty;
    }

    /**
     * {@inheritDoc}
     */
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
        events++;
        checksum += newPrice ^ newQty;
    }

    /**
     * {@inheritDoc}
     */
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
        events++;
        checksum += reason.ordinal();
    }

    /**
     * {@inheritDoc}
     */
    public void onLevel(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        levels++;
        checksum += price ^ totalQuantity ^ orderCount;
    }

    /**
     * @return level changes seen (when used as the engine's {@link LevelListener}).
     */
    public long levels()
    {
        return levels;
    }

    /**
     * @return events seen.
     */
    public long events()
    {
        return events;
    }

    /**
     * @return trades seen.
     */
    public long trades()
    {
        return trades;
    }

    /**
     * @return a value depending on every event's ids and figures.
     */
    public long checksum()
    {
        return checksum;
    }
}
