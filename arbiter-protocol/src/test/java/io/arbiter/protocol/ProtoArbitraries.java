package io.arbiter.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.arbiter.protocol.proto.Accepted;
import io.arbiter.protocol.proto.BalanceReport;
import io.arbiter.protocol.proto.BalanceRequest;
import io.arbiter.protocol.proto.BalanceUpdate;
import io.arbiter.protocol.proto.Cancel;
import io.arbiter.protocol.proto.Canceled;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Fill;
import io.arbiter.protocol.proto.Heartbeat;
import io.arbiter.protocol.proto.InstrumentInfo;
import io.arbiter.protocol.proto.InstrumentListReport;
import io.arbiter.protocol.proto.InstrumentListRequest;
import io.arbiter.protocol.proto.Logon;
import io.arbiter.protocol.proto.LogonAck;
import io.arbiter.protocol.proto.LogonReject;
import io.arbiter.protocol.proto.Logout;
import io.arbiter.protocol.proto.MassCancel;
import io.arbiter.protocol.proto.MassCancelReport;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OpenOrder;
import io.arbiter.protocol.proto.OpenOrdersReport;
import io.arbiter.protocol.proto.OpenOrdersRequest;
import io.arbiter.protocol.proto.ProtocolError;
import io.arbiter.protocol.proto.Rejected;
import io.arbiter.protocol.proto.Replace;
import io.arbiter.protocol.proto.Replaced;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Triggered;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of generated protobuf messages: every field present or absent, edge-case numbers, enum numbers
 * inside and outside the defined range, any Unicode text, and optional unknown fields of every wire type.
 */
final class ProtoArbitraries
{
    private static final double PRESENT = 0.8;

    private ProtoArbitraries()
    {
    }

    static Arbitrary<Long> longs()
    {
        return Arbitraries.longs();
    }

    static Arbitrary<Integer> enumNumbers()
    {
        return Arbitraries.oneOf(Arbitraries.integers().between(-2, 8), Arbitraries.integers());
    }

    static Arbitrary<String> text()
    {
        return Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(24),
            Arbitraries.strings().withCharRange('A', 'Z').withChars('-', '/').ofMinLength(1).ofMaxLength(12));
    }

    static Arbitrary<ByteString> byteStrings()
    {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(ByteString::copyFrom);
    }

    static Arbitrary<UnknownFieldSet> unknownFields()
    {
        return unknownFields(2);
    }

    private static Arbitrary<UnknownFieldSet> unknownFields(final int depth)
    {
        final Arbitrary<UnknownFieldSet.Field> field = Arbitraries.oneOf(
            Arbitraries.longs().map(v -> UnknownFieldSet.Field.newBuilder().addVarint(v).build()),
            Arbitraries.integers().map(v -> UnknownFieldSet.Field.newBuilder().addFixed32(v).build()),
            Arbitraries.longs().map(v -> UnknownFieldSet.Field.newBuilder().addFixed64(v).build()),
            byteStrings().map(v -> UnknownFieldSet.Field.newBuilder().addLengthDelimited(v).build()),
            depth > 0 ?
                Arbitraries.lazy(() -> unknownFields(depth - 1))
                    .map(v -> UnknownFieldSet.Field.newBuilder().addGroup(v).build()) :
                Arbitraries.longs().map(v -> UnknownFieldSet.Field.newBuilder().addVarint(v).build()));
        return Arbitraries.maps(Arbitraries.integers().between(20, 5000), field).ofMaxSize(3)
            .map(fields ->
            {
                final UnknownFieldSet.Builder builder = UnknownFieldSet.newBuilder();
                fields.forEach(builder::addField);
                return builder.build();
            });
    }

    static Arbitrary<ClientMessage> clientMessages()
    {
        final Arbitrary<Logon> logon = Builders.withBuilder(Logon::newBuilder)
            .use(text()).withProbability(PRESENT).in(Logon.Builder::setAccount)
            .use(byteStrings()).withProbability(PRESENT).in(Logon.Builder::setSecret)
            .use(Arbitraries.integers()).withProbability(PRESENT).in(Logon.Builder::setProtocolVersion)
            .use(Arbitraries.integers()).withProbability(PRESENT).in(Logon.Builder::setHeartbeatIntervalMs)
            .build(Logon.Builder::build);
        final Arbitrary<NewOrder> newOrder = Builders.withBuilder(NewOrder::newBuilder)
            .use(longs()).withProbability(PRESENT).in(NewOrder.Builder::setClientOrderId)
            .use(text()).withProbability(PRESENT).in(NewOrder.Builder::setSymbol)
            .use(enumNumbers()).withProbability(PRESENT).in(NewOrder.Builder::setSideValue)
            .use(enumNumbers()).withProbability(PRESENT).in(NewOrder.Builder::setTypeValue)
            .use(enumNumbers()).withProbability(PRESENT).in(NewOrder.Builder::setTimeInForceValue)
            .use(longs()).withProbability(PRESENT).in(NewOrder.Builder::setPrice)
            .use(longs()).withProbability(PRESENT).in(NewOrder.Builder::setQuantity)
            .use(enumNumbers()).withProbability(PRESENT).in(NewOrder.Builder::setStpValue)
            .use(longs()).withProbability(PRESENT).in(NewOrder.Builder::setClientTimestampNs)
            .use(longs()).withProbability(0.3).in(NewOrder.Builder::setTraceIdHigh)
            .use(longs()).withProbability(0.3).in(NewOrder.Builder::setTraceIdLow)
            .use(longs()).withProbability(0.3).in(NewOrder.Builder::setStopPrice)
            .use(longs()).withProbability(0.3).in(NewOrder.Builder::setDisplayQuantity)
            .use(longs()).withProbability(0.3).in(NewOrder.Builder::setExpireTimeMs)
            .build(NewOrder.Builder::build);
        final Arbitrary<Cancel> cancel = Builders.withBuilder(Cancel::newBuilder)
            .use(longs()).withProbability(PRESENT).in(Cancel.Builder::setClientOrderId)
            .use(longs()).withProbability(PRESENT).in(Cancel.Builder::setClientTimestampNs)
            .build(Cancel.Builder::build);
        final Arbitrary<Replace> replace = Builders.withBuilder(Replace::newBuilder)
            .use(longs()).withProbability(PRESENT).in(Replace.Builder::setClientOrderId)
            .use(longs()).withProbability(PRESENT).in(Replace.Builder::setPrice)
            .use(longs()).withProbability(PRESENT).in(Replace.Builder::setQuantity)
            .use(longs()).withProbability(PRESENT).in(Replace.Builder::setClientTimestampNs)
            .build(Replace.Builder::build);
        final Arbitrary<OpenOrdersRequest> openOrders = Builders.withBuilder(OpenOrdersRequest::newBuilder)
            .use(longs()).withProbability(PRESENT).in(OpenOrdersRequest.Builder::setRequestId)
            .use(text()).withProbability(0.5).in(OpenOrdersRequest.Builder::setSymbol)
            .use(longs()).withProbability(0.5).in(OpenOrdersRequest.Builder::setAfterOrderId)
            .build(OpenOrdersRequest.Builder::build);
        final Arbitrary<InstrumentListRequest> instruments = longs()
            .map(v -> InstrumentListRequest.newBuilder().setRequestId(v).build());
        final Arbitrary<MassCancel> massCancel = Builders.withBuilder(MassCancel::newBuilder)
            .use(longs()).withProbability(PRESENT).in(MassCancel.Builder::setRequestId)
            .use(text()).withProbability(0.5).in(MassCancel.Builder::setSymbol)
            .build(MassCancel.Builder::build);
        final Arbitrary<BalanceRequest> balances = longs()
            .map(v -> BalanceRequest.newBuilder().setRequestId(v).build());
        return Arbitraries.oneOf(
            massCancel.map(v -> ClientMessage.newBuilder().setMassCancel(v).build()),
            balances.map(v -> ClientMessage.newBuilder().setBalanceRequest(v).build()),
            openOrders.map(v -> ClientMessage.newBuilder().setOpenOrdersRequest(v).build()),
            instruments.map(v -> ClientMessage.newBuilder().setInstrumentListRequest(v).build()),
            logon.map(v -> ClientMessage.newBuilder().setLogon(v).build()),
            newOrder.map(v -> ClientMessage.newBuilder().setNewOrder(v).build()),
            newOrder.map(v -> ClientMessage.newBuilder().setNewOrder(v).build()),
            cancel.map(v -> ClientMessage.newBuilder().setCancel(v).build()),
            replace.map(v -> ClientMessage.newBuilder().setReplace(v).build()),
            Arbitraries.just(ClientMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build()),
            Arbitraries.just(ClientMessage.newBuilder().setLogout(Logout.getDefaultInstance()).build()),
            Arbitraries.just(ClientMessage.getDefaultInstance()));
    }

    /**
     * The same message with unknown fields added to the envelope and to its body.
     */
    static ClientMessage withUnknownFields(
        final ClientMessage message, final UnknownFieldSet outer, final UnknownFieldSet inner)
    {
        final ClientMessage.Builder builder = message.toBuilder().setUnknownFields(outer);
        switch (message.getBodyCase())
        {
            case LOGON:
                builder.setLogon(message.getLogon().toBuilder().setUnknownFields(inner));
                break;
            case NEW_ORDER:
                builder.setNewOrder(message.getNewOrder().toBuilder().setUnknownFields(inner));
                break;
            case CANCEL:
                builder.setCancel(message.getCancel().toBuilder().setUnknownFields(inner));
                break;
            case REPLACE:
                builder.setReplace(message.getReplace().toBuilder().setUnknownFields(inner));
                break;
            case HEARTBEAT:
                builder.setHeartbeat(message.getHeartbeat().toBuilder().setUnknownFields(inner));
                break;
            case LOGOUT:
                builder.setLogout(message.getLogout().toBuilder().setUnknownFields(inner));
                break;
            case OPEN_ORDERS_REQUEST:
                builder.setOpenOrdersRequest(message.getOpenOrdersRequest().toBuilder().setUnknownFields(inner));
                break;
            case INSTRUMENT_LIST_REQUEST:
                builder.setInstrumentListRequest(
                    message.getInstrumentListRequest().toBuilder().setUnknownFields(inner));
                break;
            case MASS_CANCEL:
                builder.setMassCancel(message.getMassCancel().toBuilder().setUnknownFields(inner));
                break;
            case BALANCE_REQUEST:
                builder.setBalanceRequest(message.getBalanceRequest().toBuilder().setUnknownFields(inner));
                break;
            default:
                break;
        }
        return builder.build();
    }

    static Arbitrary<ServerMessage> serverMessages()
    {
        final Arbitrary<LogonAck> logonAck = Builders.withBuilder(LogonAck::newBuilder)
            .use(longs()).withProbability(PRESENT).in(LogonAck.Builder::setSessionId)
            .use(Arbitraries.integers()).withProbability(PRESENT).in(LogonAck.Builder::setHeartbeatIntervalMs)
            .use(longs()).withProbability(PRESENT).in(LogonAck.Builder::setAccountId)
            .build(LogonAck.Builder::build);
        final Arbitrary<LogonReject> logonReject = Builders.withBuilder(LogonReject::newBuilder)
            .use(enumNumbers()).withProbability(PRESENT).in(LogonReject.Builder::setReasonValue)
            .use(text()).withProbability(PRESENT).in(LogonReject.Builder::setText)
            .build(LogonReject.Builder::build);
        final Arbitrary<Accepted> accepted = Builders.withBuilder(Accepted::newBuilder)
            .use(longs()).withProbability(PRESENT).in(Accepted.Builder::setClientOrderId)
            .use(longs()).withProbability(PRESENT).in(Accepted.Builder::setOrderId)
            .use(longs()).withProbability(PRESENT).in(Accepted.Builder::setClientTimestampNs)
            .use(Arbitraries.integers()).withProbability(PRESENT).in(Accepted.Builder::setInstrumentId)
            .use(longs()).withProbability(PRESENT).in(Accepted.Builder::setTimestampNs)
            .build(Accepted.Builder::build);
        final Arbitrary<Fill> fill = Builders.withBuilder(Fill::newBuilder)
            .use(longs()).withProbability(PRESENT).in(Fill.Builder::setClientOrderId)
            .use(longs()).withProbability(PRESENT).in(Fill.Builder::setOrderId)
            .use(longs()).withProbability(PRESENT).in(Fill.Builder::setTradeId)
            .use(longs()).withProbability(PRESENT).in(Fill.Builder::setPrice)
            .use(longs()).withProbability(PRESENT).in(Fill.Builder::setQuantity)
            .use(longs()).withProbability(PRESENT).in(Fill.Builder::setLeavesQuantity)
            .use(enumNumbers()).withProbability(PRESENT).in(Fill.Builder::setLiquidityValue)
            .use(Arbitraries.integers()).withProbability(PRESENT).in(Fill.Builder::setInstrumentId)
            .use(enumNumbers()).withProbability(PRESENT).in(Fill.Builder::setSideValue)
            .use(longs()).withProbability(PRESENT).in(Fill.Builder::setTimestampNs)
            .build(Fill.Builder::build);
        final Arbitrary<Canceled> canceled = Builders.withBuilder(Canceled::newBuilder)
            .use(longs()).withProbability(PRESENT).in(Canceled.Builder::setClientOrderId)
            .use(longs()).withProbability(PRESENT).in(Canceled.Builder::setOrderId)
            .use(longs()).withProbability(PRESENT).in(Canceled.Builder::setCanceledQuantity)
            .use(enumNumbers()).withProbability(PRESENT).in(Canceled.Builder::setReasonValue)
            .use(longs()).withProbability(PRESENT).in(Canceled.Builder::setTimestampNs)
            .build(Canceled.Builder::build);
        final Arbitrary<Replaced> replaced = Builders.withBuilder(Replaced::newBuilder)
            .use(longs()).withProbability(PRESENT).in(Replaced.Builder::setClientOrderId)
            .use(longs()).withProbability(PRESENT).in(Replaced.Builder::setOrderId)
            .use(longs()).withProbability(PRESENT).in(Replaced.Builder::setPrice)
            .use(longs()).withProbability(PRESENT).in(Replaced.Builder::setQuantity)
            .use(longs()).withProbability(PRESENT).in(Replaced.Builder::setTimestampNs)
            .build(Replaced.Builder::build);
        final Arbitrary<Rejected> rejected = Builders.withBuilder(Rejected::newBuilder)
            .use(longs()).withProbability(PRESENT).in(Rejected.Builder::setClientOrderId)
            .use(enumNumbers()).withProbability(PRESENT).in(Rejected.Builder::setReasonValue)
            .use(enumNumbers()).withProbability(PRESENT).in(Rejected.Builder::setRequestTypeValue)
            .use(longs()).withProbability(PRESENT).in(Rejected.Builder::setClientTimestampNs)
            .use(longs()).withProbability(PRESENT).in(Rejected.Builder::setTimestampNs)
            .use(text()).withProbability(PRESENT).in(Rejected.Builder::setText)
            .build(Rejected.Builder::build);
        final Arbitrary<ProtocolError> protocolError = Builders.withBuilder(ProtocolError::newBuilder)
            .use(enumNumbers()).withProbability(PRESENT).in(ProtocolError.Builder::setCodeValue)
            .use(text()).withProbability(PRESENT).in(ProtocolError.Builder::setText)
            .build(ProtocolError.Builder::build);
        final Arbitrary<OpenOrder> openOrder = Builders.withBuilder(OpenOrder::newBuilder)
            .use(longs()).withProbability(PRESENT).in(OpenOrder.Builder::setOrderId)
            .use(longs()).withProbability(PRESENT).in(OpenOrder.Builder::setClientOrderId)
            .use(Arbitraries.integers()).withProbability(PRESENT).in(OpenOrder.Builder::setInstrumentId)
            .use(text()).withProbability(PRESENT).in(OpenOrder.Builder::setSymbol)
            .use(enumNumbers()).withProbability(PRESENT).in(OpenOrder.Builder::setSideValue)
            .use(enumNumbers()).withProbability(PRESENT).in(OpenOrder.Builder::setTypeValue)
            .use(enumNumbers()).withProbability(PRESENT).in(OpenOrder.Builder::setTimeInForceValue)
            .use(longs()).withProbability(PRESENT).in(OpenOrder.Builder::setPrice)
            .use(longs()).withProbability(PRESENT).in(OpenOrder.Builder::setRemainingQuantity)
            .use(enumNumbers()).withProbability(PRESENT).in(OpenOrder.Builder::setStpValue)
            .use(longs()).withProbability(0.3).in(OpenOrder.Builder::setStopPrice)
            .use(longs()).withProbability(0.3).in(OpenOrder.Builder::setDisplayQuantity)
            .use(longs()).withProbability(0.3).in(OpenOrder.Builder::setExpireTimeMs)
            .build(OpenOrder.Builder::build);
        final Arbitrary<OpenOrdersReport> openOrdersPage = Arbitraries.oneOf(
            Combinators.combine(longs(), openOrder, Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((id, order, last, more) -> OpenOrdersReport.newBuilder()
                    .setRequestId(id).setOrder(order).setLast(last).setMore(more).build()),
            longs().map(id -> OpenOrdersReport.newBuilder().setRequestId(id).setLast(true).build()));
        final Arbitrary<InstrumentInfo> instrument = Builders.withBuilder(InstrumentInfo::newBuilder)
            .use(Arbitraries.integers()).withProbability(PRESENT).in(InstrumentInfo.Builder::setInstrumentId)
            .use(text()).withProbability(PRESENT).in(InstrumentInfo.Builder::setSymbol)
            .use(longs()).withProbability(PRESENT).in(InstrumentInfo.Builder::setTickSize)
            .use(longs()).withProbability(PRESENT).in(InstrumentInfo.Builder::setLotSize)
            .build(InstrumentInfo.Builder::build);
        final Arbitrary<InstrumentListReport> instrumentPage = Arbitraries.oneOf(
            Combinators.combine(longs(), instrument, Arbitraries.of(true, false)).as((id, info, last) ->
                InstrumentListReport.newBuilder().setRequestId(id).setInstrument(info).setLast(last).build()),
            longs().map(id -> InstrumentListReport.newBuilder().setRequestId(id).setLast(true).build()));
        final Arbitrary<Triggered> triggered = Builders.withBuilder(Triggered::newBuilder)
            .use(longs()).withProbability(PRESENT).in(Triggered.Builder::setClientOrderId)
            .use(longs()).withProbability(PRESENT).in(Triggered.Builder::setOrderId)
            .use(longs()).withProbability(PRESENT).in(Triggered.Builder::setTimestampNs)
            .build(Triggered.Builder::build);
        final Arbitrary<MassCancelReport> massCancelReport = Builders.withBuilder(MassCancelReport::newBuilder)
            .use(longs()).withProbability(PRESENT).in(MassCancelReport.Builder::setRequestId)
            .use(Arbitraries.integers()).withProbability(PRESENT).in(MassCancelReport.Builder::setCanceledCount)
            .use(longs()).withProbability(PRESENT).in(MassCancelReport.Builder::setTimestampNs)
            .build(MassCancelReport.Builder::build);
        final Arbitrary<BalanceUpdate> balanceUpdate = Builders.withBuilder(BalanceUpdate::newBuilder)
            .use(text()).withProbability(PRESENT).in(BalanceUpdate.Builder::setAsset)
            .use(longs()).withProbability(PRESENT).in(BalanceUpdate.Builder::setAvailable)
            .use(longs()).withProbability(PRESENT).in(BalanceUpdate.Builder::setHeld)
            .use(longs()).withProbability(PRESENT).in(BalanceUpdate.Builder::setTimestampNs)
            .build(BalanceUpdate.Builder::build);
        final Arbitrary<BalanceReport> balancePage = Arbitraries.oneOf(
            Combinators.combine(
                longs(), text().filter(t -> !t.isEmpty()), longs(), longs(), Arbitraries.of(true, false))
                .as((id, asset, available, held, last) -> BalanceReport.newBuilder().setRequestId(id).setAsset(asset)
                    .setAvailable(available).setHeld(held).setLast(last).build()),
            longs().map(id -> BalanceReport.newBuilder().setRequestId(id).setLast(true).build()));
        return Arbitraries.oneOf(
            triggered.map(v -> ServerMessage.newBuilder().setTriggered(v).build()),
            massCancelReport.map(v -> ServerMessage.newBuilder().setMassCancelReport(v).build()),
            balanceUpdate.map(v -> ServerMessage.newBuilder().setBalanceUpdate(v).build()),
            balancePage.map(v -> ServerMessage.newBuilder().setBalanceReport(v).build()),
            openOrdersPage.map(v -> ServerMessage.newBuilder().setOpenOrdersReport(v).build()),
            instrumentPage.map(v -> ServerMessage.newBuilder().setInstrumentListReport(v).build()),
            logonAck.map(v -> ServerMessage.newBuilder().setLogonAck(v).build()),
            logonReject.map(v -> ServerMessage.newBuilder().setLogonReject(v).build()),
            accepted.map(v -> ServerMessage.newBuilder().setAccepted(v).build()),
            fill.map(v -> ServerMessage.newBuilder().setFill(v).build()),
            canceled.map(v -> ServerMessage.newBuilder().setCanceled(v).build()),
            replaced.map(v -> ServerMessage.newBuilder().setReplaced(v).build()),
            rejected.map(v -> ServerMessage.newBuilder().setRejected(v).build()),
            protocolError.map(v -> ServerMessage.newBuilder().setProtocolError(v).build()),
            Arbitraries.just(ServerMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build()),
            Arbitraries.just(ServerMessage.newBuilder().setLogout(Logout.getDefaultInstance()).build()));
    }
}
