package io.arbiter.client;

import io.arbiter.protocol.proto.Accepted;
import io.arbiter.protocol.proto.Fill;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.Rejected;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerMessageAdapterAllocationTest
{
    private long checksum;

    @Test
    void shouldDecodeAndDispatchWithoutAllocating()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ClientListener listener = new ClientListener()
        {
            @Override
            public void onAccepted(final ArbiterClient client, final long clOrdId, final long orderId,
                final long clientTs, final int instrumentId, final long ts)
            {
                checksum += clOrdId + clientTs;
            }

            @Override
            public void onFill(final ArbiterClient client, final long clOrdId, final long orderId, final long tradeId,
                final long price, final long quantity, final long leaves, final Liquidity liquidity,
                final int instrumentId, final Side side, final long ts)
            {
                checksum += price * quantity + liquidity.getNumber();
            }

            @Override
            public void onRejected(final ArbiterClient client, final long clOrdId, final RejectReason reason,
                final RequestType type, final long clientTs, final long ts, final CharSequence text)
            {
                checksum += reason.getNumber() + text.length();
            }
        };
        final ServerMessageAdapter adapter = new ServerMessageAdapter(null, listener, new ServerMessageCounters(),
            1 << 16);
        final byte[][] frames = {
            ServerMessage.newBuilder().setAccepted(Accepted.newBuilder().setClientOrderId(5).setOrderId(9)
                .setClientTimestampNs(123_456_789L)).build().toByteArray(),
            ServerMessage.newBuilder().setFill(Fill.newBuilder().setClientOrderId(5).setPrice(10_000_000_000L)
                .setQuantity(3).setLiquidity(Liquidity.TAKER).setSide(Side.BUY)).build().toByteArray(),
            ServerMessage.newBuilder().setRejected(Rejected.newBuilder().setClientOrderId(6)
                .setReason(RejectReason.INVALID_PRICE).setText("price off the tick grid")).build().toByteArray()};
        final UnsafeBuffer[] buffers = {new UnsafeBuffer(frames[0]), new UnsafeBuffer(frames[1]),
            new UnsafeBuffer(frames[2])};
        for (int i = 0; i < 50_000; i++)
        {
            adapter.onFrame(buffers[i % 3], 0, frames[i % 3].length);
        }

        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 30_000; i++)
        {
            adapter.onFrame(buffers[i % 3], 0, frames[i % 3].length);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated while decoding 30,000 frames");
    }
}
