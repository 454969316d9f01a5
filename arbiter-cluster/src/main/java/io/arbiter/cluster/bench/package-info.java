/**
 * Measurements of the replicated engine: open-loop latency through a gateway and a three-member cluster in one JVM,
 * the time from a leader's death to the first acknowledgement from its successor, and the machine's floor: the same
 * members with a service that only echoes each message.
 */
package io.arbiter.cluster.bench;
