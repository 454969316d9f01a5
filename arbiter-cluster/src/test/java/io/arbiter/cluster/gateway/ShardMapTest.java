package io.arbiter.cluster.gateway;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShardMapTest
{
    @Test
    void shouldMapSymbolsToShardsAndSortedInstrumentIds()
    {
        final ShardMap map = ShardMap.parse("SOL-USD=1, BTC-USD=0, ETH-USD=1");
        assertEquals(2, map.shardCount());
        assertEquals(0, map.shard("BTC-USD"));
        assertEquals(1, map.shard("SOL-USD"));
        assertEquals(-1, map.shard("XRP-USD"));
        assertEquals(0, map.instrumentId("ETH-USD"));
        assertEquals(1, map.instrumentId("SOL-USD"));
        assertEquals(List.of("ETH-USD", "SOL-USD"), map.symbols(1));
    }

    @Test
    void shouldRefuseMalformedMaps()
    {
        assertThrows(IllegalArgumentException.class, () -> ShardMap.parse("BTC-USD"));
        assertThrows(IllegalArgumentException.class, () -> ShardMap.parse("BTC-USD=0,BTC-USD=1"));
        assertThrows(IllegalArgumentException.class, () -> ShardMap.parse("BTC-USD=1"), "shard 0 has no symbol");
    }
}
