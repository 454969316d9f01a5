/**
 * The matching engine replicated on Aeron Cluster (issue #20).
 * <pre>
 *  ClusterGateway ──ingress──> leader's consensus module ──Raft log──> EngineClusteredService on every member
 *        ^                                                               │ (applies committed commands only)
 *        └──────────────── egress (only the leader's service sends) ◄────┘
 * </pre>
 * The cluster log is the source of truth: a command reaches the service only once a majority has it, so a report the
 * service sends is of a committed command. {@code codec} holds the ingress and egress layouts, {@code service} the
 * clustered service ({@link io.arbiter.cluster.service.EngineClusteredService}), {@code node} one member's processes
 * and configuration, {@code gateway} the client side ({@link io.arbiter.cluster.gateway.ClusterGateway}: resubmission
 * after failover, routing by symbol to shards).
 */
package io.arbiter.cluster;
