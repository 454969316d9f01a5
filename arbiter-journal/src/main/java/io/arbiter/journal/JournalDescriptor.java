package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Layout of journal segment files and of the command records in them; stateless, usable from any thread.
 * <p>
 * A segment is named {@code journal-<first sequence, 20 digits>.seg} and starts with a header:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Magic 'ARBJ' (0x4A425241)                 |
 *  +---------------------------------------------------------------+
 *  |                          Version (4)                          |
 *  +---------------------------------------------------------------+
 *  |                        First Sequence                         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * followed by records, back to back, each a multiple of 8 bytes. All fields are little-endian. A command record:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Length of the record (104)                   |  0
 *  +---------------+---------------+---------------+---------------+
 *  | Record Type 1 | Command Type  |     Side      |  Order Type   |  4
 *  +---------------+---------------+---------------+---------------+
 *  |                           Sequence                            |  8
 *  |                                                               |
 *  +---------------+---------------+-------------------------------+
 *  | Time In Force |      STP      |         Reserved (0)          | 16
 *  +---------------+---------------+-------------------------------+
 *  |                        Instrument Id                          | 20
 *  +---------------------------------------------------------------+
 *  |                         Timestamp Ns                          | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Order Id                            | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Account                             | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Price (units, Long.MIN_VALUE = none)          | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Quantity                            | 56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |         Client Order Id (the session's id for the order)      | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        Stop Price (units, Long.MIN_VALUE = none)              | 72
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                Display Quantity (0 = none)                    | 80
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |       Time (GTD expiry or TIME clock, -1 = none)              | 88
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         Reserved (0)                          | 96
 *  +---------------------------------------------------------------+
 *  |                           CRC32C                              | 100
 *  +---------------------------------------------------------------+
 * </pre>
 * The CRC32C covers bytes [0, length - 4) of the record, i.e. everything before itself: one contiguous checksum
 * update per record. Enum fields are the ordinals of the engine's enums. A length of 0 is never valid (it is what a
 * zero-filled tail reads as). The client order id is the id the owning session gave the order (for a NEW its own,
 * for a CANCEL or REPLACE the target's), or {@link #NO_CLIENT_ORDER_ID}; the engine ignores it, the server uses it to
 * give recovered orders back to their account. The instrument-level commands (TIME, MASS_CANCEL, HALT, RESUME,
 * DELIST, BAND) and the operator's commands (INSTRUMENT, DEPOSIT, WITHDRAW, FEES, LIMITS, DISABLE, ENABLE; an
 * INSTRUMENT's symbol and asset names packed as {@link io.arbiter.engine.PackedNames} describes) use the fields as
 * {@link Command} describes. Segments of older versions (1: 72-byte records, 2: 80-byte records without stop price,
 * display quantity and time, 3: the same 104-byte records without the operator's command types) are refused with a
 * clear error, never truncated.
 */
public final class JournalDescriptor
{
    /** Magic number at the start of a segment: "ARBJ" in little-endian ASCII. */
    public static final int SEGMENT_MAGIC = 0x4A425241;
    /** Version of the segment and record layout. */
    public static final int SEGMENT_VERSION = 4;
    /** Offset of the magic number in a segment header. */
    public static final int SEGMENT_MAGIC_OFFSET = 0;
    /** Offset of the version in a segment header. */
    public static final int SEGMENT_VERSION_OFFSET = 4;
    /** Offset of the first sequence in a segment header. */
    public static final int SEGMENT_FIRST_SEQUENCE_OFFSET = 8;
    /** Length of a segment header. */
    public static final int SEGMENT_HEADER_LENGTH = 16;

    /** Record type of a sequenced engine command. */
    public static final byte RECORD_TYPE_COMMAND = 1;

    /** Offset of the record length. */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of the record type. */
    public static final int RECORD_TYPE_OFFSET = 4;
    /** Offset of the command type ordinal. */
    public static final int COMMAND_TYPE_OFFSET = 5;
    /** Offset of the side ordinal. */
    public static final int SIDE_OFFSET = 6;
    /** Offset of the order type ordinal. */
    public static final int ORDER_TYPE_OFFSET = 7;
    /** Offset of the sequence. */
    public static final int SEQUENCE_OFFSET = 8;
    /** Offset of the CRC32C checksum. */
    public static final int CHECKSUM_OFFSET = 100;
    /** Offset of the time-in-force ordinal. */
    public static final int TIME_IN_FORCE_OFFSET = 16;
    /** Offset of the self-trade-prevention ordinal. */
    public static final int STP_OFFSET = 17;
    /** Offset of the reserved short after the STP. */
    public static final int RESERVED_SHORT_OFFSET = 18;
    /** Offset of the timestamp. */
    public static final int TIMESTAMP_OFFSET = 24;
    /** Offset of the order id. */
    public static final int ORDER_ID_OFFSET = 32;
    /** Offset of the account. */
    public static final int ACCOUNT_OFFSET = 40;
    /** Offset of the price. */
    public static final int PRICE_OFFSET = 48;
    /** Offset of the quantity. */
    public static final int QUANTITY_OFFSET = 56;
    /** Offset of the instrument id. */
    public static final int INSTRUMENT_ID_OFFSET = 20;
    /** Offset of the trailing reserved int. */
    public static final int RESERVED_INT_OFFSET = 96;
    /** Offset of the stop price. */
    public static final int STOP_PRICE_OFFSET = 72;
    /** Offset of the display quantity. */
    public static final int DISPLAY_QUANTITY_OFFSET = 80;
    /** Offset of the time (GTD expiry, or the clock of a TIME command). */
    public static final int TIME_OFFSET = 88;
    /** Offset of the client order id. */
    public static final int CLIENT_ORDER_ID_OFFSET = 64;
    /** Length of a command record. */
    public static final int COMMAND_RECORD_LENGTH = 104;
    /** Client order id of a record that has none (e.g. a command not entered by a client). */
    public static final long NO_CLIENT_ORDER_ID = -1;
    /** Alignment of records. */
    public static final int RECORD_ALIGNMENT = 8;

    /** Prefix of segment file names. */
    public static final String SEGMENT_PREFIX = "journal-";
    /** Suffix of segment file names. */
    public static final String SEGMENT_SUFFIX = ".seg";
    /** Digits of the sequence in file names. */
    public static final int SEQUENCE_DIGITS = 20;

    private static final int COMMAND_TYPE_COUNT = CommandType.values().length;
    private static final int SIDE_COUNT = Side.values().length;
    private static final int ORDER_TYPE_COUNT = OrderType.values().length;
    private static final int TIF_COUNT = TimeInForce.values().length;
    private static final int STP_COUNT = SelfTradePrevention.values().length;

    private JournalDescriptor()
    {
    }

    /**
     * File name of the segment whose first record has the given sequence (produces garbage).
     *
     * @param firstSequence of the segment.
     * @return the file name.
     */
    public static String segmentFileName(final long firstSequence)
    {
        return SEGMENT_PREFIX + padded(firstSequence) + SEGMENT_SUFFIX;
    }

    /**
     * First sequence encoded in a segment file name.
     *
     * @param file a path whose name may be a segment name.
     * @return the first sequence, or -1 if the name is not a segment name.
     */
    public static long segmentFirstSequence(final Path file)
    {
        return parseName(file.getFileName().toString(), SEGMENT_PREFIX, SEGMENT_SUFFIX);
    }

    static String padded(final long value)
    {
        final String digits = Long.toString(value);
        return "0".repeat(Math.max(0, SEQUENCE_DIGITS - digits.length())) + digits;
    }

    static long parseName(final String name, final String prefix, final String suffix)
    {
        if (!name.startsWith(prefix) || !name.endsWith(suffix) ||
            name.length() != prefix.length() + SEQUENCE_DIGITS + suffix.length())
        {
            return -1;
        }
        long value = 0;
        for (int i = prefix.length(), end = prefix.length() + SEQUENCE_DIGITS; i < end; i++)
        {
            final char c = name.charAt(i);
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10)
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Write a segment header at the start of a little-endian buffer's position 0.
     *
     * @param buffer        to write into at absolute offsets.
     * @param firstSequence of the segment.
     */
    public static void encodeSegmentHeader(final ByteBuffer buffer, final long firstSequence)
    {
        buffer.putInt(SEGMENT_MAGIC_OFFSET, SEGMENT_MAGIC);
        buffer.putInt(SEGMENT_VERSION_OFFSET, SEGMENT_VERSION);
        buffer.putLong(SEGMENT_FIRST_SEQUENCE_OFFSET, firstSequence);
    }

    /**
     * Encode a command record at an offset of a little-endian buffer, checksum included. Allocates nothing.
     *
     * @param buffer  to write into at absolute offsets; its order must be little-endian.
     * @param offset  of the record.
     * @param command to encode (its sequence and timestamp included).
     * @param crc     reused checksum state.
     * @param crcView a duplicate of {@code buffer} whose position and limit this method may change.
     * @return the record length.
     */
    public static int encodeCommand(
        final ByteBuffer buffer, final int offset, final Command command, final CRC32C crc, final ByteBuffer crcView)
    {
        return encodeCommand(buffer, offset, command, NO_CLIENT_ORDER_ID, crc, crcView);
    }

    /**
     * Encode a command record with the client order id of its order, checksum included. Allocates nothing.
     *
     * @param buffer        to write into at absolute offsets; its order must be little-endian.
     * @param offset        of the record.
     * @param command       to encode (its sequence and timestamp included).
     * @param clientOrderId the owning session's id for the order, or {@link #NO_CLIENT_ORDER_ID}.
     * @param crc           reused checksum state.
     * @param crcView       a duplicate of {@code buffer} whose position and limit this method may change.
     * @return the record length.
     */
    public static int encodeCommand(
        final ByteBuffer buffer,
        final int offset,
        final Command command,
        final long clientOrderId,
        final CRC32C crc,
        final ByteBuffer crcView)
    {
        buffer.putInt(offset + LENGTH_OFFSET, COMMAND_RECORD_LENGTH);
        buffer.put(offset + RECORD_TYPE_OFFSET, RECORD_TYPE_COMMAND);
        buffer.put(offset + COMMAND_TYPE_OFFSET, (byte)command.type().ordinal());
        buffer.put(offset + SIDE_OFFSET, (byte)command.side().ordinal());
        buffer.put(offset + ORDER_TYPE_OFFSET, (byte)command.orderType().ordinal());
        buffer.putLong(offset + SEQUENCE_OFFSET, command.sequence());
        buffer.put(offset + TIME_IN_FORCE_OFFSET, (byte)command.timeInForce().ordinal());
        buffer.put(offset + STP_OFFSET, (byte)command.selfTradePrevention().ordinal());
        buffer.putShort(offset + RESERVED_SHORT_OFFSET, (short)0);
        buffer.putLong(offset + TIMESTAMP_OFFSET, command.timestampNs());
        buffer.putLong(offset + ORDER_ID_OFFSET, command.orderId());
        buffer.putLong(offset + ACCOUNT_OFFSET, command.account());
        buffer.putLong(offset + PRICE_OFFSET, command.price());
        buffer.putLong(offset + QUANTITY_OFFSET, command.quantity());
        buffer.putInt(offset + INSTRUMENT_ID_OFFSET, command.instrumentId());
        buffer.putLong(offset + STOP_PRICE_OFFSET, command.stopPrice());
        buffer.putLong(offset + DISPLAY_QUANTITY_OFFSET, command.displayQuantity());
        buffer.putLong(offset + TIME_OFFSET, command.time());
        buffer.putInt(offset + RESERVED_INT_OFFSET, 0);
        buffer.putLong(offset + CLIENT_ORDER_ID_OFFSET, clientOrderId);
        buffer.putInt(offset + CHECKSUM_OFFSET, checksum(crc, crcView, offset, COMMAND_RECORD_LENGTH));
        return COMMAND_RECORD_LENGTH;
    }

    /**
     * CRC32C of a record: bytes [0, length - 4), everything before the checksum field. Allocates nothing.
     *
     * @param crc    reused checksum state.
     * @param view   a buffer over the record bytes whose position and limit this method changes.
     * @param offset of the record in {@code view}.
     * @param length of the record, at least 4.
     * @return the checksum as an int.
     */
    public static int checksum(final CRC32C crc, final ByteBuffer view, final int offset, final int length)
    {
        crc.reset();
        view.limit(offset + length - 4).position(offset);
        crc.update(view);
        return (int)crc.getValue();
    }

    /**
     * Decode a command record whose length and checksum were already checked. Allocates nothing.
     *
     * @param buffer  little-endian buffer holding the record.
     * @param offset  of the record.
     * @param command to overwrite with every field of the record.
     * @return false if an enum ordinal is out of range (the command is then partly written).
     */
    public static boolean decodeCommand(final ByteBuffer buffer, final int offset, final Command command)
    {
        final int commandType = buffer.get(offset + COMMAND_TYPE_OFFSET);
        final int side = buffer.get(offset + SIDE_OFFSET);
        final int orderType = buffer.get(offset + ORDER_TYPE_OFFSET);
        final int tif = buffer.get(offset + TIME_IN_FORCE_OFFSET);
        final int stp = buffer.get(offset + STP_OFFSET);
        if (buffer.get(offset + RECORD_TYPE_OFFSET) != RECORD_TYPE_COMMAND ||
            commandType < 0 || commandType >= COMMAND_TYPE_COUNT ||
            side < 0 || side >= SIDE_COUNT ||
            orderType < 0 || orderType >= ORDER_TYPE_COUNT ||
            tif < 0 || tif >= TIF_COUNT ||
            stp < 0 || stp >= STP_COUNT)
        {
            return false;
        }
        command
            .type(CommandType.get(commandType))
            .side(Side.get(side))
            .orderType(OrderType.get(orderType))
            .timeInForce(TimeInForce.get(tif))
            .selfTradePrevention(SelfTradePrevention.get(stp))
            .sequence(buffer.getLong(offset + SEQUENCE_OFFSET))
            .timestampNs(buffer.getLong(offset + TIMESTAMP_OFFSET))
            .orderId(buffer.getLong(offset + ORDER_ID_OFFSET))
            .account(buffer.getLong(offset + ACCOUNT_OFFSET))
            .price(buffer.getLong(offset + PRICE_OFFSET))
            .quantity(buffer.getLong(offset + QUANTITY_OFFSET))
            .stopPrice(buffer.getLong(offset + STOP_PRICE_OFFSET))
            .displayQuantity(buffer.getLong(offset + DISPLAY_QUANTITY_OFFSET))
            .time(buffer.getLong(offset + TIME_OFFSET))
            .instrumentId(buffer.getInt(offset + INSTRUMENT_ID_OFFSET));
        return true;
    }

    /**
     * @param buffer little-endian buffer holding a checked record.
     * @param offset of the record.
     * @return the record's client order id.
     */
    public static long decodeClientOrderId(final ByteBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CLIENT_ORDER_ID_OFFSET);
    }

    /**
     * @return a new little-endian direct buffer (control plane).
     * @param capacity in bytes.
     */
    static ByteBuffer allocateDirect(final int capacity)
    {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}
