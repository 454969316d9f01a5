package io.arbiter.server.sequencer;

import io.arbiter.server.egress.SessionEgress;

/**
 * Identity of a logged-on session as the matching thread learns it: session id, account and egress. Created on the
 * control plane (logon) by a gateway thread and handed to the matching thread through the ring; immutable.
 */
public final class SessionRegistration
{
    private final long sessionId;
    private final long account;
    private final SessionEgress egress;

    /**
     * @param sessionId unique for the node's lifetime.
     * @param account   the session's account.
     * @param egress    where its execution reports go.
     */
    public SessionRegistration(final long sessionId, final long account, final SessionEgress egress)
    {
        this.sessionId = sessionId;
        this.account = account;
        this.egress = egress;
    }

    /**
     * @return unique session id.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * @return the session's account.
     */
    public long account()
    {
        return account;
    }

    /**
     * @return where the session's execution reports go.
     */
    public SessionEgress egress()
    {
        return egress;
    }
}
