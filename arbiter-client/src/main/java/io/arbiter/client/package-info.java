/**
 * Java client over the Arbiter wire protocol: {@link io.arbiter.client.ArbiterClient} connections sharing the Netty
 * event loops of one {@link io.arbiter.client.ClientContext}.
 *
 * <pre>
 *   caller thread or event loop                          Netty event loop (one per connection)
 *   ---------------------------                          -------------------------------------
 *   ArbiterClient.sendNewOrder ──> ClientMessageEncoder   VarintFrameDecoder (zero copy, UnsafeBuffer view)
 *        encodes into a pooled direct ByteBuf                   │
 *   flush() or auto-flush at the batch size ──> TCP ──> ... ──> ServerMessageAdapter ──> ClientListener.on*
 * </pre>
 *
 * Framing is the protobuf varint length prefix that {@code writeDelimitedTo} produces. Encoding and decoding use
 * arbiter-protocol's allocation-free {@code ClientMessageEncoder} and {@code ServerMessageDecoder} over Agrona views of
 * the Netty buffers, so steady-state sending and receiving allocate nothing.
 */
package io.arbiter.client;
