/**
 * The TCP gateway: Netty bootstrap (epoll or NIO), per-channel framing and decoding, logon, limits, heartbeats and
 * idle timeouts, publication of decoded commands to the sequencer, and the recycling allocator of the connections'
 * read, reply and egress buffers.
 * <pre>
 *  socket ─► SessionIdleHandler ─► SessionHandler (life cycle, logon deadline, logon, dispatch)
 *                                    ├─ SessionInputAdapter (parked reads, framing, turn budget, GatewayTimer,
 *                                    │                       auto-read off while held, paused or unwritable)
 *                                    ├─ OrderAdmission      (validation, rate limiters, holds) ─► CommandRing ring
 *                                    └─ LocalReplyPublisher (gateway replies, per-session byte limit, SLOW_CONSUMER)
 *  ConnectionLimiter: slots in total and per address; connections not logged on give way to new ones
 * </pre>
 */
package io.arbiter.server.gateway;
