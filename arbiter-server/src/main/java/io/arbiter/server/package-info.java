/**
 * The Arbiter node: {@code ArbiterNode} wires the gateway, the sequencer ring, the matching thread, the egress and
 * the admin server from a {@code ServerContext}, in the order of its start and shutdown; what each step builds is a
 * package-private part: {@code NodeMatching} (engine, ring, matching thread) with {@code NodeJournal} (recovery,
 * journal), {@code NodeObservability} (metrics, tracing, overload), {@code NodeNetwork} (event loops, gateway,
 * sessions' connections, market-data loops) and {@code NodeAdmin} (admin HTTP).
 * <pre>
 *  client ──TCP──► gateway (Netty event loop)            admin HTTP (/health, /ready, /admin/state, /admin/snapshot)
 *                  │ frame + decode into a reused IngressCommand (zero copy)
 *                  │ logon / limits / heartbeats checked here
 *                  ▼ tryPublish (static translator; ring full ⇒ Rejected BUSY)
 *            ┌───────────────── sequencer: Disruptor ring, multi-producer ─────────────────┐
 *            └──────────────────────────────┬─────────────────────────────────────────────┘
 *                                           ▼ batches
 *                         matching thread: MatchingHandler (single writer)
 *                           stamp time, duplicate / open-order checks,
 *                           next journal sequence (= exchange id of a NEW) ──► journal append (CommandJournal)
 *                           MatchingEngine.onCommand
 *                                           │ events, routed by exchange order id → owning session
 *                                           ▼
 *                         egress: encode into the session's buffer
 *                         end of batch: journal commit (group commit, durability policy), THEN flush;
 *                         between batches: forceIfDue, snapshot if due (data.dir)
 *                                           │ one hand-off per session per batch
 *                                           ▼
 *                  session's event loop writes one pooled ByteBuf ──TCP──► client
 * </pre>
 * At start, before any port is bound, the engine is recovered from {@code data.dir} (snapshot + journal tail).
 * Packages: {@code config} (file loading), {@code sequencer} (ring, event, translators), {@code matching} (the
 * matching thread's handler), {@code gateway} (Netty bootstrap, handlers, sessions), {@code egress} (report encoding
 * and flushing), {@code admin} (HTTP health, readiness and journal operator requests).
 */
package io.arbiter.server;
