package io.arbiter.server.tracing;

/**
 * Configuration of order tracing and slow-order capture. Tracing is off by default; slow-order capture is on with a
 * dynamic threshold (p99.9 of the in-server total). Set before {@link OrderTracing} is built; not thread-safe.
 */
public final class TracingContext
{
    private boolean tracingEnabled;
    private long sampleEvery;
    private boolean slowOrderCapture = true;
    private long slowThresholdNs;
    private long dynamicThresholdMinSamples = 1000;
    private int slowOrdersKept = 64;
    private int queueCapacity = 1024;
    private String otlpEndpoint;
    private String serviceName = "arbiter";
    private long thresholdRefreshNs = 1_000_000_000L;

    /**
     * @return whether sampled and slow orders are exported as traces.
     */
    public boolean tracingEnabled()
    {
        return tracingEnabled;
    }

    /**
     * @param tracingEnabled whether sampled and slow orders are exported as traces.
     * @return this for fluent use.
     */
    public TracingContext tracingEnabled(final boolean tracingEnabled)
    {
        this.tracingEnabled = tracingEnabled;
        return this;
    }

    /**
     * @return trace 1 in N orders, those whose sequence is a multiple of N; 0 samples none (slow orders only).
     */
    public long sampleEvery()
    {
        return sampleEvery;
    }

    /**
     * @param sampleEvery trace 1 in N orders by sequence; 0 samples none.
     * @return this for fluent use.
     */
    public TracingContext sampleEvery(final long sampleEvery)
    {
        if (sampleEvery < 0)
        {
            throw new IllegalArgumentException("sampleEvery must not be negative: " + sampleEvery);
        }
        this.sampleEvery = sampleEvery;
        return this;
    }

    /**
     * @return whether orders over the slow threshold are kept for {@code /debug/slow-orders}.
     */
    public boolean slowOrderCapture()
    {
        return slowOrderCapture;
    }

    /**
     * @param slowOrderCapture whether orders over the slow threshold are kept for {@code /debug/slow-orders}.
     * @return this for fluent use.
     */
    public TracingContext slowOrderCapture(final boolean slowOrderCapture)
    {
        this.slowOrderCapture = slowOrderCapture;
        return this;
    }

    /**
     * @return fixed slow threshold in nanoseconds of total in-server latency; 0 means dynamic (window p99.9).
     */
    public long slowThresholdNs()
    {
        return slowThresholdNs;
    }

    /**
     * @param slowThresholdNs fixed slow threshold; 0 means dynamic (window p99.9).
     * @return this for fluent use.
     */
    public TracingContext slowThresholdNs(final long slowThresholdNs)
    {
        this.slowThresholdNs = slowThresholdNs;
        return this;
    }

    /**
     * @return orders the window must hold before the dynamic threshold is trusted (until then nothing is slow).
     */
    public long dynamicThresholdMinSamples()
    {
        return dynamicThresholdMinSamples;
    }

    /**
     * @param dynamicThresholdMinSamples orders the window must hold before the dynamic threshold is trusted.
     * @return this for fluent use.
     */
    public TracingContext dynamicThresholdMinSamples(final long dynamicThresholdMinSamples)
    {
        this.dynamicThresholdMinSamples = dynamicThresholdMinSamples;
        return this;
    }

    /**
     * @return how many recent slow orders {@code /debug/slow-orders} keeps.
     */
    public int slowOrdersKept()
    {
        return slowOrdersKept;
    }

    /**
     * @param slowOrdersKept how many recent slow orders to keep.
     * @return this for fluent use.
     */
    public TracingContext slowOrdersKept(final int slowOrdersKept)
    {
        this.slowOrdersKept = slowOrdersKept;
        return this;
    }

    /**
     * @return capacity of the hand-off queue to the tracing thread (and of the record pool).
     */
    public int queueCapacity()
    {
        return queueCapacity;
    }

    /**
     * @param queueCapacity capacity of the hand-off queue; orders beyond it are dropped and counted.
     * @return this for fluent use.
     */
    public TracingContext queueCapacity(final int queueCapacity)
    {
        this.queueCapacity = queueCapacity;
        return this;
    }

    /**
     * @return OTLP/HTTP traces endpoint (e.g. {@code http://localhost:4318/v1/traces}); null exports to the log.
     */
    public String otlpEndpoint()
    {
        return otlpEndpoint;
    }

    /**
     * @param otlpEndpoint OTLP/HTTP traces endpoint; null exports to the log.
     * @return this for fluent use.
     */
    public TracingContext otlpEndpoint(final String otlpEndpoint)
    {
        this.otlpEndpoint = otlpEndpoint;
        return this;
    }

    /**
     * @return the {@code service.name} resource attribute of exported spans.
     */
    public String serviceName()
    {
        return serviceName;
    }

    /**
     * @param serviceName the {@code service.name} resource attribute of exported spans.
     * @return this for fluent use.
     */
    public TracingContext serviceName(final String serviceName)
    {
        this.serviceName = serviceName;
        return this;
    }

    /**
     * @return how often the tracing thread recomputes the dynamic slow threshold.
     */
    public long thresholdRefreshNs()
    {
        return thresholdRefreshNs;
    }

    /**
     * @param thresholdRefreshNs how often the tracing thread recomputes the dynamic slow threshold.
     * @return this for fluent use.
     */
    public TracingContext thresholdRefreshNs(final long thresholdRefreshNs)
    {
        this.thresholdRefreshNs = thresholdRefreshNs;
        return this;
    }
}
