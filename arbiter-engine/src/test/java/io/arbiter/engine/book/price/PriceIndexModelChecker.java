package io.arbiter.engine.book.price;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Differential check of a {@link PriceIndex} against a {@link TreeMap} model over a seeded random sequence of
 * operations, with the whole ordered content compared at intervals. Values are the boxed prices themselves, so every
 * returned value names the key it was found at. Test code: produces garbage.
 */
final class PriceIndexModelChecker
{
    static final long MAX_TEST_PRICE = 1L << 40;

    private final PriceIndex<Long> index;
    private final TreeMap<Long, Long> model = new TreeMap<>();
    private final SplittableRandom random;
    private final String context;

    PriceIndexModelChecker(final PriceIndex<Long> index, final long seed)
    {
        this.index = index;
        this.random = new SplittableRandom(seed);
        this.context = index.getClass().getSimpleName() + " seed=" + seed;
    }

    /**
     * Run random operations, checking every result and the full content every {@code checkEvery} operations.
     *
     * @param operations to run.
     * @param checkEvery interval of full checks.
     */
    void run(final int operations, final int checkEvery)
    {
        final int profile = random.nextInt(4);
        for (int i = 0; i < operations; i++)
        {
            step(profile, i);
            if (i % checkEvery == 0)
            {
                checkContent();
            }
        }
        checkContent();
    }

    void step(final int profile, final int i)
    {
        final int op = random.nextInt(100);
        if (op < 35)
        {
            final long price = randomPrice(profile);
            if (!model.containsKey(price))
            {
                index.put(price, price);
                model.put(price, price);
            }
            else
            {
                assertEquals(price, index.get(price), context);
            }
        }
        else if (op < 60)
        {
            final long price = random.nextInt(3) == 0 || model.isEmpty() ? randomPrice(profile) : existingPrice();
            assertEquals(model.remove(price), index.remove(price), () -> context + " remove " + price + " at " + i);
        }
        else if (op < 70)
        {
            final long price = randomPrice(profile);
            assertEquals(model.get(price), index.get(price), () -> context + " get " + price);
        }
        else if (op < 80)
        {
            final long price = probe(profile);
            assertEquals(model.lowerKey(price), index.lower(price), () -> context + " lower " + price + " at " + i);
        }
        else if (op < 90)
        {
            final long price = probe(profile);
            assertEquals(model.higherKey(price), index.higher(price), () -> context + " higher " + price + " at " + i);
        }
        else if (op < 95)
        {
            assertEquals(firstKey(), index.first(), context + " first");
            assertEquals(lastKey(), index.last(), context + " last");
        }
        else if (op < 96 && random.nextInt(20) == 0)
        {
            index.clear();
            model.clear();
            assertEquals(0, index.size(), context);
            assertNull(index.first(), context);
        }
        else
        {
            final long price = probe(profile);
            assertEquals(model.get(price), index.get(price), () -> context + " get " + price);
        }
        assertEquals(model.size(), index.size(), () -> context + " size at " + i);
    }

    void checkContent()
    {
        assertEquals(model.size(), index.size(), context);
        assertEquals(firstKey(), index.first(), context);
        assertEquals(lastKey(), index.last(), context);
        Long expectedPrevious = null;
        for (final Map.Entry<Long, Long> entry : model.entrySet())
        {
            final long price = entry.getKey();
            assertEquals(entry.getValue(), index.get(price), context);
            assertEquals(expectedPrevious, index.lower(price), context);
            if (null != expectedPrevious)
            {
                assertEquals(price, index.higher(expectedPrevious), context);
            }
            expectedPrevious = price;
        }
        if (null != expectedPrevious)
        {
            assertNull(index.higher(expectedPrevious), context);
        }
    }

    private Long firstKey()
    {
        return model.isEmpty() ? null : model.firstKey();
    }

    private Long lastKey()
    {
        return model.isEmpty() ? null : model.lastKey();
    }

    private long existingPrice()
    {
        final long probe = randomPrice(0);
        final Long near = model.ceilingKey(probe);
        return null != near ? near : model.lastKey();
    }

    private long probe(final int profile)
    {
        final int kind = random.nextInt(10);
        if (kind == 0)
        {
            return random.nextInt(3) - 1;
        }
        if (kind == 1)
        {
            return Long.MAX_VALUE - random.nextInt(2);
        }
        if (kind == 2 && !model.isEmpty())
        {
            return existingPrice() + random.nextInt(3) - 1;
        }
        return randomPrice(profile);
    }

    /**
     * Profiles: 0 clustered around 1,000,000 ticks; 1 small prices near 1; 2 mixed with edges 1 and 2^40; 3 sparse.
     */
    private long randomPrice(final int profile)
    {
        switch (profile)
        {
            case 0:
                return 1_000_000L + random.nextInt(-300, 300);
            case 1:
                return 1 + random.nextInt(200);
            case 2:
            {
                final int kind = random.nextInt(10);
                if (kind == 0)
                {
                    return 1;
                }
                if (kind == 1)
                {
                    return MAX_TEST_PRICE - random.nextInt(3);
                }
                if (kind == 2)
                {
                    return 1 + random.nextInt(64);
                }
                return 1_000_000L + random.nextInt(-5000, 5000);
            }
            default:
                return 1 + random.nextLong(MAX_TEST_PRICE);
        }
    }
}
