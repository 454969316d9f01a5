/**
 * The gateway side of the cluster: an Aeron Cluster client that numbers commands, resubmits the unapplied ones after a
 * failover and hands reports on exactly once, and a router that sends each symbol to its shard.
 */
package io.arbiter.cluster.gateway;
