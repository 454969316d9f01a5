package io.arbiter.server.sequencer;

/**
 * A read-only request of a logged-on session (open orders, instrument list, balances), staged by its gateway handler
 * and copied into a {@link EventKind#QUERY} ring event; the matching thread answers it through the session's egress
 * without journaling it. One instance per session, reused: publishing allocates nothing. Not thread safe.
 */
public final class SessionQuery
{
    /** Instrument filter meaning "every instrument". */
    public static final int ALL_INSTRUMENTS = -1;

    /** What the session asks for. */
    public enum Type
    {
        /** Its open orders (OpenOrdersRequest). */
        OPEN_ORDERS,
        /** The node's instruments (InstrumentListRequest). */
        INSTRUMENT_LIST,
        /** Its account's balances (BalanceRequest). */
        BALANCES
    }

    private Type type = Type.OPEN_ORDERS;
    private long sessionId;
    private long requestId;
    private int instrumentId = ALL_INSTRUMENTS;
    private long afterOrderId;

    /**
     * Stage a request.
     *
     * @param type         what is asked for.
     * @param sessionId    of the asking session.
     * @param requestId    the client's request id, echoed in the answer.
     * @param instrumentId only this instrument's open orders, or {@link #ALL_INSTRUMENTS}.
     * @param afterOrderId only open orders with a larger (unsigned) exchange order id; 0 for all.
     * @return this for fluent use.
     */
    public SessionQuery set(
        final Type type, final long sessionId, final long requestId, final int instrumentId, final long afterOrderId)
    {
        this.afterOrderId = afterOrderId;
        this.type = type;
        this.sessionId = sessionId;
        this.requestId = requestId;
        this.instrumentId = instrumentId;
        return this;
    }

    /**
     * @return what is asked for.
     */
    public Type type()
    {
        return type;
    }

    /**
     * @return the asking session.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * @return the client's request id.
     */
    public long requestId()
    {
        return requestId;
    }

    /**
     * @return only open orders with a larger (unsigned) exchange order id; 0 for all.
     */
    public long afterOrderId()
    {
        return afterOrderId;
    }

    /**
     * @return the instrument filter of an open-orders request, or {@link #ALL_INSTRUMENTS}.
     */
    public int instrumentId()
    {
        return instrumentId;
    }
}
