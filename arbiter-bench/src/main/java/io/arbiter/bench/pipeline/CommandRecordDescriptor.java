package io.arbiter.bench.pipeline;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.IngressCommand;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Layout of one engine command as a fixed-size record in a byte ring (the Agrona ingress variant), with the copy in
 * from a producer's {@link IngressCommand} and out into a reused {@link CommandEvent}. Stateless; allocates nothing.
 * <pre>
 *   0                               8                               16
 *   +-------------------------------+-------------------------------+
 *   | session id                    | client order id               |
 *   +-------------------------------+-------------------------------+ 16
 *   | client timestamp              | received ns                   |
 *   +-------------------------------+-------------------------------+ 32
 *   | order id                      | price                         |
 *   +-------------------------------+-------------------------------+ 48
 *   | quantity                      | instrument id | T | S | O | F |   T type, S side, O order type, F time in force
 *   +-------------------------------+-------------------------------+ 64
 *   | P | (padding)                 |                                   P self-trade prevention (ordinals)
 *   +-------------------------------+ 72
 * </pre>
 */
public final class CommandRecordDescriptor
{
    /** Bytes of one record (a multiple of 8, the ring's record alignment). */
    public static final int RECORD_LENGTH = 72;

    private static final int SESSION_ID_OFFSET = 0;
    private static final int CLIENT_ORDER_ID_OFFSET = 8;
    private static final int CLIENT_TIMESTAMP_OFFSET = 16;
    private static final int RECEIVED_NS_OFFSET = 24;
    private static final int ORDER_ID_OFFSET = 32;
    private static final int PRICE_OFFSET = 40;
    private static final int QUANTITY_OFFSET = 48;
    private static final int INSTRUMENT_ID_OFFSET = 56;
    private static final int TYPE_OFFSET = 60;
    private static final int SIDE_OFFSET = 61;
    private static final int ORDER_TYPE_OFFSET = 62;
    private static final int TIME_IN_FORCE_OFFSET = 63;
    private static final int STP_OFFSET = 64;

    private static final CommandType[] TYPES = CommandType.values();
    private static final Side[] SIDES = Side.values();
    private static final OrderType[] ORDER_TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
    private static final SelfTradePrevention[] STPS = SelfTradePrevention.values();

    private CommandRecordDescriptor()
    {
    }

    /**
     * Write a staged command as one record.
     *
     * @param in     the staged command.
     * @param buffer to write into.
     * @param offset of the record.
     */
    public static void encode(final IngressCommand in, final MutableDirectBuffer buffer, final int offset)
    {
        final Command command = in.command();
        buffer.putLong(offset + SESSION_ID_OFFSET, in.sessionId());
        buffer.putLong(offset + CLIENT_ORDER_ID_OFFSET, in.clientOrderId());
        buffer.putLong(offset + CLIENT_TIMESTAMP_OFFSET, in.clientTimestampNs());
        buffer.putLong(offset + RECEIVED_NS_OFFSET, in.receivedNs());
        buffer.putLong(offset + ORDER_ID_OFFSET, command.orderId());
        buffer.putLong(offset + PRICE_OFFSET, command.price());
        buffer.putLong(offset + QUANTITY_OFFSET, command.quantity());
        buffer.putInt(offset + INSTRUMENT_ID_OFFSET, command.instrumentId());
        buffer.putByte(offset + TYPE_OFFSET, (byte)command.type().ordinal());
        buffer.putByte(offset + SIDE_OFFSET, (byte)command.side().ordinal());
        buffer.putByte(offset + ORDER_TYPE_OFFSET, (byte)command.orderType().ordinal());
        buffer.putByte(offset + TIME_IN_FORCE_OFFSET, (byte)command.timeInForce().ordinal());
        buffer.putByte(offset + STP_OFFSET, (byte)command.selfTradePrevention().ordinal());
    }

    /**
     * Read one record into a reused event as an engine command, as the node's translator fills a ring slot (the
     * sequence, timestamp and account are left for the matching handler to set).
     *
     * @param buffer holding the record.
     * @param offset of the record.
     * @param event  to overwrite.
     */
    public static void decode(final DirectBuffer buffer, final int offset, final CommandEvent event)
    {
        final long receivedNs = buffer.getLong(offset + RECEIVED_NS_OFFSET);
        event.command()
            .type(TYPES[buffer.getByte(offset + TYPE_OFFSET)])
            .sequence(0)
            .timestampNs(0)
            .account(0)
            .orderId(buffer.getLong(offset + ORDER_ID_OFFSET))
            .instrumentId(buffer.getInt(offset + INSTRUMENT_ID_OFFSET))
            .side(SIDES[buffer.getByte(offset + SIDE_OFFSET)])
            .orderType(ORDER_TYPES[buffer.getByte(offset + ORDER_TYPE_OFFSET)])
            .timeInForce(TIMES_IN_FORCE[buffer.getByte(offset + TIME_IN_FORCE_OFFSET)])
            .selfTradePrevention(STPS[buffer.getByte(offset + STP_OFFSET)])
            .price(buffer.getLong(offset + PRICE_OFFSET))
            .quantity(buffer.getLong(offset + QUANTITY_OFFSET));
        event.kind(EventKind.ENGINE_COMMAND)
            .sessionId(buffer.getLong(offset + SESSION_ID_OFFSET))
            .clientOrderId(buffer.getLong(offset + CLIENT_ORDER_ID_OFFSET))
            .receivedNs(receivedNs)
            .clientTimestampNs(buffer.getLong(offset + CLIENT_TIMESTAMP_OFFSET))
            .registration(null);
    }
}
