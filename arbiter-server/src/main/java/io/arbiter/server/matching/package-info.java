/**
 * The matching thread's ring handler: stamping, id mapping, per-session and per-account checks, the engine, and
 * routing of engine events to the owning session's egress. {@link io.arbiter.server.matching.MatchingHandler} runs
 * the batch lifecycle, {@link io.arbiter.server.matching.CommandApplier} checks, journals and applies sessions'
 * commands, {@link io.arbiter.server.matching.MatchingControl} handles every other ring event.
 */
package io.arbiter.server.matching;
