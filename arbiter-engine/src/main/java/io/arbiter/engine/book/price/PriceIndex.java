package io.arbiter.engine.book.price;

/**
 * Ordered map from a price in ticks (a positive {@code long}) to a price level, the index of one side of a book.
 * Implementations are single threaded. Those used by the engine allocate nothing in steady state.
 *
 * @param <V> the level type.
 */
public interface PriceIndex<V>
{
    /**
     * @param price in ticks.
     * @return the value at that price, or null if there is none.
     */
    V get(long price);

    /**
     * Store a value at a price that has none.
     *
     * @param price in ticks, not already present.
     * @param value not null.
     */
    void put(long price, V value);

    /**
     * @param price in ticks.
     * @return the value removed, or null if there was none.
     */
    V remove(long price);

    /**
     * @param price in ticks.
     * @return the value at the greatest price strictly below {@code price}, or null.
     */
    V lower(long price);

    /**
     * @param price in ticks.
     * @return the value at the least price strictly above {@code price}, or null.
     */
    V higher(long price);

    /**
     * @return the value at the lowest price, or null if empty.
     */
    V first();

    /**
     * @return the value at the highest price, or null if empty.
     */
    V last();

    /**
     * @return number of prices present.
     */
    int size();

    /**
     * Remove everything.
     */
    void clear();
}
