/**
 * The in-process engine benchmark ({@code arbiter bench engine}): a seeded order-flow generator modelled on real order
 * flow and a single-thread runner that measures throughput, coordinated-omission-corrected latency at a fixed offered
 * rate, allocation per command and heap per resting order.
 * <pre>
 *   OrderFlowGenerator --Command--> MatchingEngine --events--> OrderFlowGenerator (tracks its resting orders)
 *          ^                                                          |
 *          +------------------- EngineBenchmark (one thread) ---------+
 * </pre>
 */
package io.arbiter.bench.engine;
