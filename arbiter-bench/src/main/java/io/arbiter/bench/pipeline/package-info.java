/**
 * The in-process pipeline benchmark: a producer thread, the node's command ring and matching handler, and a reply
 * consumer, without the network.
 * <pre>
 *  producer ──tryPublish──► Disruptor ring ──► matching thread (MatchingHandler + engine)
 *                                                  │ per-session egress buffers, flushed per batch
 *                                                  ▼
 *                                    OneToOneRingBuffer ──► reply consumer (HdrHistogram)
 * </pre>
 */
package io.arbiter.bench.pipeline;
