package io.arbiter.engine;

import io.arbiter.engine.book.OrderBook;
import io.arbiter.engine.book.OrderExtras;
import io.arbiter.engine.book.OrderStore;
import io.arbiter.engine.risk.SpotRisk;

/**
 * Triggers waiting stop orders: the stops of a book whose condition holds at its last trade price join a trigger
 * queue in acceptance order and enter the book one at a time, the conditions of the stops still waiting checked again
 * after each (see {@code docs/engine-semantics.md}). The queue is linked through the stops' own list links, so it
 * allocates nothing. Owned by the matching thread.
 */
final class StopTriggers
{
    private final OrderStore orders;
    private final OrderExtras extras;
    private final OrderMatcher matcher;
    private final ExecutionListener listener;
    private final SpotRisk risk;
    private int triggerHead = OrderStore.NONE;
    private int triggerTail = OrderStore.NONE;

    StopTriggers(
        final OrderStore orders,
        final OrderExtras extras,
        final OrderMatcher matcher,
        final ExecutionListener listener,
        final SpotRisk risk)
    {
        this.risk = risk;
        this.orders = orders;
        this.extras = extras;
        this.matcher = matcher;
        this.listener = listener;
    }

    /**
     * Trigger the waiting stops of a book whose condition holds, one at a time through the trigger queue, checking
     * the stops still waiting again after each.
     */
    void run(final OrderBook book, final long referenceTicks)
    {
        collectTriggered(book);
        while (triggerHead != OrderStore.NONE)
        {
            final int order = triggerHead;
            triggerHead = extras.nextStop(order);
            if (triggerHead == OrderStore.NONE)
            {
                triggerTail = OrderStore.NONE;
            }
            final long orderId = orders.orderId(order);
            final long account = orders.account(order);
            final long quantity = orders.remaining(order);
            final TimeInForce tif = orders.timeInForce(order);
            final SelfTradePrevention stp = orders.selfTradePrevention(order);
            final Side side = Side.get(extras.stopSide(order));
            final long limitTicks = extras.limitTicks(order);
            final long expiry = tif == TimeInForce.GTD ? extras.expiry(order) : Command.NO_TIME;
            final long acceptance = extras.acceptance(order);
            if (risk.isEnabled(book.instrument().id()))
            {
                risk.loadTaker(order, side == Side.BUY && limitTicks < 0);
            }
            matcher.discard(order);
            listener.onTriggered(orderId, account);
            matcher.execute(
                book, side, limitTicks, quantity, tif, orderId, account, stp, 0, expiry, acceptance, referenceTicks);
            if (book.mayTrigger())
            {
                collectTriggered(book);
            }
        }
    }

    /**
     * Move every waiting stop of the book whose condition holds to the tail of the trigger queue, in acceptance order,
     * and narrow the book's trigger bounds to the stops still waiting.
     */
    private void collectTriggered(final OrderBook book)
    {
        final long last = book.lastTradeTicks();
        long lowestBuy = Long.MAX_VALUE;
        long highestSell = Long.MIN_VALUE;
        int order = book.stopHead();
        while (order != OrderStore.NONE)
        {
            final int next = extras.nextStop(order);
            final long stopTicks = extras.stopTicks(order);
            final boolean buy = extras.stopSide(order) == Side.BUY.ordinal();
            if (buy ? last >= stopTicks : last <= stopTicks)
            {
                book.removeStop(order, extras);
                extras.nextStop(order, OrderStore.NONE);
                if (triggerTail == OrderStore.NONE)
                {
                    triggerHead = order;
                }
                else
                {
                    extras.nextStop(triggerTail, order);
                }
                triggerTail = order;
            }
            else if (buy)
            {
                lowestBuy = Math.min(lowestBuy, stopTicks);
            }
            else
            {
                highestSell = Math.max(highestSell, stopTicks);
            }
            order = next;
        }
        book.stopBounds(lowestBuy, highestSell);
    }

}
