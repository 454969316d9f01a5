package io.arbiter.cluster.service;

import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.IngressDescriptor;
import io.arbiter.cluster.codec.OrderIds;
import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.journal.JournalDescriptor;
import org.agrona.collections.Int2ObjectHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's events of issues #17 and #18 reach the gateways through the cluster egress: TRIGGERED and every cancel
 * reason to the order's gateway, MASS_CANCELED to the sender, instrument state and balances (with the asset's name) to
 * every gateway; a query is answered to its gateway from the engine's state without changing it.
 */
class ReportCollectorTest
{
    private final Int2ObjectHashMap<GatewayStream> streams = new Int2ObjectHashMap<>();
    private final ReportCollector reports = new ReportCollector(streams, 4);
    private final MatchingEngine engine =
        new MatchingEngine(new EngineContext(), reports).balanceListener(reports);
    private final Command command = new Command();
    private int plain;
    private int risky;

    @BeforeEach
    void setUp()
    {
        streams.put(1, new GatewayStream(1, 1 << 20));
        streams.put(2, new GatewayStream(2, 1 << 20));
        plain = engine.addInstrument("PLAIN", Prices.UNIT, 1).id();
        risky = engine.addInstrument("BTC-USD", Prices.UNIT, 1, "BTC", "USD").id();
        reports.ledger(engine.balances());
    }

    @Test
    void shouldSendATriggeredStopAndItsCancelReasonToTheOrdersGateway()
    {
        apply(2, 1, order(2, 1, 20, Side.SELL, OrderType.LIMIT, "100", 1));
        apply(1, 1, order(1, 1, 10, Side.BUY, OrderType.LIMIT, "100", 1));
        apply(1, 2, order(1, 2, 10, Side.BUY, OrderType.STOP_LIMIT, "101", 1).stopPrice(Prices.parse("101")));
        apply(2, 2, order(2, 2, 20, Side.SELL, OrderType.LIMIT, "101", 1));
        drain();
        apply(2, 3, order(2, 3, 21, Side.BUY, OrderType.LIMIT, "101", 1).timeInForce(TimeInForce.IOC));
        final List<String> first = drain(1);
        final List<String> second = drain(2);
        assertEquals(List.of("TRIGGERED,0," + OrderIds.orderId(1, 2) + ",10,0"), first,
            "gateway 1: its stop, triggered by gateway 2's trade (ingress sequence 0: not its command)");
        assertEquals("ACCEPTED,0," + OrderIds.orderId(2, 3) + ",21,3", second.get(0), "gateway 2: " + second);

        apply(1, 3, command.massCancel(10, plain));
        assertEquals(List.of("CANCELED," + CancelReason.MASS.ordinal() + "," + OrderIds.orderId(1, 2) + ",10,3",
            "MASS_CANCELED,0,0,10,3,count=1"), drain(1));
        assertEquals(List.of(), drain(2), "a mass cancel's result goes to its sender only");
    }

    @Test
    void shouldSendInstrumentStateAndBalancesToEveryGateway()
    {
        apply(1, 1, command.instrumentCommand(CommandType.HALT, plain));
        assertEquals(List.of("INSTRUMENT_STATE,HALT," + plain + ",0,1"), drain(1));
        assertEquals(List.of("INSTRUMENT_STATE,HALT," + plain + ",0,0"), drain(2));
        apply(2, 1, command.band(plain, 500));
        assertEquals(List.of("INSTRUMENT_STATE,BAND," + plain + ",500,0"), drain(1));

        final int usd = engine.riskControls().assetId("USD");
        engine.riskControls().deposit(7, usd, Prices.parse("1000"));
        engine.riskControls().endControlCommand();
        drain();
        apply(1, 2, order(1, 2, 7, Side.BUY, OrderType.LIMIT, "10", 1).instrumentId(risky));
        final String balance = "BALANCE,USD," + usd + ",7," + Prices.parse("990") + "," + Prices.parse("10");
        assertEquals(List.of("ACCEPTED,0," + OrderIds.orderId(1, 2) + ",7,2", balance + ",2"), drain(1));
        assertEquals(List.of(balance + ",0"), drain(2));
    }

    @Test
    void shouldAnswerQueriesToTheAskingGatewayWithoutChangingTheEngine()
    {
        final int usd = engine.riskControls().assetId("USD");
        engine.riskControls().deposit(7, usd, Prices.parse("1000"));
        engine.riskControls().endControlCommand();
        apply(1, 1, order(1, 1, 7, Side.BUY, OrderType.LIMIT, "10", 1).instrumentId(risky));
        apply(1, 2, order(1, 2, 7, Side.SELL, OrderType.LIMIT, "9", 2).timeInForce(TimeInForce.POST_ONLY)
            .selfTradePrevention(SelfTradePrevention.CANCEL_MAKER));
        apply(2, 1, order(2, 1, 7, Side.BUY, OrderType.LIMIT, "8", 1));
        apply(1, 3, order(1, 3, 8, Side.BUY, OrderType.LIMIT, "8", 1));
        drain();
        final long hash = engine.stateHash();
        final QueryAnswerer answerer = new QueryAnswerer(engine, reports);

        reports.beginCommand(1, 4, -1, Side.BUY, Prices.NULL_PRICE);
        answerer.answer(streams.get(1), query(IngressDescriptor.QUERY_OPEN_ORDERS, 7, Command.ALL_INSTRUMENTS, 0));
        assertEquals(List.of(
            "OPEN_ORDER," + OrderIds.orderId(1, 1) + "," + risky + ",BUY,LIMIT,GTC,NONE," + Prices.parse("10") +
                ",1,0,4",
            "OPEN_ORDER," + OrderIds.orderId(1, 2) + "," + plain + ",SELL,LIMIT,POST_ONLY,CANCEL_MAKER," +
                Prices.parse("9") + ",2,1,4"),
            drain(1), "account 7's orders through gateway 1, by order id, the last one marked");
        assertEquals(List.of(), drain(2), "an answer goes to the asking gateway only");

        reports.beginCommand(1, 5, -1, Side.BUY, Prices.NULL_PRICE);
        answerer.answer(streams.get(1), query(IngressDescriptor.QUERY_OPEN_ORDERS, 7, plain, 0));
        assertEquals(1, drain(1).size(), "one instrument's orders only");
        reports.beginCommand(1, 6, -1, Side.BUY, Prices.NULL_PRICE);
        answerer.answer(streams.get(1), query(IngressDescriptor.QUERY_OPEN_ORDERS, 7, Command.ALL_INSTRUMENTS,
            OrderIds.orderId(1, 2)));
        assertEquals(List.of("NO_ENTRIES,0,6"), drain(1), "nothing after the last order");
        reports.beginCommand(1, 7, -1, Side.BUY, Prices.NULL_PRICE);
        answerer.answer(streams.get(1), query(IngressDescriptor.QUERY_BALANCES, 7, Command.ALL_INSTRUMENTS, 0));
        assertEquals(List.of("BALANCE_ENTRY,USD," + usd + "," + Prices.parse("990") + "," + Prices.parse("10") +
            ",1,7"), drain(1));
        reports.beginCommand(1, 8, -1, Side.BUY, Prices.NULL_PRICE);
        answerer.answer(streams.get(1), query(IngressDescriptor.QUERY_BALANCES, 9, Command.ALL_INSTRUMENTS, 0));
        assertEquals(List.of("NO_ENTRIES,1,8"), drain(1), "an account without balances");
        assertEquals(hash, engine.stateHash(), "a query changes nothing");
    }

    private static ByteBuffer query(final int kind, final long account, final int instrumentId, final long after)
    {
        final ByteBuffer record = ByteBuffer.allocate(IngressDescriptor.RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        record.put(JournalDescriptor.RECORD_TYPE_OFFSET, IngressDescriptor.RECORD_TYPE_QUERY);
        record.put(JournalDescriptor.COMMAND_TYPE_OFFSET, (byte)kind);
        record.putLong(JournalDescriptor.ACCOUNT_OFFSET, account);
        record.putInt(JournalDescriptor.INSTRUMENT_ID_OFFSET, instrumentId);
        record.putLong(JournalDescriptor.ORDER_ID_OFFSET, after);
        return record;
    }

    private Command order(
        final int gatewayId, final long sequence, final long account, final Side side, final OrderType type,
        final String price, final long quantity)
    {
        return command.newOrder(OrderIds.orderId(gatewayId, sequence), account, plain, side, type,
            TimeInForce.GTC, type == OrderType.STOP_MARKET ? Prices.NULL_PRICE : Prices.parse(price), quantity,
            SelfTradePrevention.NONE);
    }

    private void apply(final int gatewayId, final long sequence, final Command command)
    {
        reports.beginCommand(gatewayId, sequence, command.instrumentId(), command.side(), command.price());
        engine.onCommand(command);
    }

    private void drain()
    {
        drain(1);
        drain(2);
    }

    private List<String> drain(final int gatewayId)
    {
        final List<String> out = new ArrayList<>();
        StreamReports.drain(streams.get(gatewayId), report -> out.add(switch (report.kind())
        {
            case EgressDescriptor.KIND_ACCEPTED -> "ACCEPTED,0," + report.orderId() + "," + report.account() + "," +
                report.ingressSequence();
            case EgressDescriptor.KIND_TRADE -> "TRADE," + report.orderId() + "," + report.quantity();
            case EgressDescriptor.KIND_CANCELED -> "CANCELED," + report.reason() + "," + report.orderId() + "," +
                report.account() + "," + report.ingressSequence();
            case EgressDescriptor.KIND_TRIGGERED -> "TRIGGERED,0," + report.orderId() + "," + report.account() +
                "," + report.ingressSequence();
            case EgressDescriptor.KIND_MASS_CANCELED -> "MASS_CANCELED,0,0," + report.account() + "," +
                report.ingressSequence() + ",count=" + report.quantity();
            case EgressDescriptor.KIND_INSTRUMENT_STATE -> "INSTRUMENT_STATE," +
                CommandType.get(report.commandType()) + "," + report.instrumentId() + "," + report.price() + "," +
                report.ingressSequence();
            case EgressDescriptor.KIND_BALANCE -> "BALANCE," + EgressDescriptor.assetName(report.orderId()) + "," +
                report.instrumentId() + "," + report.account() +
                "," + report.quantity() + "," + report.leaves() + "," + report.ingressSequence();
            case EgressDescriptor.KIND_OPEN_ORDER -> "OPEN_ORDER," + report.orderId() + "," + report.instrumentId() +
                "," + report.side() + "," + OrderType.get(report.reason()) + "," +
                TimeInForce.get((report.flags() >> EgressDescriptor.TIME_IN_FORCE_SHIFT) & 7) + "," +
                SelfTradePrevention.get((report.flags() >> EgressDescriptor.STP_SHIFT) & 7) + "," + report.price() +
                "," + report.quantity() + "," + (report.flags() & EgressDescriptor.FLAG_LAST) + "," +
                report.ingressSequence();
            case EgressDescriptor.KIND_BALANCE_ENTRY -> "BALANCE_ENTRY," +
                EgressDescriptor.assetName(report.orderId()) + "," + report.instrumentId() + "," + report.quantity() +
                "," + report.leaves() + "," + (report.flags() & EgressDescriptor.FLAG_LAST) + "," +
                report.ingressSequence();
            case EgressDescriptor.KIND_NO_ENTRIES -> "NO_ENTRIES," + report.reason() + "," + report.ingressSequence();
            default -> "KIND " + report.kind();
        }));
        out.removeIf(line -> line.startsWith("TRADE,"));
        reports.clearTouched();
        return out;
    }
}
