/**
 * The matching engine: {@link io.arbiter.engine.MatchingEngine} applies {@link io.arbiter.engine.Command}s to one
 * price-time-priority book per instrument and reports every outcome to an {@link io.arbiter.engine.ExecutionListener},
 * synchronously, on the calling thread. This package holds the engine, its command and event model (sides, order
 * types, time in force, self-trade prevention, reject and cancel reasons), its configuration
 * ({@link io.arbiter.engine.EngineContext}), fixed-point prices ({@link io.arbiter.engine.Prices}), the state hash and
 * the snapshot walk.
 * <pre>
 *   Command ──onCommand──&gt; MatchingEngine ──&gt; book of the instrument (price index + levels + orders)
 *                                │
 *                                └──&gt; ExecutionListener: accepted, rejected, trade, canceled, replaced
 * </pre>
 * Single writer: one thread owns an engine and everything it holds. The engine reads no clock and no randomness, does
 * no I/O and logs nothing, so replaying the same commands rebuilds the same state, proven by
 * {@link io.arbiter.engine.MatchingEngine#stateHash()}.
 */
package io.arbiter.engine;
