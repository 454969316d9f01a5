/**
 * The matching thread's ring handler: stamping, id mapping, per-session and per-account checks, the engine, and
 * routing of engine events to the owning session's egress.
 */
package io.arbiter.server.matching;
