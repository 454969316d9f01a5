package io.arbiter.cluster.service;

import io.arbiter.cluster.codec.OrderIds;
import io.arbiter.cluster.gateway.EgressReportAdapter;
import io.arbiter.engine.BalanceListener;
import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import org.agrona.collections.Int2ObjectHashMap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a gateway decodes from the egress ({@link EgressReportAdapter}) is what the engine emitted: every kind, with
 * each trade seen party by party.
 */
class EgressReportAdapterTest
{
    private static final int GATEWAY = 1;

    private final Int2ObjectHashMap<GatewayStream> streams = new Int2ObjectHashMap<>();
    private final ReportCollector reports = new ReportCollector(streams, 2);
    private final Lines direct = new Lines();
    private final MatchingEngine engine = new MatchingEngine(new EngineContext(), new Tee(reports, direct))
        .balanceListener((account, asset, available, held) ->
        {
            reports.onBalance(account, asset, available, held);
            direct.onBalance(account, asset, available, held);
        });
    private final Command command = new Command();
    private long sequence;

    @Test
    void shouldDecodeEveryReportIntoTheEventTheEngineEmitted()
    {
        streams.put(GATEWAY, new GatewayStream(GATEWAY, 1 << 20));
        final int plain = engine.addInstrument("PLAIN", Prices.UNIT, 1).id();
        final int pair = engine.addInstrument("BTC-USD", Prices.UNIT, 1, "BTC", "USD").id();
        engine.riskControls().deposit(5, engine.riskControls().assetId("USD"), Prices.parse("1000"));
        engine.riskControls().endControlCommand();

        final long maker = order(10, plain, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, "100", 5);
        order(11, plain, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, "100", 2);
        apply(command.replace(maker, 10, Prices.parse("101"), 4));
        final long stop = next();
        apply(command.newOrder(stop, 11, plain, Side.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC,
            Prices.parse("102"), 1, SelfTradePrevention.NONE).stopPrice(Prices.parse("101")));
        order(11, plain, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, "101", 1);
        order(12, plain, Side.BUY, OrderType.LIMIT, TimeInForce.GTD, "90", 1);
        apply(command.clock(Long.MAX_VALUE / 2));
        order(12, plain, Side.BUY, OrderType.LIMIT, TimeInForce.GTD, "90", 1);
        apply(command.cancel(OrderIds.orderId(GATEWAY, 999), 12));
        apply(command.massCancel(10, plain));
        apply(command.band(plain, 250));
        apply(command.instrumentCommand(CommandType.HALT, plain));
        order(5, pair, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, "10", 3);

        final Lines adapted = new Lines();
        final EgressReportAdapter adapter = new EgressReportAdapter(adapted, adapted);
        StreamReports.drain(streams.get(GATEWAY), report -> adapter.onReport(0, report));

        assertEquals(direct.lines, adapted.lines);
        for (final String kind : new String[] {"ACCEPTED", "FILL", "REPLACED", "TRIGGERED", "CANCELED",
            "REJECTED", "MASS_CANCELED", "STATE", "BALANCE"})
        {
            assertTrue(direct.lines.stream().anyMatch(line -> line.startsWith(kind)), kind + " in " + direct.lines);
        }
        assertTrue(direct.lines.contains("CANCELED," + OrderIds.orderId(GATEWAY, 5) + ",1,EXPIRED,12"),
            "an expiry: " + direct.lines);
    }

    private long next()
    {
        return OrderIds.orderId(GATEWAY, ++sequence);
    }

    private long order(
        final long account, final int instrumentId, final Side side, final OrderType type, final TimeInForce tif,
        final String price, final long quantity)
    {
        final long orderId = next();
        command.newOrder(orderId, account, instrumentId, side, type, tif, Prices.parse(price), quantity,
            SelfTradePrevention.NONE);
        if (tif == TimeInForce.GTD)
        {
            command.time(1_000);
        }
        apply(command);
        return orderId;
    }

    private void apply(final Command command)
    {
        reports.beginCommand(GATEWAY, sequence, command.instrumentId(), command.side(), command.price());
        engine.onCommand(command);
    }

    /**
     * Each event as a line; a trade as one FILL line per party that has an order id.
     */
    private static final class Lines implements ExecutionListener, BalanceListener
    {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onAccepted(final long orderId, final long account)
        {
            lines.add("ACCEPTED," + orderId + "," + account);
        }

        @Override
        public void onTrade(
            final long tradeId,
            final int instrumentId,
            final long price,
            final long quantity,
            final Side takerSide,
            final long makerOrderId,
            final long makerAccount,
            final long makerLeaves,
            final long takerOrderId,
            final long takerAccount,
            final long takerLeaves)
        {
            final String trade = tradeId + "," + instrumentId + "," + price + "," + quantity + "," + takerSide;
            if (makerOrderId != EgressReportAdapter.NO_ORDER)
            {
                lines.add("FILL," + trade + ",maker," + makerOrderId + "," + makerAccount + "," + makerLeaves);
            }
            if (takerOrderId != EgressReportAdapter.NO_ORDER)
            {
                lines.add("FILL," + trade + ",taker," + takerOrderId + "," + takerAccount + "," + takerLeaves);
            }
        }

        @Override
        public void onCanceled(
            final long orderId, final long account, final long remainingQty, final CancelReason reason)
        {
            lines.add("CANCELED," + orderId + "," + remainingQty + "," + reason + "," + account);
        }

        @Override
        public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
        {
            lines.add("REPLACED," + orderId + "," + account + "," + newPrice + "," + newQty);
        }

        @Override
        public void onRejected(
            final CommandType type, final long orderId, final long account, final RejectReason reason)
        {
            lines.add("REJECTED," + type + "," + orderId + "," + account + "," + reason);
        }

        @Override
        public void onTriggered(final long orderId, final long account)
        {
            lines.add("TRIGGERED," + orderId + "," + account);
        }

        @Override
        public void onMassCanceled(final long account, final int instrumentId, final int count)
        {
            lines.add("MASS_CANCELED," + account + "," + instrumentId + "," + count);
        }

        @Override
        public void onInstrumentState(final CommandType type, final int instrumentId, final long value)
        {
            lines.add("STATE," + type + "," + instrumentId + "," + value);
        }

        @Override
        public void onBalance(final long account, final int asset, final long available, final long held)
        {
            lines.add("BALANCE," + account + "," + asset + "," + available + "," + held);
        }
    }

    /**
     * Hands each engine event to the collector and to the direct record.
     */
    private record Tee(ExecutionListener first, ExecutionListener second) implements ExecutionListener
    {
        @Override
        public void onAccepted(final long orderId, final long account)
        {
            first.onAccepted(orderId, account);
            second.onAccepted(orderId, account);
        }

        @Override
        public void onTrade(
            final long tradeId,
            final int instrumentId,
            final long price,
            final long quantity,
            final Side takerSide,
            final long makerOrderId,
            final long makerAccount,
            final long makerLeaves,
            final long takerOrderId,
            final long takerAccount,
            final long takerLeaves)
        {
            first.onTrade(tradeId, instrumentId, price, quantity, takerSide, makerOrderId, makerAccount, makerLeaves,
                takerOrderId, takerAccount, takerLeaves);
            second.onTrade(tradeId, instrumentId, price, quantity, takerSide, makerOrderId, makerAccount, makerLeaves,
                takerOrderId, takerAccount, takerLeaves);
        }

        @Override
        public void onCanceled(
            final long orderId, final long account, final long remainingQty, final CancelReason reason)
        {
            first.onCanceled(orderId, account, remainingQty, reason);
            second.onCanceled(orderId, account, remainingQty, reason);
        }

        @Override
        public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
        {
            first.onReplaced(orderId, account, newPrice, newQty);
            second.onReplaced(orderId, account, newPrice, newQty);
        }

        @Override
        public void onRejected(
            final CommandType type, final long orderId, final long account, final RejectReason reason)
        {
            first.onRejected(type, orderId, account, reason);
            second.onRejected(type, orderId, account, reason);
        }

        @Override
        public void onTriggered(final long orderId, final long account)
        {
            first.onTriggered(orderId, account);
            second.onTriggered(orderId, account);
        }

        @Override
        public void onMassCanceled(final long account, final int instrumentId, final int count)
        {
            first.onMassCanceled(account, instrumentId, count);
            second.onMassCanceled(account, instrumentId, count);
        }

        @Override
        public void onInstrumentState(final CommandType type, final int instrumentId, final long value)
        {
            first.onInstrumentState(type, instrumentId, value);
            second.onInstrumentState(type, instrumentId, value);
        }
    }
}
