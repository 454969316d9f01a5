package io.arbiter.engine.book;

import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.TimeInForce;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OrderIdIndex} against a {@link HashMap} model: random adds and removes over id patterns that collide (small
 * tables, ids sharing low or high bits), growth past the initial size (of the index and of the order store it keys
 * into), and removal inside probe clusters.
 */
class OrderIdIndexTest
{
    private final OrderStore orders = new OrderStore(2);

    @Test
    void shouldFindAddedOrdersAndForgetRemovedOnes()
    {
        final OrderIdIndex index = new OrderIdIndex(orders, 4);
        final int a = order(7);
        final int b = order(-7);
        index.add(a);
        index.add(b);
        assertEquals(a, index.get(7));
        assertEquals(b, index.get(-7));
        assertEquals(OrderStore.NONE, index.get(8));
        index.remove(a);
        assertEquals(OrderStore.NONE, index.get(7));
        assertEquals(b, index.get(-7));
        assertEquals(1, index.size());
    }

    @Test
    void shouldGrowWhenMoreOrdersRestThanExpected()
    {
        final OrderIdIndex index = new OrderIdIndex(orders, 1);
        final int initialCapacity = index.capacity();
        final List<Integer> added = new ArrayList<>();
        for (int i = 0; i < 10_000; i++)
        {
            final int order = order(i * 1_000_003L);
            added.add(order);
            index.add(order);
        }
        assertTrue(index.capacity() > initialCapacity);
        assertTrue(index.size() * 100L <= (long)index.capacity() * OrderIdIndex.MAX_LOAD_PERCENT);
        for (final int order : added)
        {
            assertEquals(order, index.get(orders.orderId(order)));
        }
    }

    @Property(tries = 60)
    void shouldAgreeWithHashMapModel(
        @ForAll final long seed,
        @ForAll @IntRange(min = 0, max = 3) final int idPattern,
        @ForAll @IntRange(min = 1, max = 300) final int expected)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final OrderIdIndex index = new OrderIdIndex(orders, expected);
        final Map<Long, Integer> model = new HashMap<>();
        final List<Long> ids = new ArrayList<>();
        long serial = 0;
        for (int step = 0; step < 3_000; step++)
        {
            if (ids.isEmpty() || random.nextInt(100) < 55)
            {
                final long id = id(idPattern, ++serial, random);
                if (!model.containsKey(id))
                {
                    assertEquals(OrderStore.NONE, index.get(id));
                    final int order = order(id);
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
                final int order = model.remove(id);
                index.remove(order);
                orders.release(order);
                assertEquals(OrderStore.NONE, index.get(id));
            }
            assertEquals(model.size(), index.size());
            if (step % 97 == 0)
            {
                for (final Map.Entry<Long, Integer> entry : model.entrySet())
                {
                    assertEquals(entry.getValue(), index.get(entry.getKey()));
                }
                assertEquals(OrderStore.NONE, index.get(id(idPattern, serial + 1, random) ^ Long.MIN_VALUE));
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

    private int order(final long orderId)
    {
        final int order = orders.acquire();
        orders.set(order, orderId, 0, 1, TimeInForce.GTC, SelfTradePrevention.NONE);
        return order;
    }
}
