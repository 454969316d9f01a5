/**
 * The admin HTTP server, off the hot path: {@code /health} (up) and {@code /ready} (accepting orders).
 */
package io.arbiter.server.admin;
