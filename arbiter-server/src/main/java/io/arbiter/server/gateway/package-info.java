/**
 * The TCP gateway: Netty bootstrap (epoll or NIO), per-channel framing and decoding, logon, limits, heartbeats and
 * idle timeouts, and publication of decoded commands to the sequencer.
 */
package io.arbiter.server.gateway;
