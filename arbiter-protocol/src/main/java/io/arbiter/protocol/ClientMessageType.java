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
    LOGOUT
}
