/**
 * The matching engine as an Aeron Cluster {@link io.aeron.cluster.service.ClusteredService}: deterministic, single
 * writer (the service thread), time from the log, state in the cluster's snapshots.
 */
package io.arbiter.cluster.service;
