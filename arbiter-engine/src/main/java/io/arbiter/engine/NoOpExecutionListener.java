package io.arbiter.engine;

/**
 * An {@link ExecutionListener} that drops every event, for engines whose resulting state is all that matters
 * (replay, recovery, benchmarks of the engine alone). Stateless; any thread.
 */
public final class NoOpExecutionListener implements ExecutionListener
{
    /** The one instance. */
    public static final NoOpExecutionListener INSTANCE = new NoOpExecutionListener();

    private NoOpExecutionListener()
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onAccepted(final long orderId, final long account)
    {
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
    }

    /**
     * {@inheritDoc}
     */
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
    }
}
