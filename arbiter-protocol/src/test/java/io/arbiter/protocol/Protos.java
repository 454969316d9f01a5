package io.arbiter.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
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
import org.agrona.DirectBuffer;

/**
 * Test helpers: convert decoded flyweight-style messages back into generated protobuf objects (so that values can be
 * compared with protobuf-java's own parse) and write generated messages as frames.
 */
final class Protos
{
    private Protos()
    {
    }

    static byte[] delimited(final MessageLite... messages)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try
        {
            for (final MessageLite message : messages)
            {
                message.writeDelimitedTo(out);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    static ByteString bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        return ByteString.copyFrom(copy);
    }

    static ClientMessage toProto(final DecodedClientMessage m)
    {
        final DirectBuffer b = m.buffer();
        switch (m.type())
        {
            case LOGON:
                return ClientMessage.newBuilder().setLogon(Logon.newBuilder()
                    .setAccountBytes(bytes(b, m.accountOffset(), m.accountLength()))
                    .setSecret(bytes(b, m.secretOffset(), m.secretLength()))
                    .setProtocolVersion(m.protocolVersion())
                    .setHeartbeatIntervalMs(m.heartbeatIntervalMs())).build();

            case NEW_ORDER:
                return ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder()
                    .setClientOrderId(m.clientOrderId())
                    .setSymbolBytes(bytes(b, m.symbolOffset(), m.symbolLength()))
                    .setSideValue(m.side())
                    .setTypeValue(m.orderType())
                    .setTimeInForceValue(m.timeInForce())
                    .setPrice(m.price())
                    .setQuantity(m.quantity())
                    .setStpValue(m.selfTradePrevention())
                    .setClientTimestampNs(m.clientTimestampNs())
                    .setTraceIdHigh(m.traceIdHigh())
                    .setTraceIdLow(m.traceIdLow())
                    .setStopPrice(m.stopPrice())
                    .setDisplayQuantity(m.displayQuantity())
                    .setExpireTimeMs(m.expireTimeMs())).build();

            case CANCEL:
                return ClientMessage.newBuilder().setCancel(Cancel.newBuilder()
                    .setClientOrderId(m.clientOrderId())
                    .setClientTimestampNs(m.clientTimestampNs())).build();

            case REPLACE:
                return ClientMessage.newBuilder().setReplace(Replace.newBuilder()
                    .setClientOrderId(m.clientOrderId())
                    .setPrice(m.price())
                    .setQuantity(m.quantity())
                    .setClientTimestampNs(m.clientTimestampNs())).build();

            case HEARTBEAT:
                return ClientMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build();

            case LOGOUT:
                return ClientMessage.newBuilder().setLogout(Logout.getDefaultInstance()).build();

            case OPEN_ORDERS_REQUEST:
                return ClientMessage.newBuilder().setOpenOrdersRequest(OpenOrdersRequest.newBuilder()
                    .setRequestId(m.requestId())
                    .setSymbolBytes(bytes(b, m.symbolOffset(), m.symbolLength()))
                    .setAfterOrderId(m.afterOrderId())).build();

            case INSTRUMENT_LIST_REQUEST:
                return ClientMessage.newBuilder().setInstrumentListRequest(InstrumentListRequest.newBuilder()
                    .setRequestId(m.requestId())).build();

            case MASS_CANCEL:
                return ClientMessage.newBuilder().setMassCancel(MassCancel.newBuilder()
                    .setRequestId(m.requestId())
                    .setSymbolBytes(bytes(b, m.symbolOffset(), m.symbolLength()))).build();

            case BALANCE_REQUEST:
                return ClientMessage.newBuilder().setBalanceRequest(BalanceRequest.newBuilder()
                    .setRequestId(m.requestId())).build();

            default:
                return ClientMessage.getDefaultInstance();
        }
    }

    static ServerMessage toProto(final DecodedServerMessage m)
    {
        final DirectBuffer b = m.buffer();
        switch (m.type())
        {
            case LOGON_ACK:
                return ServerMessage.newBuilder().setLogonAck(LogonAck.newBuilder()
                    .setSessionId(m.sessionId())
                    .setHeartbeatIntervalMs(m.heartbeatIntervalMs())
                    .setAccountId(m.accountId())).build();

            case LOGON_REJECT:
                return ServerMessage.newBuilder().setLogonReject(LogonReject.newBuilder()
                    .setReasonValue(m.reason())
                    .setTextBytes(bytes(b, m.textOffset(), m.textLength()))).build();

            case ACCEPTED:
                return ServerMessage.newBuilder().setAccepted(Accepted.newBuilder()
                    .setClientOrderId(m.clientOrderId())
                    .setOrderId(m.orderId())
                    .setClientTimestampNs(m.clientTimestampNs())
                    .setInstrumentId(m.instrumentId())
                    .setTimestampNs(m.timestampNs())).build();

            case FILL:
                return ServerMessage.newBuilder().setFill(Fill.newBuilder()
                    .setClientOrderId(m.clientOrderId())
                    .setOrderId(m.orderId())
                    .setTradeId(m.tradeId())
                    .setPrice(m.price())
                    .setQuantity(m.quantity())
                    .setLeavesQuantity(m.leavesQuantity())
                    .setLiquidityValue(m.liquidity())
                    .setInstrumentId(m.instrumentId())
                    .setSideValue(m.side())
                    .setTimestampNs(m.timestampNs())).build();

            case CANCELED:
                return ServerMessage.newBuilder().setCanceled(Canceled.newBuilder()
                    .setClientOrderId(m.clientOrderId())
                    .setOrderId(m.orderId())
                    .setCanceledQuantity(m.quantity())
                    .setReasonValue(m.reason())
                    .setTimestampNs(m.timestampNs())).build();

            case REPLACED:
                return ServerMessage.newBuilder().setReplaced(Replaced.newBuilder()
                    .setClientOrderId(m.clientOrderId())
                    .setOrderId(m.orderId())
                    .setPrice(m.price())
                    .setQuantity(m.quantity())
                    .setTimestampNs(m.timestampNs())).build();

            case REJECTED:
                return ServerMessage.newBuilder().setRejected(Rejected.newBuilder()
                    .setClientOrderId(m.clientOrderId())
                    .setReasonValue(m.reason())
                    .setRequestTypeValue(m.requestType())
                    .setClientTimestampNs(m.clientTimestampNs())
                    .setTimestampNs(m.timestampNs())
                    .setTextBytes(bytes(b, m.textOffset(), m.textLength()))).build();

            case HEARTBEAT:
                return ServerMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build();

            case PROTOCOL_ERROR:
                return ServerMessage.newBuilder().setProtocolError(ProtocolError.newBuilder()
                    .setCodeValue(m.reason())
                    .setTextBytes(bytes(b, m.textOffset(), m.textLength()))).build();

            case LOGOUT:
                return ServerMessage.newBuilder().setLogout(Logout.getDefaultInstance()).build();

            case TRIGGERED:
                return ServerMessage.newBuilder().setTriggered(Triggered.newBuilder()
                    .setClientOrderId(m.clientOrderId())
                    .setOrderId(m.orderId())
                    .setTimestampNs(m.timestampNs())).build();

            case MASS_CANCEL_REPORT:
                return ServerMessage.newBuilder().setMassCancelReport(MassCancelReport.newBuilder()
                    .setRequestId(m.requestId())
                    .setCanceledCount(m.canceledCount())
                    .setTimestampNs(m.timestampNs())).build();

            case BALANCE_UPDATE:
                return ServerMessage.newBuilder().setBalanceUpdate(BalanceUpdate.newBuilder()
                    .setAssetBytes(bytes(b, m.textOffset(), m.textLength()))
                    .setAvailable(m.available())
                    .setHeld(m.held())
                    .setTimestampNs(m.timestampNs())).build();

            case BALANCE_REPORT:
                return ServerMessage.newBuilder().setBalanceReport(BalanceReport.newBuilder()
                    .setRequestId(m.requestId())
                    .setAssetBytes(bytes(b, m.textOffset(), m.textLength()))
                    .setAvailable(m.available())
                    .setHeld(m.held())
                    .setLast(m.last())).build();

            case OPEN_ORDERS_REPORT:
            {
                final OpenOrdersReport.Builder page = OpenOrdersReport.newBuilder()
                    .setRequestId(m.requestId()).setLast(m.last()).setMore(m.more());
                if (m.hasEntry())
                {
                    page.setOrder(OpenOrder.newBuilder()
                        .setOrderId(m.orderId())
                        .setClientOrderId(m.clientOrderId())
                        .setInstrumentId(m.instrumentId())
                        .setSymbolBytes(bytes(b, m.textOffset(), m.textLength()))
                        .setSideValue(m.side())
                        .setTypeValue(m.orderType())
                        .setTimeInForceValue(m.timeInForce())
                        .setPrice(m.price())
                        .setRemainingQuantity(m.quantity())
                        .setStpValue(m.selfTradePrevention())
                        .setStopPrice(m.stopPrice())
                        .setDisplayQuantity(m.displayQuantity())
                        .setExpireTimeMs(m.expireTimeMs()));
                }
                return ServerMessage.newBuilder().setOpenOrdersReport(page).build();
            }

            case INSTRUMENT_LIST_REPORT:
            {
                final InstrumentListReport.Builder page = InstrumentListReport.newBuilder()
                    .setRequestId(m.requestId()).setLast(m.last());
                if (m.hasEntry())
                {
                    page.setInstrument(InstrumentInfo.newBuilder()
                        .setInstrumentId(m.instrumentId())
                        .setSymbolBytes(bytes(b, m.textOffset(), m.textLength()))
                        .setTickSize(m.tickSize())
                        .setLotSize(m.lotSize()));
                }
                return ServerMessage.newBuilder().setInstrumentListReport(page).build();
            }

            default:
                return ServerMessage.getDefaultInstance();
        }
    }
}
