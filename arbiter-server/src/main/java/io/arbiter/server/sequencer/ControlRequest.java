package io.arbiter.server.sequencer;

import java.util.concurrent.CompletableFuture;

/**
 * An operator request carried by a {@link EventKind#CONTROL} ring event: the admin server (or the node at shutdown)
 * creates it, the matching thread performs it between commands and completes {@link #result()} with a JSON text or
 * an exception. Allocated per request (control plane only).
 */
public final class ControlRequest
{
    /** What the matching thread is asked to do. */
    public enum Type
    {
        /** Write a snapshot of the engine now. */
        SNAPSHOT,
        /** Report the journal's last sequence, open orders and the engine's state hash. */
        STATE,
        /** Nothing: ends a batch so that time-based work (interval force, timed snapshot) runs while idle. */
        TICK,
        /** Journal and apply an {@link OperatorCommand}; the answer carries its journal sequence. */
        OPERATOR,
        /** Report an account's balances and open orders. */
        ACCOUNT
    }

    private final Type type;
    private final OperatorCommand operator;
    private final CompletableFuture<String> result = new CompletableFuture<>();

    /**
     * @param type what to do.
     */
    public ControlRequest(final Type type)
    {
        this(type, null);
    }

    /**
     * @param type     what to do.
     * @param operator the command of an {@link Type#OPERATOR} request, or for {@link Type#ACCOUNT} the account (in
     *                 {@link OperatorCommand#account()}); else null.
     */
    public ControlRequest(final Type type, final OperatorCommand operator)
    {
        this.type = type;
        this.operator = operator;
    }

    /**
     * @return the operator command of an OPERATOR or ACCOUNT request, else null.
     */
    public OperatorCommand operator()
    {
        return operator;
    }

    /**
     * @return what to do.
     */
    public Type type()
    {
        return type;
    }

    /**
     * @return completed by the matching thread with a JSON object, or exceptionally.
     */
    public CompletableFuture<String> result()
    {
        return result;
    }
}
