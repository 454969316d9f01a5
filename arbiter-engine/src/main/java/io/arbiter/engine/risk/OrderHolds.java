package io.arbiter.engine.risk;

import io.arbiter.engine.book.OrderExtras;
import io.arbiter.engine.book.OrderStore;
import io.arbiter.engine.book.RecordPool;

/**
 * The hold each open order of a risk instrument keeps: the amount still held for it, the balance it is held in and the
 * fee rates it pays (those in force when it was accepted or last replaced). The records are a pool of their own, one
 * per order that has a hold, so orders of instruments without assets pay nothing for them. An order's hold record is
 * found through its {@link OrderStore#tag} (flag {@link OrderStore#HOLD}; the record then keeps the order's acceptance
 * number), or, for an order that also has optional fields, through its {@link OrderExtras} record. The accessors take
 * the order index. The records are a {@link RecordPool}: free records are linked through their balance field, and a
 * page is added (producing garbage) only when more orders hold at once than ever before. Owned by the matching thread.
 * <pre>
 *   record (4 longs)
 *   0 amount still held, in units of the held asset
 *   1 account index in the ledger (high 32 bits) | asset id (low 32 bits) of the held balance; the next free record
 *   2 maker fee bps (high 32 bits) | taker fee bps (low 32 bits)
 *   3 acceptance number of the order, when its tag points here
 * </pre>
 */
public final class OrderHolds
{
    private static final int RECORD = 4;
    private static final int AMOUNT = 0;
    private static final int BALANCE = 1;
    private static final int FEES = 2;
    private static final int ACCEPTANCE = 3;
    private static final int NONE = OrderStore.NONE;

    private final OrderStore orders;
    private final OrderExtras extras;
    private final RecordPool pool;

    /**
     * @param orders   whose orders hold.
     * @param extras   the optional fields of those orders.
     * @param capacity records to make room for at once (rounded up to whole pages; 0 for none until needed).
     */
    public OrderHolds(final OrderStore orders, final OrderExtras extras, final int capacity)
    {
        this.orders = orders;
        this.extras = extras;
        this.pool = new RecordPool(RECORD, BALANCE, capacity);
    }

    /**
     * Record the hold of an order, giving it a hold record if it has none. Produces garbage only when every record is
     * in use.
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
        final int record = (orders.flags(order) & OrderStore.HOLD) != 0 ? record(order) : attach(order);
        setAt(record, amount, accountIndex, asset, makerBps, takerBps);
    }

    /**
     * @param order index of an order.
     * @return whether it has a hold record.
     */
    public boolean has(final int order)
    {
        return (orders.flags(order) & OrderStore.HOLD) != 0;
    }

    /**
     * Return an order's hold record, if it has one, to the pool (its amount must be returned to the ledger first).
     *
     * @param order index of an order leaving the book.
     */
    public void detach(final int order)
    {
        final int flags = orders.flags(order);
        if ((flags & OrderStore.HOLD) == 0)
        {
            return;
        }
        final int record;
        if ((flags & OrderStore.EXTRAS) != 0)
        {
            record = extras.holdRecord(order);
            extras.holdRecord(order, NONE);
        }
        else
        {
            record = orders.tagLow(order);
            orders.tag(order, pool.get(record, ACCEPTANCE));
        }
        pool.release(record);
        orders.clearFlags(order, OrderStore.HOLD);
    }

    /**
     * @param order index of an order whose tag is not its acceptance number.
     * @return the order's acceptance number, kept in its hold record or its optional fields.
     */
    public long acceptance(final int order)
    {
        if ((orders.flags(order) & OrderStore.EXTRAS) != 0)
        {
            return extras.acceptance(order);
        }
        return pool.get(orders.tagLow(order), ACCEPTANCE);
    }

    /**
     * @return hold records in use, i.e. open orders with a hold.
     */
    public int inUse()
    {
        return pool.inUse();
    }

    /**
     * @return hold records the pool holds, in use or free.
     */
    public int capacity()
    {
        return pool.capacity();
    }

    /**
     * @return records added beyond those preallocated at construction.
     */
    public long grown()
    {
        return pool.grown();
    }

    /**
     * @param order index of an order.
     * @return the amount still held for it, 0 if it has no hold.
     */
    public long amount(final int order)
    {
        return has(order) ? pool.get(record(order), AMOUNT) : 0;
    }

    /**
     * @param order index of an order that has a hold.
     * @return the ledger index of the account it is held for.
     */
    public int accountIndex(final int order)
    {
        return accountIndexAt(record(order));
    }

    /**
     * @param order index of an order that has a hold.
     * @return the asset it is held in.
     */
    public int asset(final int order)
    {
        return assetAt(record(order));
    }

    /**
     * @param order index of an order that has a hold.
     * @return the maker fee rate it pays, in basis points.
     */
    public int makerBps(final int order)
    {
        return makerBpsAt(record(order));
    }

    /**
     * @param order index of an order that has a hold.
     * @return the taker fee rate it pays, in basis points.
     */
    public int takerBps(final int order)
    {
        return takerBpsAt(record(order));
    }

    /**
     * @param order  index of an order that has a hold.
     * @param amount to take off what is held for it.
     */
    public void pay(final int order, final long amount)
    {
        payAt(record(order), amount);
    }

    /**
     * @return the index of the hold record of an order that has one, for the record-addressed accessors below.
     */
    int record(final int order)
    {
        return (orders.flags(order) & OrderStore.EXTRAS) != 0 ? extras.holdRecord(order) : orders.tagLow(order);
    }

    void setAt(
        final int record, final long amount, final int accountIndex, final int asset, final int makerBps,
        final int takerBps)
    {
        pool.set(record, AMOUNT, amount);
        pool.set(record, BALANCE, (long)accountIndex << 32 | asset);
        pool.set(record, FEES, (long)makerBps << 32 | (takerBps & 0xFFFF_FFFFL));
    }

    long amountAt(final int record)
    {
        return pool.get(record, AMOUNT);
    }

    int accountIndexAt(final int record)
    {
        return (int)(pool.get(record, BALANCE) >>> 32);
    }

    int assetAt(final int record)
    {
        return (int)pool.get(record, BALANCE);
    }

    int makerBpsAt(final int record)
    {
        return (int)(pool.get(record, FEES) >> 32);
    }

    int takerBpsAt(final int record)
    {
        return (int)pool.get(record, FEES);
    }

    void payAt(final int record, final long amount)
    {
        pool.add(record, AMOUNT, -amount);
    }

    private int attach(final int order)
    {
        final int record = pool.acquire();
        if ((orders.flags(order) & OrderStore.EXTRAS) != 0)
        {
            extras.holdRecord(order, record);
            pool.set(record, ACCEPTANCE, 0);
        }
        else
        {
            pool.set(record, ACCEPTANCE, orders.tag(order));
            orders.tag(order, record);
        }
        orders.addFlags(order, OrderStore.HOLD);
        return record;
    }
}
