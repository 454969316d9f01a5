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
    INSTRUMENT_LIST_REPORT
}
