/**
 * JMH study of the wire codec: the allocation-free decoder and encoders of {@code io.arbiter.protocol} against
 * protobuf-java's generated classes on the same frames.
 */
package io.arbiter.bench.codec;
