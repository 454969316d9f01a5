/**
 * {@code arbiter cluster-node}: runs one member of a replicated engine cluster (docs/cluster.md).
 */
package io.arbiter.app.cluster;
