/**
 * Java client over the Arbiter wire protocol: {@link io.arbiter.client.ArbiterClient} connections sharing the Netty
 * event loops of one {@link io.arbiter.client.ClientContext}.
 *
 * <pre>
 *   caller thread or event loop                          Netty event loop (one per connection)
 *   ---------------------------                          -------------------------------------
 *   ArbiterClient.sendNewOrder ──> ClientMessageWriter    VarintFrameDecoder (zero copy, UnsafeBuffer view)
 *        encodes into a pooled direct ByteBuf                   │
 *   flush() or auto-flush at the batch size ──> TCP ──> ... ──> ServerMessageAdapter ──> ClientListener.on*
 * </pre>
 *
 * Framing is the protobuf varint length prefix that {@code writeDelimitedTo} produces; encoding and decoding write and
 * read the protobuf wire format directly so that steady-state sending and receiving allocate nothing.
 */
package io.arbiter.client;
