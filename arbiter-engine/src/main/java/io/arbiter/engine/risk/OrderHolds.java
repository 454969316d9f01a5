package io.arbiter.engine.risk;

import java.util.Arrays;

/**
 * The hold each open order of a risk instrument keeps: the amount still held for it, the balance it is held in and the
 * fee rates it pays (those in force when it was accepted or last replaced),
 * addressed by the order's index in the engine's {@link io.arbiter.engine.book.OrderStore}. Paged {@code long[]}
 * records like the order store's, grown (producing garbage) only when the order store has grown past them. Owned by
 * the matching thread.
 * <pre>
 *   record (3 longs per order)
 *   0 amount still held, in units of the held asset
 *   1 account index in the ledger (high 32 bits) | asset id (low 32 bits) of the held balance
 *   2 maker fee bps (high 32 bits) | taker fee bps (low 32 bits)
 * </pre>
 */
public final class OrderHolds
{
    private static final int PAGE_SHIFT = 14;
    private static final int PAGE_ORDERS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_ORDERS - 1;
    private static final int RECORD = 3;
    private static final int AMOUNT = 0;
    private static final int BALANCE = 1;
    private static final int FEES = 2;

    private long[][] pages = new long[0][];

    /**
     * @param capacity orders to preallocate records for.
     */
    public OrderHolds(final int capacity)
    {
        ensure(Math.max(1, capacity) - 1);
    }

    /**
     * Record the hold of an order.
     *
     * @param order        index in the order store.
     * @param amount       held for it.
     * @param accountIndex ledger index of the account it is held for.
     * @param asset        asset it is held in.
     * @param makerBps     maker fee rate the order pays.
     * @param takerBps     taker fee rate the order pays.
     */
    public void set(
        final int order, final long amount, final int accountIndex, final int asset, final int makerBps,
        final int takerBps)
    {
        ensure(order);
        final long[] page = pages[order >>> PAGE_SHIFT];
        final int base = (order & PAGE_MASK) * RECORD;
        page[base + AMOUNT] = amount;
        page[base + BALANCE] = (long)accountIndex << 32 | asset;
        page[base + FEES] = (long)makerBps << 32 | (takerBps & 0xFFFF_FFFFL);
    }

    /**
     * @param order index of an order that has a hold.
     * @return the amount still held for it.
     */
    public long amount(final int order)
    {
        final int page = order >>> PAGE_SHIFT;
        return page < pages.length ? pages[page][(order & PAGE_MASK) * RECORD + AMOUNT] : 0;
    }

    /**
     * @param order index of an order that has a hold.
     * @return the ledger index of the account it is held for.
     */
    public int accountIndex(final int order)
    {
        return (int)(pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * RECORD + BALANCE] >>> 32);
    }

    /**
     * @param order index of an order that has a hold.
     * @return the asset it is held in.
     */
    public int asset(final int order)
    {
        return (int)pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * RECORD + BALANCE];
    }

    /**
     * @param order index of an order that has a hold.
     * @return the maker fee rate it pays, in basis points.
     */
    public int makerBps(final int order)
    {
        return (int)(pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * RECORD + FEES] >> 32);
    }

    /**
     * @param order index of an order that has a hold.
     * @return the taker fee rate it pays, in basis points.
     */
    public int takerBps(final int order)
    {
        return (int)pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * RECORD + FEES];
    }

    /**
     * @param order  index of an order that has a hold.
     * @param amount to take off what is held for it.
     */
    public void pay(final int order, final long amount)
    {
        pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * RECORD + AMOUNT] -= amount;
    }

    private void ensure(final int order)
    {
        final int pageCount = (order >>> PAGE_SHIFT) + 1;
        if (pageCount > pages.length)
        {
            final int oldCount = pages.length;
            pages = Arrays.copyOf(pages, Math.max(pageCount, oldCount * 2));
            for (int i = oldCount; i < pages.length; i++)
            {
                pages[i] = new long[PAGE_ORDERS * RECORD];
            }
        }
    }
}
