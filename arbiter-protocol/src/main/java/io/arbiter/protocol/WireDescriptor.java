package io.arbiter.protocol;

/**
 * Layout constants of the Arbiter wire format: framing, protobuf wire types and the tag byte of every field of
 * {@code arbiter.proto}. Every field number is at most 15, so every tag is a single byte, except the
 * envelope members 16 and up (ServerMessage.balance_report), whose tag is two bytes (see {@link #tag}).
 * <pre>
 *   Frame (exactly what protobuf's writeDelimitedTo writes):
 *    0                   1                   2
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+------
 *   | body length, varint (1-5 bytes)  | body: ClientMessage or ServerMessage ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+------
 *
 *   Body (an envelope with one field set, the oneof member):
 *   +---------------+------------------------+-------------------------------------
 *   | tag (1 byte)  | member length, varint  | member fields (tag, value)...
 *   +---------------+------------------------+-------------------------------------
 *   tag = field_number &lt;&lt; 3 | wire_type
 * </pre>
 */
public final class WireDescriptor
{
    /** Wire type of varint fields (int64, uint64, uint32, enum). */
    public static final int WIRE_VARINT = 0;
    /** Wire type of fixed64 fields. */
    public static final int WIRE_FIXED64 = 1;
    /** Wire type of length-delimited fields (string, bytes, messages). */
    public static final int WIRE_LENGTH_DELIMITED = 2;
    /** Wire type that starts a (deprecated) group. */
    public static final int WIRE_START_GROUP = 3;
    /** Wire type that ends a (deprecated) group. */
    public static final int WIRE_END_GROUP = 4;
    /** Wire type of fixed32 fields. */
    public static final int WIRE_FIXED32 = 5;

    /** Longest varint length prefix of a frame in bytes. */
    public static final int MAX_LENGTH_PREFIX = 5;
    /** Longest 64-bit varint in bytes. */
    public static final int MAX_VARINT64 = 10;
    /** Default maximum frame body length a decoder accepts. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 4096;
    /** Deepest nesting of unknown groups a decoder skips before calling the frame malformed. */
    public static final int MAX_GROUP_DEPTH = 64;

    /** ClientMessage.logon. */
    public static final int CLIENT_LOGON = (1 << 3) | WIRE_LENGTH_DELIMITED;
    /** ClientMessage.new_order. */
    public static final int CLIENT_NEW_ORDER = (2 << 3) | WIRE_LENGTH_DELIMITED;
    /** ClientMessage.cancel. */
    public static final int CLIENT_CANCEL = (3 << 3) | WIRE_LENGTH_DELIMITED;
    /** ClientMessage.replace. */
    public static final int CLIENT_REPLACE = (4 << 3) | WIRE_LENGTH_DELIMITED;
    /** ClientMessage.heartbeat. */
    public static final int CLIENT_HEARTBEAT = (5 << 3) | WIRE_LENGTH_DELIMITED;
    /** ClientMessage.logout. */
    public static final int CLIENT_LOGOUT = (6 << 3) | WIRE_LENGTH_DELIMITED;

    /** Logon.account (string). */
    public static final int LOGON_ACCOUNT = (1 << 3) | WIRE_LENGTH_DELIMITED;
    /** Logon.secret (bytes). */
    public static final int LOGON_SECRET = (2 << 3) | WIRE_LENGTH_DELIMITED;
    /** Logon.protocol_version (uint32). */
    public static final int LOGON_PROTOCOL_VERSION = (3 << 3) | WIRE_VARINT;
    /** Logon.heartbeat_interval_ms (uint32). */
    public static final int LOGON_HEARTBEAT_INTERVAL_MS = (4 << 3) | WIRE_VARINT;

    /** NewOrder.client_order_id (uint64). */
    public static final int NEW_ORDER_CLIENT_ORDER_ID = (1 << 3) | WIRE_VARINT;
    /** NewOrder.symbol (string). */
    public static final int NEW_ORDER_SYMBOL = (2 << 3) | WIRE_LENGTH_DELIMITED;
    /** NewOrder.side (enum). */
    public static final int NEW_ORDER_SIDE = (3 << 3) | WIRE_VARINT;
    /** NewOrder.type (enum). */
    public static final int NEW_ORDER_TYPE = (4 << 3) | WIRE_VARINT;
    /** NewOrder.time_in_force (enum). */
    public static final int NEW_ORDER_TIME_IN_FORCE = (5 << 3) | WIRE_VARINT;
    /** NewOrder.price (int64). */
    public static final int NEW_ORDER_PRICE = (6 << 3) | WIRE_VARINT;
    /** NewOrder.quantity (int64). */
    public static final int NEW_ORDER_QUANTITY = (7 << 3) | WIRE_VARINT;
    /** NewOrder.stp (enum). */
    public static final int NEW_ORDER_STP = (8 << 3) | WIRE_VARINT;
    /** NewOrder.client_timestamp_ns (fixed64). */
    public static final int NEW_ORDER_CLIENT_TIMESTAMP_NS = (9 << 3) | WIRE_FIXED64;
    /** NewOrder.trace_id_high (fixed64). */
    public static final int NEW_ORDER_TRACE_ID_HIGH = (10 << 3) | WIRE_FIXED64;
    /** NewOrder.trace_id_low (fixed64). */
    public static final int NEW_ORDER_TRACE_ID_LOW = (11 << 3) | WIRE_FIXED64;
    /** NewOrder.stop_price (int64). */
    public static final int NEW_ORDER_STOP_PRICE = (12 << 3) | WIRE_VARINT;
    /** NewOrder.display_quantity (int64). */
    public static final int NEW_ORDER_DISPLAY_QUANTITY = (13 << 3) | WIRE_VARINT;
    /** NewOrder.expire_time_ms (int64). */
    public static final int NEW_ORDER_EXPIRE_TIME_MS = (14 << 3) | WIRE_VARINT;

    /** Cancel.client_order_id (uint64). */
    public static final int CANCEL_CLIENT_ORDER_ID = (1 << 3) | WIRE_VARINT;
    /** Cancel.client_timestamp_ns (fixed64). */
    public static final int CANCEL_CLIENT_TIMESTAMP_NS = (2 << 3) | WIRE_FIXED64;

    /** Replace.client_order_id (uint64). */
    public static final int REPLACE_CLIENT_ORDER_ID = (1 << 3) | WIRE_VARINT;
    /** Replace.price (int64). */
    public static final int REPLACE_PRICE = (2 << 3) | WIRE_VARINT;
    /** Replace.quantity (int64). */
    public static final int REPLACE_QUANTITY = (3 << 3) | WIRE_VARINT;
    /** Replace.client_timestamp_ns (fixed64). */
    public static final int REPLACE_CLIENT_TIMESTAMP_NS = (4 << 3) | WIRE_FIXED64;

    /** ServerMessage.logon_ack. */
    public static final int SERVER_LOGON_ACK = (1 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.logon_reject. */
    public static final int SERVER_LOGON_REJECT = (2 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.accepted. */
    public static final int SERVER_ACCEPTED = (3 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.fill. */
    public static final int SERVER_FILL = (4 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.canceled. */
    public static final int SERVER_CANCELED = (5 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.replaced. */
    public static final int SERVER_REPLACED = (6 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.rejected. */
    public static final int SERVER_REJECTED = (7 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.heartbeat. */
    public static final int SERVER_HEARTBEAT = (8 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.protocol_error. */
    public static final int SERVER_PROTOCOL_ERROR = (9 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.logout. */
    public static final int SERVER_LOGOUT = (10 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.open_orders_report. */
    public static final int SERVER_OPEN_ORDERS_REPORT = (11 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.instrument_list_report. */
    public static final int SERVER_INSTRUMENT_LIST_REPORT = (12 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.triggered. */
    public static final int SERVER_TRIGGERED = (13 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.mass_cancel_report. */
    public static final int SERVER_MASS_CANCEL_REPORT = (14 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.balance_update. */
    public static final int SERVER_BALANCE_UPDATE = (15 << 3) | WIRE_LENGTH_DELIMITED;
    /** ServerMessage.balance_report. */
    public static final int SERVER_BALANCE_REPORT = (16 << 3) | WIRE_LENGTH_DELIMITED;

    /** ClientMessage.open_orders_request. */
    public static final int CLIENT_OPEN_ORDERS_REQUEST = (7 << 3) | WIRE_LENGTH_DELIMITED;
    /** ClientMessage.instrument_list_request. */
    public static final int CLIENT_INSTRUMENT_LIST_REQUEST = (8 << 3) | WIRE_LENGTH_DELIMITED;
    /** ClientMessage.mass_cancel. */
    public static final int CLIENT_MASS_CANCEL = (9 << 3) | WIRE_LENGTH_DELIMITED;
    /** ClientMessage.balance_request. */
    public static final int CLIENT_BALANCE_REQUEST = (10 << 3) | WIRE_LENGTH_DELIMITED;
    /** OpenOrdersRequest.request_id (uint64). */
    public static final int OPEN_ORDERS_REQUEST_REQUEST_ID = (1 << 3) | WIRE_VARINT;
    /** OpenOrdersRequest.symbol (string). */
    public static final int OPEN_ORDERS_REQUEST_SYMBOL = (2 << 3) | WIRE_LENGTH_DELIMITED;
    /** OpenOrdersRequest.after_order_id (uint64). */
    public static final int OPEN_ORDERS_REQUEST_AFTER_ORDER_ID = (3 << 3) | WIRE_VARINT;
    /** InstrumentListRequest.request_id (uint64). */
    public static final int INSTRUMENT_LIST_REQUEST_REQUEST_ID = (1 << 3) | WIRE_VARINT;
    /** MassCancel.request_id (uint64). */
    public static final int MASS_CANCEL_REQUEST_ID = (1 << 3) | WIRE_VARINT;
    /** MassCancel.symbol (string). */
    public static final int MASS_CANCEL_SYMBOL = (2 << 3) | WIRE_LENGTH_DELIMITED;
    /** BalanceRequest.request_id (uint64). */
    public static final int BALANCE_REQUEST_REQUEST_ID = (1 << 3) | WIRE_VARINT;

    /** OpenOrdersReport.request_id (uint64). */
    public static final int OPEN_ORDERS_REPORT_REQUEST_ID = (1 << 3) | WIRE_VARINT;
    /** OpenOrdersReport.order (OpenOrder). */
    public static final int OPEN_ORDERS_REPORT_ORDER = (2 << 3) | WIRE_LENGTH_DELIMITED;
    /** OpenOrdersReport.last (bool). */
    public static final int OPEN_ORDERS_REPORT_LAST = (3 << 3) | WIRE_VARINT;
    /** OpenOrdersReport.more (bool). */
    public static final int OPEN_ORDERS_REPORT_MORE = (4 << 3) | WIRE_VARINT;
    /** OpenOrder.order_id (uint64). */
    public static final int OPEN_ORDER_ORDER_ID = (1 << 3) | WIRE_VARINT;
    /** OpenOrder.client_order_id (uint64). */
    public static final int OPEN_ORDER_CLIENT_ORDER_ID = (2 << 3) | WIRE_VARINT;
    /** OpenOrder.instrument_id (uint32). */
    public static final int OPEN_ORDER_INSTRUMENT_ID = (3 << 3) | WIRE_VARINT;
    /** OpenOrder.symbol (string). */
    public static final int OPEN_ORDER_SYMBOL = (4 << 3) | WIRE_LENGTH_DELIMITED;
    /** OpenOrder.side (enum). */
    public static final int OPEN_ORDER_SIDE = (5 << 3) | WIRE_VARINT;
    /** OpenOrder.type (enum). */
    public static final int OPEN_ORDER_TYPE = (6 << 3) | WIRE_VARINT;
    /** OpenOrder.time_in_force (enum). */
    public static final int OPEN_ORDER_TIME_IN_FORCE = (7 << 3) | WIRE_VARINT;
    /** OpenOrder.price (int64). */
    public static final int OPEN_ORDER_PRICE = (8 << 3) | WIRE_VARINT;
    /** OpenOrder.remaining_quantity (int64). */
    public static final int OPEN_ORDER_REMAINING_QUANTITY = (9 << 3) | WIRE_VARINT;
    /** OpenOrder.stp (enum). */
    public static final int OPEN_ORDER_STP = (10 << 3) | WIRE_VARINT;
    /** OpenOrder.stop_price (int64). */
    public static final int OPEN_ORDER_STOP_PRICE = (11 << 3) | WIRE_VARINT;
    /** OpenOrder.display_quantity (int64). */
    public static final int OPEN_ORDER_DISPLAY_QUANTITY = (12 << 3) | WIRE_VARINT;
    /** OpenOrder.expire_time_ms (int64). */
    public static final int OPEN_ORDER_EXPIRE_TIME_MS = (13 << 3) | WIRE_VARINT;

    /** InstrumentListReport.request_id (uint64). */
    public static final int INSTRUMENT_LIST_REPORT_REQUEST_ID = (1 << 3) | WIRE_VARINT;
    /** InstrumentListReport.instrument (InstrumentInfo). */
    public static final int INSTRUMENT_LIST_REPORT_INSTRUMENT = (2 << 3) | WIRE_LENGTH_DELIMITED;
    /** InstrumentListReport.last (bool). */
    public static final int INSTRUMENT_LIST_REPORT_LAST = (3 << 3) | WIRE_VARINT;
    /** InstrumentInfo.instrument_id (uint32). */
    public static final int INSTRUMENT_INFO_INSTRUMENT_ID = (1 << 3) | WIRE_VARINT;
    /** InstrumentInfo.symbol (string). */
    public static final int INSTRUMENT_INFO_SYMBOL = (2 << 3) | WIRE_LENGTH_DELIMITED;
    /** InstrumentInfo.tick_size (int64). */
    public static final int INSTRUMENT_INFO_TICK_SIZE = (3 << 3) | WIRE_VARINT;
    /** InstrumentInfo.lot_size (int64). */
    public static final int INSTRUMENT_INFO_LOT_SIZE = (4 << 3) | WIRE_VARINT;

    /** LogonAck.session_id (uint64). */
    public static final int LOGON_ACK_SESSION_ID = (1 << 3) | WIRE_VARINT;
    /** LogonAck.heartbeat_interval_ms (uint32). */
    public static final int LOGON_ACK_HEARTBEAT_INTERVAL_MS = (2 << 3) | WIRE_VARINT;
    /** LogonAck.account_id (uint64). */
    public static final int LOGON_ACK_ACCOUNT_ID = (3 << 3) | WIRE_VARINT;

    /** LogonReject.reason (enum). */
    public static final int LOGON_REJECT_REASON = (1 << 3) | WIRE_VARINT;
    /** LogonReject.text (string). */
    public static final int LOGON_REJECT_TEXT = (2 << 3) | WIRE_LENGTH_DELIMITED;

    /** Accepted.client_order_id (uint64). */
    public static final int ACCEPTED_CLIENT_ORDER_ID = (1 << 3) | WIRE_VARINT;
    /** Accepted.order_id (uint64). */
    public static final int ACCEPTED_ORDER_ID = (2 << 3) | WIRE_VARINT;
    /** Accepted.client_timestamp_ns (fixed64). */
    public static final int ACCEPTED_CLIENT_TIMESTAMP_NS = (3 << 3) | WIRE_FIXED64;
    /** Accepted.instrument_id (uint32). */
    public static final int ACCEPTED_INSTRUMENT_ID = (4 << 3) | WIRE_VARINT;
    /** Accepted.timestamp_ns (fixed64). */
    public static final int ACCEPTED_TIMESTAMP_NS = (5 << 3) | WIRE_FIXED64;

    /** Fill.client_order_id (uint64). */
    public static final int FILL_CLIENT_ORDER_ID = (1 << 3) | WIRE_VARINT;
    /** Fill.order_id (uint64). */
    public static final int FILL_ORDER_ID = (2 << 3) | WIRE_VARINT;
    /** Fill.trade_id (uint64). */
    public static final int FILL_TRADE_ID = (3 << 3) | WIRE_VARINT;
    /** Fill.price (int64). */
    public static final int FILL_PRICE = (4 << 3) | WIRE_VARINT;
    /** Fill.quantity (int64). */
    public static final int FILL_QUANTITY = (5 << 3) | WIRE_VARINT;
    /** Fill.leaves_quantity (int64). */
    public static final int FILL_LEAVES_QUANTITY = (6 << 3) | WIRE_VARINT;
    /** Fill.liquidity (enum). */
    public static final int FILL_LIQUIDITY = (7 << 3) | WIRE_VARINT;
    /** Fill.instrument_id (uint32). */
    public static final int FILL_INSTRUMENT_ID = (8 << 3) | WIRE_VARINT;
    /** Fill.side (enum). */
    public static final int FILL_SIDE = (9 << 3) | WIRE_VARINT;
    /** Fill.timestamp_ns (fixed64). */
    public static final int FILL_TIMESTAMP_NS = (10 << 3) | WIRE_FIXED64;

    /** Canceled.client_order_id (uint64). */
    public static final int CANCELED_CLIENT_ORDER_ID = (1 << 3) | WIRE_VARINT;
    /** Canceled.order_id (uint64). */
    public static final int CANCELED_ORDER_ID = (2 << 3) | WIRE_VARINT;
    /** Canceled.canceled_quantity (int64). */
    public static final int CANCELED_QUANTITY = (3 << 3) | WIRE_VARINT;
    /** Canceled.reason (enum). */
    public static final int CANCELED_REASON = (4 << 3) | WIRE_VARINT;
    /** Canceled.timestamp_ns (fixed64). */
    public static final int CANCELED_TIMESTAMP_NS = (5 << 3) | WIRE_FIXED64;

    /** Replaced.client_order_id (uint64). */
    public static final int REPLACED_CLIENT_ORDER_ID = (1 << 3) | WIRE_VARINT;
    /** Replaced.order_id (uint64). */
    public static final int REPLACED_ORDER_ID = (2 << 3) | WIRE_VARINT;
    /** Replaced.price (int64). */
    public static final int REPLACED_PRICE = (3 << 3) | WIRE_VARINT;
    /** Replaced.quantity (int64). */
    public static final int REPLACED_QUANTITY = (4 << 3) | WIRE_VARINT;
    /** Replaced.timestamp_ns (fixed64). */
    public static final int REPLACED_TIMESTAMP_NS = (5 << 3) | WIRE_FIXED64;

    /** Rejected.client_order_id (uint64). */
    public static final int REJECTED_CLIENT_ORDER_ID = (1 << 3) | WIRE_VARINT;
    /** Rejected.reason (enum). */
    public static final int REJECTED_REASON = (2 << 3) | WIRE_VARINT;
    /** Rejected.request_type (enum). */
    public static final int REJECTED_REQUEST_TYPE = (3 << 3) | WIRE_VARINT;
    /** Rejected.client_timestamp_ns (fixed64). */
    public static final int REJECTED_CLIENT_TIMESTAMP_NS = (4 << 3) | WIRE_FIXED64;
    /** Rejected.timestamp_ns (fixed64). */
    public static final int REJECTED_TIMESTAMP_NS = (5 << 3) | WIRE_FIXED64;
    /** Rejected.text (string). */
    public static final int REJECTED_TEXT = (6 << 3) | WIRE_LENGTH_DELIMITED;

    /** ProtocolError.code (enum). */
    public static final int PROTOCOL_ERROR_CODE = (1 << 3) | WIRE_VARINT;
    /** ProtocolError.text (string). */
    public static final int PROTOCOL_ERROR_TEXT = (2 << 3) | WIRE_LENGTH_DELIMITED;

    /** Triggered.client_order_id (uint64). */
    public static final int TRIGGERED_CLIENT_ORDER_ID = (1 << 3) | WIRE_VARINT;
    /** Triggered.order_id (uint64). */
    public static final int TRIGGERED_ORDER_ID = (2 << 3) | WIRE_VARINT;
    /** Triggered.timestamp_ns (fixed64). */
    public static final int TRIGGERED_TIMESTAMP_NS = (3 << 3) | WIRE_FIXED64;

    /** MassCancelReport.request_id (uint64). */
    public static final int MASS_CANCEL_REPORT_REQUEST_ID = (1 << 3) | WIRE_VARINT;
    /** MassCancelReport.canceled_count (uint32). */
    public static final int MASS_CANCEL_REPORT_CANCELED_COUNT = (2 << 3) | WIRE_VARINT;
    /** MassCancelReport.timestamp_ns (fixed64). */
    public static final int MASS_CANCEL_REPORT_TIMESTAMP_NS = (3 << 3) | WIRE_FIXED64;

    /** BalanceUpdate.asset (string). */
    public static final int BALANCE_UPDATE_ASSET = (1 << 3) | WIRE_LENGTH_DELIMITED;
    /** BalanceUpdate.available (int64). */
    public static final int BALANCE_UPDATE_AVAILABLE = (2 << 3) | WIRE_VARINT;
    /** BalanceUpdate.held (int64). */
    public static final int BALANCE_UPDATE_HELD = (3 << 3) | WIRE_VARINT;
    /** BalanceUpdate.timestamp_ns (fixed64). */
    public static final int BALANCE_UPDATE_TIMESTAMP_NS = (4 << 3) | WIRE_FIXED64;

    /** BalanceReport.request_id (uint64). */
    public static final int BALANCE_REPORT_REQUEST_ID = (1 << 3) | WIRE_VARINT;
    /** BalanceReport.asset (string). */
    public static final int BALANCE_REPORT_ASSET = (2 << 3) | WIRE_LENGTH_DELIMITED;
    /** BalanceReport.available (int64). */
    public static final int BALANCE_REPORT_AVAILABLE = (3 << 3) | WIRE_VARINT;
    /** BalanceReport.held (int64). */
    public static final int BALANCE_REPORT_HELD = (4 << 3) | WIRE_VARINT;
    /** BalanceReport.last (bool). */
    public static final int BALANCE_REPORT_LAST = (5 << 3) | WIRE_VARINT;

    private WireDescriptor()
    {
    }

    /**
     * @param fieldNumber protobuf field number.
     * @param wireType    protobuf wire type.
     * @return the tag value.
     */
    public static int tag(final int fieldNumber, final int wireType)
    {
        return (fieldNumber << 3) | wireType;
    }
}
