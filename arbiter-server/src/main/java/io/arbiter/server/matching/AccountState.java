package io.arbiter.server.matching;

/**
 * What the matching thread keeps per account: its open orders (counted against the open-order limit, whichever of
 * its sessions, live, closed or parked, owns them) and its live sessions. Every session state of the account refers
 * to it, so counting an order opened or closed is a field update, not a map look-up. {@link OrderOwnership} keeps it
 * while the account has an open order or a live session, and drops it when it has neither (no state that could still
 * count through it owns an order then). Only the matching thread touches it.
 */
final class AccountState
{
    final long account;
    /** Open orders of the account. */
    long openOrders;
    /** Its most recently opened live session (the head of the list through {@link SessionState#nextOfAccount}). */
    SessionState firstLiveSession;

    AccountState(final long account)
    {
        this.account = account;
    }

    boolean unused()
    {
        return openOrders == 0 && firstLiveSession == null;
    }
}
