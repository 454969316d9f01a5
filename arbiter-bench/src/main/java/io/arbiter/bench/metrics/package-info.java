/**
 * JMH studies of the observability recording cost on the matching thread (metrics, stage latency, trace sampling).
 */
package io.arbiter.bench.metrics;
