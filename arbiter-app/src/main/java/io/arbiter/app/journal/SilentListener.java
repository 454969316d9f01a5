package io.arbiter.app.journal;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;

/**
 * An {@link ExecutionListener} that drops every event: replay tools only want the engine's resulting state.
 * Stateless; any thread.
 */
final class SilentListener implements ExecutionListener
{
    @Override
    public void onAccepted(final long orderId, final long account)
    {
    }

    @Override
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
    }

    @Override
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
    }

    @Override
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
    }

    @Override
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
    }
}
