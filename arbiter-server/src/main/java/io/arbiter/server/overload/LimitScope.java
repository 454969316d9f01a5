package io.arbiter.server.overload;

/**
 * Which budgets an order is charged to: its session's, its account's, or both (then both must admit it and both are
 * charged, or neither is).
 */
public enum LimitScope
{
    /** One budget per logged-on session. */
    SESSION,
    /** One budget per account, shared by all of the account's sessions. */
    ACCOUNT,
    /** Both budgets; the order needs room in each. */
    BOTH;

    /**
     * @return true if the session's budget is charged.
     */
    public boolean includesSession()
    {
        return this != ACCOUNT;
    }

    /**
     * @return true if the account's budget is charged.
     */
    public boolean includesAccount()
    {
        return this != SESSION;
    }
}
