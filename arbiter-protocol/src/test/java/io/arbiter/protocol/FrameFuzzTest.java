package io.arbiter.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.UnknownFieldSet;
import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.protocol.proto.ClientMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Byte-level fuzzer of the client frame decoder: streams of valid frames (with unknown fields), mutated anywhere
 * (length prefixes included: bytes replaced, inserted or cut), arriving in chunks as a socket delivers them. The
 * decoder never throws and never reads outside the bytes it was given; every frame it accepts either fails
 * {@link DecodedClientMessage#validate()} or, written into a command, is applied by a real engine without an
 * exception. Tries: {@code jqwik.tries.default} (src/test/resources/junit-platform.properties; {@code scripts/fuzz.sh}
 * raises it). With {@code -Darbiter.fuzz.countFile=FILE} the number of frames tried is appended to FILE.
 */
class FrameFuzzTest
{
    private static final AtomicLong FRAMES = new AtomicLong();
    private static final int MAX_FRAME = 4096;

    private final SymbolTable symbols = new SymbolTable().put("BTC-USD", 0).put("ETH-USD", 1);
    private final MatchingEngine engine = engine();
    private final Command command = new Command();
    private long nextOrderId = 1;

    private static MatchingEngine engine()
    {
        final MatchingEngine engine = new MatchingEngine(
            new EngineContext().orderPoolSize(1 << 14).levelPoolSize(1 << 10), NoOpExecutionListener.INSTANCE);
        engine.addInstrument("BTC-USD", 1_000_000L, 1);
        engine.addInstrument("ETH-USD", 1_000_000L, 10);
        return engine;
    }

    @Provide
    Arbitrary<List<ClientMessage>> streams()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(1, ProtoArbitraries.clientMessages()), Tuple.of(3, HostileValues.orderRequests()))
            .list().ofMinSize(1).ofMaxSize(6);
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
            Arbitraries.integers().between(0, 4000).flatMap(index ->
                Arbitraries.integers().between(0, 255).map(value -> new int[]{ kind, index, value })));
        return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(List.<int[]>of())), Tuple.of(3, mutation.list().ofMinSize(1).ofMaxSize(6)));
    }

    @Property
    void shouldNeverThrowAndApplyEveryValidatedFrame(
        @ForAll("streams") final List<ClientMessage> messages,
        @ForAll("unknownFields") final UnknownFieldSet inner,
        @ForAll("mutations") final List<int[]> mutations,
        @ForAll @Size(min = 1, max = 8) final List<@IntRange(min = 1, max = 600) Integer> chunks)
    {
        final ClientMessage[] frames = new ClientMessage[messages.size()];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = ProtoArbitraries.withUnknownFields(messages.get(i), UnknownFieldSet.getDefaultInstance(),
                inner);
        }
        final byte[] stream = ClientMessageDecoderPropertyTest.mutate(Protos.delimited(frames), mutations);
        final ClientMessageDecoder decoder = new ClientMessageDecoder(MAX_FRAME, symbols);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[stream.length]);

        int received = 0;
        int position = 0;
        int chunk = 0;
        while (received < stream.length)
        {
            final int size = Math.min(chunks.get(chunk++ % chunks.size()), stream.length - received);
            buffer.putBytes(received, stream, received, size);
            received += size;
            FrameStatus status;
            while (FrameStatus.FRAME == (status = decoder.tryDecode(buffer, position, received - position)))
            {
                assertTrue(decoder.frameEnd() > position && decoder.frameEnd() <= received);
                position = decoder.frameEnd();
                FRAMES.incrementAndGet();
                apply(decoder.message());
            }
            Statistics.label("status").collect(status);
            if (FrameStatus.NEED_MORE != status)
            {
                // MALFORMED or TOO_LARGE: the gateway answers with a ProtocolError and closes the connection
                return;
            }
        }
    }

    private void apply(final DecodedClientMessage message)
    {
        final int validation = message.validate();
        final int applied = message.applyTo(command, nextOrderId, 1 + (nextOrderId & 1));
        if (DecodedClientMessage.APPLIED == applied)
        {
            assertEquals(DecodedClientMessage.APPLIED, validation);
            if (ClientMessageType.NEW_ORDER != message.type())
            {
                // cancel or replace one of the orders entered so far
                command.orderId(Math.floorMod(message.clientOrderId(), nextOrderId) + 1);
            }
            nextOrderId++;
            engine.onCommand(command);
        }
        else if (DecodedClientMessage.NOT_A_COMMAND != applied)
        {
            assertEquals(validation, applied);
        }
        Statistics.label("outcome").collect(DecodedClientMessage.APPLIED == applied ? message.type().name() :
            DecodedClientMessage.NOT_A_COMMAND == applied ? "not a command" : "rejected " + applied);
    }

    @AfterContainer
    static void reportCount() throws IOException
    {
        System.out.println("FrameFuzzTest: " + FRAMES.get() + " frames decoded");
        final String file = System.getProperty("arbiter.fuzz.countFile");
        if (file != null && !file.isEmpty())
        {
            Files.writeString(Path.of(file), "frames " + FRAMES.get() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
