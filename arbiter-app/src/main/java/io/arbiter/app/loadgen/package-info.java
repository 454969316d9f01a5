/**
 * The {@code arbiter loadgen} subcommand: an open-loop load run against a server, with summary, JSON, HdrHistogram
 * log and HTML report outputs.
 */
package io.arbiter.app.loadgen;
