package io.arbiter.client;

import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;

/**
 * Receives what the server sends to one {@link ArbiterClient}. Every callback runs on that client's Netty event loop,
 * so a listener shared by clients on different loops must be thread-safe; callbacks must not block. Text arguments are
 * reused views valid only during the call. Enum arguments are never null: numbers this client does not know arrive
 * as {@code UNRECOGNIZED}. All methods default to doing nothing.
 */
public interface ClientListener
{
    /**
     * The server accepted the logon.
     *
     * @param client              the connection.
     * @param sessionId           the server's session id.
     * @param heartbeatIntervalMs the heartbeat interval in force.
     * @param accountId           the engine account the session trades for.
     */
    default void onLogonAck(
        final ArbiterClient client, final long sessionId, final int heartbeatIntervalMs, final long accountId)
    {
    }

    /**
     * The server refused the logon; it closes the connection afterwards.
     *
     * @param client the connection.
     * @param reason why.
     * @param text   the server's explanation.
     */
    default void onLogonReject(final ArbiterClient client, final LogonRejectReason reason, final CharSequence text)
    {
    }

    /**
     * A new order was accepted by the engine.
     *
     * @param client            the connection.
     * @param clientOrderId     the client's order id.
     * @param orderId           the server's order id.
     * @param clientTimestampNs the NewOrder's client timestamp, echoed.
     * @param instrumentId      the instrument.
     * @param timestampNs       sequencer time.
     */
    default void onAccepted(
        final ArbiterClient client,
        final long clientOrderId,
        final long orderId,
        final long clientTimestampNs,
        final int instrumentId,
        final long timestampNs)
    {
    }

    /**
     * One of this session's orders traded.
     *
     * @param client         the connection.
     * @param clientOrderId  the client's order id.
     * @param orderId        the server's order id.
     * @param tradeId        the instrument's trade number.
     * @param price          trade price, 1e-8 units.
     * @param quantity       traded quantity.
     * @param leavesQuantity quantity left; 0 means the order is complete.
     * @param liquidity      maker or taker.
     * @param instrumentId   the instrument.
     * @param side           this order's side.
     * @param timestampNs    sequencer time.
     */
    default void onFill(
        final ArbiterClient client,
        final long clientOrderId,
        final long orderId,
        final long tradeId,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final Liquidity liquidity,
        final int instrumentId,
        final Side side,
        final long timestampNs)
    {
    }

    /**
     * An order finished by cancellation (by request, IOC remainder, FOK, post-only, self-trade or session end).
     *
     * @param client           the connection.
     * @param clientOrderId    the client's order id.
     * @param orderId          the server's order id.
     * @param canceledQuantity the quantity that was cancelled.
     * @param reason           why.
     * @param timestampNs      sequencer time.
     */
    default void onCanceled(
        final ArbiterClient client,
        final long clientOrderId,
        final long orderId,
        final long canceledQuantity,
        final CancelReason reason,
        final long timestampNs)
    {
    }

    /**
     * A Replace took effect.
     *
     * @param client        the connection.
     * @param clientOrderId the client's order id.
     * @param orderId       the server's order id.
     * @param price         new price.
     * @param quantity      new remaining quantity.
     * @param timestampNs   sequencer time.
     */
    default void onReplaced(
        final ArbiterClient client,
        final long clientOrderId,
        final long orderId,
        final long price,
        final long quantity,
        final long timestampNs)
    {
    }

    /**
     * A request was rejected: a NewOrder, Cancel or Replace, or (with {@code clientOrderId} holding its request id)
     * an OpenOrdersRequest or InstrumentListRequest.
     *
     * @param client            the connection.
     * @param clientOrderId     the request's client order id (for Cancel and Replace, the target's).
     * @param reason            why.
     * @param requestType       which request.
     * @param clientTimestampNs the request's client timestamp, echoed.
     * @param timestampNs       server time.
     * @param text              the server's explanation (may be empty).
     */
    default void onRejected(
        final ArbiterClient client,
        final long clientOrderId,
        final RejectReason reason,
        final RequestType requestType,
        final long clientTimestampNs,
        final long timestampNs,
        final CharSequence text)
    {
    }

    /**
     * One open order of the answer to {@link ArbiterClient#sendOpenOrdersRequest}, in acceptance order;
     * {@link #onOpenOrdersEnd} follows the last one.
     *
     * @param client            the connection.
     * @param requestId         of the request.
     * @param orderId           exchange order id.
     * @param clientOrderId     the client order id the order was entered with.
     * @param instrumentId      of its book.
     * @param symbol            of its instrument (valid during the call only).
     * @param side              of the order.
     * @param orderType         of the order (LIMIT: only limit orders rest).
     * @param timeInForce       of the order.
     * @param price             limit price in 1e-8 units.
     * @param remainingQuantity quantity still open.
     * @param stp               self-trade prevention of the order.
     */
    default void onOpenOrder(
        final ArbiterClient client,
        final long requestId,
        final long orderId,
        final long clientOrderId,
        final int instrumentId,
        final CharSequence symbol,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long remainingQuantity,
        final SelfTradePrevention stp)
    {
    }

    /**
     * One open order of the answer to {@link ArbiterClient#sendOpenOrdersRequest}, with the fields of stop, iceberg and
     * GTD orders. The default calls the shorter {@code onOpenOrder} without them.
     *
     * @param client            the connection.
     * @param requestId         of the request.
     * @param orderId           exchange order id.
     * @param clientOrderId     the client order id the order was entered with.
     * @param instrumentId      of its book.
     * @param symbol            of its instrument (valid during the call only).
     * @param side              of the order.
     * @param orderType         LIMIT for a resting order, STOP_LIMIT or STOP_MARKET for a waiting stop.
     * @param timeInForce       of the order.
     * @param price             limit price in 1e-8 units (0 for a STOP_MARKET).
     * @param remainingQuantity quantity still open (an iceberg's hidden quantity included).
     * @param stp               self-trade prevention of the order.
     * @param stopPrice         a waiting stop's trigger price, else 0.
     * @param displayQuantity   an iceberg's display quantity, else 0.
     * @param expireTimeMs      a GTD order's expiry in epoch milliseconds, else 0.
     */
    default void onOpenOrder(
        final ArbiterClient client,
        final long requestId,
        final long orderId,
        final long clientOrderId,
        final int instrumentId,
        final CharSequence symbol,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long remainingQuantity,
        final SelfTradePrevention stp,
        final long stopPrice,
        final long displayQuantity,
        final long expireTimeMs)
    {
        onOpenOrder(client, requestId, orderId, clientOrderId, instrumentId, symbol, side, orderType, timeInForce,
            price, remainingQuantity, stp);
    }

    /**
     * A waiting stop order triggered: it enters the book now; its fills follow.
     *
     * @param client        the connection.
     * @param clientOrderId of the stop order.
     * @param orderId       exchange order id.
     * @param timestampNs   sequencer time.
     */
    default void onTriggered(
        final ArbiterClient client, final long clientOrderId, final long orderId, final long timestampNs)
    {
    }

    /**
     * A {@link ArbiterClient#sendMassCancel} is done; the cancels of its orders came before.
     *
     * @param client        the connection.
     * @param requestId     of the request.
     * @param canceledCount orders cancelled.
     * @param timestampNs   sequencer time.
     */
    default void onMassCanceled(
        final ArbiterClient client, final long requestId, final int canceledCount, final long timestampNs)
    {
    }

    /**
     * A balance of the session's account changed.
     *
     * @param client      the connection.
     * @param asset       name of the asset (valid during the call only).
     * @param available   amount free to trade, 1e-8 units of the asset.
     * @param held        amount held for open orders, 1e-8 units of the asset.
     * @param timestampNs sequencer time of the command that changed it.
     */
    default void onBalance(
        final ArbiterClient client,
        final CharSequence asset,
        final long available,
        final long held,
        final long timestampNs)
    {
    }

    /**
     * One balance of the answer to {@link ArbiterClient#sendBalanceRequest}; {@link #onBalanceReportEnd} follows the
     * last one.
     *
     * @param client    the connection.
     * @param requestId of the request.
     * @param asset     name of the asset (valid during the call only).
     * @param available amount free to trade, 1e-8 units of the asset.
     * @param held      amount held for open orders, 1e-8 units of the asset.
     */
    default void onBalanceReport(
        final ArbiterClient client,
        final long requestId,
        final CharSequence asset,
        final long available,
        final long held)
    {
    }

    /**
     * The answer to {@link ArbiterClient#sendBalanceRequest} is complete (also when the account has no balance).
     *
     * @param client    the connection.
     * @param requestId of the request.
     */
    default void onBalanceReportEnd(final ArbiterClient client, final long requestId)
    {
    }

    /**
     * The answer to {@link ArbiterClient#sendOpenOrdersRequest} is complete (also when there were no orders).
     *
     * @param client    the connection.
     * @param requestId of the request.
     * @param more      true if further orders match: ask again with the last order id received as after-order-id.
     */
    default void onOpenOrdersEnd(final ArbiterClient client, final long requestId, final boolean more)
    {
    }

    /**
     * One instrument of the answer to {@link ArbiterClient#sendInstrumentListRequest}, in definition order;
     * {@link #onInstrumentListEnd} follows the last one.
     *
     * @param client       the connection.
     * @param requestId    of the request.
     * @param instrumentId of the instrument.
     * @param symbol       of the instrument (valid during the call only).
     * @param tickSize     price increment in 1e-8 units.
     * @param lotSize      quantity increment.
     */
    default void onInstrument(
        final ArbiterClient client,
        final long requestId,
        final int instrumentId,
        final CharSequence symbol,
        final long tickSize,
        final long lotSize)
    {
    }

    /**
     * The answer to {@link ArbiterClient#sendInstrumentListRequest} is complete (also when there were none).
     *
     * @param client    the connection.
     * @param requestId of the request.
     */
    default void onInstrumentListEnd(final ArbiterClient client, final long requestId)
    {
    }

    /**
     * The server reported a protocol error (it usually closes the connection afterwards), or this client received a
     * frame it could not decode ({@code MALFORMED_MESSAGE}, after which it closes the connection).
     *
     * @param client the connection.
     * @param code   the error.
     * @param text   explanation.
     */
    default void onProtocolError(final ArbiterClient client, final ProtocolErrorCode code, final CharSequence text)
    {
    }

    /**
     * The server sent Logout; the connection closes next.
     *
     * @param client the connection.
     */
    default void onLogout(final ArbiterClient client)
    {
    }

    /**
     * The connection closed, for whatever reason. Called once per connection that became active.
     *
     * @param client the connection.
     * @param cause  the exception that closed it, or null for an orderly close.
     */
    default void onDisconnected(final ArbiterClient client, final Throwable cause)
    {
    }
}
