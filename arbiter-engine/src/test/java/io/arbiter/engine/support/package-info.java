/**
 * Test support for the engine: the naive {@link io.arbiter.engine.support.ReferenceBook} oracle written from
 * {@code docs/engine-semantics.md}, a {@link io.arbiter.engine.support.RecordingExecutionListener} that turns events
 * into readable lines, the {@link io.arbiter.engine.support.Matcher} view shared by the engine and the reference, and
 * the seeded {@link io.arbiter.engine.support.CommandGenerator} of the differential test.
 */
package io.arbiter.engine.support;
