package io.arbiter.engine;

import io.arbiter.engine.book.BookSide;
import io.arbiter.engine.book.LevelStore;
import io.arbiter.engine.book.OrderBook;
import io.arbiter.engine.book.OrderExtras;
import io.arbiter.engine.book.OrderStore;

import java.util.Arrays;

/**
 * Collects open orders of a book (all, or one account's), resting and waiting stops, and sorts them into acceptance
 * order, for the commands that cancel many orders at once (MASS_CANCEL, DELIST). Reuses its arrays, which grow
 * (producing garbage) only past the most orders collected so far. Owned by the matching thread.
 */
final class AcceptanceSweep
{
    /** Account argument of {@link #collect} that matches every account. */
    static final long ANY_ACCOUNT = Long.MIN_VALUE;

    private final OrderStore orders;
    private final LevelStore levels;
    private final OrderExtras extras;
    private final OrderMatcher matcher;
    private int[] found = new int[64];
    private long[] keys = new long[64];
    private int count;

    AcceptanceSweep(
        final OrderStore orders, final LevelStore levels, final OrderExtras extras, final OrderMatcher matcher)
    {
        this.matcher = matcher;
        this.orders = orders;
        this.levels = levels;
        this.extras = extras;
    }

    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    int order(final int index)
    {
        return found[index];
    }

    /**
     * Add the open orders of a book that belong to the account (or to any, with {@link #ANY_ACCOUNT}).
     */
    void collect(final OrderBook book, final long account)
    {
        collectSide(book.bids(), account);
        collectSide(book.asks(), account);
        for (int order = book.stopHead(); order != OrderStore.NONE; order = extras.nextStop(order))
        {
            add(order, account);
        }
    }

    private void collectSide(final BookSide side, final long account)
    {
        for (int level = side.best(); level != LevelStore.NONE; level = levels.worse(level))
        {
            for (int order = levels.head(level); order != OrderStore.NONE; order = orders.next(order))
            {
                add(order, account);
            }
        }
    }

    private void add(final int order, final long account)
    {
        if (account != ANY_ACCOUNT && orders.account(order) != account)
        {
            return;
        }
        if (count == found.length)
        {
            found = Arrays.copyOf(found, count * 2);
            keys = Arrays.copyOf(keys, count * 2);
        }
        found[count] = order;
        keys[count] = matcher.acceptance(order);
        count++;
    }

    /**
     * Sort what was collected by acceptance number (heap sort: in place, no allocation).
     */
    void sort()
    {
        for (int i = count / 2 - 1; i >= 0; i--)
        {
            siftDown(i, count);
        }
        for (int end = count - 1; end > 0; end--)
        {
            swap(0, end);
            siftDown(0, end);
        }
    }

    private void siftDown(final int from, final int size)
    {
        int i = from;
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                return;
            }
            final int child = left + 1 < size && keys[left + 1] > keys[left] ? left + 1 : left;
            if (keys[child] <= keys[i])
            {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(final int a, final int b)
    {
        final long key = keys[a];
        keys[a] = keys[b];
        keys[b] = key;
        final int order = found[a];
        found[a] = found[b];
        found[b] = order;
    }
}
