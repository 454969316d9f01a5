package io.arbiter.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.arbiter.protocol.proto.ClientMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Differential properties of {@link ClientMessageDecoder} against protobuf-java: whatever the generated classes write
 * (with unknown fields of every wire type), the decoder reads to the same values; on mutated bytes it fails exactly
 * when protobuf fails; framing survives any split of the stream and never throws.
 * <p>
 * The oracle for mutated bytes is protobuf-java reading through a one-byte stream buffer, which takes its strict
 * decoding path: its fast path over a byte array accepts a ten-byte varint whose last byte still has the continuation
 * bit set (depending on how many bytes follow), which the protobuf encoding rules and this decoder call malformed.
 */
class ClientMessageDecoderPropertyTest
{
    private static final int MAX_FRAME = 1 << 16;

    private final ClientMessageDecoder decoder = new ClientMessageDecoder(MAX_FRAME, null);

    @Provide
    Arbitrary<ClientMessage> clientMessages()
    {
        return ProtoArbitraries.clientMessages();
    }

    @Provide
    Arbitrary<UnknownFieldSet> unknownFields()
    {
        return ProtoArbitraries.unknownFields();
    }

    @Provide
    Arbitrary<List<int[]>> mutations()
    {
        final Arbitrary<int[]> mutation = Arbitraries.integers().between(0, 2).flatMap(kind ->
            Arbitraries.integers().between(0, 1000).flatMap(index ->
                Arbitraries.integers().between(0, 255).map(value -> new int[]{ kind, index, value })));
        return mutation.list().ofMinSize(1).ofMaxSize(3);
    }

    @Property
    void shouldDecodeWhatProtobufWrote(
        @ForAll("clientMessages") final ClientMessage message,
        @ForAll("unknownFields") final UnknownFieldSet outer,
        @ForAll("unknownFields") final UnknownFieldSet inner) throws InvalidProtocolBufferException
    {
        final byte[] bytes = Protos.delimited(ProtoArbitraries.withUnknownFields(message, outer, inner));
        final int offset = 3;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + offset + 2]);
        buffer.putBytes(offset, bytes);

        assertEquals(FrameStatus.FRAME, decoder.tryDecode(buffer, offset, bytes.length));
        assertEquals(offset + bytes.length, decoder.frameEnd());
        assertEquals(ClientMessage.parseFrom(message.toByteArray()), Protos.toProto(decoder.message()));
    }

    @Property(tries = 300)
    void shouldDecodeConcatenatedFramesSplitAtEveryByte(
        @ForAll @Size(min = 1, max = 4) final List<@From("clientMessages") ClientMessage> messages)
        throws InvalidProtocolBufferException
    {
        final byte[] stream = Protos.delimited(messages.toArray(new ClientMessage[0]));
        final List<ClientMessage> expected = new ArrayList<>();
        for (final ClientMessage message : messages)
        {
            expected.add(ClientMessage.parseFrom(message.toByteArray()));
        }

        for (int split = 0; split <= stream.length; split++)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[stream.length]);
            final List<ClientMessage> decoded = new ArrayList<>();
            buffer.putBytes(0, stream, 0, split);
            int position = drain(buffer, 0, split, decoded);
            buffer.putBytes(split, stream, split, stream.length - split);
            position = drain(buffer, position, stream.length, decoded);

            assertEquals(stream.length, position);
            assertEquals(expected, decoded, "split at " + split);
        }
    }

    private int drain(final UnsafeBuffer buffer, final int from, final int available, final List<ClientMessage> out)
    {
        int position = from;
        while (true)
        {
            final FrameStatus status = decoder.tryDecode(buffer, position, available - position);
            if (FrameStatus.NEED_MORE == status)
            {
                return position;
            }
            assertEquals(FrameStatus.FRAME, status);
            out.add(Protos.toProto(decoder.message()));
            position = decoder.frameEnd();
        }
    }

    @Property(tries = 3000)
    void shouldFailExactlyWhenProtobufFailsOnMutatedBodies(
        @ForAll("clientMessages") final ClientMessage message,
        @ForAll("unknownFields") final UnknownFieldSet inner,
        @ForAll("mutations") final List<int[]> mutations)
    {
        final byte[] body = mutate(
            ProtoArbitraries.withUnknownFields(message, UnknownFieldSet.getDefaultInstance(), inner).toByteArray(),
            mutations);
        final FrameStatus status = decoder.decode(new UnsafeBuffer(body), 0, body.length);
        Statistics.label("status").collect(status);

        ClientMessage parsed = null;
        String failure = null;
        try
        {
            parsed = ClientMessage.parseFrom(CodedInputStream.newInstance(new ByteArrayInputStream(body), 1));
        }
        catch (final IOException ex)
        {
            failure = String.valueOf(ex.getMessage());
        }

        if (null != parsed)
        {
            assertEquals(FrameStatus.FRAME, status);
            final UnknownFieldSet none = UnknownFieldSet.getDefaultInstance();
            assertEquals(ProtoArbitraries.withUnknownFields(parsed, none, none), Protos.toProto(decoder.message()));
        }
        else if (!failure.contains("UTF-8"))
        {
            assertEquals(FrameStatus.MALFORMED, status, failure);
            assertEquals(ClientMessageType.NONE, decoder.message().type());
        }
    }

    static byte[] mutate(final byte[] original, final List<int[]> mutations)
    {
        byte[] bytes = original;
        for (final int[] mutation : mutations)
        {
            final int index = bytes.length == 0 ? 0 : mutation[1] % (bytes.length + 1);
            if (0 == mutation[0] && index < bytes.length)
            {
                bytes[index] = (byte)mutation[2];
            }
            else if (1 == mutation[0])
            {
                final byte[] shorter = new byte[index];
                System.arraycopy(bytes, 0, shorter, 0, index);
                bytes = shorter;
            }
            else
            {
                final byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, index);
                longer[index] = (byte)mutation[2];
                System.arraycopy(bytes, index, longer, index + 1, bytes.length - index);
                bytes = longer;
            }
        }
        return bytes;
    }

    @Property(tries = 3000)
    void shouldNeverThrowOnArbitraryBytes(
        @ForAll @Size(max = 200) final byte[] bytes,
        @ForAll @IntRange(min = 0, max = 300) final int maxFrameLength)
    {
        final ClientMessageDecoder small = new ClientMessageDecoder(maxFrameLength, new SymbolTable().put("A", 1));
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int position = 0;
        FrameStatus status;
        while (FrameStatus.FRAME == (status = small.tryDecode(buffer, position, bytes.length - position)))
        {
            assertTrue(small.frameEnd() > position && small.frameEnd() <= bytes.length);
            position = small.frameEnd();
        }
        assertTrue(position <= bytes.length, status.toString());
    }

    @Property
    void shouldNeedMoreOnEveryTruncationAndRejectOversizedFrames(
        @ForAll("clientMessages") final ClientMessage message)
    {
        final byte[] frame = Protos.delimited(message);
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        for (int length = 0; length < frame.length; length++)
        {
            assertEquals(FrameStatus.NEED_MORE, decoder.tryDecode(buffer, 0, length));
        }
        final int bodyLength = message.getSerializedSize();
        if (bodyLength > 0)
        {
            final ClientMessageDecoder tight = new ClientMessageDecoder(bodyLength - 1, null);
            assertEquals(FrameStatus.TOO_LARGE, tight.tryDecode(buffer, 0, frame.length));
            assertEquals(FrameStatus.TOO_LARGE, tight.tryDecode(buffer, 0, frame.length - bodyLength));
        }
        final ClientMessageDecoder exact = new ClientMessageDecoder(bodyLength, null);
        assertEquals(FrameStatus.FRAME, exact.tryDecode(buffer, 0, frame.length));
    }
}
