package io.arbiter.fix;

import io.arbiter.server.egress.RejectCode;

/**
 * The venue's FIX values: the custom self-trade prevention tag, the ExecType and OrdStatus values it sends, and the
 * mapping of the node's reject codes to OrdRejReason (103) and CxlRejReason (102). docs/fix.md lists them; keep the
 * two in step. Constants only; any thread.
 */
public final class FixTags
{
    /** Custom tag on NewOrderSingle: self-trade prevention, 0 none (default), 1 cancel taker, 2 maker, 3 both. */
    public static final int SELF_TRADE_PREVENTION = 7928;
    /** ExecInst (18) value for post-only: "participate don't initiate". */
    public static final char EXEC_INST_POST_ONLY = '6';

    static final char EXEC_TYPE_NEW = '0';
    static final char EXEC_TYPE_CANCELED = '4';
    static final char EXEC_TYPE_REPLACED = '5';
    static final char EXEC_TYPE_REJECTED = '8';
    static final char EXEC_TYPE_EXPIRED = 'C';
    static final char EXEC_TYPE_TRADE = 'F';
    static final char EXEC_TYPE_ORDER_STATUS = 'I';

    static final char ORD_STATUS_NEW = '0';
    static final char ORD_STATUS_PARTIALLY_FILLED = '1';
    static final char ORD_STATUS_FILLED = '2';
    static final char ORD_STATUS_CANCELED = '4';
    static final char ORD_STATUS_REPLACED = '5';
    static final char ORD_STATUS_PENDING_NEW = 'A';
    static final char ORD_STATUS_REJECTED = '8';
    static final char ORD_STATUS_EXPIRED = 'C';

    /** OrdRejReason 0: broker / exchange option. */
    public static final int ORD_REJ_EXCHANGE_OPTION = 0;
    /** OrdRejReason 1: unknown symbol. */
    public static final int ORD_REJ_UNKNOWN_SYMBOL = 1;
    /** OrdRejReason 2: exchange closed. */
    public static final int ORD_REJ_EXCHANGE_CLOSED = 2;
    /** OrdRejReason 3: order exceeds limit. */
    public static final int ORD_REJ_EXCEEDS_LIMIT = 3;
    /** OrdRejReason 5: unknown order. */
    public static final int ORD_REJ_UNKNOWN_ORDER = 5;
    /** OrdRejReason 6: duplicate order. */
    public static final int ORD_REJ_DUPLICATE_ORDER = 6;
    /** OrdRejReason 11: unsupported order characteristic. */
    public static final int ORD_REJ_UNSUPPORTED = 11;
    /** OrdRejReason 13: incorrect quantity. */
    public static final int ORD_REJ_INCORRECT_QUANTITY = 13;
    /** OrdRejReason 99: other (the Text says what). */
    public static final int ORD_REJ_OTHER = 99;

    /** CxlRejReason 0: too late to cancel (the order finished meanwhile). */
    public static final int CXL_REJ_TOO_LATE = 0;
    /** CxlRejReason 1: unknown order. */
    public static final int CXL_REJ_UNKNOWN_ORDER = 1;
    /** CxlRejReason 2: broker / exchange option. */
    public static final int CXL_REJ_EXCHANGE_OPTION = 2;
    /** CxlRejReason 6: duplicate ClOrdID received. */
    public static final int CXL_REJ_DUPLICATE_CLORDID = 6;
    /** CxlRejReason 99: other (the Text says what). */
    public static final int CXL_REJ_OTHER = 99;

    /** MassCancelResponse (531) 0: the request was rejected. */
    static final char MASS_CANCEL_REJECTED = '0';
    /** MassCancelRequestType (530) 1: cancel the orders of one symbol. */
    static final char MASS_CANCEL_SYMBOL = '1';
    /** MassCancelRequestType (530) 7: cancel all orders. */
    static final char MASS_CANCEL_ALL = '7';
    /** MassCancelRejectReason (532) 0: mass cancel (of this type) not supported. */
    public static final int MASS_CANCEL_REJ_NOT_SUPPORTED = 0;
    /** MassCancelRejectReason (532) 1: invalid or unknown security. */
    public static final int MASS_CANCEL_REJ_UNKNOWN_SECURITY = 1;
    /** MassCancelRejectReason (532) 99: other (the Text says what). */
    public static final int MASS_CANCEL_REJ_OTHER = 99;

    private FixTags()
    {
    }

    /**
     * @param code the node's reject code of a NewOrderSingle.
     * @return its OrdRejReason (103).
     */
    public static int ordRejReason(final RejectCode code)
    {
        switch (code)
        {
            case UNKNOWN_SYMBOL:
                return ORD_REJ_UNKNOWN_SYMBOL;
            case INVALID_QTY:
                return ORD_REJ_INCORRECT_QUANTITY;
            case INVALID_TIF:
                return ORD_REJ_UNSUPPORTED;
            case DUPLICATE_ORDER_ID:
            case DUPLICATE_CLIENT_ORDER_ID:
                return ORD_REJ_DUPLICATE_ORDER;
            case UNKNOWN_ORDER:
            case UNKNOWN_CLIENT_ORDER_ID:
                return ORD_REJ_UNKNOWN_ORDER;
            case OPEN_ORDER_LIMIT:
            case MAX_QTY_EXCEEDED:
            case MAX_NOTIONAL_EXCEEDED:
                return ORD_REJ_EXCEEDS_LIMIT;
            case SHUTTING_DOWN:
            case NODE_STOPPED:
            case INSTRUMENT_HALTED:
                return ORD_REJ_EXCHANGE_CLOSED;
            case BUSY:
            case THROTTLED:
            case MARKET_PROTECTION:
            case ACCOUNT_DISABLED:
                return ORD_REJ_EXCHANGE_OPTION;
            case INVALID_PRICE:
            case INVALID_CLIENT_ORDER_ID:
            case INVALID_STOP:
            case INVALID_DISPLAY:
            case INVALID_EXPIRY:
            case PRICE_OUT_OF_BAND:
            case NOT_REPLACEABLE:
            case INSUFFICIENT_FUNDS:
            default:
                return ORD_REJ_OTHER;
        }
    }

    /**
     * @param code the node's reject code of a cancel or replace.
     * @return its CxlRejReason (102).
     */
    public static int cxlRejReason(final RejectCode code)
    {
        switch (code)
        {
            case UNKNOWN_ORDER:
                return CXL_REJ_TOO_LATE;
            case UNKNOWN_CLIENT_ORDER_ID:
                return CXL_REJ_UNKNOWN_ORDER;
            case BUSY:
            case THROTTLED:
            case MARKET_PROTECTION:
            case SHUTTING_DOWN:
            case NODE_STOPPED:
            case OPEN_ORDER_LIMIT:
                return CXL_REJ_EXCHANGE_OPTION;
            default:
                return CXL_REJ_OTHER;
        }
    }
}
