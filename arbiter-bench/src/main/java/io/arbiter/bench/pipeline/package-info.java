/**
 * The in-process pipeline benchmark: a client thread, an ingress to the matching thread (the node's Disruptor
 * {@code CommandRing}, or an Agrona many-to-one ring or an ArrayBlockingQueue for comparison), the node's matching
 * handler, and a reply ring, without the network.
 * <pre>
 *  client thread ──publish──► ingress ──► matching thread (MatchingHandler + engine)
 *       ▲                                     │ per-session egress buffers, flushed per batch
 *       │ reads replies between publishes     ▼
 *       └────────────────────────── OneToOneRingBuffer (replies; HdrHistogram from intended publish time)
 * </pre>
 * With {@code --separate-consumer} a third thread reads the replies instead of the client thread.
 */
package io.arbiter.bench.pipeline;
