package io.arbiter.engine.book.price;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PriceIndex} over a {@link LevelIndex}, so that the contract and the model checker written for object-valued
 * indexes run against the engine's primitive ones: each value put is remembered in a list and the level index stores
 * its position there. Test code: produces garbage.
 *
 * @param <V> the value type.
 */
final class LevelIndexView<V> implements PriceIndex<V>
{
    private final LevelIndex index;
    private final List<V> values = new ArrayList<>();

    LevelIndexView(final LevelIndex index)
    {
        this.index = index;
    }

    @Override
    public V get(final long price)
    {
        return value(index.get(price));
    }

    @Override
    public void put(final long price, final V value)
    {
        if (value == null)
        {
            throw new NullPointerException("value");
        }
        index.put(price, values.size());
        values.add(value);
    }

    @Override
    public V remove(final long price)
    {
        return value(index.remove(price));
    }

    @Override
    public V lower(final long price)
    {
        return value(index.lower(price));
    }

    @Override
    public V higher(final long price)
    {
        return value(index.higher(price));
    }

    @Override
    public V first()
    {
        return value(index.first());
    }

    @Override
    public V last()
    {
        return value(index.last());
    }

    @Override
    public int size()
    {
        return index.size();
    }

    @Override
    public void clear()
    {
        index.clear();
    }

    private V value(final int position)
    {
        return position == LevelIndex.NONE ? null : values.get(position);
    }
}
