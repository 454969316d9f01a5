/**
 * The {@code arbiter replay} and {@code arbiter journal} commands: offline, read-only tools over a node's data
 * directory (journal segments and snapshots).
 */
package io.arbiter.app.journal;
