package io.arbiter.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OrderIndex} against a {@link HashMap} model: random adds and removes over id patterns that collide (small
 * tables, ids sharing low or high bits), growth past the initial size, and removal inside probe clusters.
 */
class OrderIndexTest
{
    @Test
    void shouldFindAddedOrdersAndForgetRemovedOnes()
    {
        final OrderIndex index = new OrderIndex(4);
        final Order a = order(7);
        final Order b = order(-7);
        index.add(a);
        index.add(b);
        assertSame(a, index.get(7));
        assertSame(b, index.get(-7));
        assertNull(index.get(8));
        index.remove(a);
        assertNull(index.get(7));
        assertSame(b, index.get(-7));
        assertEquals(1, index.size());
    }

    @Test
    void shouldGrowWhenMoreOrdersRestThanExpected()
    {
        final OrderIndex index = new OrderIndex(1);
        final int initialCapacity = index.capacity();
        final List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 10_000; i++)
        {
            final Order order = order(i * 1_000_003L);
            orders.add(order);
            index.add(order);
        }
        assertTrue(index.capacity() > initialCapacity);
        assertTrue(index.size() * 100L <= (long)index.capacity() * OrderIndex.MAX_LOAD_PERCENT);
        for (final Order order : orders)
        {
            assertSame(order, index.get(order.orderId));
        }
    }

    @Property(tries = 60)
    void shouldAgreeWithHashMapModel(
        @ForAll final long seed,
        @ForAll @IntRange(min = 0, max = 3) final int idPattern,
        @ForAll @IntRange(min = 1, max = 300) final int expected)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final OrderIndex index = new OrderIndex(expected);
        final Map<Long, Order> model = new HashMap<>();
        final List<Long> ids = new ArrayList<>();
        long serial = 0;
        for (int step = 0; step < 3_000; step++)
        {
            if (ids.isEmpty() || random.nextInt(100) < 55)
            {
                final long id = id(idPattern, ++serial, random);
                if (!model.containsKey(id))
                {
                    assertNull(index.get(id));
                    final Order order = order(id);
                    index.add(order);
                    model.put(id, order);
                    ids.add(id);
                }
            }
            else
            {
                final int at = random.nextInt(ids.size());
                final long id = ids.get(at);
                ids.set(at, ids.get(ids.size() - 1));
                ids.remove(ids.size() - 1);
                index.remove(model.remove(id));
                assertNull(index.get(id));
            }
            assertEquals(model.size(), index.size());
            if (step % 97 == 0)
            {
                for (final Map.Entry<Long, Order> entry : model.entrySet())
                {
                    assertSame(entry.getValue(), index.get(entry.getKey()));
                }
                assertNull(index.get(id(idPattern, serial + 1, random) ^ Long.MIN_VALUE));
            }
        }
    }

    private static long id(final int pattern, final long serial, final SplittableRandom random)
    {
        switch (pattern)
        {
            case 0:
                return serial;
            case 1:
                return serial << 40;
            case 2:
                return random.nextLong(64) * 0x100000000L + random.nextInt(4);
            default:
                return random.nextLong();
        }
    }

    private static Order order(final long orderId)
    {
        final Order order = new Order();
        order.orderId = orderId;
        return order;
    }
}
