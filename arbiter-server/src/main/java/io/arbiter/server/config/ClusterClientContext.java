package io.arbiter.server.config;

/**
 * Cluster mode of a node (keys {@code cluster.*}; each key's default, meaning and range is a row of
 * {@link ServerSettings}): whether the node's gateways front an Aeron Cluster instead of the local engine and journal,
 * where the cluster's (or each shard's) configuration file is, and the gateway's identity towards it. Part of a
 * {@link ServerContext}; filled on the control plane, read at start; not thread safe while being filled.
 */
public final class ClusterClientContext
{
    private boolean enabled;
    private String configFiles;
    private int gatewayId;
    private long resyncTimeoutMs;
    private String aeronDir;
    private String egressEndpoint;

    ClusterClientContext()
    {
    }

    /**
     * @return the value of {@code cluster.enabled} ({@link ServerSettings}).
     */
    public boolean enabled()
    {
        return enabled;
    }

    /**
     * @param enabled the value of {@code cluster.enabled} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ClusterClientContext enabled(final boolean enabled)
    {
        this.enabled = enabled;
        return this;
    }

    /**
     * @return the value of {@code cluster.config} ({@link ServerSettings}): one file per shard, comma separated.
     */
    public String configFiles()
    {
        return configFiles;
    }

    /**
     * @param configFiles the value of {@code cluster.config} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ClusterClientContext configFiles(final String configFiles)
    {
        this.configFiles = configFiles;
        return this;
    }

    /**
     * @return the value of {@code cluster.gatewayId} ({@link ServerSettings}).
     */
    public int gatewayId()
    {
        return gatewayId;
    }

    /**
     * @param gatewayId the value of {@code cluster.gatewayId} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ClusterClientContext gatewayId(final int gatewayId)
    {
        this.gatewayId = gatewayId;
        return this;
    }

    /**
     * @return the value of {@code cluster.resyncTimeoutMs} ({@link ServerSettings}).
     */
    public long resyncTimeoutMs()
    {
        return resyncTimeoutMs;
    }

    /**
     * @param resyncTimeoutMs the value of {@code cluster.resyncTimeoutMs} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ClusterClientContext resyncTimeoutMs(final long resyncTimeoutMs)
    {
        this.resyncTimeoutMs = resyncTimeoutMs;
        return this;
    }

    /**
     * @return the value of {@code cluster.aeronDir} ({@link ServerSettings}).
     */
    public String aeronDir()
    {
        return aeronDir;
    }

    /**
     * @param aeronDir the value of {@code cluster.aeronDir} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ClusterClientContext aeronDir(final String aeronDir)
    {
        this.aeronDir = aeronDir;
        return this;
    }

    /**
     * @return the value of {@code cluster.egressEndpoint} ({@link ServerSettings}).
     */
    public String egressEndpoint()
    {
        return egressEndpoint;
    }

    /**
     * @param egressEndpoint the value of {@code cluster.egressEndpoint} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public ClusterClientContext egressEndpoint(final String egressEndpoint)
    {
        this.egressEndpoint = egressEndpoint;
        return this;
    }
}
