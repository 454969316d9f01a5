package io.arbiter.engine.book.price;

/**
 * The engine's index of one book side's price levels: from a price in ticks to the {@code int} index of the level at
 * that price, with neighbour queries for placing a new level. Values are plain {@code int}s, so storing or removing
 * one is a primitive store and no collector write barrier runs. Keys are positive; values are at least 0.
 * Implementations are single threaded and allocate nothing in steady state.
 */
public interface LevelIndex
{
    /** The value of no level. */
    int NONE = -1;

    /**
     * @param price a price in ticks.
     * @return the value at that price, or {@link #NONE}.
     */
    int get(long price);

    /**
     * @param price a positive price in ticks, not in the index.
     * @param value at least 0.
     * @throws IllegalArgumentException if the price is not positive or already present, or the value is negative.
     */
    void put(long price, int value);

    /**
     * @param price a price in ticks.
     * @return the value removed, or {@link #NONE} if the price was not in the index.
     */
    int remove(long price);

    /**
     * @param price a price in ticks.
     * @return the value at the highest price strictly below it, or {@link #NONE}.
     */
    int lower(long price);

    /**
     * @param price a price in ticks.
     * @return the value at the lowest price strictly above it, or {@link #NONE}.
     */
    int higher(long price);

    /**
     * @return the value at the lowest price, or {@link #NONE} if empty.
     */
    int first();

    /**
     * @return the value at the highest price, or {@link #NONE} if empty.
     */
    int last();

    /**
     * @return prices in the index.
     */
    int size();

    /**
     * Remove every price.
     */
    void clear();
}
