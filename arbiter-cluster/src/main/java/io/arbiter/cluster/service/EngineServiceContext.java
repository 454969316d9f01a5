package io.arbiter.cluster.service;

import io.arbiter.engine.EngineContext;
import io.arbiter.server.config.InstrumentConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Configuration of the {@link EngineClusteredService}: the engine's pools and the instruments a fresh cluster starts
 * with (every member must be given the same ones, in the same order; once a snapshot exists the instruments come from
 * it). Control plane; not thread safe.
 */
public final class EngineServiceContext
{
    /** Default bound on the report bytes retained for one gateway. */
    public static final int DEFAULT_MAX_RETAINED_BYTES = 64 << 20;
    /** Default number of gateways the service expects (report routing is sized for it; more are refused). */
    public static final int DEFAULT_MAX_GATEWAYS = 64;

    private final List<InstrumentConfig> instruments = new ArrayList<>();
    private EngineContext engineContext = new EngineContext();
    private int maxRetainedBytes = DEFAULT_MAX_RETAINED_BYTES;
    private int maxGateways = DEFAULT_MAX_GATEWAYS;

    /**
     * @param symbol        of the instrument.
     * @param tickSizeUnits tick size in price units.
     * @param lotSize       lot size.
     * @return this.
     */
    public EngineServiceContext instrument(final String symbol, final long tickSizeUnits, final long lotSize)
    {
        return instrument(new InstrumentConfig(symbol, tickSizeUnits, lotSize));
    }

    /**
     * An instrument of a fresh cluster as a node's configuration defines one: with base and quote assets its orders
     * take holds against the accounts' balances, and configured fees are set when the cluster starts fresh.
     *
     * @param instrument the instrument.
     * @return this.
     */
    public EngineServiceContext instrument(final InstrumentConfig instrument)
    {
        instruments.add(instrument);
        return this;
    }

    /**
     * @return the instruments of a fresh cluster, in id order.
     */
    public List<InstrumentConfig> instruments()
    {
        return instruments;
    }

    /**
     * @param engineContext the engine's pools and limits.
     * @return this.
     */
    public EngineServiceContext engineContext(final EngineContext engineContext)
    {
        this.engineContext = engineContext;
        return this;
    }

    /**
     * @return the engine's pools and limits.
     */
    public EngineContext engineContext()
    {
        return engineContext;
    }

    /**
     * @param maxRetainedBytes bound on the report bytes retained for one gateway until it says it holds them.
     * @return this.
     */
    public EngineServiceContext maxRetainedBytes(final int maxRetainedBytes)
    {
        this.maxRetainedBytes = maxRetainedBytes;
        return this;
    }

    /**
     * @return bound on the report bytes retained for one gateway.
     */
    public int maxRetainedBytes()
    {
        return maxRetainedBytes;
    }

    /**
     * @param maxGateways how many gateway ids the service takes commands from.
     * @return this.
     */
    public EngineServiceContext maxGateways(final int maxGateways)
    {
        this.maxGateways = maxGateways;
        return this;
    }

    /**
     * @return how many gateway ids the service takes commands from.
     */
    public int maxGateways()
    {
        return maxGateways;
    }
}
