/**
 * Test support for the engine: the naive {@link io.arbiter.engine.support.ReferenceBook} oracle written from
 * {@code docs/engine-semantics.md}, a {@link io.arbiter.engine.support.RecordingExecutionListener} that turns events
 * into readable lines, the {@link io.arbiter.engine.support.Matcher} view shared by the engine and the reference, and
 * the one seeded {@link io.arbiter.engine.support.CommandGenerator} of every test that needs a command stream. This
 * package is published as arbiter-engine's test-jar ({@code <type>test-jar</type>}, scope test) for other modules'
 * tests.
 */
package io.arbiter.engine.support;
