package io.arbiter.protocol;

/**
 * Which body of {@code arbiter.v1.ServerMessage} a decoded frame held.
 */
public enum ServerMessageType
{
    /** No body, or a body this version does not know. */
    NONE,
    /** LogonAck. */
    LOGON_ACK,
    /** LogonReject. */
    LOGON_REJECT,
    /** Accepted. */
    ACCEPTED,
    /** Fill. */
    FILL,
    /** Canceled. */
    CANCELED,
    /** Replaced. */
    REPLACED,
    /** Rejected. */
    REJECTED,
    /** Heartbeat. */
    HEARTBEAT,
    /** ProtocolError. */
    PROTOCOL_ERROR,
    /** Logout. */
    LOGOUT,
    /** One page of the answer to an OpenOrdersRequest. */
    OPEN_ORDERS_REPORT,
    /** One page of the answer to an InstrumentListRequest. */
    INSTRUMENT_LIST_REPORT,
    /** A waiting stop order triggered. */
    TRIGGERED,
    /** The end of a MassCancel, with its count. */
    MASS_CANCEL_REPORT,
    /** A balance of the session's account changed. */
    BALANCE_UPDATE,
    /** One page of the answer to a BalanceRequest. */
    BALANCE_REPORT
}
