package io.arbiter.server.egress;

import io.arbiter.engine.RejectReason;


/**
 * Why the node refused a command: the engine's {@link RejectReason}s plus the node's own checks (duplicate client
 * order id, open-order limit, back-pressure). Each code has a fixed text so that encoding a reject allocates nothing.
 */
public enum RejectCode
{
    /** The instrument is not defined. */
    UNKNOWN_SYMBOL("unknown symbol", io.arbiter.protocol.proto.RejectReason.UNKNOWN_SYMBOL_VALUE),
    /** Quantity is not positive, not a multiple of the lot size, or above the maximum. */
    INVALID_QTY("invalid quantity", io.arbiter.protocol.proto.RejectReason.INVALID_QUANTITY_VALUE),
    /** Price is missing, not a multiple of the tick size, or out of range. */
    INVALID_PRICE("invalid price", io.arbiter.protocol.proto.RejectReason.INVALID_PRICE_VALUE),
    /** Time in force not allowed for the order type. */
    INVALID_TIF("invalid time in force", io.arbiter.protocol.proto.RejectReason.INVALID_TIME_IN_FORCE_VALUE),
    /** The engine already has an open order with this exchange order id (not expected: the node assigns them). */
    DUPLICATE_ORDER_ID("duplicate order id", io.arbiter.protocol.proto.RejectReason.DUPLICATE_ORDER_ID_VALUE),
    /** The engine has no open order with this id for this account. */
    UNKNOWN_ORDER("unknown order", io.arbiter.protocol.proto.RejectReason.UNKNOWN_ORDER_VALUE),
    /** A stop order without a valid stop price, or a stop price on an order that is not a stop. */
    INVALID_STOP("invalid stop price", io.arbiter.protocol.proto.RejectReason.INVALID_STOP_VALUE),
    /** A display quantity on an order that cannot be an iceberg, or not a valid quantity, or above the quantity. */
    INVALID_DISPLAY("invalid display quantity", io.arbiter.protocol.proto.RejectReason.INVALID_DISPLAY_VALUE),
    /** GTD without an expiry after the engine clock, or an expiry with another time in force. */
    INVALID_EXPIRY("invalid expiry", io.arbiter.protocol.proto.RejectReason.INVALID_EXPIRY_VALUE),
    /** The instrument is halted. */
    INSTRUMENT_HALTED("instrument halted", io.arbiter.protocol.proto.RejectReason.INSTRUMENT_HALTED_VALUE),
    /** The limit price is outside the instrument's price band. */
    PRICE_OUT_OF_BAND("price out of band", io.arbiter.protocol.proto.RejectReason.PRICE_OUT_OF_BAND_VALUE),
    /** A replace of a waiting stop order. */
    NOT_REPLACEABLE("stop order not replaceable", io.arbiter.protocol.proto.RejectReason.NOT_REPLACEABLE_VALUE),
    /** The account is disabled (kill switch). */
    ACCOUNT_DISABLED("account disabled", io.arbiter.protocol.proto.RejectReason.ACCOUNT_DISABLED_VALUE),
    /** Quantity above the instrument's limit. */
    MAX_QTY_EXCEEDED(
        "maximum quantity exceeded", io.arbiter.protocol.proto.RejectReason.MAX_QUANTITY_EXCEEDED_VALUE),
    /** Notional above the instrument's limit. */
    MAX_NOTIONAL_EXCEEDED(
        "maximum notional exceeded", io.arbiter.protocol.proto.RejectReason.MAX_NOTIONAL_EXCEEDED_VALUE),
    /** The account's available balance cannot hold the order. */
    INSUFFICIENT_FUNDS("insufficient funds", io.arbiter.protocol.proto.RejectReason.INSUFFICIENT_FUNDS_VALUE),
    /** The client order id is already used by an open order of this session. */
    DUPLICATE_CLIENT_ORDER_ID(
        "duplicate client order id", io.arbiter.protocol.proto.RejectReason.DUPLICATE_CLIENT_ORDER_ID_VALUE),
    /** Cancel or replace of a client order id that is not open in this session. */
    UNKNOWN_CLIENT_ORDER_ID(
        "unknown client order id", io.arbiter.protocol.proto.RejectReason.UNKNOWN_CLIENT_ORDER_ID_VALUE),
    /** The account already has its maximum number of open orders. */
    OPEN_ORDER_LIMIT("too many open orders", io.arbiter.protocol.proto.RejectReason.OPEN_ORDER_LIMIT_VALUE),
    /** The node's command ring is full; retry later. */
    BUSY("server busy", io.arbiter.protocol.proto.RejectReason.BUSY_VALUE),
    /** The node is shutting down and accepts no new commands. */
    SHUTTING_DOWN("server shutting down", io.arbiter.protocol.proto.RejectReason.BUSY_VALUE),
    /** The session's (or account's) order-rate budget is spent; the text carries a retry-after hint. */
    THROTTLED("throttled", io.arbiter.protocol.proto.RejectReason.THROTTLED_VALUE),
    /** The node's circuit breaker is open (or half-open and its trickle is used up): no new orders for now. */
    MARKET_PROTECTION("market protection", io.arbiter.protocol.proto.RejectReason.MARKET_PROTECTION_VALUE),
    /**
     * The node stopped taking orders: its journal failed, or applying a journaled command threw (the engine diverged
     * from the journal). An operator must restart it; sent on the wire as BUSY with this text.
     */
    NODE_STOPPED("node stopped: journal failed or engine diverged; restart required",
        io.arbiter.protocol.proto.RejectReason.BUSY_VALUE),
    /** A NewOrder with client order id 2^64-1, the server's "no client order id" (normally caught by the gateway). */
    INVALID_CLIENT_ORDER_ID(
        "client_order_id 2^64-1 is reserved", io.arbiter.protocol.proto.RejectReason.INVALID_CLIENT_ORDER_ID_VALUE);

    private static final RejectCode[] VALUES = values();
    private static final RejectCode[] BY_ENGINE_REASON = new RejectCode[RejectReason.values().length];

    static
    {
        // Every engine reason has the code of the same name (RejectCodeTest checks that none is left out).
        for (final RejectReason reason : RejectReason.values())
        {
            BY_ENGINE_REASON[reason.ordinal()] = valueOf(reason.name());
        }
    }

    private static final int MAX_HINT_MS = 1000;
    private static final String[] THROTTLED_TEXTS = hintTexts("throttled; retry after ");
    private static final String[] PROTECTION_TEXTS = hintTexts("market protection; retry after ");

    private final String text;
    private final int wireReason;

    RejectCode(final String text, final int wireReason)
    {
        this.text = text;
        this.wireReason = wireReason;
    }

    /**
     * @return number of the {@code arbiter.v1.RejectReason} that reports this code on the wire (shutting down is
     * reported as BUSY with its own text).
     */
    public int wireReason()
    {
        return wireReason;
    }

    /**
     * @return fixed human-readable text of this code.
     */
    public String text()
    {
        return text;
    }

    /**
     * @param reason given by the engine.
     * @return the code that reports it.
     */
    public static RejectCode of(final RejectReason reason)
    {
        return BY_ENGINE_REASON[reason.ordinal()];
    }

    /**
     * Code for an ordinal without allocating a values array.
     *
     * @param ordinal of the code.
     * @return the code.
     */
    public static RejectCode get(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * Fixed text of a THROTTLED or MARKET_PROTECTION reject with its retry-after hint, without allocating: hints are
     * precomputed up to one second ("retry after 1000+ ms" beyond).
     *
     * @param retryAfterMs the hint in milliseconds (0 = unknown).
     * @return the text.
     */
    public String textWithRetryAfter(final long retryAfterMs)
    {
        final String[] texts =
            this == THROTTLED ? THROTTLED_TEXTS : this == MARKET_PROTECTION ? PROTECTION_TEXTS : null;
        if (texts == null)
        {
            return text;
        }
        return texts[(int)Math.max(0, Math.min(MAX_HINT_MS + 1, retryAfterMs))];
    }

    private static String[] hintTexts(final String prefix)
    {
        final String[] texts = new String[MAX_HINT_MS + 2];
        for (int i = 0; i <= MAX_HINT_MS; i++)
        {
            texts[i] = prefix + i + " ms";
        }
        texts[MAX_HINT_MS + 1] = prefix + MAX_HINT_MS + "+ ms";
        return texts;
    }
}
