package io.arbiter.engine;

/**
 * Free list of {@link PriceLevel}s, filled at start. {@link #acquire()} produces garbage only when the pool is empty.
 * Owned by the matching thread.
 */
final class LevelPool
{
    private PriceLevel free;
    private long grown;

    LevelPool(final int size)
    {
        for (int i = 0; i < size; i++)
        {
            release(new PriceLevel());
        }
    }

    PriceLevel acquire()
    {
        final PriceLevel level = free;
        if (level == null)
        {
            grown++;
            return new PriceLevel();
        }
        free = level.worse;
        level.worse = null;
        return level;
    }

    void release(final PriceLevel level)
    {
        level.head = null;
        level.tail = null;
        level.better = null;
        level.side = null;
        level.totalQuantity = 0;
        level.orderCount = 0;
        level.worse = free;
        free = level;
    }

    long grown()
    {
        return grown;
    }
}
