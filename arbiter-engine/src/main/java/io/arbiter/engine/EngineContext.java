package io.arbiter.engine;

/**
 * Configuration of a {@link MatchingEngine}: pool sizes and limits. Pools are filled at construction so that steady
 * state allocates nothing; they grow (producing garbage) only when a run exceeds them.
 */
public final class EngineContext
{
    /** Default number of pooled orders. */
    public static final int DEFAULT_ORDER_POOL_SIZE = 1 << 16;
    /** Default number of pooled price levels. */
    public static final int DEFAULT_LEVEL_POOL_SIZE = 1 << 12;
    /** Default number of pooled records of optional order fields (stop, iceberg and GTD orders). */
    public static final int DEFAULT_EXTRAS_POOL_SIZE = 1 << 12;
    /** Default highest accepted quantity. */
    public static final long DEFAULT_MAX_QUANTITY = 1_000_000_000_000L;
    /** Default highest accepted price in ticks. */
    public static final long DEFAULT_MAX_PRICE_TICKS = 1L << 40;

    private int orderPoolSize = DEFAULT_ORDER_POOL_SIZE;
    private int levelPoolSize = DEFAULT_LEVEL_POOL_SIZE;
    private int extrasPoolSize = DEFAULT_EXTRAS_POOL_SIZE;
    private long maxQuantity = DEFAULT_MAX_QUANTITY;
    private long maxPriceTicks = DEFAULT_MAX_PRICE_TICKS;
    private String priceIndex = PriceIndexes.DEFAULT;

    /**
     * @return orders preallocated at start.
     */
    public int orderPoolSize()
    {
        return orderPoolSize;
    }

    /**
     * @param orderPoolSize orders preallocated at start.
     * @return this.
     */
    public EngineContext orderPoolSize(final int orderPoolSize)
    {
        this.orderPoolSize = orderPoolSize;
        return this;
    }

    /**
     * @return records of optional order fields preallocated at start: one for each open stop, iceberg or GTD order.
     */
    public int extrasPoolSize()
    {
        return extrasPoolSize;
    }

    /**
     * @param extrasPoolSize records of optional order fields preallocated at start (rounded up to whole pages).
     * @return this.
     */
    public EngineContext extrasPoolSize(final int extrasPoolSize)
    {
        this.extrasPoolSize = extrasPoolSize;
        return this;
    }

    /**
     * @return price levels preallocated at start.
     */
    public int levelPoolSize()
    {
        return levelPoolSize;
    }

    /**
     * @param levelPoolSize price levels preallocated at start.
     * @return this.
     */
    public EngineContext levelPoolSize(final int levelPoolSize)
    {
        this.levelPoolSize = levelPoolSize;
        return this;
    }

    /**
     * @return highest accepted order quantity.
     */
    public long maxQuantity()
    {
        return maxQuantity;
    }

    /**
     * @param maxQuantity highest accepted order quantity.
     * @return this.
     */
    public EngineContext maxQuantity(final long maxQuantity)
    {
        this.maxQuantity = maxQuantity;
        return this;
    }

    /**
     * @return highest accepted price in ticks, for instruments defined without their own.
     */
    public long maxPriceTicks()
    {
        return maxPriceTicks;
    }

    /**
     * @param maxPriceTicks highest accepted price in ticks.
     * @return this.
     */
    public EngineContext maxPriceTicks(final long maxPriceTicks)
    {
        this.maxPriceTicks = maxPriceTicks;
        return this;
    }

    /**
     * @return name of the price-level index structure (see {@link PriceIndexes}).
     */
    public String priceIndex()
    {
        return priceIndex;
    }

    /**
     * @param priceIndex name of the price-level index structure (see {@link PriceIndexes}).
     * @return this.
     */
    public EngineContext priceIndex(final String priceIndex)
    {
        this.priceIndex = priceIndex;
        return this;
    }
}
