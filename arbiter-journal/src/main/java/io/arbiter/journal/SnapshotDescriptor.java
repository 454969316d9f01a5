package io.arbiter.journal;

/**
 * Layout of a snapshot file {@code snapshot-<last sequence, 20 digits>.snap}; stateless. All fields are
 * little-endian. The file is a header, the instruments in id order (each with its state and assets), the open orders
 * (resting orders and waiting stops, one entry kind each) and the risk state (fees and limits, balances, disabled
 * accounts, holds of open orders) in the order of {@link io.arbiter.engine.SnapshotListener}, the counters and a
 * trailer. The same bytes are the engine part of a cluster member's snapshot (arbiter-cluster), so there is one
 * snapshot format:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Magic 'ARBS' (0x53425241)                  |  0  header
 *  +---------------------------------------------------------------+
 *  |                          Version (4)                          |  4
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
 *  |          State flags (bit 0 halted, bit 1 delisted)           | 32
 *  +---------------------------------------------------------------+
 *  |                         Reserved (0)                          | 36
 *  +---------------------------------------------------------------+
 *  |             Price band (hundredths of a percent)              | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Last trade price (units, Long.MIN_VALUE = none)      | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Base asset length (UTF-8 bytes, 0 = no assets)       | 56
 *  +---------------------------------------------------------------+
 *  |          Quote asset length (UTF-8 bytes, 0 = no assets)      | 60
 *  +---------------------------------------------------------------+
 *  |  Symbol, base and quote bytes, zero padded to a multiple of 8 ...  64
 *  +---------------------------------------------------------------+
 *
 *  Order, repeated Order Count times:
 *  +---------------------------------------------------------------+
 *  |                         Instrument Id                         |  0
 *  +---------------+---------------+---------------+---------------+
 *  |     Side      | Time In Force |      STP      | Kind (0 order, 1 stop)  4
 *  +---------------+---------------+---------------+---------------+
 *  |                           Order Id                            |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Account                             | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |       Price (units; a stop market's is Long.MIN_VALUE)        | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      Remaining Quantity (an iceberg's visible slice)          | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |     Client Order Id (owning session's id, or -1 if unknown)   | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |     Hidden Quantity (order: iceberg, else 0; stop: stop price)| 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  Display Size (order: iceberg, else 0; stop: order type)      | 56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |               Expiry Time (GTD, else -1)                      | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Acceptance Number                         | 72
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *
 *  Risk entry, repeated up to the counters (their number follows from the file size), in the order of the engine's
 *  walk (every FEES_LIMITS, then every BALANCE, then every DISABLED, then every HOLD):
 *  +---------------------------------------------------------------+
 *  |   Kind (1 FEES_LIMITS, 2 BALANCE, 3 DISABLED, 4 HOLD)         |  0
 *  +---------------------------------------------------------------+
 *  |      Int 1 (FEES_LIMITS: instrument id; BALANCE: asset id)    |  4
 *  +---------------------------------------------------------------+
 *  |      Int 2 (FEES_LIMITS, HOLD: maker fee, basis points)       |  8
 *  +---------------------------------------------------------------+
 *  |      Int 3 (FEES_LIMITS, HOLD: taker fee, basis points)       | 12
 *  +---------------------------------------------------------------+
 *  |  Long 1 (FEES_LIMITS: max quantity; BALANCE, DISABLED:        | 16
 *  |          account; HOLD: order id)                             |
 *  +---------------------------------------------------------------+
 *  |  Long 2 (FEES_LIMITS: max notional; BALANCE: available;       | 24
 *  |          HOLD: amount held)                                   |
 *  +---------------------------------------------------------------+
 *  |  Long 3 (BALANCE: held)                                       | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  (unused fields are 0)
 *
 *  Counters, then trailer:
 *  +---------------------------------------------------------------+
 *  |                          Trade Count                          |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Clock (engine time)                      |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Acceptances (orders accepted)               | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |             CRC32C of every byte before this field            | 24
 *  +---------------------------------------------------------------+
 *  |                  End Magic 'SNAP' (0x50414E53)                | 28
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
    public static final int VERSION = 4;

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
    /** Offset of the state flags in an instrument entry. */
    public static final int INSTRUMENT_FLAGS_OFFSET = 32;
    /** Offset of the price band in an instrument entry. */
    public static final int BAND_OFFSET = 40;
    /** Offset of the last trade price in an instrument entry. */
    public static final int LAST_TRADE_PRICE_OFFSET = 48;
    /** Instrument flag: halted. */
    public static final int FLAG_HALTED = 1;
    /** Instrument flag: delisted. */
    public static final int FLAG_DELISTED = 2;
    /** Offset of the base asset's name length in an instrument entry. */
    public static final int BASE_LENGTH_OFFSET = 56;
    /** Offset of the quote asset's name length in an instrument entry. */
    public static final int QUOTE_LENGTH_OFFSET = 60;
    /** Offset of the symbol bytes (followed by the base and quote asset names) in an instrument entry. */
    public static final int SYMBOL_OFFSET = 64;
    /** Longest symbol or asset name in UTF-8 bytes. */
    public static final int MAX_SYMBOL_LENGTH = 1024;

    /** Offset of the instrument id in an order entry. */
    public static final int ORDER_INSTRUMENT_ID_OFFSET = 0;
    /** Offset of the side in an order entry. */
    public static final int ORDER_SIDE_OFFSET = 4;
    /** Offset of the time in force in an order entry. */
    public static final int ORDER_TIME_IN_FORCE_OFFSET = 5;
    /** Offset of the self-trade prevention mode in an order entry. */
    public static final int ORDER_STP_OFFSET = 6;
    /** Offset of the entry kind ({@link #KIND_ORDER} or {@link #KIND_STOP}) in an order entry. */
    public static final int ORDER_KIND_OFFSET = 7;
    /** Entry kind of a resting order. */
    public static final byte KIND_ORDER = 0;
    /** Entry kind of a waiting stop order. */
    public static final byte KIND_STOP = 1;
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
    /** Offset of the hidden quantity (order) or stop price (stop) in an order entry. */
    public static final int ORDER_HIDDEN_OFFSET = 48;
    /** Offset of the display size (order) or order type ordinal (stop) in an order entry. */
    public static final int ORDER_DISPLAY_OFFSET = 56;
    /** Offset of the expiry time in an order entry. */
    public static final int ORDER_EXPIRY_OFFSET = 64;
    /** Offset of the acceptance number in an order entry. */
    public static final int ORDER_ACCEPTANCE_OFFSET = 72;
    /** Length of an order entry. */
    public static final int ORDER_LENGTH = 80;

    /** Risk entry kind: an instrument's fees and limits. */
    public static final int RISK_FEES_LIMITS = 1;
    /** Risk entry kind: one account's balance of one asset. */
    public static final int RISK_BALANCE = 2;
    /** Risk entry kind: a disabled account. */
    public static final int RISK_DISABLED = 3;
    /** Risk entry kind: the hold of an open order. */
    public static final int RISK_HOLD = 4;
    /** Offset of the kind in a risk entry. */
    public static final int RISK_KIND_OFFSET = 0;
    /** Offset of the first int in a risk entry. */
    public static final int RISK_INT1_OFFSET = 4;
    /** Offset of the second int in a risk entry. */
    public static final int RISK_INT2_OFFSET = 8;
    /** Offset of the third int in a risk entry. */
    public static final int RISK_INT3_OFFSET = 12;
    /** Offset of the first long in a risk entry. */
    public static final int RISK_LONG1_OFFSET = 16;
    /** Offset of the second long in a risk entry. */
    public static final int RISK_LONG2_OFFSET = 24;
    /** Offset of the third long in a risk entry. */
    public static final int RISK_LONG3_OFFSET = 32;
    /** Length of a risk entry. */
    public static final int RISK_LENGTH = 40;

    /** Length of the counters section. */
    public static final int COUNTERS_LENGTH = 24;
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
     * @param namesLength UTF-8 length of the symbol and the base and quote asset names together.
     * @return length of the instrument entry.
     */
    public static int instrumentLength(final int namesLength)
    {
        return SYMBOL_OFFSET + ((namesLength + 7) & ~7);
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
