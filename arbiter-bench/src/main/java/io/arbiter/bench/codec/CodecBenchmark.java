package io.arbiter.bench.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.CodedInputStream;
import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.protocol.ClientMessageDecoder;
import io.arbiter.protocol.ClientMessageEncoder;
import io.arbiter.protocol.FrameStatus;
import io.arbiter.protocol.ServerMessageEncoder;
import io.arbiter.protocol.SymbolTable;
import io.arbiter.protocol.WireEnums;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Fill;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.ServerMessage;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire codec against protobuf-java on the same frames: decoding a NewOrder frame into an engine {@link Command}
 * (symbol resolved to an instrument id), and encoding a NewOrder and a Fill frame. Single-threaded state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark
{
    private static final String SYMBOL = "BTC-USD";
    private static final long PRICE = 6_512_345_000_000L;

    private final Command command = new Command();
    private final SymbolTable symbols = new SymbolTable();
    private final Map<String, Integer> symbolMap = new HashMap<>();
    private ClientMessageDecoder decoder;
    private final ClientMessageEncoder clientEncoder = new ClientMessageEncoder();
    private final ServerMessageEncoder serverEncoder = new ServerMessageEncoder();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
    private final ByteArrayOutputStream stream = new ByteArrayOutputStream(256);

    private byte[] frame;
    private UnsafeBuffer frameBuffer;
    private ByteArrayInputStream frameStream;
    private long sequence;

    /**
     * Build the NewOrder frame, the symbol tables and the decoder.
     *
     * @throws IOException never.
     */
    @Setup
    public void setUp() throws IOException
    {
        for (int i = 0; i < 64; i++)
        {
            symbols.put("SYM-" + i, i + 1);
            symbolMap.put("SYM-" + i, i + 1);
        }
        symbols.put(SYMBOL, 0);
        symbolMap.put(SYMBOL, 0);
        decoder = new ClientMessageDecoder(4096, symbols);

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        newOrder(1_234_567L).writeDelimitedTo(bytes);
        frame = bytes.toByteArray();
        frameBuffer = new UnsafeBuffer(frame);
        frameStream = new ByteArrayInputStream(frame);
    }

    private static ClientMessage newOrder(final long clientOrderId)
    {
        return ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder()
            .setClientOrderId(clientOrderId)
            .setSymbol(SYMBOL)
            .setSide(io.arbiter.protocol.proto.Side.BUY)
            .setType(io.arbiter.protocol.proto.OrderType.LIMIT)
            .setTimeInForce(io.arbiter.protocol.proto.TimeInForce.GTC)
            .setPrice(PRICE)
            .setQuantity(250)
            .setStp(io.arbiter.protocol.proto.SelfTradePrevention.STP_CANCEL_MAKER)
            .setClientTimestampNs(1_764_000_000_123_456_789L)).build();
    }

    /**
     * Arbiter: frame, decode, resolve the symbol and fill a command.
     *
     * @return the command.
     */
    @Benchmark
    public Command decodeArbiter()
    {
        if (FrameStatus.FRAME == decoder.tryDecode(frameBuffer, 0, frame.length))
        {
            decoder.message().applyTo(command, ++sequence, 42);
        }
        return command;
    }

    /**
     * protobuf-java: parseDelimitedFrom a (reset) stream, then resolve the symbol and fill a command.
     *
     * @return the command.
     * @throws IOException never.
     */
    @Benchmark
    public Command decodeProtobufParseDelimitedFrom() throws IOException
    {
        frameStream.reset();
        return apply(ClientMessage.parseDelimitedFrom(frameStream));
    }

    /**
     * protobuf-java: read the length prefix from a CodedInputStream over the bytes, parseFrom it within the limit,
     * then resolve the symbol and fill a command.
     *
     * @return the command.
     * @throws IOException never.
     */
    @Benchmark
    public Command decodeProtobufCodedInputStream() throws IOException
    {
        final CodedInputStream input = CodedInputStream.newInstance(frame);
        final int limit = input.pushLimit(input.readRawVarint32());
        final ClientMessage message = ClientMessage.parseFrom(input);
        input.popLimit(limit);
        return apply(message);
    }

    private Command apply(final ClientMessage message)
    {
        final NewOrder order = message.getNewOrder();
        final Integer instrumentId = symbolMap.get(order.getSymbol());
        return command.newOrder(
            ++sequence,
            42,
            null == instrumentId ? -1 : instrumentId,
            order.getSide() == io.arbiter.protocol.proto.Side.BUY ? Side.BUY : Side.SELL,
            order.getType() == io.arbiter.protocol.proto.OrderType.LIMIT ? OrderType.LIMIT : OrderType.MARKET,
            TimeInForce.GTC,
            order.getPrice(),
            order.getQuantity(),
            SelfTradePrevention.CANCEL_MAKER);
    }

    /**
     * Arbiter: encode a NewOrder frame into a buffer.
     *
     * @return bytes written.
     */
    @Benchmark
    public int encodeNewOrderArbiter()
    {
        return clientEncoder.encodeNewOrder(out, 0, out.capacity(), ++sequence, SYMBOL,
            WireEnums.side(Side.BUY), WireEnums.orderType(OrderType.LIMIT), WireEnums.timeInForce(TimeInForce.GTC),
            PRICE, 250, WireEnums.selfTradePrevention(SelfTradePrevention.CANCEL_MAKER),
            1_764_000_000_123_456_789L, 0, 0);
    }

    /**
     * protobuf-java: build a NewOrder and writeDelimitedTo a (reset) stream.
     *
     * @return bytes written.
     * @throws IOException never.
     */
    @Benchmark
    public int encodeNewOrderProtobuf() throws IOException
    {
        stream.reset();
        newOrder(++sequence).writeDelimitedTo(stream);
        return stream.size();
    }

    /**
     * Arbiter: encode a Fill frame into a buffer.
     *
     * @return bytes written.
     */
    @Benchmark
    public int encodeFillArbiter()
    {
        final long id = ++sequence;
        return serverEncoder.encodeFill(out, 0, out.capacity(), id, id + 1_000_000L, id, PRICE, 100, 150,
            WireEnums.liquidity(false), 3, WireEnums.side(Side.SELL), 1_764_000_000_987_654_321L);
    }

    /**
     * protobuf-java: build a Fill and writeDelimitedTo a (reset) stream.
     *
     * @return bytes written.
     * @throws IOException never.
     */
    @Benchmark
    public int encodeFillProtobuf() throws IOException
    {
        final long id = ++sequence;
        stream.reset();
        ServerMessage.newBuilder().setFill(Fill.newBuilder()
            .setClientOrderId(id)
            .setOrderId(id + 1_000_000L)
            .setTradeId(id)
            .setPrice(PRICE)
            .setQuantity(100)
            .setLeavesQuantity(150)
            .setLiquidity(Liquidity.MAKER)
            .setInstrumentId(3)
            .setSide(io.arbiter.protocol.proto.Side.SELL)
            .setTimestampNs(1_764_000_000_987_654_321L)).build().writeDelimitedTo(stream);
        return stream.size();
    }
}
