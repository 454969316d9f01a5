package io.arbiter.client;

import io.arbiter.protocol.DecodedServerMessage;
import io.arbiter.protocol.FrameStatus;
import io.arbiter.protocol.ServerMessageDecoder;
import io.arbiter.protocol.ServerMessageType;
import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.LogonRejectReason;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import org.agrona.DirectBuffer;


/**
 * Decodes one {@code ServerMessage} frame at a time with the protocol's {@link ServerMessageDecoder} and dispatches it
 * to a {@link ClientListener}. Allocates nothing (except to decode non-ASCII text). One instance per connection; used
 * only on that connection's event loop.
 */
public final class ServerMessageAdapter
{
    /** The frame decoded and was dispatched (or was a heartbeat, or an unknown body that was skipped). */
    public static final int OK = 0;
    /** The frame is not a well-formed ServerMessage. */
    public static final int MALFORMED = -1;

    private final StringBuilder text = new StringBuilder(128);
    private final ServerMessageDecoder decoder;
    private final ArbiterClient client;
    private final ClientListener listener;
    private final ServerMessageCounters counters;
    private ServerMessageType lastType = ServerMessageType.NONE;

    /**
     * Creates an adapter for one connection.
     *
     * @param client   the connection passed to the listener.
     * @param listener where decoded messages go.
     * @param counters counts per message type (owned by the client).
     * @param maxFrameLength largest frame accepted.
     */
    public ServerMessageAdapter(
        final ArbiterClient client,
        final ClientListener listener,
        final ServerMessageCounters counters,
        final int maxFrameLength)
    {
        this.decoder = new ServerMessageDecoder(maxFrameLength);
        this.client = client;
        this.listener = listener;
        this.counters = counters;
    }

    /**
     * The type of the last decoded frame ({@code NONE} if none or if it was malformed).
     *
     * @return the type.
     */
    public ServerMessageType lastType()
    {
        return lastType;
    }

    /**
     * Decodes one frame (without its length prefix) and dispatches it.
     *
     * @param buffer the buffer holding the frame.
     * @param offset where the ServerMessage starts.
     * @param length its length.
     * @return {@link #OK} or {@link #MALFORMED}.
     */
    public int onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (decoder.decode(buffer, offset, length) != FrameStatus.FRAME)
        {
            return MALFORMED;
        }
        final DecodedServerMessage m = decoder.message();
        lastType = m.type();
        switch (lastType)
        {
            case LOGON_ACK:
                counters.logonAcks++;
                client.onLogonAckReceived(m.sessionId(), m.heartbeatIntervalMs(), m.accountId());
                listener.onLogonAck(client, m.sessionId(), m.heartbeatIntervalMs(), m.accountId());
                break;
            case LOGON_REJECT:
            {
                counters.logonRejects++;
                final LogonRejectReason reason = orUnrecognized(
                    LogonRejectReason.forNumber(m.reason()), LogonRejectReason.UNRECOGNIZED);
                final CharSequence reasonText = text(m);
                client.onLogonRejectReceived(reason, reasonText);
                listener.onLogonReject(client, reason, reasonText);
                break;
            }
            case ACCEPTED:
                counters.accepted++;
                listener.onAccepted(
                    client, m.clientOrderId(), m.orderId(), m.clientTimestampNs(), m.instrumentId(), m.timestampNs());
                break;
            case FILL:
                counters.fills++;
                listener.onFill(client, m.clientOrderId(), m.orderId(), m.tradeId(), m.price(), m.quantity(),
                    m.leavesQuantity(), orUnrecognized(Liquidity.forNumber(m.liquidity()), Liquidity.UNRECOGNIZED),
                    m.instrumentId(), orUnrecognized(Side.forNumber(m.side()), Side.UNRECOGNIZED), m.timestampNs());
                break;
            case CANCELED:
                counters.canceled++;
                listener.onCanceled(client, m.clientOrderId(), m.orderId(), m.quantity(),
                    orUnrecognized(CancelReason.forNumber(m.reason()), CancelReason.UNRECOGNIZED), m.timestampNs());
                break;
            case REPLACED:
                counters.replaced++;
                listener.onReplaced(client, m.clientOrderId(), m.orderId(), m.price(), m.quantity(), m.timestampNs());
                break;
            case REJECTED:
                counters.rejected++;
                listener.onRejected(client, m.clientOrderId(),
                    orUnrecognized(RejectReason.forNumber(m.reason()), RejectReason.UNRECOGNIZED),
                    orUnrecognized(RequestType.forNumber(m.requestType()), RequestType.UNRECOGNIZED),
                    m.clientTimestampNs(), m.timestampNs(), text(m));
                break;
            case HEARTBEAT:
                counters.heartbeats++;
                break;
            case PROTOCOL_ERROR:
                counters.protocolErrors++;
                listener.onProtocolError(client,
                    orUnrecognized(ProtocolErrorCode.forNumber(m.reason()), ProtocolErrorCode.UNRECOGNIZED), text(m));
                break;
            case LOGOUT:
                counters.logouts++;
                listener.onLogout(client);
                break;
            case OPEN_ORDERS_REPORT:
                counters.queryPages++;
                if (m.hasEntry())
                {
                    listener.onOpenOrder(client, m.requestId(), m.orderId(), m.clientOrderId(), m.instrumentId(),
                        text(m), orUnrecognized(Side.forNumber(m.side()), Side.UNRECOGNIZED),
                        orUnrecognized(OrderType.forNumber(m.orderType()), OrderType.UNRECOGNIZED),
                        orUnrecognized(TimeInForce.forNumber(m.timeInForce()), TimeInForce.UNRECOGNIZED),
                        m.price(), m.quantity(),
                        orUnrecognized(SelfTradePrevention.forNumber(m.selfTradePrevention()),
                            SelfTradePrevention.UNRECOGNIZED),
                        m.stopPrice(), m.displayQuantity(), m.expireTimeMs());
                }
                if (m.last())
                {
                    listener.onOpenOrdersEnd(client, m.requestId(), m.more());
                }
                break;
            case INSTRUMENT_LIST_REPORT:
                counters.queryPages++;
                if (m.hasEntry())
                {
                    listener.onInstrument(
                        client, m.requestId(), m.instrumentId(), text(m), m.tickSize(), m.lotSize());
                }
                if (m.last())
                {
                    listener.onInstrumentListEnd(client, m.requestId());
                }
                break;
            case TRIGGERED:
                counters.triggered++;
                listener.onTriggered(client, m.clientOrderId(), m.orderId(), m.timestampNs());
                break;
            case MASS_CANCEL_REPORT:
                counters.massCancelReports++;
                listener.onMassCanceled(client, m.requestId(), m.canceledCount(), m.timestampNs());
                break;
            case BALANCE_UPDATE:
                counters.balanceUpdates++;
                listener.onBalance(client, text(m), m.available(), m.held(), m.timestampNs());
                break;
            case BALANCE_REPORT:
                counters.queryPages++;
                if (m.hasEntry())
                {
                    listener.onBalanceReport(client, m.requestId(), text(m), m.available(), m.held());
                }
                if (m.last())
                {
                    listener.onBalanceReportEnd(client, m.requestId());
                }
                break;
            default:
                counters.unknown++;
                break;
        }
        return OK;
    }

    private CharSequence text(final DecodedServerMessage m)
    {
        final DirectBuffer buffer = m.buffer();
        final int offset = m.textOffset();
        final int length = m.textLength();
        text.setLength(0);
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b < 0)
            {
                text.setLength(0);
                text.append(buffer.getStringWithoutLengthUtf8(offset, length));
                return text;
            }
            text.append((char)b);
        }
        return text;
    }

    private static <E> E orUnrecognized(final E value, final E unrecognized)
    {
        return value == null ? unrecognized : value;
    }
}
