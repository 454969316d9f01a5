/**
 * Offline matching: {@code arbiter match} reads a command file, applies it to a single-threaded
 * {@link io.arbiter.engine.MatchingEngine} and streams one event line per engine event.
 * <pre>
 *   command file ──&gt; CommandFileParser ──&gt; Command ──&gt; MatchingEngine ──&gt; EventLineFormatter ──&gt; event file
 *   (line by line)    (reused Command)                                     (reused StringBuilder, flushed in chunks)
 * </pre>
 * Everything runs on the calling thread; nothing here is thread safe.
 */
package io.arbiter.app.match;
