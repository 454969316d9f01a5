package io.arbiter.engine.risk;

import io.arbiter.engine.book.OrderStore;

import java.util.Arrays;

/**
 * The hold each open order of a risk instrument keeps: the amount still held for it, the balance it is held in and the
 * fee rates it pays (those in force when it was accepted or last replaced). It is a column of 16-byte records indexed
 * by order index, beside the {@link OrderStore}'s records; an order with a hold has the {@link OrderStore#HOLD} flag.
 * A cancel or a fill reaches the hold from the order index alone, so its read does not wait for another one and the
 * order's tag keeps its acceptance number. The column is allocated when the first instrument with assets is defined
 * ({@link #allocate}), so an engine without such instruments pays nothing for it, and grows (producing garbage) only
 * when the order store does. Owned by the matching thread.
 * <pre>
 *   record (2 longs per order)
 *   0 amount still held, in units of the held asset
 *   1 slot of the held balance in the ledger (high 32 bits) | maker fee bps (bits 31..16) | taker fee bps (bits 15..0)
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
    private static final long BPS_MASK = 0xFFFFL;

    private final OrderStore orders;
    private long[][] pages = new long[0][];
    private int inUse;

    /**
     * @param orders whose orders hold.
     */
    public OrderHolds(final OrderStore orders)
    {
        this.orders = orders;
    }

    /**
     * Make room for the holds of every order the store holds now (control plane, produces garbage).
     *
     * @param capacity orders to cover, from index 0.
     */
    public void allocate(final int capacity)
    {
        final int pageCount = (capacity + PAGE_MASK) >>> PAGE_SHIFT;
        if (pageCount > pages.length)
        {
            final int old = pages.length;
            pages = Arrays.copyOf(pages, pageCount);
            for (int p = old; p < pageCount; p++)
            {
                pages[p] = new long[PAGE_ORDERS * RECORD];
            }
        }
    }

    /**
     * Record the hold of an order, giving it the {@link OrderStore#HOLD} flag if it has none. Produces garbage only
     * when the order store grew past the column.
     *
     * @param order    index in the order store.
     * @param amount   held for it.
     * @param slot     ledger slot of the balance it is held in.
     * @param makerBps maker fee rate the order pays.
     * @param takerBps taker fee rate the order pays.
     */
    public void set(final int order, final long amount, final int slot, final int makerBps, final int takerBps)
    {
        if (order >>> PAGE_SHIFT >= pages.length)
        {
            allocate(Math.max(order + 1, orders.capacity()));
        }
        final long[] page = pages[order >>> PAGE_SHIFT];
        final int base = (order & PAGE_MASK) * RECORD;
        page[base + AMOUNT] = amount;
        page[base + BALANCE] = (long)slot << 32 | (makerBps & BPS_MASK) << 16 | (takerBps & BPS_MASK);
        if ((orders.flags(order) & OrderStore.HOLD) == 0)
        {
            orders.addFlags(order, OrderStore.HOLD);
            inUse++;
        }
    }

    /**
     * @param order index of an order.
     * @return whether it has a hold.
     */
    public boolean has(final int order)
    {
        return (orders.flags(order) & OrderStore.HOLD) != 0;
    }

    /**
     * Forget an order's hold, if it has one (its amount must be returned to the ledger first).
     *
     * @param order index of an order leaving the book.
     */
    public void detach(final int order)
    {
        if ((orders.flags(order) & OrderStore.HOLD) != 0)
        {
            orders.clearFlags(order, OrderStore.HOLD);
            inUse--;
        }
    }

    /**
     * Move every hold to the slots of a ledger whose accounts now have {@code 2^newShift} slots each instead of
     * {@code 2^oldShift} (control plane; after {@link BalanceLedger#defineAsset} widened the accounts).
     *
     * @param oldShift log2 of the slots per account before.
     * @param newShift log2 of the slots per account now.
     */
    public void reslot(final int oldShift, final int newShift)
    {
        final int assetMask = (1 << oldShift) - 1;
        final int covered = Math.min(orders.capacity(), pages.length << PAGE_SHIFT);
        for (int order = 0; order < covered; order++)
        {
            if (has(order))
            {
                final int slot = slot(order);
                final int moved = ((slot >>> oldShift) << newShift) + (slot & assetMask);
                set(order, amount(order), moved, makerBps(order), takerBps(order));
            }
        }
    }

    /**
     * @return open orders with a hold.
     */
    public int inUse()
    {
        return inUse;
    }

    /**
     * @return orders the column has room for.
     */
    public int capacity()
    {
        return pages.length << PAGE_SHIFT;
    }

    /**
     * @param order index of an order.
     * @return the amount still held for it, 0 if it has no hold.
     */
    public long amount(final int order)
    {
        return has(order) ? heldAmount(order) : 0;
    }

    /**
     * @param order index of an order that has a hold.
     * @return the amount still held for it.
     */
    public long heldAmount(final int order)
    {
        return pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * RECORD + AMOUNT];
    }

    /**
     * @param order  index of an order that has a hold.
     * @param amount now held for it.
     */
    public void heldAmount(final int order, final long amount)
    {
        pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * RECORD + AMOUNT] = amount;
    }

    /**
     * @param order  index of an order that has a hold.
     * @param amount to take off what is held for it.
     */
    public void pay(final int order, final long amount)
    {
        pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * RECORD + AMOUNT] -= amount;
    }

    /**
     * @param order index of an order that has a hold.
     * @return the ledger slot of the balance it is held in.
     */
    public int slot(final int order)
    {
        return (int)(balance(order) >>> 32);
    }

    /**
     * @param order index of an order that has a hold.
     * @return the maker fee rate it pays, in basis points.
     */
    public int makerBps(final int order)
    {
        return (short)(balance(order) >>> 16);
    }

    /**
     * @param order index of an order that has a hold.
     * @return the taker fee rate it pays, in basis points.
     */
    public int takerBps(final int order)
    {
        return (short)balance(order);
    }

    private long balance(final int order)
    {
        return pages[order >>> PAGE_SHIFT][(order & PAGE_MASK) * RECORD + BALANCE];
    }
}
