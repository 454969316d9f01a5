package io.arbiter.client;

import io.arbiter.protocol.proto.Accepted;
import io.arbiter.protocol.proto.Fill;
import io.arbiter.protocol.proto.InstrumentInfo;
import io.arbiter.protocol.proto.InstrumentListReport;
import io.arbiter.protocol.proto.OpenOrder;
import io.arbiter.protocol.proto.OpenOrdersReport;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerMessageAdapterTest
{
    private static final long SEED = 20261126L;

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
        final ServerMessageAdapter adapter =
            new ServerMessageAdapter(null, listener, new ServerMessageCounters(), 1 << 20);
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
                Arrays.copyOf(seen, 5), "seed " + SEED + " iteration " + i);

            final Fill fill = Fill.newBuilder().setClientOrderId(randomLong(random)).setTradeId(randomLong(random))
                .setPrice(randomLong(random)).setQuantity(randomLong(random)).setLeavesQuantity(randomLong(random))
                .setLiquidity(Liquidity.MAKER).setSide(Side.SELL).build();
            final byte[] fillBytes = ServerMessage.newBuilder().setFill(fill).build().toByteArray();
            assertEquals(ServerMessageAdapter.OK, adapter.onFrame(new UnsafeBuffer(fillBytes), 0, fillBytes.length));
            assertEquals(fill.getClientOrderId(), seen[0]);
            assertArrayEquals(new long[]{fill.getTradeId(), fill.getPrice(), fill.getQuantity(),
                fill.getLeavesQuantity(), Liquidity.MAKER_VALUE, Side.SELL_VALUE},
                Arrays.copyOfRange(seen, 5, 11));
        }
    }

    @Test
    void shouldDispatchQueryPagesAndTheirEnd()
    {
        final List<String> seen = new ArrayList<>();
        final ClientListener listener = new ClientListener()
        {
            @Override
            public void onOpenOrder(
                final ArbiterClient client, final long requestId, final long orderId, final long clientOrderId,
                final int instrumentId, final CharSequence symbol, final Side side, final OrderType orderType,
                final TimeInForce timeInForce, final long price, final long remainingQuantity,
                final SelfTradePrevention stp)
            {
                seen.add("order " + requestId + " " + orderId + " " + clientOrderId + " " + instrumentId + " " +
                    symbol + " " + side + " " + orderType + " " + timeInForce + " " + price + " " + remainingQuantity +
                    " " + stp);
            }

            @Override
            public void onOpenOrdersEnd(final ArbiterClient client, final long requestId, final boolean more)
            {
                seen.add("end " + requestId + " " + more);
            }

            @Override
            public void onInstrument(
                final ArbiterClient client, final long requestId, final int instrumentId, final CharSequence symbol,
                final long tickSize, final long lotSize)
            {
                seen.add("instrument " + requestId + " " + instrumentId + " " + symbol + " " + tickSize + " " +
                    lotSize);
            }

            @Override
            public void onInstrumentListEnd(final ArbiterClient client, final long requestId)
            {
                seen.add("instruments end " + requestId);
            }
        };
        final ServerMessageAdapter adapter =
            new ServerMessageAdapter(null, listener, new ServerMessageCounters(), 1 << 20);
        final OpenOrder order = OpenOrder.newBuilder().setOrderId(12).setClientOrderId(-2).setInstrumentId(1)
            .setSymbol("ETH-USD").setSide(Side.SELL).setType(OrderType.LIMIT).setTimeInForce(TimeInForce.POST_ONLY)
            .setPrice(250_000_000L).setRemainingQuantity(3).setStp(SelfTradePrevention.STP_CANCEL_MAKER).build();

        dispatch(adapter, ServerMessage.newBuilder().setOpenOrdersReport(
            OpenOrdersReport.newBuilder().setRequestId(4).setOrder(order)).build());
        dispatch(adapter, ServerMessage.newBuilder().setOpenOrdersReport(
            OpenOrdersReport.newBuilder().setRequestId(4).setOrder(order).setLast(true).setMore(true)).build());
        dispatch(adapter, ServerMessage.newBuilder().setOpenOrdersReport(
            OpenOrdersReport.newBuilder().setRequestId(5).setLast(true)).build());
        dispatch(adapter, ServerMessage.newBuilder().setInstrumentListReport(InstrumentListReport.newBuilder()
            .setRequestId(6).setLast(true).setInstrument(InstrumentInfo.newBuilder().setInstrumentId(2)
                .setSymbol("SOL-USD").setTickSize(100_000L).setLotSize(1))).build());

        final String orderText = "order 4 12 -2 1 ETH-USD SELL LIMIT POST_ONLY 250000000 3 STP_CANCEL_MAKER";
        assertEquals(List.of(orderText, orderText, "end 4 true", "end 5 false",
            "instrument 6 2 SOL-USD 100000 1", "instruments end 6"), seen);
    }

    private static void dispatch(final ServerMessageAdapter adapter, final ServerMessage message)
    {
        final byte[] bytes = message.toByteArray();
        assertEquals(ServerMessageAdapter.OK, adapter.onFrame(new UnsafeBuffer(bytes), 0, bytes.length));
    }

    @Test
    void shouldRejectTruncatedFrames()
    {
        final byte[] bytes = ServerMessage.newBuilder().setAccepted(Accepted.newBuilder().setClientOrderId(300)
            .setClientTimestampNs(5)).build().toByteArray();
        final ServerMessageAdapter adapter = new ServerMessageAdapter(
            null, new ClientListener()
            {
            }, new ServerMessageCounters(), 1 << 20);

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
}
