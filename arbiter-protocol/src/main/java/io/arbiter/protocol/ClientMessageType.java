package io.arbiter.protocol;

/**
 * Which body of {@code arbiter.v1.ClientMessage} a decoded frame held.
 */
public enum ClientMessageType
{
    /** No body, or a body this version does not know: answer with ProtocolError UNKNOWN_MESSAGE. */
    NONE,
    /** Logon. */
    LOGON,
    /** NewOrder. */
    NEW_ORDER,
    /** Cancel. */
    CANCEL,
    /** Replace. */
    REPLACE,
    /** Heartbeat. */
    HEARTBEAT,
    /** Logout. */
    LOGOUT,
    /** An OpenOrdersRequest (read only; answered by OpenOrdersReport pages). */
    OPEN_ORDERS_REQUEST,
    /** An InstrumentListRequest (read only; answered by InstrumentListReport pages). */
    INSTRUMENT_LIST_REQUEST,
    /** Cancel every open order of the account (or of one instrument). */
    MASS_CANCEL,
    /** Ask for the account's balances. */
    BALANCE_REQUEST
}
