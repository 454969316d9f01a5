package io.arbiter.engine.book.price;

import java.util.Arrays;

/**
 * A {@link LevelIndex} over any {@link PriceIndex}, for the structures of the study in docs/book-structures.md that
 * keep objects ({@code btree}, {@code sorted-array}): each level index is stored as an {@link Integer} taken from a
 * cache this adapter fills once per index, so steady state allocates nothing, but every put and remove is a reference
 * store. The engine's default, {@link RadixLevelIndex}, needs no adapter. Single threaded.
 */
public final class BoxedLevelIndex implements LevelIndex
{
    private final PriceIndex<Integer> index;
    private Integer[] boxes = new Integer[64];

    /**
     * @param index an empty price index.
     */
    public BoxedLevelIndex(final PriceIndex<Integer> index)
    {
        this.index = index;
    }

    /**
     * {@inheritDoc}
     */
    public int get(final long price)
    {
        return unbox(index.get(price));
    }

    /**
     * {@inheritDoc}
     */
    public void put(final long price, final int value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("value must not be negative: " + value);
        }
        index.put(price, box(value));
    }

    /**
     * {@inheritDoc}
     */
    public int remove(final long price)
    {
        return unbox(index.remove(price));
    }

    /**
     * {@inheritDoc}
     */
    public int lower(final long price)
    {
        return unbox(index.lower(price));
    }

    /**
     * {@inheritDoc}
     */
    public int higher(final long price)
    {
        return unbox(index.higher(price));
    }

    /**
     * {@inheritDoc}
     */
    public int first()
    {
        return unbox(index.first());
    }

    /**
     * {@inheritDoc}
     */
    public int last()
    {
        return unbox(index.last());
    }

    /**
     * {@inheritDoc}
     */
    public int size()
    {
        return index.size();
    }

    /**
     * {@inheritDoc}
     */
    public void clear()
    {
        index.clear();
    }

    private Integer box(final int value)
    {
        if (value >= boxes.length)
        {
            boxes = Arrays.copyOf(boxes, Math.max(value + 1, boxes.length * 2));
        }
        Integer boxed = boxes[value];
        if (boxed == null)
        {
            boxed = value;
            boxes[value] = boxed;
        }
        return boxed;
    }

    private static int unbox(final Integer value)
    {
        return value == null ? NONE : value;
    }
}
