/**
 * The Arbiter node: {@code ArbiterNode} wires the gateway, the sequencer ring, the matching thread, the egress and
 * the admin server from a {@code ServerContext}.
 * <pre>
 *  client ──TCP──► gateway (Netty event loop)                                   admin HTTP (/health, /ready)
 *                  │ frame + decode into a reused IngressCommand (zero copy)
 *                  │ logon / limits / heartbeats checked here
 *                  ▼ tryPublish (static translator; ring full ⇒ Rejected BUSY)
 *            ┌───────────────── sequencer: Disruptor ring, multi-producer ─────────────────┐
 *            └──────────────────────────────┬─────────────────────────────────────────────┘
 *                                           ▼ batches
 *                         matching thread: MatchingHandler (single writer)
 *                           stamp sequence + time, client id → exchange id,
 *                           duplicate / open-order checks, MatchingEngine.onCommand
 *                                           │ events, routed by exchange order id → owning session
 *                                           ▼
 *                         egress: encode into the session's buffer; flush at end of batch
 *                                           │ one hand-off per session per batch
 *                                           ▼
 *                  session's event loop writes one pooled ByteBuf ──TCP──► client
 * </pre>
 * Packages: {@code config} (file loading), {@code sequencer} (ring, event, translators), {@code matching} (the
 * matching thread's handler), {@code gateway} (Netty bootstrap, handlers, sessions), {@code egress} (report encoding
 * and flushing), {@code admin} (HTTP health and readiness).
 */
package io.arbiter.server;
