package io.arbiter.engine.risk;

import java.util.Arrays;

/**
 * The hold each open order of a risk instrument keeps: the amount still held for it and the balance it is held in,
 * addressed by the order's index in the engine's {@link io.arbiter.engine.book.OrderStore}. Paged {@code long[]}
 * records like the order store's, grown (producing garbage) only when the order store has grown past them. Owned by
 * the matching thread.
 * <pre>
 *   record (2 longs per order)
 *   0 amount still held, in units of the held asset
 *   1 account index in the ledger (high 32 bits) | asset id (low 32 bits) of the held balance
 * </pre>
 */
public final class OrderHolds
{
    private static final int PAGE_SHIFT = 14;
    private static final int PAGE_ORDERS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_ORDERS - 1;
    private static final int RECORD = 2;
    private static final int AMOUNT = 0;
    private static final int BALANCE = 1;

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
     */
    public void set(final int order, final long amount, final int accountIndex, final int asset)
    {
        ensure(order);
        final long[] page = pages[order >>> PAGE_SHIFT];
        final int base = (order & PAGE_MASK) * RECORD;
        page[base + AMOUNT] = amount;
        page[base + BALANCE] = (long)accountIndex << 32 | asset;
    }

    /**
     * @param order index of an order that has a hold.
     * @return the amount still held for it.
     */
    public long amount(final int order)
    {
        return pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * RECORD + AMOUNT];
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
