/**
 * Measurements of the replicated engine: open-loop latency through a gateway and a three-member cluster in one JVM,
 * and the time from a leader's death to the first acknowledgement from its successor.
 */
package io.arbiter.cluster.bench;
