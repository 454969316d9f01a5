package io.arbiter.loadgen;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenOrdersTest
{
    @Test
    void shouldPickOldestOpenOrderFirstAndSkipClosedOnes()
    {
        final OpenOrders open = new OpenOrders(50);
        for (long key = 1; key <= 10; key++)
        {
            open.add(key, key * 100);
        }
        open.remove(1);
        open.remove(3);

        assertEquals(2, open.take());
        assertEquals(4, open.take());
        assertEquals(8, open.size(), "taking an order leaves it open");
        assertEquals(400, open.value(4));
    }

    @Test
    void shouldQueueReplacedOrderLast()
    {
        final OpenOrders open = new OpenOrders(50);
        open.add(10, 0);
        open.add(20, 0);
        open.add(30, 0);

        final long replaced = open.take();
        open.queue(replaced);

        assertEquals(10, replaced);
        assertEquals(List.of(20L, 30L, 10L), takeAllAndCancel(open));
    }

    @Test
    void shouldStillPickEveryOpenOrderAfterMoreOpenedThanTheRingHolds()
    {
        // ring of 256 keys for 50 open orders: a burst of 1,000 acknowledgements pushes 744 keys out of it
        final OpenOrders open = new OpenOrders(50);
        for (long key = 1; key <= 1_000; key++)
        {
            open.add(key, 0);
        }

        final List<Long> taken = takeAllAndCancel(open);

        assertEquals(1_000, taken.size());
        assertEquals(1_000, new HashSet<>(taken).size());
        assertTrue(open.isEmpty());
        assertEquals(OpenOrders.NONE, open.take());
    }

    @Test
    void shouldChangeValueWithoutQueueingAgain()
    {
        final OpenOrders open = new OpenOrders(50);
        open.add(7, 1);
        open.addToValue(7, 4);
        open.addToValue(8, 9);

        assertEquals(5, open.value(7));
        assertFalse(open.contains(8), "a fill of an order not open opens nothing");
        assertEquals(7, open.take());
        open.remove(7);
        assertEquals(OpenOrders.NONE, open.take());
        assertFalse(open.contains(7));
    }

    @Test
    void shouldReopenRefusedCancelWithItsFilledQuantity()
    {
        final OpenOrders open = new OpenOrders(50);
        open.add(1, 30);
        open.add(2, 0);

        assertEquals(1, open.take());
        open.cancelSent(1);
        assertFalse(open.contains(1), "not open for picking while its cancel is on its way");
        assertEquals(1, open.cancelsInFlight());
        open.addToValue(1, 20);  // a fill reported before the cancel's answer
        assertTrue(open.cancelRefused(1));

        assertTrue(open.contains(1));
        assertEquals(50, open.value(1), "the quantity filled before and during the cancel");
        assertEquals(0, open.cancelsInFlight());
        assertEquals(List.of(2L, 1L), takeAllAndCancel(open), "reopened last");
    }

    @Test
    void shouldForgetCancelledOrderOnceItsCancelIsAnswered()
    {
        final OpenOrders open = new OpenOrders(50);
        open.add(1, 30);
        open.add(2, 40);
        open.cancelSent(1);
        open.cancelSent(2);

        open.remove(1);  // cancelled
        open.remove(2);  // filled while the cancel was on its way
        open.addToValue(2, 5);

        assertEquals(0, open.cancelsInFlight());
        assertTrue(open.isEmpty());
        assertFalse(open.cancelRefused(2), "an order that finished while its cancel was on its way stays closed");
        assertFalse(open.cancelRefused(3), "nor does one whose cancel was never recorded");
        assertTrue(open.isEmpty());
        assertEquals(OpenOrders.NONE, open.take());
    }

    @Test
    void shouldReturnNoneWhenNothingIsOpen()
    {
        final OpenOrders open = new OpenOrders(2);
        assertEquals(OpenOrders.NONE, open.take());
        open.add(5, 0);
        open.remove(5);
        assertEquals(OpenOrders.NONE, open.take());
    }

    private static List<Long> takeAllAndCancel(final OpenOrders open)
    {
        final List<Long> taken = new ArrayList<>();
        final Set<Long> seen = new HashSet<>();
        long key;
        while ((key = open.take()) != OpenOrders.NONE)
        {
            assertTrue(seen.add(key), "order " + key + " picked twice");
            taken.add(key);
            open.remove(key);
        }
        return taken;
    }
}
