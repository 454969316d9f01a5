package io.arbiter.cluster.codec;

/**
 * Layout of the clustered engine's egress messages to a gateway; stateless. All fields are little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Message Type (1 = REPORTS, 2 = RESYNC_REPLY)          |  0
 *  +---------------------------------------------------------------+
 *  |                          Gateway Id                           |  4
 *  +---------------------------------------------------------------+
 *  |  Egress Sequence (REPORTS: this message's, from 1 per gateway;|  8
 *  |  RESYNC_REPLY: the last one the service has sent)             |
 *  +---------------------------------------------------------------+
 *  |       Applied Ingress Sequence (of this gateway, so far)      | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         Report Count                          | 24
 *  +---------------------------------------------------------------+
 *  |                         Reserved (0)                          | 28
 *  +---------------------------------------------------------------+
 *  |                 reports, 64 bytes each (below)                | 32
 *  +---------------------------------------------------------------+
 * </pre>
 * A report:
 * <pre>
 *  +---------------+---------------+---------------+---------------+
 *  |     Kind      |     Side      |    Reason     |  Maker (0/1)  |  0
 *  +---------------+---------------+---------------+---------------+
 *  |                        Instrument Id                          |  4
 *  +---------------------------------------------------------------+
 *  |                  Order Id (see {@link OrderIds})              |  8
 *  +---------------------------------------------------------------+
 *  |                           Account                             | 16
 *  +---------------------------------------------------------------+
 *  |                       Price (units)                           | 24
 *  +---------------------------------------------------------------+
 *  |   Quantity (trade: traded; CANCELED: cancelled; REPLACED: new)| 32
 *  +---------------------------------------------------------------+
 *  |                 Leaves (TRADE: after the trade)               | 40
 *  +---------------------------------------------------------------+
 *  |                    Trade Id (TRADE), else 0                   | 48
 *  +---------------------------------------------------------------+
 *  |  Ingress Sequence of this gateway's command that caused it,   | 56
 *  |  0 when another gateway's command traded against its order    |
 *  +---------------------------------------------------------------+
 * </pre>
 * (every field from offset 8 on is 8 bytes). Side, reason and (for REJECTED and INSTRUMENT_STATE) the command type in
 * the Maker byte are ordinals of the engine's enums; reason is a {@link io.arbiter.engine.CancelReason} for CANCELED
 * (every reason the engine has: USER, IOC, FOK, POST_ONLY, SELF_TRADE, EXPIRED, MASS, DELISTED, PRICE_BAND,
 * INSUFFICIENT_FUNDS, ACCOUNT_DISABLED) and a {@link io.arbiter.engine.RejectReason} for REJECTED. A CANCELED report
 * carries the instrument id and side of the command that caused it (an expiry by the cluster clock: instrument -1).
 * The kinds of issues #17 and #18 reuse the fields:
 * <ul>
 *   <li>TRIGGERED: a stop order became its limit or market order; order id, account, instrument of the trade that
 *   triggered it.</li>
 *   <li>MASS_CANCELED: the result of a MASS_CANCEL, to the sending gateway only; account, instrument id (or
 *   {@link io.arbiter.engine.Command#ALL_INSTRUMENTS}), the number of orders cancelled in Quantity.</li>
 *   <li>INSTRUMENT_STATE: HALT, RESUME, DELIST or BAND applied (the command type in the Maker byte), to every gateway;
 *   instrument id, the value in Price (the band in hundredths of a percent for BAND, else 0).</li>
 *   <li>BALANCE: an account's balance of one asset changed, to every gateway; account, the asset id in Instrument
 *   Id, the asset's name packed as in BALANCE_ENTRY in Order Id, available in Quantity, held in Leaves.</li>
 * </ul>
 * The market-data kinds go only to gateways that sent MARKET_DATA ({@link IngressDescriptor#TYPE_MARKET_DATA}), with
 * Ingress Sequence 0 and the log's time of the causing command in nanoseconds in the Order Id field:
 * <ul>
 *   <li>PUBLIC_TRADE: a trade; instrument id, the taker's side, price, quantity, trade id.</li>
 *   <li>LEVEL: a price level a command changed, in the engine's order ({@link io.arbiter.engine.LevelListener});
 *   instrument id, side, price, total quantity in Quantity (0: the level is gone), order count in Leaves.</li>
 *   <li>LEVELS_END: the last LEVEL of one command was given.</li>
 *   <li>BOOK_LEVEL: a level of the book as it stands at the MARKET_DATA request, fields as LEVEL; followed by one
 *   BOOK_END after the last level of the last instrument.</li>
 * </ul>
 * The answer to a query record ({@link IngressDescriptor#RECORD_TYPE_QUERY}) goes to the asking gateway only, with the
 * query's Ingress Sequence, in one REPORTS message:
 * <ul>
 *   <li>OPEN_ORDER: one open order (resting, or a waiting stop) of the account sent through the gateway, in ascending
 *   order id; order id, instrument id, side, the order type ordinal in Reason, the Maker byte's flags (bit 0 last page,
 *   bit 1 more orders follow a next query, bits 2-4 time in force, bits 5-7 self-trade prevention ordinals), price in
 *   Price, remaining quantity (hidden included) in Quantity, display quantity in Leaves, stop price in Trade Id and
 *   the expiry (epoch ms, or {@link io.arbiter.engine.Command#NO_TIME}) in Account.</li>
 *   <li>BALANCE_ENTRY: one asset of the account with a non-zero balance, in asset order; the asset id in Instrument
 *   Id, the asset's name (at most 8 ASCII characters, little-endian, zero padded) in Order Id, available in Quantity,
 *   held in Leaves, bit 0 of the Maker byte on the last one.</li>
 *   <li>NO_ENTRIES: the answer is empty; the query kind in Reason.</li>
 *   <li>OPERATOR_RESULT (to the sender of an operator command: DEPOSIT, WITHDRAW, HALT, RESUME, DELIST, BAND, FEES,
 *   LIMITS, DISABLE, ENABLE): the command type in Maker, 1 in Reason if the engine refused it, the command's
 *   instrument (or asset) id, the packed asset name in Order Id (DEPOSIT, WITHDRAW), the account, the engine's result
 *   in Price (1 applied or 0 refused for its amount for DEPOSIT and WITHDRAW, orders cancelled for DISABLE, else 0),
 *   the service's sequence of the command in Quantity, and for DEPOSIT and WITHDRAW the account's available and held
 *   amounts of the asset after it in Leaves and Trade Id.</li>
 * </ul>
 * A REPORTS message holds every report of one gateway caused by
 * one ingress message (possibly none, to tell the applied ingress sequence). Egress sequences have no gaps: a gateway
 * that sees one sends a RESYNC.
 */
public final class EgressDescriptor
{
    /** Reports of one ingress message for one gateway. */
    public static final int TYPE_REPORTS = 1;
    /** Answer to a RESYNC, after the retained messages were sent again. */
    public static final int TYPE_RESYNC_REPLY = 2;

    /** Offset of the message type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the gateway id. */
    public static final int GATEWAY_ID_OFFSET = 4;
    /** Offset of the egress sequence. */
    public static final int EGRESS_SEQUENCE_OFFSET = 8;
    /** Offset of the gateway's applied ingress sequence. */
    public static final int APPLIED_SEQUENCE_OFFSET = 16;
    /** Offset of the report count. */
    public static final int REPORT_COUNT_OFFSET = 24;
    /** Length of the header, and offset of the first report. */
    public static final int HEADER_LENGTH = 32;

    /** Report kind: a NEW order was accepted. */
    public static final byte KIND_ACCEPTED = 1;
    /** Report kind: one party of a trade. */
    public static final byte KIND_TRADE = 2;
    /** Report kind: an order or its remainder left the book without trading. */
    public static final byte KIND_CANCELED = 3;
    /** Report kind: an open order's price and quantity changed. */
    public static final byte KIND_REPLACED = 4;
    /** Report kind: a command was refused. */
    public static final byte KIND_REJECTED = 5;
    /** Report kind: a waiting stop order was triggered. */
    public static final byte KIND_TRIGGERED = 6;
    /** Report kind: the result of a MASS_CANCEL. */
    public static final byte KIND_MASS_CANCELED = 7;
    /** Report kind: an instrument was halted, resumed, delisted or banded. */
    public static final byte KIND_INSTRUMENT_STATE = 8;
    /** Report kind: an account's balance of one asset changed. */
    public static final byte KIND_BALANCE = 9;

    /** Report kind: a public trade (market data). */
    public static final byte KIND_PUBLIC_TRADE = 10;
    /** Report kind: a price level a command changed (market data). */
    public static final byte KIND_LEVEL = 11;
    /** Report kind: the last level change of a command was given (market data). */
    public static final byte KIND_LEVELS_END = 12;
    /** Report kind: a price level of the book at a MARKET_DATA request (market data). */
    public static final byte KIND_BOOK_LEVEL = 13;
    /** Report kind: the book of a MARKET_DATA request is complete (market data). */
    public static final byte KIND_BOOK_END = 14;

    /** Report kind: one open order of a query's answer. */
    public static final byte KIND_OPEN_ORDER = 15;
    /** Report kind: one balance of a query's answer. */
    public static final byte KIND_BALANCE_ENTRY = 16;
    /** Report kind: a query's answer is empty. */
    public static final byte KIND_NO_ENTRIES = 17;
    /** Report kind: the outcome of an operator command, to its sender. */
    public static final byte KIND_OPERATOR_RESULT = 18;
    /** Flag of an answer's page (Maker byte): the last page of the answer. */
    public static final int FLAG_LAST = 1;
    /** Flag of an open-orders page (Maker byte): more orders than one answer holds; ask again after the last. */
    public static final int FLAG_MORE = 2;
    /** Shift of the time-in-force ordinal in an open-orders page's Maker byte. */
    public static final int TIME_IN_FORCE_SHIFT = 2;
    /** Shift of the self-trade-prevention ordinal in an open-orders page's Maker byte. */
    public static final int STP_SHIFT = 5;

    /** Offset of the kind in a report. */
    public static final int KIND_OFFSET = 0;
    /** Offset of the side ordinal in a report. */
    public static final int SIDE_OFFSET = 1;
    /** Offset of the reason ordinal in a report. */
    public static final int REASON_OFFSET = 2;
    /** Offset of the maker flag (TRADE) or command type ordinal (REJECTED) in a report. */
    public static final int MAKER_OFFSET = 3;
    /** Offset of the instrument id in a report. */
    public static final int INSTRUMENT_ID_OFFSET = 4;
    /** Offset of the order id in a report. */
    public static final int ORDER_ID_OFFSET = 8;
    /** Offset of the account in a report. */
    public static final int ACCOUNT_OFFSET = 16;
    /** Offset of the price in a report. */
    public static final int PRICE_OFFSET = 24;
    /** Offset of the quantity in a report. */
    public static final int QUANTITY_OFFSET = 32;
    /** Offset of the leaves quantity in a report. */
    public static final int LEAVES_OFFSET = 40;
    /** Offset of the trade id in a report. */
    public static final int TRADE_ID_OFFSET = 48;
    /** Offset of the causing command's ingress sequence in a report. */
    public static final int INGRESS_SEQUENCE_OFFSET = 56;
    /** Length of one report. */
    public static final int REPORT_LENGTH = 64;

    private EgressDescriptor()
    {
    }

    /**
     * @param kind a report's kind.
     * @return true for the market-data kinds (PUBLIC_TRADE to BOOK_END).
     */
    public static boolean isMarketData(final byte kind)
    {
        return kind >= KIND_PUBLIC_TRADE && kind <= KIND_BOOK_END;
    }

    /**
     * An asset name in a report's 8-byte field: its characters little-endian, zero padded. Allocates nothing.
     *
     * @param name at most 8 ASCII characters (the engine's asset names).
     * @return the packed name.
     */
    public static long packAssetName(final CharSequence name)
    {
        long packed = 0;
        for (int i = Math.min(8, name.length()) - 1; i >= 0; i--)
        {
            packed = packed << 8 | (name.charAt(i) & 0xFF);
        }
        return packed;
    }

    /**
     * Produces garbage (the name).
     *
     * @param packed a name packed by {@link #packAssetName}.
     * @return the name.
     */
    public static String assetName(final long packed)
    {
        final StringBuilder name = new StringBuilder(8);
        for (long rest = packed; rest != 0; rest >>>= 8)
        {
            name.append((char)(rest & 0xFF));
        }
        return name.toString();
    }
}
