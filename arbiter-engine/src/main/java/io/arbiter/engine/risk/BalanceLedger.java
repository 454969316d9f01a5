package io.arbiter.engine.risk;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The balances of every (account, asset) pair, each an available and a held amount in 10<sup>-8</sup> units of the
 * asset, plus the set of disabled accounts. An account gets a dense index on its first balance; its balances are the
 * consecutive slots {@code index × stride + asset} of paged {@code long[]} records, so a fill reaches the four or five
 * balances it changes without a hash lookup. An order finds its account's index in a direct {@code int[]} indexed by
 * account id for ids from 0 to 2<sup>20</sup> − 1 (what a node's configured accounts use; the array grows to the
 * largest id seen, 4 bytes per id), and in a hash map for other ids (the fee account, -1, among them). The first
 * change of a slot since {@link #clearChanges()} records it with its amounts before, so the balances a command changed
 * can be reported ({@link #isChanged}); the stamps and amounts this needs live apart from the balances and are not
 * touched while nobody listens, so an account's balances of up to two (four, eight...) assets take 32 (64, 128...)
 * bytes, one cache line for a spot pair. Owned by the matching thread; assets, accounts and pages are added on the
 * control path (producing garbage), balances change without allocating.
 * <pre>
 *   record (2 longs per slot)           change stamps (1 long per slot, only while changes are tracked)
 *   0 available                          epoch of the slot's last change
 *   1 held
 * </pre>
 */
public final class BalanceLedger
{
    /** Returned for an account or asset that has no index. */
    public static final int NONE = -1;

    private static final int PAGE_SHIFT = 12;
    private static final int PAGE_SLOTS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SLOTS - 1;
    private static final int RECORD = 2;
    private static final int AVAILABLE = 0;
    private static final int HELD = 1;
    private static final int MAX_ASSETS = 1 << 10;

    /** Accounts from 0 up to this (exclusive) find their index in {@link #directIndexes}, others in a hash map. */
    private static final int DIRECT_ACCOUNTS = 1 << 20;

    /** Dense index of each account below its length ({@link #NONE} if it has none); grows to the largest one seen. */
    private int[] directIndexes = new int[0];
    private final Long2LongHashMap accountIndexes = new Long2LongHashMap(NONE);
    private final Object2IntHashMap<String> assetIds = new Object2IntHashMap<>(NONE);
    private final ArrayList<String> assetNames = new ArrayList<>();
    private final LongHashSet disabled = new LongHashSet();
    private long[] accounts = new long[16];
    private int accountCount;
    private int strideShift = 1;
    private long[][] pages = new long[0][];
    private long[][] stampPages = new long[0][];
    private int[] changed = new int[64];
    private long[] amountsBefore = new long[2 * 64];
    private int changeCount;
    private long epoch = 1;
    private boolean trackChanges = true;

    /**
     * The id of an asset, defining it if it is new (control plane, produces garbage).
     *
     * @param name of the asset, not empty.
     * @return its dense id, from 0.
     * @throws IllegalArgumentException if the name is empty or too many assets are defined.
     */
    public int defineAsset(final String name)
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("asset name must not be empty");
        }
        final int existing = assetIds.getValue(name);
        if (existing != NONE)
        {
            return existing;
        }
        if (assetNames.size() == MAX_ASSETS)
        {
            throw new IllegalArgumentException("too many assets: " + name);
        }
        final int asset = assetNames.size();
        assetNames.add(name);
        assetIds.put(name, asset);
        if (asset >= 1 << strideShift)
        {
            restride(strideShift + 1);
        }
        return asset;
    }

    /**
     * @param name of an asset.
     * @return its id, or {@link #NONE} if it is not defined.
     */
    public int assetId(final String name)
    {
        return assetIds.getValue(name);
    }

    /**
     * @param asset id of a defined asset.
     * @return its name.
     */
    public String assetName(final int asset)
    {
        return assetNames.get(asset);
    }

    /**
     * @return number of assets defined.
     */
    public int assetCount()
    {
        return assetNames.size();
    }

    /**
     * @return number of accounts that have balances.
     */
    public int accountCount()
    {
        return accountCount;
    }

    /**
     * @param index dense account index, below {@link #accountCount()}.
     * @return the account at that index (indexes follow the order accounts got their first balance).
     */
    public long accountAt(final int index)
    {
        return accounts[index];
    }

    /**
     * @param account an account.
     * @return its dense index, or {@link #NONE} if it has no balance.
     */
    public int accountIndex(final long account)
    {
        final int[] direct = directIndexes;
        if (account >= 0 && account < direct.length)
        {
            return direct[(int)account];
        }
        return account >= 0 && account < DIRECT_ACCOUNTS ? NONE : (int)accountIndexes.get(account);
    }

    /**
     * The dense index of an account, adding the account with zero balances if it has none (produces garbage only when
     * the account table grows).
     *
     * @param account an account.
     * @return its dense index.
     */
    public int addAccount(final long account)
    {
        final int existing = accountIndex(account);
        if (existing != NONE)
        {
            return existing;
        }
        final int index = accountCount++;
        if (index == accounts.length)
        {
            accounts = Arrays.copyOf(accounts, index * 2);
        }
        accounts[index] = account;
        if (account >= 0 && account < DIRECT_ACCOUNTS)
        {
            if (account >= directIndexes.length)
            {
                final int length = (int)Math.min(DIRECT_ACCOUNTS, Math.max(account + 1, 2L * directIndexes.length));
                final int old = directIndexes.length;
                directIndexes = Arrays.copyOf(directIndexes, length);
                Arrays.fill(directIndexes, old, length, NONE);
            }
            directIndexes[(int)account] = index;
        }
        else
        {
            accountIndexes.put(account, index);
        }
        ensurePages(index);
        return index;
    }

    /**
     * Tell {@code visitor} each of the account's balances whose available or held amount is not 0, in asset
     * definition order, the last one marked (what a balance query answers). Allocates nothing.
     *
     * @param account the account.
     * @param visitor told each balance.
     * @return how many balances the visitor was told (0 for an unknown account or one with nothing).
     */
    public int forEachNonZero(final long account, final BalanceVisitor visitor)
    {
        final int accountIndex = accountIndex(account);
        if (accountIndex == NONE)
        {
            return 0;
        }
        int told = 0;
        int pending = NONE;
        for (int asset = 0, assets = assetCount(); asset < assets; asset++)
        {
            final int slot = slot(accountIndex, asset);
            if (available(slot) != 0 || held(slot) != 0)
            {
                if (pending != NONE)
                {
                    tell(visitor, accountIndex, pending, false);
                    told++;
                }
                pending = asset;
            }
        }
        if (pending != NONE)
        {
            tell(visitor, accountIndex, pending, true);
            told++;
        }
        return told;
    }

    private void tell(final BalanceVisitor visitor, final int accountIndex, final int asset, final boolean last)
    {
        final int slot = slot(accountIndex, asset);
        visitor.onBalance(asset, available(slot), held(slot), last);
    }

    /**
     * Receives an account's balances one at a time ({@link #forEachNonZero(long, BalanceVisitor)}).
     */
    @FunctionalInterface
    public interface BalanceVisitor
    {
        /**
         * @param asset     id of the asset.
         * @param available amount free to trade.
         * @param held      amount held by open orders.
         * @param last      true for the last balance told.
         */
        void onBalance(int asset, long available, long held, boolean last);
    }

    /**
     * @param accountIndex dense index of an account.
     * @param asset        id of an asset.
     * @return the slot of that balance.
     */
    public int slot(final int accountIndex, final int asset)
    {
        return (accountIndex << strideShift) + asset;
    }

    /**
     * @param slot  of a balance.
     * @param asset id of an asset.
     * @return the slot of the same account's balance of that asset.
     */
    public int sibling(final int slot, final int asset)
    {
        return (slot & -(1 << strideShift)) + asset;
    }

    /**
     * @return log2 of the slots each account has: accounts are widened (their slots move) when an asset is defined
     *         beyond them.
     */
    public int strideShift()
    {
        return strideShift;
    }

    /**
     * @param account an account.
     * @param asset   id of an asset.
     * @return its available amount, 0 if the account has no balance.
     */
    public long available(final long account, final int asset)
    {
        final int index = accountIndex(account);
        return index == NONE ? 0 : available(slot(index, asset));
    }

    /**
     * @param account an account.
     * @param asset   id of an asset.
     * @return its held amount, 0 if the account has no balance.
     */
    public long held(final long account, final int asset)
    {
        final int index = accountIndex(account);
        return index == NONE ? 0 : held(slot(index, asset));
    }

    /**
     * @param slot of a balance.
     * @return its available amount.
     */
    public long available(final int slot)
    {
        return pages[slot >>> PAGE_SHIFT][(slot & PAGE_MASK) * RECORD + AVAILABLE];
    }

    /**
     * @param slot of a balance.
     * @return its held amount.
     */
    public long held(final int slot)
    {
        return pages[slot >>> PAGE_SHIFT][(slot & PAGE_MASK) * RECORD + HELD];
    }

    /**
     * Change the available amount of a balance.
     *
     * @param slot  of a balance.
     * @param delta added to available (negative to take).
     */
    public void addAvailable(final int slot, final long delta)
    {
        final long[] page = pages[slot >>> PAGE_SHIFT];
        final int base = (slot & PAGE_MASK) * RECORD;
        mark(slot, page, base);
        page[base + AVAILABLE] += delta;
    }

    /**
     * Change the held amount of a balance (a fill pays from it).
     *
     * @param slot  of a balance.
     * @param delta added to held (negative to pay).
     */
    public void addHeld(final int slot, final long delta)
    {
        final long[] page = pages[slot >>> PAGE_SHIFT];
        final int base = (slot & PAGE_MASK) * RECORD;
        mark(slot, page, base);
        page[base + HELD] += delta;
    }

    /**
     * Move an amount from available to held (negative to move it back).
     *
     * @param slot   of a balance.
     * @param amount moved.
     */
    public void hold(final int slot, final long amount)
    {
        final long[] page = pages[slot >>> PAGE_SHIFT];
        final int base = (slot & PAGE_MASK) * RECORD;
        mark(slot, page, base);
        page[base + AVAILABLE] -= amount;
        page[base + HELD] += amount;
    }

    /**
     * Set both parts of a balance (restoring a snapshot).
     *
     * @param slot      of a balance.
     * @param available amount.
     * @param held      amount.
     */
    public void set(final int slot, final long available, final long held)
    {
        final long[] page = pages[slot >>> PAGE_SHIFT];
        final int base = (slot & PAGE_MASK) * RECORD;
        page[base + AVAILABLE] = available;
        page[base + HELD] = held;
    }

    /**
     * @param account to stop (or, with false, to let again) placing and replacing orders.
     * @param isDisabled whether it is disabled.
     * @return true if that changed the account's state.
     */
    public boolean disabled(final long account, final boolean isDisabled)
    {
        return isDisabled ? disabled.add(account) : disabled.remove(account);
    }

    /**
     * @param account an account.
     * @return whether it is disabled; a constant-time check that costs one comparison while no account is disabled.
     */
    public boolean isDisabled(final long account)
    {
        return !disabled.isEmpty() && disabled.contains(account);
    }

    /**
     * @return number of disabled accounts.
     */
    public int disabledCount()
    {
        return disabled.size();
    }

    /**
     * Pass every disabled account to a consumer, in no particular order (control plane).
     *
     * @param consumer receives each account.
     */
    public void forEachDisabled(final java.util.function.LongConsumer consumer)
    {
        final LongHashSet.LongIterator iterator = disabled.iterator();
        while (iterator.hasNext())
        {
            consumer.accept(iterator.nextValue());
        }
    }

    /**
     * @return an order-independent hash of the disabled accounts (0 if none).
     */
    public long disabledHash()
    {
        long sum = 0;
        final LongHashSet.LongIterator iterator = disabled.iterator();
        while (iterator.hasNext())
        {
            long h = iterator.nextValue() * 0x9E3779B97F4A7C15L;
            h ^= h >>> 32;
            sum += h * 0xBF58476D1CE4E5B9L;
        }
        return sum;
    }

    /**
     * Record (the default) or not the balances each command changes; with nothing to report them to, a change is then
     * only its own update.
     *
     * @param trackChanges whether to record changes from now on.
     */
    public void trackChanges(final boolean trackChanges)
    {
        this.trackChanges = trackChanges;
        clearChanges();
    }

    /**
     * @return number of balances touched since {@link #clearChanges()}, some perhaps back to where they were.
     */
    public int changeCount()
    {
        return changeCount;
    }

    /**
     * @param rank of the change, below {@link #changeCount()}, in the order balances first changed.
     * @return the account of that balance.
     */
    public long changedAccount(final int rank)
    {
        return accounts[changed[rank] >>> strideShift];
    }

    /**
     * @param rank of the change, below {@link #changeCount()}.
     * @return the asset of that balance.
     */
    public int changedAsset(final int rank)
    {
        return changed[rank] & ((1 << strideShift) - 1);
    }

    /**
     * @param rank of the change, below {@link #changeCount()}.
     * @return the slot of that balance.
     */
    public int changedSlot(final int rank)
    {
        return changed[rank];
    }

    /**
     * @param rank of the change, below {@link #changeCount()}.
     * @return whether that balance differs from what it was at {@link #clearChanges()}.
     */
    public boolean isChanged(final int rank)
    {
        final int slot = changed[rank];
        final long[] page = pages[slot >>> PAGE_SHIFT];
        final int base = (slot & PAGE_MASK) * RECORD;
        return page[base + AVAILABLE] != amountsBefore[2 * rank] || page[base + HELD] != amountsBefore[2 * rank + 1];
    }

    /**
     * Forget the changes recorded so far.
     */
    public void clearChanges()
    {
        changeCount = 0;
        epoch++;
    }

    private void mark(final int slot, final long[] page, final int base)
    {
        if (trackChanges)
        {
            final long[] stamps = stampPages[slot >>> PAGE_SHIFT];
            final int stamp = slot & PAGE_MASK;
            if (stamps[stamp] != epoch)
            {
                stamps[stamp] = epoch;
                if (changeCount == changed.length)
                {
                    changed = Arrays.copyOf(changed, changeCount * 2);
                    amountsBefore = Arrays.copyOf(amountsBefore, changeCount * 4);
                }
                amountsBefore[2 * changeCount] = page[base + AVAILABLE];
                amountsBefore[2 * changeCount + 1] = page[base + HELD];
                changed[changeCount++] = slot;
            }
        }
    }

    private void ensurePages(final int accountIndex)
    {
        final int lastSlot = slot(accountIndex, (1 << strideShift) - 1);
        final int pageCount = (lastSlot >>> PAGE_SHIFT) + 1;
        if (pageCount > pages.length)
        {
            final int oldCount = pages.length;
            pages = Arrays.copyOf(pages, Math.max(pageCount, oldCount * 2));
            stampPages = Arrays.copyOf(stampPages, pages.length);
            for (int i = oldCount; i < pages.length; i++)
            {
                pages[i] = new long[PAGE_SLOTS * RECORD];
                stampPages[i] = new long[PAGE_SLOTS];
            }
        }
    }

    private void restride(final int newShift)
    {
        final long[][] oldPages = pages;
        final int oldShift = strideShift;
        strideShift = newShift;
        pages = new long[0][];
        stampPages = new long[0][];
        if (accountCount > 0)
        {
            ensurePages(accountCount - 1);
        }
        final int oldStride = 1 << oldShift;
        for (int index = 0; index < accountCount; index++)
        {
            for (int asset = 0; asset < oldStride; asset++)
            {
                final int oldSlot = (index << oldShift) + asset;
                final long[] oldPage = oldPages[oldSlot >>> PAGE_SHIFT];
                final int oldBase = (oldSlot & PAGE_MASK) * RECORD;
                set(slot(index, asset), oldPage[oldBase + AVAILABLE], oldPage[oldBase + HELD]);
            }
        }
        clearChanges();
    }
}
