package io.arbiter.server.sequencer;

/**
 * What a {@link CommandEvent} on the ring carries: an engine command from a session or a control message.
 */
public enum EventKind
{
    /** An engine command (NEW, CANCEL or REPLACE) from a logged-on session. */
    ENGINE_COMMAND,
    /** A session logged on; the event's attachment is its {@link SessionRegistration}. */
    SESSION_OPENED,
    /** A session went away; its egress must not be used any more. */
    SESSION_CLOSED,
    /** A periodic tick with no command: lets the matching thread's overload monitor close windows while idle. */
    TICK,
    /** An operator request for the matching thread (snapshot, state); the event's attachment is a
     * {@link ControlRequest}. */
    CONTROL,
    /** A read-only request of a session (open orders, instrument list): answered, never journaled. The event's
     * {@link CommandEvent#query()} is the request type, its client order id the request id and its command's
     * instrument id and order id the filters (instrument, "after this order id"). */
    QUERY,
    /** The node's clock: while good-till-date orders are open the matching thread journals and applies a TIME
     * command with the batch's time (epoch milliseconds), so that they expire by themselves and replay expires the
     * same ones. */
    CLOCK
}
