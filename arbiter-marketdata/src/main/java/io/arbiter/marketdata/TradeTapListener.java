package io.arbiter.marketdata;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;

/**
 * An {@link ExecutionListener} that passes every event on to the node's own listener and also hands each trade, with
 * no account or order id, to the {@link MarketDataPublisher}. Matching thread only; allocates nothing.
 */
public final class TradeTapListener implements ExecutionListener
{
    private final ExecutionListener delegate;
    private final MarketDataPublisher publisher;

    /**
     * @param delegate  receives every event first.
     * @param publisher receives the public part of each trade.
     */
    public TradeTapListener(final ExecutionListener delegate, final MarketDataPublisher publisher)
    {
        this.delegate = delegate;
        this.publisher = publisher;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onAccepted(final long orderId, final long account)
    {
        delegate.onAccepted(orderId, account);
    }

    /**
     * {@inheritDoc}
     */
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
        delegate.onTrade(tradeId, instrumentId, price, quantity, takerSide, makerOrderId, makerAccount, makerLeaves,
            takerOrderId, takerAccount, takerLeaves);
        publisher.onTrade(tradeId, instrumentId, price, quantity, takerSide);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
        delegate.onCanceled(orderId, account, remainingQty, reason);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
        delegate.onReplaced(orderId, account, newPrice, newQty);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
        delegate.onRejected(type, orderId, account, reason);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTriggered(final long orderId, final long account)
    {
        delegate.onTriggered(orderId, account);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onMassCanceled(final long account, final int instrumentId, final int count)
    {
        delegate.onMassCanceled(account, instrumentId, count);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onInstrumentState(final CommandType type, final int instrumentId, final long value)
    {
        delegate.onInstrumentState(type, instrumentId, value);
    }
}
