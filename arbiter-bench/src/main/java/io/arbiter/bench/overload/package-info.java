/**
 * JMH comparison of the node's overload components ({@code io.arbiter.server.overload}) with Bucket4j and
 * Resilience4j, per order, with an injected clock on both sides; results and the decision are in
 * {@code docs/overload.md}.
 */
package io.arbiter.bench.overload;
