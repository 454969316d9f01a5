package io.arbiter.fix;

import java.util.ArrayDeque;

/**
 * What the FIX layer knows of one order of a session: the fields of its NewOrderSingle (kept for the execution
 * reports, which carry them and the engine's events do not), its current ClOrdID, the cumulative fill and the cancel
 * and replace requests sent for it whose answers have not come back. Guarded by its {@link FixOrderBook}'s lock.
 */
final class FixOrder
{
    /** A cancel or replace request in flight. */
    static final class Request
    {
        final String clOrdId;
        final boolean cancel;
        final long orderQty;
        final long price;

        Request(final String clOrdId, final boolean cancel, final long orderQty, final long price)
        {
            this.clOrdId = clOrdId;
            this.cancel = cancel;
            this.orderQty = orderQty;
            this.price = price;
        }
    }

    final long numericId;
    String clOrdId;
    String origClOrdId;
    final String symbol;
    final char side;
    final char ordType;
    final char timeInForce;
    long price;
    long orderQty;
    long cumQty;
    long leavesQty;
    final long[] notional = new long[2];
    long lastPrice;
    long lastQty;
    long exchangeOrderId;
    char ordStatus = FixTags.ORD_STATUS_PENDING_NEW;
    boolean finished;
    boolean recovered;
    /**
     * False for an order read back from the order log after a restart until its first fill or cancel: its fills
     * before the restart are not known, and the first such event's quantities tell them.
     */
    boolean cumQtyKnown = true;
    int replaces;
    final ArrayDeque<Request> requests = new ArrayDeque<>(2);

    FixOrder(
        final long numericId,
        final String clOrdId,
        final String symbol,
        final char side,
        final char ordType,
        final char timeInForce,
        final long price,
        final long orderQty)
    {
        this.numericId = numericId;
        this.clOrdId = clOrdId;
        this.symbol = symbol;
        this.side = side;
        this.ordType = ordType;
        this.timeInForce = timeInForce;
        this.price = price;
        this.orderQty = orderQty;
        this.leavesQty = orderQty;
    }
}
