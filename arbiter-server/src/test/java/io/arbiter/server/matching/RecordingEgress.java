package io.arbiter.server.matching;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.egress.SessionEgress;

import java.util.ArrayList;
import java.util.List;

/**
 * Test egress that records reports as text; reports become visible in {@link #flushed()} only on flush.
 */
final class RecordingEgress implements SessionEgress
{
    private final List<String> pending = new ArrayList<>();
    private final List<String> flushed = new ArrayList<>();
    private final List<Long> releaseSequences = new ArrayList<>();
    private int flushCount;
    private long throwOnAcceptedOf = Long.MIN_VALUE;

    /**
     * Make {@link #onAccepted} throw for one client order id (to test what a failure while applying does).
     *
     * @param clientOrderId whose Accepted report throws.
     */
    void throwOnAccepted(final long clientOrderId)
    {
        throwOnAcceptedOf = clientOrderId;
    }

    @Override
    public void onAccepted(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final int instrumentId,
        final long clientTimestampNs)
    {
        if (clientOrderId == throwOnAcceptedOf)
        {
            throw new IllegalStateException("test: report of client order " + clientOrderId + " fails");
        }
        pending.add("ACCEPTED c=" + clientOrderId + " x=" + exchangeOrderId);
    }

    @Override
    public void onFill(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final long tradeId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final long leaves,
        final boolean maker)
    {
        pending.add("FILL c=" + clientOrderId + " x=" + exchangeOrderId + " t=" + tradeId + " " + side +
            " px=" + price +
            " q=" + quantity + " leaves=" + leaves + (maker ? " maker" : " taker"));
    }

    @Override
    public void onCanceled(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final long canceledQty,
        final CancelReason reason)
    {
        pending.add("CANCELED c=" + clientOrderId + " x=" + exchangeOrderId + " q=" + canceledQty + " " + reason);
    }

    @Override
    public void onReplaced(
        final long timestampNs,
        final long clientOrderId,
        final long exchangeOrderId,
        final long price,
        final long quantity)
    {
        pending.add("REPLACED c=" + clientOrderId + " x=" + exchangeOrderId + " px=" + price + " q=" + quantity);
    }

    @Override
    public void onRejected(
        final long timestampNs,
        final long clientOrderId,
        final CommandType type,
        final RejectCode code,
        final long clientTimestampNs)
    {
        pending.add("REJECTED c=" + clientOrderId + " " + type + " " + code);
    }

    @Override
    public void onOpenOrder(
        final long requestId,
        final boolean last,
        final boolean more,
        final long exchangeOrderId,
        final long clientOrderId,
        final int instrumentId,
        final String symbol,
        final Side side,
        final TimeInForce timeInForce,
        final long price,
        final long remaining,
        final SelfTradePrevention selfTradePrevention)
    {
        pending.add("OPEN r=" + requestId + " x=" + exchangeOrderId + " c=" + clientOrderId + " " + symbol + " " +
            side + " " + timeInForce + " " + price + " " + remaining + " " + selfTradePrevention +
            (last ? " last" : "") + (more ? " more" : ""));
    }

    @Override
    public void onOpenOrder(
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
        pending.add("OPEN r=" + requestId + " x=" + exchangeOrderId + " c=" + clientOrderId + " " + symbol + " " +
            side + " " + timeInForce + " " + price + " " + remaining + " " + selfTradePrevention +
            (orderType == OrderType.LIMIT ? "" : " " + orderType + " stop=" + stopPrice) +
            (displayQuantity == 0 ? "" : " display=" + displayQuantity) +
            (expiryMs == Command.NO_TIME ? "" : " expire=" + expiryMs) +
            (last ? " last" : "") + (more ? " more" : ""));
    }

    @Override
    public void onTriggered(final long timestampNs, final long clientOrderId, final long exchangeOrderId)
    {
        pending.add("TRIGGERED c=" + clientOrderId + " x=" + exchangeOrderId);
    }

    @Override
    public void onMassCanceled(final long timestampNs, final long requestId, final int canceledCount)
    {
        pending.add("MASS_CANCELED r=" + requestId + " n=" + canceledCount);
    }

    @Override
    public void onBalance(final long timestampNs, final String asset, final long available, final long held)
    {
        pending.add("BALANCE " + asset + " " + available + " " + held);
    }

    @Override
    public void onBalanceReport(
        final long requestId, final String asset, final long available, final long held, final boolean last)
    {
        pending.add("BALANCES r=" + requestId + " " + asset + " " + available + " " + held + (last ? " last" : ""));
    }

    @Override
    public void onNoOpenOrders(final long requestId)
    {
        pending.add("OPEN r=" + requestId + " none last");
    }

    @Override
    public void onInstrument(final long requestId, final boolean last, final Instrument instrument)
    {
        pending.add("INSTRUMENT r=" + requestId + " " + instrument.id() + " " + instrument.symbol() + " " +
            instrument.tickSizeUnits() + " " + instrument.lotSize() + (last ? " last" : ""));
    }

    @Override
    public void onNoInstruments(final long requestId)
    {
        pending.add("INSTRUMENT r=" + requestId + " none last");
    }

    @Override
    public synchronized void flush(final long releaseSequence)
    {
        flushed.addAll(pending);
        pending.clear();
        flushCount++;
        releaseSequences.add(releaseSequence);
        notifyAll();
    }

    @Override
    public synchronized void discard()
    {
        pending.clear();
    }

    synchronized List<Long> releaseSequences()
    {
        return new ArrayList<>(releaseSequences);
    }

    synchronized List<String> flushed()
    {
        return new ArrayList<>(flushed);
    }

    List<String> pending()
    {
        return pending;
    }

    synchronized int flushCount()
    {
        return flushCount;
    }

    synchronized List<String> awaitFlushed(final int count, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (flushed.size() < count && System.currentTimeMillis() < deadline)
        {
            wait(10);
        }
        return new ArrayList<>(flushed);
    }
}
