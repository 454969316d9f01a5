package io.arbiter.server.egress;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;

/**
 * Where the matching thread sends one session's execution reports. Only the matching thread calls it. An
 * implementation encodes each report into a buffer it owns and hands the reports to the session's transport on
 * {@link #flush(long)}, which the matching thread calls once at the end of each batch it touched the session in; the
 * transport sends them once the node's {@link ReplyGate} has released the sequence they wait for.
 * Implementations must not allocate per report in steady state and must not block.
 */
public interface SessionEgress
{
    /**
     * A NEW order passed validation and was given an exchange order id.
     *
     * @param timestampNs     stamped on that command.
     * @param clientOrderId   the session's id for the order.
     * @param exchangeOrderId the node's id for the order.
     * @param instrumentId      of the order's book.
     * @param clientTimestampNs the client's timestamp from the request, echoed.
     */
    void onAccepted(
        long timestampNs,
        long clientOrderId,
        long exchangeOrderId,
        int instrumentId,
        long clientTimestampNs);

    /**
     * The order traded.
     *
     * @param timestampNs     stamped on that command.
     * @param clientOrderId   the session's id for the order.
     * @param exchangeOrderId the node's id for the order.
     * @param tradeId         deterministic trade number.
     * @param instrumentId    of the book.
     * @param side            of this order.
     * @param price           trade price in units.
     * @param quantity        traded quantity.
     * @param leaves          quantity of this order left open after the trade.
     * @param maker           true if this order was resting (maker), false if it was the incoming order (taker).
     */
    void onFill(
        long timestampNs,
        long clientOrderId,
        long exchangeOrderId,
        long tradeId,
        int instrumentId,
        Side side,
        long price,
        long quantity,
        long leaves,
        boolean maker);

    /**
     * The order or its remainder left the book without trading.
     *
     * @param timestampNs     stamped on that command.
     * @param clientOrderId   the session's id for the order.
     * @param exchangeOrderId the node's id for the order.
     * @param canceledQty     quantity that was cancelled.
     * @param reason          why.
     */
    void onCanceled(
        long timestampNs,
        long clientOrderId,
        long exchangeOrderId,
        long canceledQty,
        CancelReason reason);

    /**
     * The open order's price and remaining quantity changed.
     *
     * @param timestampNs     stamped on that command.
     * @param clientOrderId   the session's id for the order.
     * @param exchangeOrderId the node's id for the order.
     * @param price           new limit price in units.
     * @param quantity        new remaining quantity.
     */
    void onReplaced(
        long timestampNs, long clientOrderId, long exchangeOrderId, long price, long quantity);

    /**
     * A command was refused and changed nothing.
     *
     * @param timestampNs   stamped on that command.
     * @param clientOrderId the command's client order id.
     * @param type          of the command.
     * @param code          why; {@link RejectCode#text()} gives the text.
     * @param clientTimestampNs the client's timestamp from the request, echoed.
     */
    void onRejected(
        long timestampNs, long clientOrderId, CommandType type, RejectCode code, long clientTimestampNs);

    /**
     * One page of the answer to an OpenOrdersRequest holding one open order (matching thread; part of the batch
     * handed over at the next {@link #flush(long)}).
     *
     * @param requestId           of the request.
     * @param last                true on the answer's last page.
     * @param more                true (on the last page only) when further orders match.
     * @param exchangeOrderId     of the order.
     * @param clientOrderId       the order was entered with.
     * @param instrumentId        of its book.
     * @param symbol              of its instrument.
     * @param side                of the order.
     * @param timeInForce         of the order (GTC or POST_ONLY: only those rest).
     * @param price               limit price in 1e-8 units.
     * @param remaining           quantity still open.
     * @param selfTradePrevention of the order.
     */
    void onOpenOrder(
        long requestId,
        boolean last,
        boolean more,
        long exchangeOrderId,
        long clientOrderId,
        int instrumentId,
        String symbol,
        Side side,
        TimeInForce timeInForce,
        long price,
        long remaining,
        SelfTradePrevention selfTradePrevention);

    /**
     * One page of the answer to an OpenOrdersRequest holding one open order, with the fields of stop, iceberg and GTD
     * orders (matching thread). The default drops those fields and calls the shorter {@code onOpenOrder}, for
     * transports that cannot carry them.
     *
     * @param requestId           of the request.
     * @param last                true on the answer's last page.
     * @param more                true (on the last page only) when further orders match.
     * @param exchangeOrderId     of the order.
     * @param clientOrderId       the order was entered with.
     * @param instrumentId        of its book.
     * @param symbol              of its instrument.
     * @param side                of the order.
     * @param orderType           LIMIT for a resting order, STOP_LIMIT or STOP_MARKET for a waiting stop.
     * @param timeInForce         of the order.
     * @param price               limit price in 1e-8 units, or {@link io.arbiter.engine.Prices#NULL_PRICE} for none.
     * @param stopPrice           a waiting stop's trigger price, else {@link io.arbiter.engine.Prices#NULL_PRICE}.
     * @param remaining           quantity still open (an iceberg's hidden quantity included).
     * @param displayQuantity     an iceberg's display quantity, else 0.
     * @param expiryMs            a GTD order's expiry (engine clock, epoch milliseconds), else
     *                            {@link io.arbiter.engine.Command#NO_TIME}.
     * @param selfTradePrevention of the order.
     */
    default void onOpenOrder(
        final long requestId,
        final boolean last,
        final boolean more,
        final long exchangeOrderId,
        final long clientOrderId,
        final int instrumentId,
        final String symbol,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long stopPrice,
        final long remaining,
        final long displayQuantity,
        final long expiryMs,
        final SelfTradePrevention selfTradePrevention)
    {
        onOpenOrder(requestId, last, more, exchangeOrderId, clientOrderId, instrumentId, symbol, side, timeInForce,
            price, remaining, selfTradePrevention);
    }

    /**
     * A waiting stop order of the session triggered: it enters the book now, and its fills follow (matching thread).
     * The default reports nothing, for transports without such a report.
     *
     * @param timestampNs     stamped on the command whose trade triggered it.
     * @param clientOrderId   the session's id for the order.
     * @param exchangeOrderId the node's id for the order.
     */
    default void onTriggered(final long timestampNs, final long clientOrderId, final long exchangeOrderId)
    {
    }

    /**
     * The session's MassCancel is done; the cancels of its orders came before (matching thread). The default reports
     * nothing.
     *
     * @param timestampNs   stamped on that command.
     * @param requestId     of the MassCancel.
     * @param canceledCount orders it cancelled.
     */
    default void onMassCanceled(final long timestampNs, final long requestId, final int canceledCount)
    {
    }

    /**
     * A balance of the session's account changed (matching thread). The default reports nothing.
     *
     * @param timestampNs stamped on the command that changed it.
     * @param asset       name of the asset.
     * @param available   amount free to trade, 1e-8 units of the asset.
     * @param held        amount held for open orders, 1e-8 units of the asset.
     */
    default void onBalance(final long timestampNs, final String asset, final long available, final long held)
    {
    }

    /**
     * One page of the answer to a BalanceRequest (matching thread). The default reports nothing.
     *
     * @param requestId of the request.
     * @param asset     name of the asset, or null for the single page of an empty answer.
     * @param available amount free to trade, 1e-8 units of the asset.
     * @param held      amount held for open orders.
     * @param last      true on the answer's last page.
     */
    default void onBalanceReport(
        final long requestId, final String asset, final long available, final long held, final boolean last)
    {
    }

    /**
     * A query (open orders, balances) could not be answered now (matching thread; in cluster mode, when too many
     * commands wait for the cluster). The default reports nothing.
     *
     * @param timestampNs     the node's time of the reject, epoch ns.
     * @param requestId       of the request.
     * @param wireRequestType the request's type on the wire ({@code RequestType} of arbiter.proto).
     * @param code            why.
     */
    default void onQueryRejected(
        final long timestampNs, final long requestId, final int wireRequestType, final RejectCode code)
    {
    }

    /**
     * The single page of an empty answer to an OpenOrdersRequest (matching thread).
     *
     * @param requestId of the request.
     */
    void onNoOpenOrders(long requestId);

    /**
     * One page of the answer to an InstrumentListRequest holding one instrument (matching thread).
     *
     * @param requestId  of the request.
     * @param last       true on the answer's last page.
     * @param instrument the engine's instrument.
     */
    void onInstrument(long requestId, boolean last, Instrument instrument);

    /**
     * The single page of an empty answer to an InstrumentListRequest (matching thread).
     *
     * @param requestId of the request.
     */
    void onNoInstruments(long requestId);

    /**
     * Hand every report since the last flush to the transport, to leave once the command with sequence
     * {@code releaseSequence} (and every command before it) is durable: the node's {@link ReplyGate} releases it.
     * Called at the end of a batch (and every so many commands within a long one).
     *
     * @param releaseSequence the last command sequence the reports depend on, or {@link ReplyGate#RELEASE_NOW}.
     */
    void flush(long releaseSequence);

    /**
     * Drop every report since the last flush: they must never leave (the journal failed before they were handed
     * over). The default drops nothing, for implementations that buffer nothing before {@link #flush(long)}.
     */
    default void discard()
    {
    }

    /**
     * Hold this session's reports at the node's gate. Control plane: the matching thread calls it when the session
     * opens, before its first flush. The default ignores the gate (an implementation that is not a transport).
     *
     * @param gate releases report batches once the commands they wait for are durable.
     */
    default void gate(final ReplyGate gate)
    {
    }
}
