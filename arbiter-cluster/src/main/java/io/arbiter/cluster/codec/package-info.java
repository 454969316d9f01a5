/**
 * Layouts of the messages between gateways and the clustered engine: {@link io.arbiter.cluster.codec.IngressDescriptor}
 * (commands in the journal's record encoding, behind a small header) and
 * {@link io.arbiter.cluster.codec.EgressDescriptor} (execution reports).
 */
package io.arbiter.cluster.codec;
