/**
 * Execution reports from the matching thread to sessions: the {@code SessionEgress} contract, reject codes, and
 * encoding into per-session buffers flushed once per batch.
 */
package io.arbiter.server.egress;
