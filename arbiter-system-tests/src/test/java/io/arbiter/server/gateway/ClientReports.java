package io.arbiter.server.gateway;

import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientListener;
import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Collects what the server sends one Java client as short strings ("accepted 1", "fill 2 qty 1 MAKER", "triggered 1",
 * "balance USD 100 0" ...), for the system tests of the order types, mass cancel and balances.
 */
final class ClientReports implements ClientListener
{
    /** Liveness bound only: a quiet run answers within milliseconds. */
    static final long TIMEOUT_S = 30;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    /**
     * @return the next report, waiting up to {@link #TIMEOUT_S}.
     * @throws InterruptedException if interrupted.
     */
    String next() throws InterruptedException
    {
        final String event = events.poll(TIMEOUT_S, TimeUnit.SECONDS);
        assertNotNull(event, "no report in time");
        return event;
    }

    /**
     * @return a report that arrives within 200 ms (none expected), or an empty list.
     * @throws InterruptedException if interrupted.
     */
    List<String> drain() throws InterruptedException
    {
        // nothing else is expected: a short wait is enough to catch a report that would arrive wrongly
        final String event = events.poll(200, TimeUnit.MILLISECONDS);
        return event == null ? List.of() : List.of(event);
    }

    @Override
    public void onAccepted(
        final ArbiterClient client,
        final long clientOrderId,
        final long orderId,
        final long clientTimestampNs,
        final int instrumentId,
        final long timestampNs)
    {
        events.add("accepted " + clientOrderId);
    }

    @Override
    public void onFill(
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
        events.add("fill " + clientOrderId + " qty " + quantity + " " + liquidity);
    }

    @Override
    public void onCanceled(
        final ArbiterClient client,
        final long clientOrderId,
        final long orderId,
        final long canceledQuantity,
        final CancelReason reason,
        final long timestampNs)
    {
        events.add("canceled " + clientOrderId + " qty " + canceledQuantity + " " + reason);
    }

    @Override
    public void onRejected(
        final ArbiterClient client,
        final long clientOrderId,
        final RejectReason reason,
        final RequestType requestType,
        final long clientTimestampNs,
        final long timestampNs,
        final CharSequence text)
    {
        events.add("rejected " + clientOrderId + " " + reason + " " + requestType);
    }

    @Override
    public void onTriggered(
        final ArbiterClient client, final long clientOrderId, final long orderId, final long timestampNs)
    {
        events.add("triggered " + clientOrderId);
    }

    @Override
    public void onMassCanceled(
        final ArbiterClient client, final long requestId, final int canceledCount, final long timestampNs)
    {
        events.add("mass canceled " + requestId + " count " + canceledCount);
    }

    @Override
    public void onOpenOrder(
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
        events.add("open " + requestId + " c=" + clientOrderId + " " + orderType + " " + timeInForce + " px=" +
            price + " stop=" + stopPrice + " qty=" + remainingQuantity + " display=" + displayQuantity +
            " expire=" + expireTimeMs);
    }

    @Override
    public void onOpenOrdersEnd(final ArbiterClient client, final long requestId, final boolean more)
    {
        events.add("open end " + requestId);
    }
        @Override
    public void onBalance(
        final ArbiterClient client,
        final CharSequence asset,
        final long available,
        final long held,
        final long timestampNs)
    {
        events.add("balance " + asset + " " + available + " " + held);
    }

    @Override
    public void onBalanceReport(
        final ArbiterClient client,
        final long requestId,
        final CharSequence asset,
        final long available,
        final long held)
    {
        events.add("balances " + requestId + " " + asset + " " + available + " " + held);
    }

    @Override
    public void onBalanceReportEnd(final ArbiterClient client, final long requestId)
    {
        events.add("balances end " + requestId);
    }
}
