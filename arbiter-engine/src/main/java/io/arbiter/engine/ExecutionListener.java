package io.arbiter.engine;

/**
 * Receives the engine's events synchronously, on the matching thread, in the order they happen. Implementations must
 * not call back into the engine. Prices are in {@link Prices} units.
 * <p>
 * For one NEW order the events are: {@code onAccepted}, then its trades (and any self-trade-prevention cancels of
 * resting orders) in priority order, then {@code onCanceled} if its remainder does not rest. A rejected command gets
 * only {@code onRejected}.
 */
public interface ExecutionListener
{
    /**
     * A NEW order passed validation; its trades, if any, follow.
     *
     * @param orderId of the order.
     * @param account that owns it.
     */
    void onAccepted(long orderId, long account);

    /**
     * Two orders traded at the resting (maker) order's price.
     *
     * @param tradeId      deterministic trade number, from 1.
     * @param instrumentId of the book.
     * @param price        trade price in units.
     * @param quantity     traded quantity.
     * @param takerSide    side of the incoming order.
     * @param makerOrderId resting order.
     * @param makerAccount resting order's account.
     * @param makerLeaves  resting order's quantity left after this trade.
     * @param takerOrderId incoming order.
     * @param takerAccount incoming order's account.
     * @param takerLeaves  incoming order's quantity left after this trade.
     */
    void onTrade(
        long tradeId,
        int instrumentId,
        long price,
        long quantity,
        Side takerSide,
        long makerOrderId,
        long makerAccount,
        long makerLeaves,
        long takerOrderId,
        long takerAccount,
        long takerLeaves);

    /**
     * An order or its remainder left the book without trading.
     *
     * @param orderId      of the order.
     * @param account      that owns it.
     * @param remainingQty quantity that was cancelled.
     * @param reason       why.
     */
    void onCanceled(long orderId, long account, long remainingQty, CancelReason reason);

    /**
     * An open order's price and remaining quantity changed; for a loss of priority, the trades of its re-entry follow.
     *
     * @param orderId  of the order.
     * @param account  that owns it.
     * @param newPrice in units.
     * @param newQty   new remaining quantity.
     */
    void onReplaced(long orderId, long account, long newPrice, long newQty);

    /**
     * A command was refused and changed nothing.
     *
     * @param type    of the command.
     * @param orderId the command's order id.
     * @param account the command's account.
     * @param reason  why.
     */
    void onRejected(CommandType type, long orderId, long account, RejectReason reason);

    /**
     * A waiting stop order's condition held: it enters the book now, and the events of a new order after its
     * acceptance follow.
     *
     * @param orderId of the stop order.
     * @param account that owns it.
     */
    default void onTriggered(final long orderId, final long account)
    {
    }

    /**
     * A MASS_CANCEL finished; the cancels of its orders came before.
     *
     * @param account      whose orders were cancelled.
     * @param instrumentId the instrument named by the command, or {@link Command#ALL_INSTRUMENTS}.
     * @param count        number of orders cancelled.
     */
    default void onMassCanceled(final long account, final int instrumentId, final int count)
    {
    }

    /**
     * An instrument changed state: HALT, RESUME or DELIST applied (for DELIST, after the cancels of its orders), or
     * BAND set its price band.
     *
     * @param type         HALT, RESUME, DELIST or BAND.
     * @param instrumentId the instrument.
     * @param value        for BAND the percent in hundredths (0 is off), otherwise 0.
     */
    default void onInstrumentState(final CommandType type, final int instrumentId, final long value)
    {
    }

    /**
     * An INSTRUMENT command defined an instrument.
     *
     * @param instrument the new instrument.
     */
    default void onInstrumentDefined(final Instrument instrument)
    {
    }

    /**
     * A DISABLE command applied (after the cancels of the account's orders) or an ENABLE command applied.
     *
     * @param type     DISABLE or ENABLE.
     * @param account  the account.
     * @param canceled for DISABLE the number of orders cancelled, otherwise 0.
     */
    default void onAccountState(final CommandType type, final long account, final int canceled)
    {
    }

    /**
     * A DEPOSIT or WITHDRAW changed nothing: the withdrawal exceeds the available balance, or the deposit would make it
     * larger than the largest {@code long}.
     *
     * @param type    DEPOSIT or WITHDRAW.
     * @param account the account.
     * @param asset   id of the asset.
     * @param amount  the amount asked for.
     */
    default void onFundsRefused(final CommandType type, final long account, final int asset, final long amount)
    {
    }
}
