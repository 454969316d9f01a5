/**
 * The {@code arbiter bench} subcommands, each running one benchmark of {@code arbiter-bench}.
 */
package io.arbiter.app.bench;
