package io.arbiter.cluster.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which shard (cluster) trades which symbol, and the symbol's instrument id inside that shard's engine. Written as
 * {@code SYMBOL=shard,SYMBOL=shard,...}; a shard's engine defines exactly its symbols, and (as in
 * {@code arbiter cluster-node}'s configuration) ids follow the symbols in sorted order, so the id is the symbol's rank
 * among its shard's symbols. Immutable after construction; safe to share.
 * <p>
 * Risk rule: an account's balances live on the shard of the asset pair it trades; an account that trades pairs on two
 * shards has two independent balances, one per shard. Cross-shard balances are out of scope.
 */
public final class ShardMap
{
    private final Map<String, Integer> shardBySymbol = new HashMap<>();
    private final Map<String, Integer> instrumentIdBySymbol = new HashMap<>();
    private final List<List<String>> symbolsByShard = new ArrayList<>();

    private ShardMap(final Map<String, Integer> shards)
    {
        final int shardCount = shards.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (int shard = 0; shard < shardCount; shard++)
        {
            final TreeSet<String> symbols = new TreeSet<>();
            for (final Map.Entry<String, Integer> entry : shards.entrySet())
            {
                if (entry.getValue() == shard)
                {
                    symbols.add(entry.getKey());
                }
            }
            if (symbols.isEmpty())
            {
                throw new IllegalArgumentException("shard " + shard + " has no symbol; shards are numbered from 0");
            }
            int id = 0;
            for (final String symbol : symbols)
            {
                shardBySymbol.put(symbol, shard);
                instrumentIdBySymbol.put(symbol, id++);
            }
            symbolsByShard.add(List.copyOf(symbols));
        }
    }

    /**
     * Produces garbage.
     *
     * @param text {@code SYMBOL=shard,...}, shards numbered from 0 without gaps.
     * @return the map.
     * @throws IllegalArgumentException if malformed, a symbol is given twice, or a shard has no symbol.
     */
    public static ShardMap parse(final String text)
    {
        final Map<String, Integer> shards = new HashMap<>();
        for (final String entry : text.split(","))
        {
            final String[] parts = entry.trim().split("=");
            if (parts.length != 2 || parts[0].isBlank())
            {
                throw new IllegalArgumentException("shard entry '" + entry + "' is not SYMBOL=shard");
            }
            final int shard = Integer.parseInt(parts[1].trim());
            if (shard < 0 || shards.put(parts[0].trim(), shard) != null)
            {
                throw new IllegalArgumentException("shard entry '" + entry + "': negative shard or symbol twice");
            }
        }
        return new ShardMap(shards);
    }

    /**
     * @return number of shards.
     */
    public int shardCount()
    {
        return symbolsByShard.size();
    }

    /**
     * @param symbol an instrument symbol.
     * @return its shard, or -1 if no shard trades it.
     */
    public int shard(final String symbol)
    {
        final Integer shard = shardBySymbol.get(symbol);
        return shard == null ? -1 : shard;
    }

    /**
     * @param symbol an instrument symbol traded by some shard.
     * @return its instrument id in its shard's engine, or -1.
     */
    public int instrumentId(final String symbol)
    {
        final Integer id = instrumentIdBySymbol.get(symbol);
        return id == null ? -1 : id;
    }

    /**
     * @param shard a shard.
     * @return its symbols in instrument id order.
     */
    public List<String> symbols(final int shard)
    {
        return symbolsByShard.get(shard);
    }
}
