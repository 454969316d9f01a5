package io.arbiter.server.matching;

/**
 * Open orders by exchange order id: an open-addressing table of 24-byte records (linear probing, backward-shift
 * deletion, so no tombstones) that holds, for each order, its id, the client order id its owner entered it with and
 * the owner's {@code int} handle (see {@link OrderOwnership}). One lookup reads one record, where the two maps it
 * replaces (a {@code Long2ObjectHashMap} of owners and a {@code Long2LongHashMap} of client order ids) read three
 * lines, and storing an owner is a primitive store, so no collector write barrier runs. The records are split into
 * pages of {@value #PAGE_SLOTS} slots (768 KiB), never a humongous object under G1 with regions of 2 MiB or more.
 * As in the engine's order-id index, runs of 16 consecutive ids (the node numbers its orders in sequence) have
 * consecutive home slots, so a new order's record is usually in a line the previous one touched.
 * Sized for a load of at most half its slots; grows (producing garbage) only beyond that. Matching thread only.
 * <pre>
 *   record (3 longs per slot)
 *   0 exchange order id
 *   1 client order id ({@link OrderOwnership#NO_ORDER} if none)
 *   2 owner handle (0: the slot is empty)
 * </pre>
 */
final class OrderOwnerTable
{
    /** The owner handle of an empty slot: no order. */
    static final int NO_OWNER = 0;
    /** Slots per page. */
    static final int PAGE_SLOTS = 1 << 15;
    private static final int PAGE_SHIFT = 15;
    private static final int PAGE_MASK = PAGE_SLOTS - 1;
    private static final int STRIDE = 3;
    private static final int ORDER_ID = 0;
    private static final int CLIENT_ORDER_ID = 1;
    private static final int OWNER = 2;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int GROUP_SHIFT = 4;
    private static final int GROUP_MASK = (1 << GROUP_SHIFT) - 1;
    private static final int MIN_CAPACITY = 64;

    private long[][] pages;
    private int capacity;
    private int mask;
    private int shift;
    private int size;
    private int resizeAt;
    private long lastOrderId;
    private int lastSlot = -1;

    /**
     * Produces garbage (control plane).
     *
     * @param expectedOrders open orders expected at once; the table gets at least two slots per order.
     */
    OrderOwnerTable(final int expectedOrders)
    {
        allocate(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, expectedOrders) * 2 - 1) << 1));
    }

    /**
     * @param orderId exchange order id.
     * @return the slot holding it, or -1.
     */
    int find(final long orderId)
    {
        // One report asks for the same order's owner, client order id and then its removal: the last hit is kept
        // until the table changes.
        if (lastSlot >= 0 && lastOrderId == orderId)
        {
            return lastSlot;
        }
        final int mask = this.mask;
        for (int i = home(orderId); ; i = (i + 1) & mask)
        {
            final long[] page = pages[i >>> PAGE_SHIFT];
            final int base = (i & PAGE_MASK) * STRIDE;
            if (page[base + OWNER] == NO_OWNER)
            {
                return -1;
            }
            if (page[base + ORDER_ID] == orderId)
            {
                lastOrderId = orderId;
                lastSlot = i;
                return i;
            }
        }
    }

    /**
     * @param slot from {@link #find}, not -1.
     * @return the owner handle in that slot.
     */
    int owner(final int slot)
    {
        return (int)pages[slot >>> PAGE_SHIFT][(slot & PAGE_MASK) * STRIDE + OWNER];
    }

    /**
     * @param slot from {@link #find}, not -1.
     * @return the client order id in that slot.
     */
    long clientOrderId(final int slot)
    {
        return pages[slot >>> PAGE_SHIFT][(slot & PAGE_MASK) * STRIDE + CLIENT_ORDER_ID];
    }

    /**
     * @param slot  from {@link #find}, not -1.
     * @param owner the order's new owner handle, not {@link #NO_OWNER}.
     */
    void owner(final int slot, final int owner)
    {
        pages[slot >>> PAGE_SHIFT][(slot & PAGE_MASK) * STRIDE + OWNER] = owner;
    }

    /**
     * @param slot          from {@link #find}, not -1.
     * @param clientOrderId the order's client order id.
     */
    void clientOrderId(final int slot, final long clientOrderId)
    {
        pages[slot >>> PAGE_SHIFT][(slot & PAGE_MASK) * STRIDE + CLIENT_ORDER_ID] = clientOrderId;
    }

    /**
     * Add an order that is not in the table (the caller checked with {@link #find}). Produces garbage only when the
     * table grows.
     *
     * @param orderId       exchange order id.
     * @param clientOrderId its client order id.
     * @param owner         its owner handle, not {@link #NO_OWNER}.
     */
    void add(final long orderId, final long clientOrderId, final int owner)
    {
        if (size >= resizeAt)
        {
            grow();
        }
        lastSlot = -1;
        insert(orderId, clientOrderId, owner);
        size++;
    }

    /**
     * Remove the order in a slot.
     *
     * @param slot from {@link #find}, not -1.
     */
    void remove(final int slot)
    {
        final int mask = this.mask;
        lastSlot = -1;
        int hole = slot;
        // Backward-shift deletion: move each later entry of the cluster into the hole unless its home slot lies
        // cyclically in (hole, entry], which would put it before its home.
        for (int i = (hole + 1) & mask; ; i = (i + 1) & mask)
        {
            final long[] page = pages[i >>> PAGE_SHIFT];
            final int base = (i & PAGE_MASK) * STRIDE;
            if (page[base + OWNER] == NO_OWNER)
            {
                break;
            }
            final int home = home(page[base + ORDER_ID]);
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                final long[] holePage = pages[hole >>> PAGE_SHIFT];
                final int holeBase = (hole & PAGE_MASK) * STRIDE;
                holePage[holeBase + ORDER_ID] = page[base + ORDER_ID];
                holePage[holeBase + CLIENT_ORDER_ID] = page[base + CLIENT_ORDER_ID];
                holePage[holeBase + OWNER] = page[base + OWNER];
                hole = i;
            }
        }
        pages[hole >>> PAGE_SHIFT][(hole & PAGE_MASK) * STRIDE + OWNER] = NO_OWNER;
        size--;
    }

    /**
     * @return orders in the table.
     */
    int size()
    {
        return size;
    }

    /**
     * @return slots in the table.
     */
    int capacity()
    {
        return capacity;
    }

    private int home(final long orderId)
    {
        return (int)(((orderId >>> GROUP_SHIFT) * GOLDEN) >>> (shift + GROUP_SHIFT)) << GROUP_SHIFT |
            (int)orderId & GROUP_MASK;
    }

    private void insert(final long orderId, final long clientOrderId, final int owner)
    {
        int i = home(orderId);
        while (pages[i >>> PAGE_SHIFT][(i & PAGE_MASK) * STRIDE + OWNER] != NO_OWNER)
        {
            i = (i + 1) & mask;
        }
        final long[] page = pages[i >>> PAGE_SHIFT];
        final int base = (i & PAGE_MASK) * STRIDE;
        page[base + ORDER_ID] = orderId;
        page[base + CLIENT_ORDER_ID] = clientOrderId;
        page[base + OWNER] = owner;
    }

    private void allocate(final int capacity)
    {
        final int pageSlots = Math.min(capacity, PAGE_SLOTS);
        pages = new long[capacity / pageSlots][];
        for (int p = 0; p < pages.length; p++)
        {
            pages[p] = new long[pageSlots * STRIDE];
        }
        this.capacity = capacity;
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        resizeAt = capacity >>> 1;
    }

    private void grow()
    {
        final long[][] old = pages;
        allocate(capacity << 1);
        for (final long[] page : old)
        {
            for (int base = 0; base < page.length; base += STRIDE)
            {
                if (page[base + OWNER] != NO_OWNER)
                {
                    insert(page[base + ORDER_ID], page[base + CLIENT_ORDER_ID], (int)page[base + OWNER]);
                }
            }
        }
    }
}
