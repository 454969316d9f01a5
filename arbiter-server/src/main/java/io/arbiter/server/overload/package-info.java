/**
 * Overload protection of the node: a dual-mode (token + leaky bucket) rate limiter per session and/or account, an
 * adaptive switch to leaky-only mode under sustained queueing delay, and a circuit breaker that rejects new orders
 * with MARKET_PROTECTION while cancels still pass.
 * <pre>
 *  Netty I/O thread, per order                          matching thread, per order and per window
 *  OverloadGate.tryAcquireNewOrder(s, a, nowNs)         OverloadMonitor.onNewOrderTaken(receivedNs, nowNs)
 *    │ CircuitBreaker.state()   (volatile) ◄──────┐     OverloadMonitor.onDutyCycle(nowNs, ring, budgets)
 *    │ AdaptiveMode.leakyOnly() (volatile) ◄──────┤       └─ once per window:
 *    │ DualModeBucket check/commit (confined)     ├──── AdaptiveMode.onWindow   (writes leakyOnly)
 *    │ HALF_OPEN: tryAcquireTrickle (CAS)         └──── CircuitBreaker.onWindow (writes state)
 *    ▼                                                  transitions ─► OverloadEvents (counters + listener)
 *  ADMITTED (after releaseDelayNs) │ THROTTLED (retryAfterNs) │ MARKET_PROTECTION
 * </pre>
 * Cancels and logouts have no method here: they are never throttled. Every decision method takes the time from
 * its caller ({@code nowNs}), reads no clock, allocates nothing and returns a status code from
 * {@link io.arbiter.server.overload.AdmissionDecision}. The design, states, defaults and measurements are in
 * {@code docs/overload.md}.
 */
package io.arbiter.server.overload;
