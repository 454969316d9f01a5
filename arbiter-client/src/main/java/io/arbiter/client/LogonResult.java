package io.arbiter.client;

import io.arbiter.protocol.proto.LogonRejectReason;

/**
 * Outcome of {@link ArbiterClient#logon(String, String)}: an acknowledgement or a rejection. Immutable.
 *
 * @param accepted            true if the server acknowledged the logon.
 * @param sessionId           the server's session id (0 if rejected).
 * @param heartbeatIntervalMs the heartbeat interval in force (0 if rejected).
 * @param accountId           the engine account the session trades for (0 if rejected).
 * @param rejectReason        why the logon was rejected, {@code LOGON_REJECT_REASON_UNSPECIFIED} if accepted.
 * @param text                the server's explanation of a rejection, empty if accepted.
 */
public record LogonResult(
    boolean accepted,
    long sessionId,
    int heartbeatIntervalMs,
    long accountId,
    LogonRejectReason rejectReason,
    String text)
{
}
