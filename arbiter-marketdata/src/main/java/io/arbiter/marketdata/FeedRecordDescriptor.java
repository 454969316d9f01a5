package io.arbiter.marketdata;

/**
 * Layout of the records the matching thread writes into the feed's ring ({@link MarketDataPublisher}) and the feed
 * thread reads ({@link MarketDataAgent}). Every record starts with the journal sequence of the command that caused it,
 * so that the feed publishes nothing before that command is durable.
 * <pre>
 *   LEVEL (type 1)                 TRADE (type 2)                 END (type 3): the levels of a command are complete
 *   0  command sequence  long      0  command sequence  long      0  command sequence  long
 *   8  timestamp ns      long      8  timestamp ns      long
 *   16 price             long      16 price             long
 *   24 total quantity    long      24 quantity          long
 *   32 instrument id     int       32 instrument id     int
 *   36 side (0 buy)      int       36 aggressor (0 buy) int
 *   40 order count       int       40 trade id          long
 * </pre>
 */
public final class FeedRecordDescriptor
{
    /** A level's state after a command. */
    public static final int LEVEL = 1;
    /** A trade. */
    public static final int TRADE = 2;
    /** The end of a command's levels. */
    public static final int END = 3;

    /** Offset of the command's journal sequence. */
    public static final int SEQUENCE_OFFSET = 0;
    /** Offset of the command's timestamp. */
    public static final int TIMESTAMP_OFFSET = 8;
    /** Offset of the price. */
    public static final int PRICE_OFFSET = 16;
    /** Offset of the quantity. */
    public static final int QUANTITY_OFFSET = 24;
    /** Offset of the instrument id. */
    public static final int INSTRUMENT_OFFSET = 32;
    /** Offset of the side. */
    public static final int SIDE_OFFSET = 36;
    /** Offset of a level's order count. */
    public static final int COUNT_OFFSET = 40;
    /** Offset of a trade's id. */
    public static final int TRADE_ID_OFFSET = 40;
    /** Length of a LEVEL record. */
    public static final int LEVEL_LENGTH = 44;
    /** Length of a TRADE record. */
    public static final int TRADE_LENGTH = 48;
    /** Length of an END record. */
    public static final int END_LENGTH = 8;

    private FeedRecordDescriptor()
    {
    }
}
