package io.arbiter.fix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixOrderBookTest
{
    @TempDir
    Path dir;

    private static FixOrder order(final String clOrdId)
    {
        return new FixOrder(FixOrderBook.numericId(clOrdId), clOrdId, "BTC-USD", '1', '2', '1', 100, 5);
    }

    @Test
    void shouldMapClOrdIdsDeterministicallyAndNeverToTheReservedId()
    {
        assertEquals(FixOrderBook.numericId("order-1"), FixOrderBook.numericId("order-1"));
        assertNotEquals(FixOrderBook.numericId("order-1"), FixOrderBook.numericId("order-2"));
        assertTrue(FixOrderBook.numericId("x") >= 0);
        // FNV-1a of the empty input is its offset basis; with the top bit cleared:
        assertEquals(0xcbf29ce484222325L & Long.MAX_VALUE, FixOrderBook.numericId(""));
    }

    @Test
    void shouldRefuseAReusedClOrdIdAndFindOrdersByAlias()
    {
        final FixOrderBook book = new FixOrderBook(dir.resolve("orders-a.log"));
        final FixOrder first = order("o1");
        assertEquals(FixOrderBook.Admission.OK, book.admitNew(first));
        assertEquals(FixOrderBook.Admission.DUPLICATE, book.admitNew(order("o1")));
        book.addRequest(first, new FixOrder.Request("o2", false, 7, 200));
        assertSame(first, book.find("o2"));
        assertSame(first, book.find("o1"));
        assertNull(book.find("o3"));
        assertTrue(book.used("o2"));
    }

    @Test
    void shouldRecoverClOrdIdsAndReplacesFromTheLog()
    {
        final Path file = dir.resolve("orders-b.log");
        final FixOrderBook book = new FixOrderBook(file);
        final FixOrder first = order("r1");
        book.admitNew(first);
        book.addRequest(first, new FixOrder.Request("r2", false, 9, 300));
        book.close();

        final FixOrderBook recovered = new FixOrderBook(file);
        final FixOrder order = recovered.get(first.numericId);
        assertEquals("r2", order.clOrdId);
        assertEquals("r1", order.origClOrdId);
        assertEquals(9, order.orderQty);
        assertEquals(300, order.price);
        assertEquals('1', order.side);
        assertSame(order, recovered.find("r2"));
        assertEquals(FixOrderBook.Admission.DUPLICATE, recovered.admitNew(order("r1")));
    }

    @Test
    void shouldCountLinesAsForcedOnlyOnceAForceCoveredThemAndTellItsListenerOfEachWrite()
    {
        final FixOrderBook book = new FixOrderBook(dir.resolve("orders-c.log"));
        final int[] told = new int[1];
        book.afterWrite(() -> told[0]++);
        book.force(0, 0);
        assertEquals(0, book.forced());

        final FixOrder first = order("f1");
        book.admitNew(first);
        book.addRequest(first, new FixOrder.Request("f2", false, 9, 300));
        assertEquals(2, book.written());
        assertEquals(2, told[0]);
        assertEquals(0, book.forced());

        book.force(0, 1);
        assertEquals(2, book.forced());
        book.admitNew(order("f3"));
        assertEquals(3, book.written());
        assertEquals(2, book.forced());
        book.force(1_000, 2); // within the least interval since the last force: not forced
        assertEquals(2, book.forced());
        book.force(1_000, 1_001);
        assertEquals(3, book.forced());
    }
}
