package io.arbiter.loadgen;

import io.arbiter.engine.Side;
import io.arbiter.marketdata.LevelBook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The best levels of a public book at one moment (prices in 1e-8 units, best first), for the report's depth chart and
 * JSON. Immutable; produces garbage (reporting only).
 */
public final class BookDepth
{
    /** Levels per side kept. */
    public static final int LEVELS = 20;

    /** The instrument. */
    public final String symbol;
    /** Bid prices, best (highest) first. */
    public final long[] bidPrices;
    /** Total quantity at each bid price. */
    public final long[] bidQuantities;
    /** Ask prices, best (lowest) first. */
    public final long[] askPrices;
    /** Total quantity at each ask price. */
    public final long[] askQuantities;

    private BookDepth(final String symbol, final LevelBook book)
    {
        this.symbol = symbol;
        final int bids = Math.min(LEVELS, book.depth(Side.BUY));
        final int asks = Math.min(LEVELS, book.depth(Side.SELL));
        bidPrices = new long[bids];
        bidQuantities = new long[bids];
        askPrices = new long[asks];
        askQuantities = new long[asks];
        for (int i = 0; i < bids; i++)
        {
            bidPrices[i] = book.price(Side.BUY, i);
            bidQuantities[i] = book.quantity(Side.BUY, i);
        }
        for (int i = 0; i < asks; i++)
        {
            askPrices[i] = book.price(Side.SELL, i);
            askQuantities[i] = book.quantity(Side.SELL, i);
        }
    }

    /**
     * Copy the best {@link #LEVELS} levels of each side.
     *
     * @param symbol the instrument.
     * @param book   its book (not changing while copied).
     * @return the copy.
     */
    public static BookDepth of(final String symbol, final LevelBook book)
    {
        return new BookDepth(symbol, book);
    }

    /**
     * @return the levels as nested maps for JSON.
     */
    public Map<String, Object> describe()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("symbol", symbol);
        map.put("bids", levels(bidPrices, bidQuantities));
        map.put("asks", levels(askPrices, askQuantities));
        return map;
    }

    private static List<Object> levels(final long[] prices, final long[] quantities)
    {
        final List<Object> levels = new ArrayList<>(prices.length);
        for (int i = 0; i < prices.length; i++)
        {
            final Map<String, Object> level = new LinkedHashMap<>();
            level.put("price", prices[i]);
            level.put("quantity", quantities[i]);
            levels.add(level);
        }
        return levels;
    }
}
