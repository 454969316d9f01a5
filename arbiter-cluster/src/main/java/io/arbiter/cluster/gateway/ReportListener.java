package io.arbiter.cluster.gateway;

import io.arbiter.cluster.codec.ReportFlyweight;

/**
 * Receives the reports of committed commands, each exactly once and in the cluster's order, on the thread that runs
 * the {@link ClusterGateway}.
 */
@FunctionalInterface
public interface ReportListener
{
    /**
     * @param shard  index of the shard (cluster) the report came from; 0 without sharding.
     * @param report valid only during this call.
     */
    void onReport(int shard, ReportFlyweight report);
}
