package io.arbiter.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import io.arbiter.engine.Command;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.NewOrder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Proves the hot paths allocate nothing once warm: the thread's allocated-bytes counter does not move over a million
 * decode-and-apply cycles and a million encodes. Warm-up runs the very same inputs, so that no branch the JIT has not
 * seen (an uncommon trap and its deoptimization) falls into the measured run.
 */
class ZeroAllocationTest
{
    private static final int CYCLES = 1_000_000;
    private static final String REJECT_TEXT = "price not a multiple of the tick size";

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final SymbolTable symbols = new SymbolTable().put("BTC-USD", 0).put("ETH-USD", 1);
    private final ClientMessageDecoder decoder = new ClientMessageDecoder(1024, symbols);
    private final ServerMessageEncoder serverEncoder = new ServerMessageEncoder();
    private final ClientMessageEncoder clientEncoder = new ClientMessageEncoder();
    private final Command command = new Command();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);

    @Test
    void shouldAllocateNothingDecodingAndApplying()
    {
        final byte[] frames = Protos.delimited(
            ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder()
                .setClientOrderId(1234567).setSymbol("ETH-USD").setSide(io.arbiter.protocol.proto.Side.SELL)
                .setType(io.arbiter.protocol.proto.OrderType.LIMIT)
                .setTimeInForce(io.arbiter.protocol.proto.TimeInForce.GTC)
                .setPrice(310_050_000_000L).setQuantity(25).setClientTimestampNs(System.nanoTime())).build(),
            ClientMessage.newBuilder().setCancel(io.arbiter.protocol.proto.Cancel.newBuilder()
                .setClientOrderId(99)).build(),
            ClientMessage.newBuilder().setOpenOrdersRequest(io.arbiter.protocol.proto.OpenOrdersRequest.newBuilder()
                .setRequestId(5).setSymbol("ETH-USD").setAfterOrderId(77)).build());
        final UnsafeBuffer buffer = new UnsafeBuffer(frames);

        long checksum = decodeAll(buffer, frames.length, CYCLES) + decodeAll(buffer, frames.length, CYCLES);
        final long before = threads.getCurrentThreadAllocatedBytes();
        checksum += decodeAll(buffer, frames.length, CYCLES);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated over " + CYCLES + " decode+apply cycles");
        assertEquals(3L * CYCLES * ((25 + 1 + 0) + (0 + 1 + 1)), checksum);
    }

    private long decodeAll(final UnsafeBuffer buffer, final int length, final int cycles)
    {
        long checksum = 0;
        for (int i = 0; i < cycles; i++)
        {
            int position = 0;
            while (position < length && FrameStatus.FRAME == decoder.tryDecode(buffer, position, length - position))
            {
                final DecodedClientMessage message = decoder.message();
                if (DecodedClientMessage.APPLIED == message.applyTo(command, i, 7))
                {
                    checksum += command.quantity() + command.instrumentId() + command.type().ordinal();
                }
                position = decoder.frameEnd();
            }
        }
        return checksum;
    }

    @Test
    void shouldAllocateNothingEncoding()
    {
        long checksum = encodeAll(CYCLES) + encodeAll(CYCLES);
        final long before = threads.getCurrentThreadAllocatedBytes();
        checksum += encodeAll(CYCLES);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated over " + CYCLES + " encodes of each message");
        assertTrue(checksum > 0);
    }

    private long encodeAll(final int cycles)
    {
        long checksum = 0;
        for (int i = 0; i < cycles; i++)
        {
            checksum += serverEncoder.encodeFill(out, 0, out.capacity(), i, i + 1_000_000L, i, 310_050_000_000L, 5,
                20, WireEnums.liquidity(true), 1, 2, 1_700_000_000_000_000_000L + i);
            checksum += serverEncoder.encodeAccepted(out, 0, out.capacity(), i, i + 7, 99, 1, i);
            checksum += serverEncoder.encodeRejected(out, 0, out.capacity(), i, 3, 1, 99, i, REJECT_TEXT);
            checksum += clientEncoder.encodeNewOrder(out, 0, out.capacity(), i, "ETH-USD", 2, 1, 1,
                310_050_000_000L, 25, 0, i, 0, 0);
            checksum += serverEncoder.encodeOpenOrder(out, 0, out.capacity(), i, (i & 1) == 0, false, i + 9, i, 1,
                "ETH-USD", 1, 1, 1, 310_050_000_000L, 25, 1);
            checksum += serverEncoder.encodeInstrument(out, 0, out.capacity(), i, true, 1, "ETH-USD", 1_000_000L, 1);
            checksum += out.getByte(i & 31);
        }
        return checksum;
    }
}
