package io.arbiter.server.matching;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderOwnerTableTest
{
    @Test
    void shouldAgreeWithAHashMapOverASeededMixOfAddsMovesAndRemoves()
    {
        final OrderOwnerTable table = new OrderOwnerTable(4);
        final Map<Long, long[]> expected = new HashMap<>();
        final List<Long> ids = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(7);
        long nextId = 1;
        for (int step = 0; step < 200_000; step++)
        {
            final int op = random.nextInt(10);
            if (op < 5 || ids.isEmpty())
            {
                // Sequential ids like the node's, with some gaps; clustered keys exercise the probing.
                final long id = nextId;
                nextId += 1 + random.nextInt(3);
                final long clientOrderId = random.nextLong();
                final int owner = 1 + random.nextInt(5);
                assertEquals(-1, table.find(id));
                table.add(id, clientOrderId, owner);
                expected.put(id, new long[] {clientOrderId, owner});
                ids.add(id);
            }
            else if (op < 7)
            {
                final long id = ids.get(random.nextInt(ids.size()));
                final int owner = 1 + random.nextInt(5);
                final int slot = table.find(id);
                table.owner(slot, owner);
                table.clientOrderId(slot, id * 3);
                expected.put(id, new long[] {id * 3, owner});
            }
            else
            {
                final int at = random.nextInt(ids.size());
                final long id = ids.get(at);
                ids.set(at, ids.get(ids.size() - 1));
                ids.remove(ids.size() - 1);
                table.remove(table.find(id));
                expected.remove(id);
                assertEquals(-1, table.find(id));
            }
            if (step % 9973 == 0)
            {
                assertSame(expected, table, nextId);
            }
        }
        assertSame(expected, table, nextId);
        assertTrue(table.capacity() >= 2 * table.size());
    }

    @Test
    void shouldStartEmptyAndMissUnknownIds()
    {
        final OrderOwnerTable table = new OrderOwnerTable(16);
        assertEquals(0, table.size());
        assertEquals(-1, table.find(0));
        assertEquals(-1, table.find(Long.MIN_VALUE));
        table.add(0, -1, 2);
        assertEquals(2, table.owner(table.find(0)));
        assertEquals(-1, table.clientOrderId(table.find(0)));
    }

    private static void assertSame(final Map<Long, long[]> expected, final OrderOwnerTable table, final long maxId)
    {
        assertEquals(expected.size(), table.size());
        for (long id = 0; id <= maxId; id++)
        {
            final long[] entry = expected.get(id);
            final int slot = table.find(id);
            if (entry == null)
            {
                assertEquals(-1, slot, "id " + id);
            }
            else
            {
                assertEquals(entry[0], table.clientOrderId(slot), "id " + id);
                assertEquals(entry[1], table.owner(slot), "id " + id);
            }
        }
    }
}
