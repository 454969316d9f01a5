package io.arbiter.protocol;

import io.arbiter.protocol.proto.Cancel;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.MassCancel;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.Replace;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Order requests (NewOrder with stop price, display quantity and expiry, Cancel, Replace, MassCancel) whose fields
 * sit at the edges of their wire types (0, -1, the extremes of int32, uint32, int64 and uint64, every enum number and
 * out-of-range ones, empty and long symbols), mixed with ordinary values so that the
 * engine also rests and matches orders.
 */
final class HostileValues
{
    private HostileValues()
    {
    }

    static Arbitrary<Long> longs()
    {
        return Arbitraries.oneOf(
            Arbitraries.of(0L, -1L, 1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1,
                (long)Integer.MAX_VALUE, (long)Integer.MIN_VALUE, 0xFFFF_FFFFL, 1L << 32, 1L << 40,
                1_000_000_000_000L, 1_000_000_000_001L),
            Arbitraries.longs().between(1, 20),
            Arbitraries.longs().between(99, 101).map(p -> p * 100_000_000L),
            Arbitraries.longs());
    }

    static Arbitrary<Integer> enums()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.integers().between(1, 2)),
            Tuple.of(2, Arbitraries.integers().between(-1, 6)),
            Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 100)),
            Tuple.of(1, Arbitraries.integers()));
    }

    static Arbitrary<String> symbols()
    {
        return Arbitraries.oneOf(Arbitraries.of("BTC-USD", "ETH-USD", "", "btc-usd", "\u0000"),
            Arbitraries.just("Z".repeat(3_000)), Arbitraries.strings().ofMaxLength(16));
    }

    static Arbitrary<ClientMessage> orderRequests()
    {
        final Arbitrary<ClientMessage> newOrder = Combinators.combine(longs(), symbols(), enums(), enums(), enums(),
            longs(), longs(), enums()).as((id, symbol, side, type, tif, price, quantity, stp) ->
            NewOrder.newBuilder().setClientOrderId(id).setSymbol(symbol)
                .setSideValue(side).setTypeValue(type).setTimeInForceValue(tif).setPrice(price)
                .setQuantity(quantity).setStpValue(stp))
            .flatMap(order -> Combinators.combine(optional(), optional(), optional()).as((stop, display, expire) ->
                ClientMessage.newBuilder().setNewOrder(order.setStopPrice(stop).setDisplayQuantity(display)
                    .setExpireTimeMs(expire)).build()));
        final Arbitrary<ClientMessage> cancel = longs().map(id ->
            ClientMessage.newBuilder().setCancel(Cancel.newBuilder().setClientOrderId(id)).build());
        final Arbitrary<ClientMessage> replace = Combinators.combine(longs(), longs(), longs()).as((id, p, q) ->
            ClientMessage.newBuilder().setReplace(Replace.newBuilder().setClientOrderId(id).setPrice(p)
                .setQuantity(q)).build());
        final Arbitrary<ClientMessage> massCancel = Combinators.combine(longs(), symbols()).as((id, symbol) ->
            ClientMessage.newBuilder().setMassCancel(MassCancel.newBuilder().setRequestId(id).setSymbol(symbol))
                .build());
        return Arbitraries.frequencyOf(
            Tuple.of(4, newOrder), Tuple.of(1, cancel), Tuple.of(1, replace), Tuple.of(1, massCancel));
    }

    /**
     * A stop price, display quantity or expiry: mostly absent (0), else a hostile or ordinary value.
     */
    static Arbitrary<Long> optional()
    {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0L)), Tuple.of(2, longs()));
    }
}
