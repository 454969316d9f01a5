/**
 * The {@code arbiter server} subcommand: configuration layering and the node's lifetime.
 */
package io.arbiter.app.server;
