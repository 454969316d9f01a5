/**
 * The Arbiter wire protocol: {@code arbiter.proto} (generated classes in {@link io.arbiter.protocol.proto}), framing,
 * and allocation-free codecs that read and write the protobuf wire format directly in Agrona buffers.
 * <pre>
 *   server ingress:  bytes ──&gt; ClientMessageDecoder.tryDecode ──&gt; DecodedClientMessage ──applyTo──&gt; Command
 *                              (FrameDecoder, SymbolTable)            validate() ──&gt; Rejected
 *   server egress:   engine events ──&gt; ServerMessageEncoder ──&gt; session buffer
 *   client:          ClientMessageEncoder ──&gt; bytes ──&gt; ServerMessageDecoder ──&gt; DecodedServerMessage
 * </pre>
 * Any protobuf library can speak the protocol: frames are exactly what {@code writeDelimitedTo} writes.
 */
package io.arbiter.protocol;
