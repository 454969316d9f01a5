package io.arbiter.journal;

/**
 * Layout of a snapshot file {@code snapshot-<last sequence, 20 digits>.snap}; stateless. All fields are
 * little-endian. The file is a header, the instruments in id order (each with its state and asset names), the open
 * orders (resting orders and waiting stops, one entry kind each) in the order of
 * {@link io.arbiter.engine.SnapshotListener}, the spot-risk entries (fees and limits, balances, disabled accounts,
 * order holds, in that listener's order), the counters and a trailer:
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
 *  |                       Risk Entry Count                        | 20
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
 *  |    Base Asset Length (bytes)  |   Quote Asset Length (bytes)  | 36
 *  +---------------------------------------------------------------+
 *  |             Price band (hundredths of a percent)              | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Last trade price (units, Long.MIN_VALUE = none)      | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   Symbol, base and quote bytes, zero padded to a multiple of 8 ...  56
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
 *  Risk entry, repeated Risk Entry Count times (kinds: 1 fees and limits, 2 balance, 3 disabled account, 4 hold):
 *  +---------------------------------------------------------------+
 *  |                             Kind                              |  0
 *  +---------------------------------------------------------------+
 *  |        Id (fees and limits: instrument; balance: asset)       |  4
 *  +---------------------------------------------------------------+
 *  |   A (fees: maker bps; balance, disabled: account; hold: order)|  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   B (fees: taker bps; balance: available; hold: amount)       | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   C (fees: max quantity; balance: held; hold: maker bps)      | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   D (fees: max notional; hold: taker bps)                     | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
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
    /** Offset of the count of risk entries. */
    public static final int RISK_COUNT_OFFSET = 20;
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
    /** Offset of the base asset's length (a short, 0 for none) in an instrument entry. */
    public static final int BASE_LENGTH_OFFSET = 36;
    /** Offset of the quote asset's length (a short, 0 for none) in an instrument entry. */
    public static final int QUOTE_LENGTH_OFFSET = 38;
    /** Offset of the price band in an instrument entry. */
    public static final int BAND_OFFSET = 40;
    /** Offset of the last trade price in an instrument entry. */
    public static final int LAST_TRADE_PRICE_OFFSET = 48;
    /** Instrument flag: halted. */
    public static final int FLAG_HALTED = 1;
    /** Instrument flag: delisted. */
    public static final int FLAG_DELISTED = 2;
    /** Offset of the symbol bytes in an instrument entry. */
    public static final int SYMBOL_OFFSET = 56;
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
    public static final int RISK_SETTINGS = 1;
    /** Risk entry kind: one balance. */
    public static final int RISK_BALANCE = 2;
    /** Risk entry kind: a disabled account. */
    public static final int RISK_DISABLED = 3;
    /** Risk entry kind: an open order's hold. */
    public static final int RISK_HOLD = 4;
    /** Offset of the kind in a risk entry. */
    public static final int RISK_KIND_OFFSET = 0;
    /** Offset of the id in a risk entry. */
    public static final int RISK_ID_OFFSET = 4;
    /** Offset of field A in a risk entry. */
    public static final int RISK_A_OFFSET = 8;
    /** Offset of field B in a risk entry. */
    public static final int RISK_B_OFFSET = 16;
    /** Offset of field C in a risk entry. */
    public static final int RISK_C_OFFSET = 24;
    /** Offset of field D in a risk entry. */
    public static final int RISK_D_OFFSET = 32;
    /** Length of a risk entry. */
    public static final int RISK_LENGTH = 40;
    /** Longest asset name in UTF-8 bytes. */
    public static final int MAX_ASSET_LENGTH = 1024;

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
     * @param namesLength UTF-8 length of the symbol, base asset and quote asset together.
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
