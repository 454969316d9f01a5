package io.arbiter.fix;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Side;
import io.arbiter.server.egress.RejectCode;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MassCancelRejectReason;
import quickfix.field.MassCancelRequestType;
import quickfix.field.MassCancelResponse;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TotalAffectedOrders;
import quickfix.field.TransactTime;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Builds the venue's ExecutionReport (8) and OrderCancelReject (9) messages from what the FIX layer knows of an order.
 * Prices and quantities are written as exact decimal text from the engine's fixed-point numbers. Produces garbage
 * (QuickFIX/J messages); any thread, the caller holding the order's book lock.
 */
final class FixMessages
{
    /** {@code yyyyMMdd-} */
    private static final int DATE_LENGTH = 9;
    /** {@code yyyyMMdd-HH:mm:ss.SSSSSSSSS} */
    private static final int TIMESTAMP_LENGTH = DATE_LENGTH + 18;

    /** The date part of the last day formatted (replaced whole, so any thread reads a consistent pair). */
    private static volatile DatePrefix datePrefix = new DatePrefix(0);

    /** One day's {@code yyyyMMdd-}. */
    private static final class DatePrefix
    {
        final long day;
        final String text;

        DatePrefix(final long day)
        {
            this.day = day;
            this.text = LocalDate.ofEpochDay(day).format(DateTimeFormatter.BASIC_ISO_DATE) + "-";
        }
    }

    private FixMessages()
    {
    }

    /**
     * @param side engine side.
     * @return FIX Side (54).
     */
    static char side(final Side side)
    {
        return side == Side.BUY ? '1' : '2';
    }

    /**
     * @param reason why the engine cancelled an order other than on request.
     * @return the Text of its Canceled report.
     */
    static String cancelText(final CancelReason reason)
    {
        switch (reason)
        {
            case IOC:
                return "IOC remainder cancelled";
            case FOK:
                return "FOK could not fill completely";
            case POST_ONLY:
                return "post-only order would have crossed";
            case SELF_TRADE:
                return "self-trade prevention";
            case EXPIRED:
                return "expired";
            case MASS:
                return "mass cancel";
            case DELISTED:
                return "instrument delisted";
            case PRICE_BAND:
                return "stopped at the price band";
            default:
                return reason.name();
        }
    }

    /**
     * @param order       the order, after the event was applied to it.
     * @param execId      deterministic ExecID.
     * @param execType    ExecType (150).
     * @param transactTimeNs when (the command's sequencer time).
     * @param text        Text (58), or null.
     * @return the report.
     */
    static Message executionReport(
        final FixOrder order,
        final String execId,
        final char execType,
        final long transactTimeNs,
        final String text)
    {
        final Message report = new quickfix.fix44.ExecutionReport();
        report.setString(OrderID.FIELD, order.exchangeOrderId == 0 ? "NONE" : Long.toString(order.exchangeOrderId));
        report.setString(ClOrdID.FIELD, order.clOrdId);
        if (order.origClOrdId != null && (execType == FixTags.EXEC_TYPE_REPLACED ||
            execType == FixTags.EXEC_TYPE_CANCELED))
        {
            report.setString(OrigClOrdID.FIELD, order.origClOrdId);
        }
        report.setString(ExecID.FIELD, execId);
        report.setChar(ExecType.FIELD, execType);
        report.setChar(OrdStatus.FIELD, order.ordStatus);
        body(report, order);
        if (execType == FixTags.EXEC_TYPE_TRADE)
        {
            report.setString(LastPx.FIELD, FixDecimals.formatPrice(order.lastPrice));
            report.setString(LastQty.FIELD, Long.toString(order.lastQty));
        }
        report.setString(TransactTime.FIELD, timestamp(transactTimeNs));
        if (text != null)
        {
            report.setString(Text.FIELD, text);
        }
        return report;
    }

    /**
     * @param order        the refused order.
     * @param execId       deterministic ExecID.
     * @param transactTimeNs when.
     * @param code         the node's reason.
     * @param text         Text (58).
     * @return an ExecutionReport with ExecType and OrdStatus Rejected.
     */
    static Message rejectedOrder(
        final FixOrder order,
        final String execId,
        final long transactTimeNs,
        final RejectCode code,
        final String text)
    {
        return rejectedOrder(order, execId, transactTimeNs, FixTags.ordRejReason(code), text);
    }

    /**
     * @param order        the refused order.
     * @param execId       ExecID.
     * @param transactTimeNs when.
     * @param ordRejReason OrdRejReason (103).
     * @param text         Text (58).
     * @return an ExecutionReport with ExecType and OrdStatus Rejected.
     */
    static Message rejectedOrder(
        final FixOrder order,
        final String execId,
        final long transactTimeNs,
        final int ordRejReason,
        final String text)
    {
        order.ordStatus = FixTags.ORD_STATUS_REJECTED;
        order.leavesQty = 0;
        final Message report = executionReport(order, execId, FixTags.EXEC_TYPE_REJECTED, transactTimeNs, text);
        report.setInt(OrdRejReason.FIELD, ordRejReason);
        return report;
    }

    /**
     * @param order       the order, as the FIX layer knows it.
     * @param execId      ExecID.
     * @param transactTimeNs when.
     * @return an ExecutionReport with ExecType Order Status (I).
     */
    static Message status(final FixOrder order, final String execId, final long transactTimeNs)
    {
        return executionReport(order, execId, FixTags.EXEC_TYPE_ORDER_STATUS, transactTimeNs, null);
    }

    /**
     * @param order        the target order (null if unknown).
     * @param clOrdId      ClOrdID of the refused request.
     * @param origClOrdId  OrigClOrdID of the refused request.
     * @param cancel       true for an OrderCancelRequest, false for a replace.
     * @param reason       CxlRejReason (102).
     * @param text         Text (58).
     * @return the OrderCancelReject.
     */
    static Message cancelReject(
        final FixOrder order,
        final String clOrdId,
        final String origClOrdId,
        final boolean cancel,
        final int reason,
        final String text)
    {
        final Message reject = new quickfix.fix44.OrderCancelReject();
        reject.setString(OrderID.FIELD,
            order == null || order.exchangeOrderId == 0 ? "NONE" : Long.toString(order.exchangeOrderId));
        reject.setString(ClOrdID.FIELD, clOrdId);
        reject.setString(OrigClOrdID.FIELD, origClOrdId);
        reject.setChar(OrdStatus.FIELD, order == null ? FixTags.ORD_STATUS_REJECTED : order.ordStatus);
        reject.setChar(CxlRejResponseTo.FIELD, cancel ? '1' : '2');
        reject.setInt(CxlRejReason.FIELD, reason);
        reject.setString(Text.FIELD, text);
        return reject;
    }

    /**
     * @param order   the target order.
     * @param clOrdId ClOrdID of the refused request.
     * @param cancel  true for an OrderCancelRequest.
     * @param reason  CxlRejReason.
     * @param text    Text.
     * @return the OrderCancelReject naming the order's current ClOrdID as OrigClOrdID.
     */
    static Message cancelReject(
        final FixOrder order, final String clOrdId, final boolean cancel, final int reason, final String text)
    {
        return cancelReject(order, clOrdId, order.clOrdId, cancel, reason, text);
    }

    /**
     * @param request      the OrderMassCancelRequest answered.
     * @param transactTimeNs when.
     * @param response     MassCancelResponse (531): {@code 0} rejected, else the request's type.
     * @param affected     TotalAffectedOrders (533).
     * @param rejectReason MassCancelRejectReason (532) of a rejected request.
     * @param text         Text (58), or null.
     * @return an OrderMassCancelReport (r).
     */
    static Message massCancelReport(
        final FixMassCancel request,
        final long transactTimeNs,
        final char response,
        final int affected,
        final int rejectReason,
        final String text)
    {
        final Message report = new quickfix.fix44.OrderMassCancelReport();
        report.setString(ClOrdID.FIELD, request.clOrdId);
        report.setString(OrderID.FIELD, "NONE");
        report.setChar(MassCancelRequestType.FIELD, request.requestType);
        report.setChar(MassCancelResponse.FIELD, response);
        if (response == FixTags.MASS_CANCEL_REJECTED)
        {
            report.setInt(MassCancelRejectReason.FIELD, rejectReason);
        }
        else
        {
            report.setInt(TotalAffectedOrders.FIELD, affected);
        }
        if (request.symbol != null)
        {
            report.setString(Symbol.FIELD, request.symbol);
        }
        report.setString(TransactTime.FIELD, timestamp(transactTimeNs));
        if (text != null)
        {
            report.setString(Text.FIELD, text);
        }
        return report;
    }

    /**
     * UTCTimestamp text to the nanosecond, as QuickFIX/J writes it ({@code yyyyMMdd-HH:mm:ss.SSSSSSSSS}), written
     * digit by digit (the date part is cached per day): one string and one char array per call. Any thread.
     *
     * @param epochNs epoch nanoseconds (UTC).
     * @return the timestamp text.
     */
    static String timestamp(final long epochNs)
    {
        final long seconds = Math.floorDiv(epochNs, 1_000_000_000L);
        final int nanos = (int)Math.floorMod(epochNs, 1_000_000_000L);
        final long day = Math.floorDiv(seconds, 86_400L);
        final int secondOfDay = (int)Math.floorMod(seconds, 86_400L);
        DatePrefix prefix = datePrefix;
        if (prefix.day != day)
        {
            prefix = new DatePrefix(day);
            datePrefix = prefix;
        }
        final char[] text = new char[TIMESTAMP_LENGTH];
        prefix.text.getChars(0, DATE_LENGTH, text, 0);
        digits(text, DATE_LENGTH, secondOfDay / 3600, 2);
        text[DATE_LENGTH + 2] = ':';
        digits(text, DATE_LENGTH + 3, secondOfDay / 60 % 60, 2);
        text[DATE_LENGTH + 5] = ':';
        digits(text, DATE_LENGTH + 6, secondOfDay % 60, 2);
        text[DATE_LENGTH + 8] = '.';
        digits(text, DATE_LENGTH + 9, nanos, 9);
        return new String(text);
    }

    private static void digits(final char[] text, final int at, final int value, final int width)
    {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--)
        {
            text[i] = (char)('0' + rest % 10);
            rest /= 10;
        }
    }

    /**
     * Hand a message to the session's QuickFIX/J session, which numbers, stores and sends it (stored only, for a later
     * resend, while the session is not logged on).
     *
     * @param sessionId the FIX session.
     * @param message   the message.
     */
    static void send(final quickfix.SessionID sessionId, final Message message)
    {
        final quickfix.Session session = quickfix.Session.lookupSession(sessionId);
        if (session != null)
        {
            session.send(message);
        }
    }

    private static void body(final Message report, final FixOrder order)
    {
        report.setChar(quickfix.field.Side.FIELD, order.side == 0 ? '1' : order.side);
        report.setString(Symbol.FIELD, order.symbol == null ? "?" : order.symbol);
        if (order.ordType != 0)
        {
            report.setChar(OrdType.FIELD, order.ordType);
        }
        if (order.timeInForce != 0)
        {
            report.setChar(TimeInForce.FIELD, order.timeInForce);
        }
        if (order.price > 0)
        {
            report.setString(Price.FIELD, FixDecimals.formatPrice(order.price));
        }
        report.setString(OrderQty.FIELD, Long.toString(order.orderQty));
        report.setString(CumQty.FIELD, Long.toString(order.cumQty));
        report.setString(LeavesQty.FIELD, Long.toString(order.leavesQty));
        report.setString(AvgPx.FIELD, FixDecimals.formatAverage(order.notional, order.cumQty));
    }
}
