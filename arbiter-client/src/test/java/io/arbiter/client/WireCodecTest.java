package io.arbiter.client;

import io.arbiter.protocol.proto.Accepted;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Fill;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.Replace;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WireCodecTest
{
    private static final long SEED = 20261126L;

    @Test
    void shouldEncodeFramesThatProtobufParsesIdentically() throws IOException
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        for (int i = 0; i < 2_000; i++)
        {
            final long clOrdId = randomLong(random);
            final long price = randomLong(random);
            final long quantity = randomLong(random);
            final long timestamp = randomLong(random);
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final TimeInForce tif = TimeInForce.forNumber(random.nextInt(5));
            final String symbol = "SYM" + random.nextInt(1000);

            final int length = ClientMessageWriter.putNewOrder(buffer, 3, clOrdId, symbol, side, OrderType.LIMIT, tif,
                price, quantity, SelfTradePrevention.STP_CANCEL_BOTH, timestamp);

            final NewOrder expected = NewOrder.newBuilder().setClientOrderId(clOrdId).setSymbol(symbol).setSide(side)
                .setType(OrderType.LIMIT).setTimeInForce(tif).setPrice(price).setQuantity(quantity)
                .setStp(SelfTradePrevention.STP_CANCEL_BOTH).setClientTimestampNs(timestamp).build();
            final byte[] expectedBytes = delimited(ClientMessage.newBuilder().setNewOrder(expected).build());
            assertArrayEquals(expectedBytes, bytes(buffer, 3, length), "seed " + SEED + " iteration " + i);

            final int replaceLength = ClientMessageWriter.putReplace(buffer, 0, clOrdId, price, quantity, timestamp);
            final ClientMessage replace = ClientMessage.parseDelimitedFrom(
                new ByteArrayInputStream(bytes(buffer, 0, replaceLength)));
            assertEquals(Replace.newBuilder().setClientOrderId(clOrdId).setPrice(price).setQuantity(quantity)
                .setClientTimestampNs(timestamp).build(), replace.getReplace());
        }
    }

    @Test
    void shouldDecodeWhatProtobufEncodes()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final long[] seen = new long[11];
        final ClientListener listener = new ClientListener()
        {
            @Override
            public void onAccepted(
                final ArbiterClient client, final long clOrdId, final long orderId, final long clientTs,
                final int instrumentId, final long ts)
            {
                seen[0] = clOrdId;
                seen[1] = orderId;
                seen[2] = clientTs;
                seen[3] = instrumentId;
                seen[4] = ts;
            }

            @Override
            public void onFill(
                final ArbiterClient client, final long clOrdId, final long orderId, final long tradeId,
                final long price, final long quantity, final long leaves, final Liquidity liquidity,
                final int instrumentId, final Side side, final long ts)
            {
                seen[0] = clOrdId;
                seen[5] = tradeId;
                seen[6] = price;
                seen[7] = quantity;
                seen[8] = leaves;
                seen[9] = liquidity.getNumber();
                seen[10] = side.getNumber();
            }
        };
        final ServerMessageAdapter adapter = new ServerMessageAdapter(null, listener, new ServerMessageCounters());
        for (int i = 0; i < 2_000; i++)
        {
            final Accepted accepted = Accepted.newBuilder().setClientOrderId(randomLong(random))
                .setOrderId(randomLong(random)).setClientTimestampNs(randomLong(random))
                .setInstrumentId(random.nextInt(1 << 20)).setTimestampNs(randomLong(random)).build();
            final byte[] acceptedBytes = ServerMessage.newBuilder().setAccepted(accepted).build().toByteArray();
            assertEquals(ServerMessageAdapter.OK, adapter.onFrame(new UnsafeBuffer(acceptedBytes), 0,
                acceptedBytes.length));
            assertArrayEquals(new long[]{accepted.getClientOrderId(), accepted.getOrderId(),
                accepted.getClientTimestampNs(), accepted.getInstrumentId(), accepted.getTimestampNs()},
                java.util.Arrays.copyOf(seen, 5), "seed " + SEED + " iteration " + i);

            final Fill fill = Fill.newBuilder().setClientOrderId(randomLong(random)).setTradeId(randomLong(random))
                .setPrice(randomLong(random)).setQuantity(randomLong(random)).setLeavesQuantity(randomLong(random))
                .setLiquidity(Liquidity.MAKER).setSide(Side.SELL).build();
            final byte[] fillBytes = ServerMessage.newBuilder().setFill(fill).build().toByteArray();
            assertEquals(ServerMessageAdapter.OK, adapter.onFrame(new UnsafeBuffer(fillBytes), 0, fillBytes.length));
            assertEquals(fill.getClientOrderId(), seen[0]);
            assertArrayEquals(new long[]{fill.getTradeId(), fill.getPrice(), fill.getQuantity(),
                fill.getLeavesQuantity(), Liquidity.MAKER_VALUE, Side.SELL_VALUE},
                java.util.Arrays.copyOfRange(seen, 5, 11));
        }
    }

    @Test
    void shouldRejectTruncatedFrames()
    {
        final byte[] bytes = ServerMessage.newBuilder().setAccepted(Accepted.newBuilder().setClientOrderId(300)
            .setClientTimestampNs(5)).build().toByteArray();
        final ServerMessageAdapter adapter = new ServerMessageAdapter(
            null, new ClientListener()
            {
            }, new ServerMessageCounters());

        for (int length = 1; length < bytes.length; length++)
        {
            assertEquals(ServerMessageAdapter.MALFORMED, adapter.onFrame(new UnsafeBuffer(bytes), 0, length),
                "prefix of " + length + " bytes");
        }
    }

    private static long randomLong(final SplittableRandom random)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return 0;
            case 1:
                return random.nextInt(128);
            case 2:
                return -random.nextLong(1, Long.MAX_VALUE);
            default:
                return random.nextLong();
        }
    }

    private static byte[] delimited(final ClientMessage message) throws IOException
    {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeDelimitedTo(out);
        return out.toByteArray();
    }

    private static byte[] bytes(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
