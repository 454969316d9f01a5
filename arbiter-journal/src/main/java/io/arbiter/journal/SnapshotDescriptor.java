package io.arbiter.journal;

/**
 * Layout of a snapshot file {@code snapshot-<last sequence, 20 digits>.snap}; stateless. All fields are
 * little-endian. The file is a header, the instruments in id order, the resting orders in the order of
 * {@link io.arbiter.engine.SnapshotListener}, the counters and a trailer:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Magic 'ARBS' (0x53425241)                  |  0  header
 *  +---------------------------------------------------------------+
 *  |                          Version (2)                          |  4
 *  +---------------------------------------------------------------+
 *  |                  Last Sequence applied to the state           |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       Instrument Count                        | 16
 *  +---------------------------------------------------------------+
 *  |                         Reserved (0)                          | 20
 *  +---------------------------------------------------------------+
 *  |                          Order Count                          | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *
 *  Instrument, repeated Instrument Count times:
 *  +---------------------------------------------------------------+
 *  |                         Instrument Id                         |  0
 *  +---------------------------------------------------------------+
 *  |                   Symbol Length (UTF-8 bytes)                 |  4
 *  +---------------------------------------------------------------+
 *  |                       Tick Size (units)                       |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Lot Size                            | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Max Price (ticks)                         | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Symbol bytes, zero padded to a multiple of 8        ...  32
 *  +---------------------------------------------------------------+
 *
 *  Order, repeated Order Count times:
 *  +---------------------------------------------------------------+
 *  |                         Instrument Id                         |  0
 *  +---------------+---------------+---------------+---------------+
 *  |     Side      | Time In Force |      STP      |  Reserved (0) |  4
 *  +---------------+---------------+---------------+---------------+
 *  |                           Order Id                            |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Account                             | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         Price (units)                         | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Remaining Quantity                       | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |     Client Order Id (owning session's id, or -1 if unknown)   | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *
 *  Counters, then trailer:
 *  +---------------------------------------------------------------+
 *  |                          Trade Count                          |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |             CRC32C of every byte before this field            |  8
 *  +---------------------------------------------------------------+
 *  |                  End Magic 'SNAP' (0x50414E53)                | 12
 *  +---------------------------------------------------------------+
 * </pre>
 * A snapshot is written to {@code <name>.tmp}, forced, renamed with {@code ATOMIC_MOVE} and the directory forced, so
 * a reader sees either no file or a complete one; the checksum catches later damage.
 */
public final class SnapshotDescriptor
{
    /** Magic number at the start: "ARBS" in little-endian ASCII. */
    public static final int MAGIC = 0x53425241;
    /** Magic number at the end: "SNAP" in little-endian ASCII. */
    public static final int END_MAGIC = 0x50414E53;
    /** Layout version. */
    public static final int VERSION = 2;

    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the version. */
    public static final int VERSION_OFFSET = 4;
    /** Offset of the last sequence. */
    public static final int LAST_SEQUENCE_OFFSET = 8;
    /** Offset of the instrument count. */
    public static final int INSTRUMENT_COUNT_OFFSET = 16;
    /** Offset of the order count. */
    public static final int ORDER_COUNT_OFFSET = 24;
    /** Length of the header. */
    public static final int HEADER_LENGTH = 32;

    /** Offset of the id in an instrument entry. */
    public static final int INSTRUMENT_ID_OFFSET = 0;
    /** Offset of the symbol length in an instrument entry. */
    public static final int SYMBOL_LENGTH_OFFSET = 4;
    /** Offset of the tick size in an instrument entry. */
    public static final int TICK_SIZE_OFFSET = 8;
    /** Offset of the lot size in an instrument entry. */
    public static final int LOT_SIZE_OFFSET = 16;
    /** Offset of the maximum price in an instrument entry. */
    public static final int MAX_PRICE_TICKS_OFFSET = 24;
    /** Offset of the symbol bytes in an instrument entry. */
    public static final int SYMBOL_OFFSET = 32;
    /** Longest symbol in UTF-8 bytes. */
    public static final int MAX_SYMBOL_LENGTH = 1024;

    /** Offset of the instrument id in an order entry. */
    public static final int ORDER_INSTRUMENT_ID_OFFSET = 0;
    /** Offset of the side in an order entry. */
    public static final int ORDER_SIDE_OFFSET = 4;
    /** Offset of the time in force in an order entry. */
    public static final int ORDER_TIME_IN_FORCE_OFFSET = 5;
    /** Offset of the self-trade prevention mode in an order entry. */
    public static final int ORDER_STP_OFFSET = 6;
    /** Offset of the order id in an order entry. */
    public static final int ORDER_ID_OFFSET = 8;
    /** Offset of the account in an order entry. */
    public static final int ORDER_ACCOUNT_OFFSET = 16;
    /** Offset of the price in an order entry. */
    public static final int ORDER_PRICE_OFFSET = 24;
    /** Offset of the remaining quantity in an order entry. */
    public static final int ORDER_REMAINING_OFFSET = 32;
    /** Offset of the client order id in an order entry. */
    public static final int ORDER_CLIENT_ORDER_ID_OFFSET = 40;
    /** Length of an order entry. */
    public static final int ORDER_LENGTH = 48;

    /** Length of the counters section. */
    public static final int COUNTERS_LENGTH = 8;
    /** Offset of the checksum within the trailer. */
    public static final int TRAILER_CHECKSUM_OFFSET = 0;
    /** Offset of the end magic within the trailer. */
    public static final int TRAILER_END_MAGIC_OFFSET = 4;
    /** Length of the trailer. */
    public static final int TRAILER_LENGTH = 8;

    /** Prefix of snapshot file names. */
    public static final String SNAPSHOT_PREFIX = "snapshot-";
    /** Suffix of snapshot file names. */
    public static final String SNAPSHOT_SUFFIX = ".snap";
    /** Suffix of a snapshot being written. */
    public static final String TEMP_SUFFIX = ".snap.tmp";

    private SnapshotDescriptor()
    {
    }

    /**
     * @param symbolLength UTF-8 length of the symbol.
     * @return length of the instrument entry.
     */
    public static int instrumentLength(final int symbolLength)
    {
        return SYMBOL_OFFSET + ((symbolLength + 7) & ~7);
    }

    /**
     * File name of the snapshot taken after a sequence (produces garbage).
     *
     * @param lastSequence last sequence applied to the state.
     * @return the file name.
     */
    public static String snapshotFileName(final long lastSequence)
    {
        return SNAPSHOT_PREFIX + JournalDescriptor.padded(lastSequence) + SNAPSHOT_SUFFIX;
    }

    /**
     * @param file a path whose name may be a snapshot name.
     * @return the last sequence in the name, or -1 if it is not a snapshot name.
     */
    public static long snapshotLastSequence(final java.nio.file.Path file)
    {
        return JournalDescriptor.parseName(file.getFileName().toString(), SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX);
    }
}
