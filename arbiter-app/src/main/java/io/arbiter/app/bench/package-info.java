/**
 * The {@code arbiter bench} subcommands: each runs one benchmark of {@code arbiter-bench}, except
 * {@code bench slow-reader}, the slow-reader attack of issue #13 against a running server.
 */
package io.arbiter.app.bench;
