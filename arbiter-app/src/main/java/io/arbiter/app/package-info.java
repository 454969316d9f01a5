/**
 * The {@code arbiter} command-line program: {@link io.arbiter.app.ArbiterMain} parses the command line with picocli
 * and dispatches to one subcommand per mode ({@code match}, {@code bench}, ...). Exit codes: 0 success, 1 runtime
 * failure, 2 usage error.
 */
package io.arbiter.app;
