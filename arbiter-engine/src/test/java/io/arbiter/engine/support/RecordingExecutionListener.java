package io.arbiter.engine.support;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.Prices;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link ExecutionListener} that records every event as a line of text, so that a failing test shows the event
 * streams. Each event is kept in two forms: {@link #events() short} lines in the style of {@code arbiter match}
 * ({@code ACCEPTED,<id>}, {@code TRADE,<instrumentId>,<price>,<qty>,<maker>,<taker>},
 * {@code CANCELED,<id>,<rem>,<reason>}, {@code REPLACED,<id>,<price>,<qty>}, {@code REJECTED,<id>,<reason>}; prices as
 * plain decimals) and {@link #fullEvents() full} lines that add every other argument (accounts, trade id, taker side,
 * leaves, command type). Single threaded; produces garbage.
 */
public final class RecordingExecutionListener implements ExecutionListener
{
    private final List<String> events = new ArrayList<>();
    private final List<String> fullEvents = new ArrayList<>();

    /**
     * @return the short lines recorded since the last {@link #clear()}, oldest first (a live view).
     */
    public List<String> events()
    {
        return events;
    }

    /**
     * @return the full lines recorded since the last {@link #clear()}, oldest first (a live view).
     */
    public List<String> fullEvents()
    {
        return fullEvents;
    }

    /**
     * @return a copy of the short lines, then forget them.
     */
    public List<String> drain()
    {
        final List<String> copy = new ArrayList<>(events);
        clear();
        return copy;
    }

    /**
     * Forget everything recorded so far.
     */
    public void clear()
    {
        events.clear();
        fullEvents.clear();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onAccepted(final long orderId, final long account)
    {
        final String line = "ACCEPTED," + orderId;
        events.add(line);
        fullEvents.add(line + ",acct=" + account);
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
        final String line = "TRADE," + instrumentId + "," + Prices.format(price) + "," + quantity + "," + makerOrderId +
            "," + takerOrderId;
        events.add(line);
        fullEvents.add(line + ",tradeId=" + tradeId + ",takerSide=" + takerSide + ",makerAcct=" + makerAccount +
            ",makerLeaves=" + makerLeaves + ",takerAcct=" + takerAccount + ",takerLeaves=" + takerLeaves);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
        final String line = "CANCELED," + orderId + "," + remainingQty + "," + reason;
        events.add(line);
        fullEvents.add(line + ",acct=" + account);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
        final String line = "REPLACED," + orderId + "," + Prices.format(newPrice) + "," + newQty;
        events.add(line);
        fullEvents.add(line + ",acct=" + account);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
        final String line = "REJECTED," + orderId + "," + reason;
        events.add(line);
        fullEvents.add(line + ",type=" + type + ",acct=" + account);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTriggered(final long orderId, final long account)
    {
        final String line = "TRIGGERED," + orderId;
        events.add(line);
        fullEvents.add(line + ",acct=" + account);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onMassCanceled(final long account, final int instrumentId, final int count)
    {
        final String line = "MASS_CANCELED," + account + "," + instrumentId + "," + count;
        events.add(line);
        fullEvents.add(line);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onInstrumentState(final CommandType type, final int instrumentId, final long value)
    {
        final String line = type + "_STATE," + instrumentId + "," + value;
        events.add(line);
        fullEvents.add(line);
    }
}
