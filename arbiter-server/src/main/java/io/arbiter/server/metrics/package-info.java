/**
 * Node metrics: single-writer counters and per-stage latency recorders updated on the hot path without allocating or
 * locking, read and exported in Prometheus text format only when {@code /metrics} is scraped.
 * <pre>
 *  gateway I/O threads ──► PaddedCounter.incrementAtomic (received, connections, gateway rejects)
 *  matching thread ──────► PaddedCounter.incrementRelease (accepted, rejected, trades, cancels, batches)
 *                    └───► StageLatencyRecorder.recordInBatch ──► one Histogram per stage, one phaser section a batch
 *  journal threads ──────► journal bytes, fsync and reply-hold recorders (multi-writer: forces overlap)
 *                                   │ (nothing else happens on these threads)
 *  admin HTTP thread ── ServerMetrics.scrape() ── harvest recorders, read counters, OverloadMetricsSource, RingStatus,
 *                                                JvmMetrics ──► Prometheus text format
 * </pre>
 */
package io.arbiter.server.metrics;
