/**
 * The {@code arbiter bench} family of subcommands: in-process benchmarks run from the command line.
 */
package io.arbiter.app.bench;
