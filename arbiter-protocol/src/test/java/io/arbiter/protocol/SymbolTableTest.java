package io.arbiter.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class SymbolTableTest
{
    private static int lookup(final SymbolTable table, final String symbol, final int offset)
    {
        final byte[] bytes = symbol.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + offset + 3]);
        buffer.putBytes(offset, bytes);
        return table.get(buffer, offset, bytes.length);
    }

    @Test
    void shouldFindEverySymbolAfterGrowing()
    {
        final SymbolTable table = new SymbolTable();
        for (int i = 0; i < 5000; i++)
        {
            table.put("SYM-" + i + (i % 3 == 0 ? "-LONGER-THAN-EIGHT-BYTES" : ""), i);
        }

        assertEquals(5000, table.size());
        for (int i = 0; i < 5000; i++)
        {
            assertEquals(i, lookup(table, "SYM-" + i + (i % 3 == 0 ? "-LONGER-THAN-EIGHT-BYTES" : ""), i % 7));
        }
    }

    @Test
    void shouldMissUnknownSymbolsPrefixesAndExtensions()
    {
        final SymbolTable table = new SymbolTable().put("BTC-USD", 1).put("", 2);

        assertEquals(1, lookup(table, "BTC-USD", 0));
        assertEquals(2, lookup(table, "", 5));
        assertEquals(SymbolTable.MISSING, lookup(table, "BTC-US", 0));
        assertEquals(SymbolTable.MISSING, lookup(table, "BTC-USDT", 0));
        assertEquals(SymbolTable.MISSING, lookup(table, "btc-usd", 0));
    }

    @Test
    void shouldReplaceTheIdOfAnExistingSymbol()
    {
        final SymbolTable table = new SymbolTable().put("ETH-USD", 1).put("ETH-USD", 9);

        assertEquals(1, table.size());
        assertEquals(9, lookup(table, "ETH-USD", 2));
    }

    @Test
    void shouldRefuseNegativeIds()
    {
        assertThrows(IllegalArgumentException.class, () -> new SymbolTable().put("X", -1));
    }
}
