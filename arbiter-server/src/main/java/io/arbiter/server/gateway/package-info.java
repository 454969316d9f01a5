/**
 * The TCP gateway: Netty bootstrap (epoll or NIO), per-channel framing and decoding, logon, limits, heartbeats and
 * idle timeouts, publication of decoded commands to the sequencer, and the recycling allocator of the connections'
 * read, reply and egress buffers.
 */
package io.arbiter.server.gateway;
