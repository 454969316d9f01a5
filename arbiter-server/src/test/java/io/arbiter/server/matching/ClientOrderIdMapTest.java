package io.arbiter.server.matching;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientOrderIdMapTest
{
    @Property(tries = 40)
    void shouldAgreeWithAHashMapOverSeededPutsReplacesAndRemoves(@ForAll final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final ClientOrderIdMap map = new ClientOrderIdMap(1 + random.nextInt(8));
        final Map<Long, Long> expected = new HashMap<>();
        final List<Long> keys = new ArrayList<>();
        final int keyKind = random.nextInt(3);
        long nextKey = random.nextLong();
        for (int step = 0; step < 20_000; step++)
        {
            final int op = random.nextInt(10);
            if (op < 5 || keys.isEmpty())
            {
                final long key;
                if (keyKind == 0)
                {
                    // a client numbering its orders in sequence, with gaps
                    key = nextKey;
                    nextKey += 1 + random.nextInt(3);
                }
                else if (keyKind == 1)
                {
                    key = random.nextLong();
                }
                else
                {
                    // ids that share a few groups: long probe runs across group boundaries
                    key = (long)random.nextInt(4) << 40 | random.nextInt(64);
                }
                final long value = random.nextLong(Long.MAX_VALUE);
                map.put(key, value);
                if (expected.put(key, value) == null)
                {
                    keys.add(key);
                }
            }
            else if (op < 7)
            {
                final long key = random.nextInt(4) == 0 ? random.nextLong() : keys.get(random.nextInt(keys.size()));
                assertEquals(expected.getOrDefault(key, ClientOrderIdMap.MISSING), map.get(key));
            }
            else
            {
                final int at = random.nextInt(keys.size());
                final long key = keys.get(at);
                keys.set(at, keys.get(keys.size() - 1));
                keys.remove(keys.size() - 1);
                assertEquals((long)expected.remove(key), map.remove(key));
                assertEquals(ClientOrderIdMap.MISSING, map.get(key));
                assertEquals(ClientOrderIdMap.MISSING, map.remove(key));
            }
            assertEquals(expected.size(), map.size());
            if (step % 997 == 0)
            {
                assertSameContent(expected, map);
            }
        }
        assertSameContent(expected, map);
        assertTrue(map.capacity() >= 2 * map.size(), "load stays at most one half");
    }

    @Test
    void shouldKeepNegativeAndExtremeKeysAndClearToEmpty()
    {
        final ClientOrderIdMap map = new ClientOrderIdMap(2);
        map.put(-1, 5);
        map.put(Long.MIN_VALUE, 6);
        map.put(Long.MAX_VALUE, 7);
        map.put(0, 8);
        map.put(-1, 9);
        assertEquals(4, map.size());
        assertEquals(9, map.get(-1));
        assertEquals(6, map.get(Long.MIN_VALUE));
        assertEquals(7, map.get(Long.MAX_VALUE));
        assertEquals(8, map.get(0));
        assertThrows(IllegalArgumentException.class, () -> map.put(3, ClientOrderIdMap.MISSING));

        map.clear();
        assertTrue(map.isEmpty());
        assertEquals(ClientOrderIdMap.MISSING, map.get(-1));
        final Map<Long, Long> seen = new HashMap<>();
        map.forEach(seen::put);
        assertTrue(seen.isEmpty());
    }

    @Test
    void shouldRemoveOnlyWhenTheKeyStillMapsToTheGivenValue()
    {
        final ClientOrderIdMap map = new ClientOrderIdMap(4);
        for (long key = 10; key < 40; key++)
        {
            map.put(key, key * 2);
        }
        assertEquals(false, map.remove(12, 99));
        assertEquals(24, map.get(12));
        assertEquals(false, map.remove(99, 198));
        assertEquals(true, map.remove(12, 24));
        assertEquals(ClientOrderIdMap.MISSING, map.get(12));
        assertEquals(29, map.size());
        for (long key = 13; key < 40; key++)
        {
            assertEquals(key * 2, map.get(key));
        }
    }

    @Test
    void shouldPlaceAClientsSequentialIdsInConsecutiveSlots()
    {
        final ClientOrderIdMap map = new ClientOrderIdMap(1 << 12);
        for (long key = 1_000_000; key < 1_000_000 + 4 * ClientOrderIdMap.GROUP_SLOTS; key++)
        {
            map.put(key, key);
        }
        // 64 ids in sequence fill four aligned runs of 16 slots: no entry probes past its home
        final List<Long> order = new ArrayList<>();
        map.forEach((key, value) -> order.add(key));
        for (int run = 0; run < 4; run++)
        {
            final int at = run * ClientOrderIdMap.GROUP_SLOTS;
            final long first = order.get(at);
            assertEquals(0, first % ClientOrderIdMap.GROUP_SLOTS);
            for (int i = 1; i < ClientOrderIdMap.GROUP_SLOTS; i++)
            {
                assertEquals(first + i, order.get(at + i));
            }
        }
    }

    private static void assertSameContent(final Map<Long, Long> expected, final ClientOrderIdMap map)
    {
        final Map<Long, Long> actual = new HashMap<>();
        map.forEach((key, value) -> assertEquals(null, actual.put(key, value)));
        assertEquals(expected, actual);
        for (final Map.Entry<Long, Long> entry : expected.entrySet())
        {
            assertEquals((long)entry.getValue(), map.get(entry.getKey()));
        }
    }
}
