/**
 * Offline matching: {@code arbiter match} reads a command file, applies it to a single-threaded
 * {@link io.arbiter.engine.MatchingEngine} and streams one event line per engine event.
 * <pre>
 *   command file --line--&gt; CommandFileParser --Command--&gt; MatchingEngine --events--&gt; EventLineFormatter
 *                          (reused Command)                                    (reused StringBuilder,
 *                                                                               written out in chunks)
 * </pre>
 * Everything runs on the calling thread; nothing here is thread safe.
 */
package io.arbiter.app.match;
