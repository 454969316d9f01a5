/**
 * The command ring: a multi-producer Disruptor of preallocated {@code CommandEvent}s written by static translators,
 * consumed by the single matching thread.
 */
package io.arbiter.server.sequencer;
