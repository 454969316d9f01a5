package io.arbiter.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnknownFieldSet;
import io.arbiter.protocol.proto.Accepted;
import io.arbiter.protocol.proto.BalanceReport;
import io.arbiter.protocol.proto.BalanceUpdate;
import io.arbiter.protocol.proto.Canceled;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Fill;
import io.arbiter.protocol.proto.InstrumentInfo;
import io.arbiter.protocol.proto.InstrumentListReport;
import io.arbiter.protocol.proto.Logon;
import io.arbiter.protocol.proto.LogonAck;
import io.arbiter.protocol.proto.LogonReject;
import io.arbiter.protocol.proto.MassCancelReport;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OpenOrder;
import io.arbiter.protocol.proto.OpenOrdersReport;
import io.arbiter.protocol.proto.ProtocolError;
import io.arbiter.protocol.proto.Rejected;
import io.arbiter.protocol.proto.Replaced;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Triggered;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Properties of the encoders against protobuf-java: every frame {@link ServerMessageEncoder} and
 * {@link ClientMessageEncoder} write is byte for byte what {@code writeDelimitedTo} writes for the same values, and
 * parses with {@code parseDelimitedFrom} to them; a buffer one byte too small gets the exact size needed and is left
 * untouched; {@link ServerMessageDecoder} reads what protobuf writes, unknown fields included.
 */
class ServerMessageCodecPropertyTest
{
    private final ServerMessageEncoder serverEncoder = new ServerMessageEncoder();
    private final ClientMessageEncoder clientEncoder = new ClientMessageEncoder();
    private final ServerMessageDecoder serverDecoder = new ServerMessageDecoder(1 << 16);

    @Provide
    Arbitrary<ServerMessage> serverMessages()
    {
        return ProtoArbitraries.serverMessages();
    }

    @Provide
    Arbitrary<ClientMessage> clientMessages()
    {
        return ProtoArbitraries.clientMessages();
    }

    @Provide
    Arbitrary<UnknownFieldSet> unknownFields()
    {
        return ProtoArbitraries.unknownFields();
    }

    @Property
    void shouldEncodeServerMessagesAsProtobufDoes(@ForAll("serverMessages") final ServerMessage message)
        throws IOException
    {
        final byte[] expected = Protos.delimited(message);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[expected.length + 8]);
        final int offset = 5;

        assertEquals(-expected.length, encode(message, buffer, offset, expected.length - 1));
        assertArrayEquals(new byte[buffer.capacity()], buffer.byteArray());

        assertEquals(expected.length, encode(message, buffer, offset, expected.length));
        final byte[] written = new byte[expected.length];
        buffer.getBytes(offset, written);
        assertArrayEquals(expected, written);
        assertEquals(
            ServerMessage.parseFrom(message.toByteArray()),
            ServerMessage.parseDelimitedFrom(new ByteArrayInputStream(written)));
    }

    @Property
    void shouldEncodeClientMessagesAsProtobufDoes(@ForAll("clientMessages") final ClientMessage message)
        throws IOException
    {
        final byte[] expected = Protos.delimited(message);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[expected.length + 8]);
        final int offset = 1;
        final int written = encode(message, buffer, offset, expected.length);
        if (ClientMessage.BodyCase.BODY_NOT_SET == message.getBodyCase())
        {
            return;
        }

        assertEquals(expected.length, written);
        final byte[] bytes = new byte[expected.length];
        buffer.getBytes(offset, bytes);
        assertArrayEquals(expected, bytes);
        assertEquals(
            ClientMessage.parseFrom(message.toByteArray()),
            ClientMessage.parseDelimitedFrom(new ByteArrayInputStream(bytes)));
        assertEquals(-expected.length, encode(message, buffer, offset, expected.length - 1));
    }

    @Property
    void shouldDecodeServerMessagesProtobufWrote(
        @ForAll("serverMessages") final ServerMessage message,
        @ForAll("unknownFields") final UnknownFieldSet outer) throws IOException
    {
        final byte[] bytes = Protos.delimited(message.toBuilder().setUnknownFields(outer).build());
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

        assertEquals(FrameStatus.FRAME, serverDecoder.tryDecode(buffer, 0, bytes.length));
        assertEquals(bytes.length, serverDecoder.frameEnd());
        assertEquals(ServerMessage.parseFrom(message.toByteArray()), Protos.toProto(serverDecoder.message()));
        for (int length = 0; length < bytes.length; length++)
        {
            assertEquals(FrameStatus.NEED_MORE, serverDecoder.tryDecode(buffer, 0, length));
        }
    }

    @Provide
    Arbitrary<List<int[]>> mutations()
    {
        return new ClientMessageDecoderPropertyTest().mutations();
    }

    @Property(tries = 2000)
    void shouldFailExactlyWhenProtobufFailsOnMutatedBodies(
        @ForAll("serverMessages") final ServerMessage message,
        @ForAll("mutations") final List<int[]> mutations) throws IOException
    {
        final byte[] body = ClientMessageDecoderPropertyTest.mutate(message.toByteArray(), mutations);
        final FrameStatus status = serverDecoder.decode(new UnsafeBuffer(body), 0, body.length);
        ServerMessage parsed = null;
        String failure = null;
        try
        {
            parsed = ServerMessage.parseFrom(CodedInputStream.newInstance(new ByteArrayInputStream(body), 1));
        }
        catch (final IOException ex)
        {
            failure = String.valueOf(ex.getMessage());
        }

        if (null != parsed)
        {
            assertEquals(FrameStatus.FRAME, status);
            assertEquals(ServerMessage.parseFrom(stripUnknown(parsed)), Protos.toProto(serverDecoder.message()));
        }
        else if (!failure.contains("UTF-8"))
        {
            assertEquals(FrameStatus.MALFORMED, status, failure);
        }
    }

    private static byte[] stripUnknown(final ServerMessage message)
    {
        final UnknownFieldSet none = UnknownFieldSet.getDefaultInstance();
        final ServerMessage.Builder builder = message.toBuilder().setUnknownFields(none);
        switch (message.getBodyCase())
        {
            case LOGON_ACK -> builder.setLogonAck(message.getLogonAck().toBuilder().setUnknownFields(none));
            case LOGON_REJECT -> builder.setLogonReject(message.getLogonReject().toBuilder().setUnknownFields(none));
            case ACCEPTED -> builder.setAccepted(message.getAccepted().toBuilder().setUnknownFields(none));
            case FILL -> builder.setFill(message.getFill().toBuilder().setUnknownFields(none));
            case CANCELED -> builder.setCanceled(message.getCanceled().toBuilder().setUnknownFields(none));
            case REPLACED -> builder.setReplaced(message.getReplaced().toBuilder().setUnknownFields(none));
            case REJECTED -> builder.setRejected(message.getRejected().toBuilder().setUnknownFields(none));
            case HEARTBEAT -> builder.setHeartbeat(message.getHeartbeat().toBuilder().setUnknownFields(none));
            case PROTOCOL_ERROR ->
                builder.setProtocolError(message.getProtocolError().toBuilder().setUnknownFields(none));
            case LOGOUT -> builder.setLogout(message.getLogout().toBuilder().setUnknownFields(none));
            case TRIGGERED -> builder.setTriggered(message.getTriggered().toBuilder().setUnknownFields(none));
            case MASS_CANCEL_REPORT ->
                builder.setMassCancelReport(message.getMassCancelReport().toBuilder().setUnknownFields(none));
            case BALANCE_UPDATE ->
                builder.setBalanceUpdate(message.getBalanceUpdate().toBuilder().setUnknownFields(none));
            case BALANCE_REPORT ->
                builder.setBalanceReport(message.getBalanceReport().toBuilder().setUnknownFields(none));
            case OPEN_ORDERS_REPORT ->
            {
                final OpenOrdersReport.Builder page =
                    message.getOpenOrdersReport().toBuilder().setUnknownFields(none);
                if (page.hasOrder())
                {
                    page.setOrder(page.getOrder().toBuilder().setUnknownFields(none));
                }
                builder.setOpenOrdersReport(page);
            }
            case INSTRUMENT_LIST_REPORT ->
            {
                final InstrumentListReport.Builder page =
                    message.getInstrumentListReport().toBuilder().setUnknownFields(none);
                if (page.hasInstrument())
                {
                    page.setInstrument(page.getInstrument().toBuilder().setUnknownFields(none));
                }
                builder.setInstrumentListReport(page);
            }
            default ->
            {
            }
        }
        return builder.build().toByteArray();
    }

    private int encode(
        final ServerMessage message, final UnsafeBuffer buffer, final int offset, final int available)
    {
        switch (message.getBodyCase())
        {
            case LOGON_ACK:
            {
                final LogonAck m = message.getLogonAck();
                return serverEncoder.encodeLogonAck(
                    buffer, offset, available, m.getSessionId(), m.getHeartbeatIntervalMs(), m.getAccountId());
            }
            case LOGON_REJECT:
            {
                final LogonReject m = message.getLogonReject();
                return serverEncoder.encodeLogonReject(buffer, offset, available, m.getReasonValue(), m.getText());
            }
            case ACCEPTED:
            {
                final Accepted m = message.getAccepted();
                return serverEncoder.encodeAccepted(buffer, offset, available, m.getClientOrderId(), m.getOrderId(),
                    m.getClientTimestampNs(), m.getInstrumentId(), m.getTimestampNs());
            }
            case FILL:
            {
                final Fill m = message.getFill();
                return serverEncoder.encodeFill(buffer, offset, available, m.getClientOrderId(), m.getOrderId(),
                    m.getTradeId(), m.getPrice(), m.getQuantity(), m.getLeavesQuantity(), m.getLiquidityValue(),
                    m.getInstrumentId(), m.getSideValue(), m.getTimestampNs());
            }
            case CANCELED:
            {
                final Canceled m = message.getCanceled();
                return serverEncoder.encodeCanceled(buffer, offset, available, m.getClientOrderId(), m.getOrderId(),
                    m.getCanceledQuantity(), m.getReasonValue(), m.getTimestampNs());
            }
            case REPLACED:
            {
                final Replaced m = message.getReplaced();
                return serverEncoder.encodeReplaced(buffer, offset, available, m.getClientOrderId(), m.getOrderId(),
                    m.getPrice(), m.getQuantity(), m.getTimestampNs());
            }
            case REJECTED:
            {
                final Rejected m = message.getRejected();
                return serverEncoder.encodeRejected(buffer, offset, available, m.getClientOrderId(),
                    m.getReasonValue(), m.getRequestTypeValue(), m.getClientTimestampNs(), m.getTimestampNs(),
                    m.getText());
            }
            case PROTOCOL_ERROR:
            {
                final ProtocolError m = message.getProtocolError();
                return serverEncoder.encodeProtocolError(buffer, offset, available, m.getCodeValue(), m.getText());
            }
            case HEARTBEAT:
                return serverEncoder.encodeHeartbeat(buffer, offset, available);
            case LOGOUT:
                return serverEncoder.encodeLogout(buffer, offset, available);
            case OPEN_ORDERS_REPORT:
            {
                final OpenOrdersReport m = message.getOpenOrdersReport();
                if (!m.hasOrder())
                {
                    return serverEncoder.encodeNoOpenOrders(buffer, offset, available, m.getRequestId());
                }
                final OpenOrder o = m.getOrder();
                return serverEncoder.encodeOpenOrder(buffer, offset, available, m.getRequestId(), m.getLast(),
                    m.getMore(), o.getOrderId(), o.getClientOrderId(), o.getInstrumentId(), o.getSymbol(),
                    o.getSideValue(), o.getTypeValue(), o.getTimeInForceValue(), o.getPrice(), o.getRemainingQuantity(),
                    o.getStpValue(), o.getStopPrice(), o.getDisplayQuantity(), o.getExpireTimeMs());
            }
            case TRIGGERED:
            {
                final Triggered m = message.getTriggered();
                return serverEncoder.encodeTriggered(
                    buffer, offset, available, m.getClientOrderId(), m.getOrderId(), m.getTimestampNs());
            }
            case MASS_CANCEL_REPORT:
            {
                final MassCancelReport m = message.getMassCancelReport();
                return serverEncoder.encodeMassCancelReport(
                    buffer, offset, available, m.getRequestId(), m.getCanceledCount(), m.getTimestampNs());
            }
            case BALANCE_UPDATE:
            {
                final BalanceUpdate m = message.getBalanceUpdate();
                return serverEncoder.encodeBalanceUpdate(
                    buffer, offset, available, m.getAsset(), m.getAvailable(), m.getHeld(), m.getTimestampNs());
            }
            case BALANCE_REPORT:
            {
                final BalanceReport m = message.getBalanceReport();
                return serverEncoder.encodeBalanceReport(buffer, offset, available, m.getRequestId(),
                    m.getAsset(), m.getAvailable(), m.getHeld(), m.getLast());
            }
            case INSTRUMENT_LIST_REPORT:
            {
                final InstrumentListReport m = message.getInstrumentListReport();
                if (!m.hasInstrument())
                {
                    return serverEncoder.encodeNoInstruments(buffer, offset, available, m.getRequestId());
                }
                final InstrumentInfo i = m.getInstrument();
                return serverEncoder.encodeInstrument(buffer, offset, available, m.getRequestId(), m.getLast(),
                    i.getInstrumentId(), i.getSymbol(), i.getTickSize(), i.getLotSize());
            }
            default:
                throw new IllegalArgumentException(message.toString());
        }
    }

    private int encode(
        final ClientMessage message, final UnsafeBuffer buffer, final int offset, final int available)
    {
        switch (message.getBodyCase())
        {
            case LOGON:
            {
                final Logon m = message.getLogon();
                final byte[] secret = m.getSecret().toByteArray();
                return clientEncoder.encodeLogon(buffer, offset, available, m.getAccount(),
                    new UnsafeBuffer(secret), 0, secret.length, m.getProtocolVersion(), m.getHeartbeatIntervalMs());
            }
            case NEW_ORDER:
            {
                final NewOrder m = message.getNewOrder();
                return clientEncoder.encodeNewOrder(buffer, offset, available, m.getClientOrderId(), m.getSymbol(),
                    m.getSideValue(), m.getTypeValue(), m.getTimeInForceValue(), m.getPrice(), m.getQuantity(),
                    m.getStpValue(), m.getClientTimestampNs(), m.getTraceIdHigh(), m.getTraceIdLow(),
                    m.getStopPrice(), m.getDisplayQuantity(), m.getExpireTimeMs());
            }
            case CANCEL:
                return clientEncoder.encodeCancel(buffer, offset, available,
                    message.getCancel().getClientOrderId(), message.getCancel().getClientTimestampNs());
            case REPLACE:
                return clientEncoder.encodeReplace(buffer, offset, available,
                    message.getReplace().getClientOrderId(), message.getReplace().getPrice(),
                    message.getReplace().getQuantity(), message.getReplace().getClientTimestampNs());
            case HEARTBEAT:
                return clientEncoder.encodeHeartbeat(buffer, offset, available);
            case LOGOUT:
                return clientEncoder.encodeLogout(buffer, offset, available);
            case OPEN_ORDERS_REQUEST:
                return clientEncoder.encodeOpenOrdersRequest(buffer, offset, available,
                    message.getOpenOrdersRequest().getRequestId(), message.getOpenOrdersRequest().getSymbol(),
                    message.getOpenOrdersRequest().getAfterOrderId());
            case INSTRUMENT_LIST_REQUEST:
                return clientEncoder.encodeInstrumentListRequest(buffer, offset, available,
                    message.getInstrumentListRequest().getRequestId());
            case MASS_CANCEL:
                return clientEncoder.encodeMassCancel(buffer, offset, available,
                    message.getMassCancel().getRequestId(), message.getMassCancel().getSymbol());
            case BALANCE_REQUEST:
                return clientEncoder.encodeBalanceRequest(buffer, offset, available,
                    message.getBalanceRequest().getRequestId());
            default:
                return 0;
        }
    }
}
