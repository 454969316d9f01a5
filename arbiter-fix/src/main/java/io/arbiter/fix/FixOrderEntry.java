package io.arbiter.fix;

import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.gateway.GatewayState;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.overload.AdmissionDecision;
import io.arbiter.server.overload.NodeOverload;
import io.arbiter.server.overload.OverloadGate;
import io.arbiter.server.sequencer.IngressCommand;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.ExecInst;
import quickfix.field.ExpireTime;
import quickfix.field.MassCancelRequestType;
import quickfix.field.MaxFloor;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.StopPx;
import quickfix.field.Symbol;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Turns NewOrderSingle (D), OrderCancelRequest (F), OrderCancelReplaceRequest (G) and OrderStatusRequest (H) into the
 * node's commands: the FIX fields are checked (exact decimal prices on the tick, whole quantities on the lot), the
 * ClOrdID is mapped to the session's numeric client order id, and the command goes through the same admission as a
 * binary order (shutting down, the rate limiters and the circuit breaker of {@link NodeOverload}) onto the same
 * command ring; the matching thread applies the open-order limit and the unknown-order checks. A request refused here
 * is answered at once (ExecutionReport Rejected or OrderCancelReject). Called on each session's own QuickFIX/J
 * dispatcher thread (the acceptor runs a thread per session), so a leaky-bucket hold parks only the session whose
 * order is held: its later messages wait behind the order, in order, and TCP pushes back on its client, while the
 * other sessions go on. The same hold applies while the session's report ring is half full (its reports are not sent
 * as fast as its requests come). Each session stages its commands in its own reused {@link IngressCommand}.
 */
final class FixOrderEntry
{
    /** Not a time the engine could hold: {@link Command#NO_TIME} is -1 and the clock is never negative. */
    private static final long INVALID_EXPIRY = Long.MIN_VALUE;

    private static final long MAX_HOLD_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final GatewayState state;
    private final BooleanSupplier accepting;
    private final Map<String, InstrumentConfig> instruments;
    private final Map<String, Integer> instrumentIds;
    /** Overload gates by account: a gate is confined to one thread at a time, the account's one FIX session's. */
    private final Map<Long, OverloadGate> gates = new ConcurrentHashMap<>();

    /**
     * Produces garbage (control plane).
     *
     * @param state         the node's gateway state (ring, overload, accepting flag, clocks).
     * @param instruments   instrument configuration by symbol.
     * @param instrumentIds engine instrument id by symbol.
     */
    FixOrderEntry(
        final GatewayState state,
        final Map<String, InstrumentConfig> instruments,
        final Map<String, Integer> instrumentIds)
    {
        this.state = state;
        this.accepting = state::acceptingCommands;
        this.instruments = instruments;
        this.instrumentIds = instrumentIds;
    }

    /**
     * The session logged on: take its rate limiters (control plane).
     *
     * @param session the FIX session.
     */
    void onLoggedOn(final FixSession session)
    {
        final NodeOverload overload = state.overload();
        if (overload != null)
        {
            session.gate = gates.computeIfAbsent(session.account, account -> overload.newGate());
            session.sessionBucket = overload.newSessionBucket();
            session.accountBucket = overload.accountBucket(session.account);
        }
    }

    /**
     * NewOrderSingle.
     *
     * @param session the sending session.
     * @param message the message (validated against the FIX 4.4 dictionary).
     * @throws FieldNotFound if a required field is missing.
     */
    void onNewOrder(final FixSession session, final Message message) throws FieldNotFound
    {
        countReceived();
        final String clOrdId = message.getString(ClOrdID.FIELD);
        final String symbol = message.getString(Symbol.FIELD);
        final char fixSide = message.getChar(quickfix.field.Side.FIELD);
        final char ordType = message.getChar(OrdType.FIELD);
        final char tif = message.isSetField(quickfix.field.TimeInForce.FIELD) ?
            message.getChar(quickfix.field.TimeInForce.FIELD) : '1';
        final String execInst = message.isSetField(ExecInst.FIELD) ? message.getString(ExecInst.FIELD) : "";
        final FixOrder order = new FixOrder(FixOrderBook.numericId(clOrdId), clOrdId, symbol, fixSide, ordType, tif,
            0, 0);
        final String quantityText = message.getString(OrderQty.FIELD);
        final long quantity = FixDecimals.parseQuantity(quantityText);
        order.orderQty = Math.max(0, quantity);
        order.leavesQty = 0;
        final InstrumentConfig instrument = instruments.get(symbol);
        final String invalid = clOrdIdProblem(clOrdId);
        if (invalid != null)
        {
            rejectNew(session, order, FixTags.ORD_REJ_OTHER, invalid);
            return;
        }
        if (instrument == null)
        {
            rejectNew(session, order, FixTags.ORD_REJ_UNKNOWN_SYMBOL, "unknown symbol " + symbol);
            return;
        }
        if (fixSide != '1' && fixSide != '2')
        {
            rejectNew(session, order, FixTags.ORD_REJ_UNSUPPORTED, "Side must be 1 (buy) or 2 (sell)");
            return;
        }
        final OrderType type = orderType(ordType);
        if (type == null)
        {
            rejectNew(session, order, FixTags.ORD_REJ_UNSUPPORTED,
                "OrdType must be 1 (market), 2 (limit), 3 (stop) or 4 (stop limit)");
            return;
        }
        final boolean postOnly = execInst.indexOf(FixTags.EXEC_INST_POST_ONLY) >= 0;
        final TimeInForce timeInForce = timeInForce(tif, postOnly);
        final boolean noPrice = type == OrderType.MARKET || type == OrderType.STOP_MARKET;
        if (timeInForce == null || noPrice && (tif == '1' || tif == '6' || postOnly))
        {
            rejectNew(session, order, FixTags.ORD_REJ_UNSUPPORTED, "TimeInForce must be 1 (GTC), 3 (IOC), 4 " +
                "(FOK) or 6 (GTD); post-only (ExecInst 6) only with GTC limit orders; market and stop orders only " +
                "IOC or FOK");
            return;
        }
        final long expiry = expiry(message, tif);
        if (expiry == INVALID_EXPIRY)
        {
            rejectNew(session, order, FixTags.ORD_REJ_OTHER,
                "ExpireTime (126) is required with TimeInForce 6 (GTD) and allowed only with it");
            return;
        }
        final String quantityProblem = quantityProblem(quantity, quantityText, instrument);
        if (quantityProblem != null)
        {
            rejectNew(session, order, FixTags.ORD_REJ_INCORRECT_QUANTITY, quantityProblem);
            return;
        }
        long price = Prices.NULL_PRICE;
        if (!noPrice)
        {
            if (!message.isSetField(Price.FIELD))
            {
                rejectNew(session, order, FixTags.ORD_REJ_OTHER, "a limit order needs a Price");
                return;
            }
            final String priceText = message.getString(Price.FIELD);
            price = FixDecimals.parsePrice(priceText);
            final String priceProblem = priceProblem(price, priceText, instrument);
            if (priceProblem != null)
            {
                rejectNew(session, order, FixTags.ORD_REJ_OTHER, priceProblem);
                return;
            }
            order.price = price;
        }
        else if (message.isSetField(Price.FIELD))
        {
            rejectNew(session, order, FixTags.ORD_REJ_OTHER, "a market or stop (OrdType 3) order carries no Price");
            return;
        }
        long stopPrice = Prices.NULL_PRICE;
        final boolean stop = type == OrderType.STOP_MARKET || type == OrderType.STOP_LIMIT;
        if (stop != message.isSetField(StopPx.FIELD))
        {
            rejectNew(session, order, FixTags.ORD_REJ_OTHER,
                "StopPx (99) is required with OrdType 3 or 4 and allowed only with them");
            return;
        }
        if (stop)
        {
            final String stopText = message.getString(StopPx.FIELD);
            stopPrice = FixDecimals.parsePrice(stopText);
            final String stopProblem = priceProblem(stopPrice, stopText, instrument);
            if (stopProblem != null)
            {
                rejectNew(session, order, FixTags.ORD_REJ_OTHER, "StopPx (99): " + stopProblem);
                return;
            }
        }
        long display = 0;
        if (message.isSetField(MaxFloor.FIELD))
        {
            final String displayText = message.getString(MaxFloor.FIELD);
            display = FixDecimals.parseQuantity(displayText);
            final String displayProblem = quantityProblem(display, displayText, instrument);
            if (displayProblem != null)
            {
                rejectNew(session, order, FixTags.ORD_REJ_INCORRECT_QUANTITY, "MaxFloor: " + displayProblem);
                return;
            }
        }
        final SelfTradePrevention stp = selfTradePrevention(message);
        if (stp == null)
        {
            rejectNew(session, order, FixTags.ORD_REJ_UNSUPPORTED,
                "tag " + FixTags.SELF_TRADE_PREVENTION + " must be 0, 1, 2 or 3");
            return;
        }
        order.leavesQty = quantity;
        final FixOrderBook.Admission admission = session.book.admitNew(order);
        if (admission != FixOrderBook.Admission.OK)
        {
            rejectNew(session, order, FixTags.ORD_REJ_DUPLICATE_ORDER, admission == FixOrderBook.Admission.DUPLICATE ?
                "ClOrdID " + clOrdId + " was already used by this account" :
                "ClOrdID " + clOrdId + " maps to the numeric id of another open order; use another ClOrdID");
            return;
        }
        session.staged.command().newOrder(0, session.account, instrumentIds.get(symbol),
            fixSide == '1' ? Side.BUY : Side.SELL, type, timeInForce, price, quantity, stp)
            .stopPrice(stopPrice).displayQuantity(display).time(expiry);
        final RejectCode refused = admitAndPublish(session, order.numericId, true);
        if (refused != null)
        {
            session.book.forget(order);
            rejectNew(session, order, FixTags.ordRejReason(refused), refusedText(session, refused));
        }
    }

    /**
     * OrderCancelRequest (F) or OrderCancelReplaceRequest (G).
     *
     * @param session the sending session.
     * @param message the message.
     * @param cancel  true for F.
     * @throws FieldNotFound if a required field is missing.
     */
    void onCancelOrReplace(final FixSession session, final Message message, final boolean cancel)
        throws FieldNotFound
    {
        countReceived();
        final String clOrdId = message.getString(ClOrdID.FIELD);
        final String origClOrdId = message.getString(OrigClOrdID.FIELD);
        final FixOrder order = session.book.find(origClOrdId);
        if (order == null)
        {
            cancelReject(session, null, clOrdId, origClOrdId, cancel, FixTags.CXL_REJ_UNKNOWN_ORDER,
                "unknown order " + origClOrdId);
            return;
        }
        final String invalid = clOrdIdProblem(clOrdId);
        if (invalid != null || session.book.used(clOrdId))
        {
            cancelReject(session, order, clOrdId, origClOrdId, cancel, FixTags.CXL_REJ_DUPLICATE_CLORDID,
                invalid != null ? invalid : "ClOrdID " + clOrdId + " was already used by this account");
            return;
        }
        final FixOrder.Request request;
        if (cancel)
        {
            request = new FixOrder.Request(clOrdId, true, 0, 0);
            session.staged.command().cancel(0, session.account);
        }
        else
        {
            final InstrumentConfig instrument = instruments.get(order.symbol);
            final String quantityText = message.getString(OrderQty.FIELD);
            final long orderQty = FixDecimals.parseQuantity(quantityText);
            final String priceText = message.isSetField(Price.FIELD) ? message.getString(Price.FIELD) : "";
            final long price = FixDecimals.parsePrice(priceText);
            String problem = instrument == null ? "the order's instrument is unknown" :
                quantityProblem(orderQty, quantityText, instrument);
            if (problem == null)
            {
                problem = priceProblem(price, priceText, instrument);
            }
            if (problem == null && message.isSetField(Symbol.FIELD) &&
                !message.getString(Symbol.FIELD).equals(order.symbol))
            {
                problem = "Symbol differs from the order's";
            }
            final long remaining;
            synchronized (session.book.lock())
            {
                remaining = orderQty - order.cumQty;
            }
            if (problem == null && remaining <= 0)
            {
                problem = "OrderQty must exceed the quantity already filled";
            }
            if (problem != null)
            {
                cancelReject(session, order, clOrdId, origClOrdId, false, FixTags.CXL_REJ_OTHER, problem);
                return;
            }
            request = new FixOrder.Request(clOrdId, false, orderQty, price);
            session.staged.command().replace(0, session.account, price, remaining);
        }
        session.book.addRequest(order, request);
        final RejectCode refused = admitAndPublish(session, order.numericId, !cancel);
        if (refused != null)
        {
            session.book.dropRequest(order, request);
            cancelReject(session, order, clOrdId, origClOrdId, cancel, FixTags.cxlRejReason(refused),
                refusedText(session, refused));
        }
    }

    /**
     * OrderMassCancelRequest (q): MassCancelRequestType 1 (the session's account's orders in one Symbol) or 7 (all
     * of the account's orders) becomes the engine's MASS_CANCEL command; the OrderMassCancelReport (r) with
     * TotalAffectedOrders follows the Canceled reports of the orders. A request refused here is answered at once
     * with MassCancelResponse 0.
     *
     * @param session the sending session.
     * @param message the message.
     * @throws FieldNotFound if a required field is missing.
     */
    void onMassCancel(final FixSession session, final Message message) throws FieldNotFound
    {
        countReceived();
        final String clOrdId = message.getString(ClOrdID.FIELD);
        final char type = message.getChar(MassCancelRequestType.FIELD);
        final String symbol = message.isSetField(Symbol.FIELD) ? message.getString(Symbol.FIELD) : null;
        final FixMassCancel request = new FixMassCancel(clOrdId, type,
            type == FixTags.MASS_CANCEL_SYMBOL ? symbol : null);
        String problem = clOrdIdProblem(clOrdId);
        int reason = FixTags.MASS_CANCEL_REJ_OTHER;
        int instrumentId = Command.ALL_INSTRUMENTS;
        if (problem == null && type != FixTags.MASS_CANCEL_SYMBOL && type != FixTags.MASS_CANCEL_ALL)
        {
            problem = "MassCancelRequestType must be 1 (one symbol) or 7 (all orders)";
            reason = FixTags.MASS_CANCEL_REJ_NOT_SUPPORTED;
        }
        else if (problem == null && type == FixTags.MASS_CANCEL_SYMBOL)
        {
            final Integer id = symbol == null ? null : instrumentIds.get(symbol);
            if (id == null)
            {
                problem = symbol == null ? "MassCancelRequestType 1 needs a Symbol" : "unknown symbol " + symbol;
                reason = FixTags.MASS_CANCEL_REJ_UNKNOWN_SECURITY;
            }
            else
            {
                instrumentId = id;
            }
        }
        final long numericId = FixOrderBook.numericId(clOrdId);
        if (problem == null && session.massCancels.putIfAbsent(numericId, request) != null)
        {
            problem = "a mass cancel with ClOrdID " + clOrdId + " is still in flight";
        }
        if (problem != null)
        {
            send(session, FixMessages.massCancelReport(request, now(), FixTags.MASS_CANCEL_REJECTED, 0, reason,
                problem));
            return;
        }
        session.staged.command().massCancel(session.account, instrumentId);
        final RejectCode refused = admitAndPublish(session, numericId, false);
        if (refused != null)
        {
            session.massCancels.remove(numericId);
            send(session, FixMessages.massCancelReport(request, now(), FixTags.MASS_CANCEL_REJECTED, 0,
                FixTags.MASS_CANCEL_REJ_OTHER, refusedText(session, refused)));
        }
    }

    /**
     * OrderStatusRequest (H): answered from the FIX layer's view of the order.
     *
     * @param session the sending session.
     * @param message the message.
     * @throws FieldNotFound if a required field is missing.
     */
    void onStatusRequest(final FixSession session, final Message message) throws FieldNotFound
    {
        final String clOrdId = message.getString(ClOrdID.FIELD);
        final FixOrder order = session.book.find(clOrdId);
        final Message report;
        if (order == null)
        {
            final FixOrder unknown = new FixOrder(0, clOrdId,
                message.isSetField(Symbol.FIELD) ? message.getString(Symbol.FIELD) : null,
                message.isSetField(quickfix.field.Side.FIELD) ? message.getChar(quickfix.field.Side.FIELD) : '1',
                (char)0, (char)0, 0, 0);
            unknown.leavesQty = 0;
            report = FixMessages.rejectedOrder(unknown, "0", now(), FixTags.ORD_REJ_UNKNOWN_ORDER,
                "unknown order " + clOrdId);
            report.setChar(quickfix.field.ExecType.FIELD, FixTags.EXEC_TYPE_ORDER_STATUS);
        }
        else
        {
            synchronized (session.book.lock())
            {
                report = FixMessages.status(order, "0", now());
            }
        }
        send(session, report);
    }

    private RejectCode admitAndPublish(final FixSession session, final long numericId, final boolean charged)
    {
        if (!state.acceptingCommands())
        {
            return RejectCode.SHUTTING_DOWN;
        }
        final long nowNs = state.clock().nanoTime();
        final OverloadGate gate = session.gate;
        if (charged && gate != null)
        {
            final int status = gate.tryAcquireNewOrder(session.sessionBucket, session.accountBucket, nowNs);
            if (status == AdmissionDecision.THROTTLED)
            {
                return RejectCode.THROTTLED;
            }
            if (status == AdmissionDecision.MARKET_PROTECTION)
            {
                return RejectCode.MARKET_PROTECTION;
            }
            final long holdNs = Math.min(gate.releaseDelayNs(), MAX_HOLD_NS);
            if (holdNs > 0)
            {
                LockSupport.parkNanos(holdNs);
            }
        }
        session.egress.awaitBacklog(accepting);
        final IngressCommand staged = session.staged;
        staged.sessionId(session.registration.sessionId())
            .clientOrderId(numericId)
            .clientTimestampNs(0)
            .receivedNs(nowNs)
            .traceId(0, 0);
        if (!state.sequencer().tryPublish(staged.decodedNs(state.clock().nanoTime())))
        {
            return RejectCode.BUSY;
        }
        return null;
    }

    private static String refusedText(final FixSession session, final RejectCode code)
    {
        final OverloadGate gate = session.gate;
        return gate != null && (code == RejectCode.THROTTLED || code == RejectCode.MARKET_PROTECTION) ?
            code.textWithRetryAfter(gate.retryAfterMs()) : code.text();
    }

    private void countReceived()
    {
        final ServerMetrics metrics = state.metrics();
        if (metrics != null)
        {
            metrics.onOrderReceived();
        }
    }

    private void rejectNew(final FixSession session, final FixOrder order, final int reason, final String text)
    {
        send(session, FixMessages.rejectedOrder(order, "J" + order.numericId + "-" + state.epochClock().nanoTime(),
            now(), reason, text));
    }

    private void cancelReject(
        final FixSession session,
        final FixOrder order,
        final String clOrdId,
        final String origClOrdId,
        final boolean cancel,
        final int reason,
        final String text)
    {
        final Message reject;
        if (order != null)
        {
            synchronized (session.book.lock())
            {
                reject = FixMessages.cancelReject(order, clOrdId, origClOrdId, cancel, reason, text);
            }
        }
        else
        {
            reject = FixMessages.cancelReject(null, clOrdId, origClOrdId, cancel, reason, text);
        }
        send(session, reject);
    }

    private long now()
    {
        return state.epochClock().nanoTime();
    }

    private static void send(final FixSession session, final Message message)
    {
        FixMessages.send(session.sessionId, message);
    }

    private static String clOrdIdProblem(final String clOrdId)
    {
        if (clOrdId.isEmpty())
        {
            return "ClOrdID is empty";
        }
        for (int i = 0; i < clOrdId.length(); i++)
        {
            if (clOrdId.charAt(i) < 0x20 || clOrdId.charAt(i) == 0x7f)
            {
                return "ClOrdID holds a control character";
            }
        }
        return null;
    }

    private static String quantityProblem(final long quantity, final String text, final InstrumentConfig instrument)
    {
        if (quantity == FixDecimals.NOT_A_QUANTITY)
        {
            return "OrderQty " + text + " is not a positive whole number of units";
        }
        if (quantity % instrument.lotSize() != 0)
        {
            return "OrderQty " + text + " is not a multiple of the lot size " + instrument.lotSize();
        }
        return null;
    }

    private static String priceProblem(final long price, final String text, final InstrumentConfig instrument)
    {
        if (price == FixDecimals.NOT_A_PRICE || price <= 0)
        {
            return "Price " + text + " is not a positive decimal with at most 8 decimals";
        }
        if (price % instrument.tickSizeUnits() != 0)
        {
            return "Price " + text + " is not a multiple of the tick size " +
                FixDecimals.formatPrice(instrument.tickSizeUnits());
        }
        return null;
    }

    private static OrderType orderType(final char ordType)
    {
        switch (ordType)
        {
            case '1':
                return OrderType.MARKET;
            case '2':
                return OrderType.LIMIT;
            case '3':
                return OrderType.STOP_MARKET;
            case '4':
                return OrderType.STOP_LIMIT;
            default:
                return null;
        }
    }

    /**
     * ExpireTime (126) as the engine's clock unit, epoch milliseconds: required with TimeInForce 6 (GTD), absent
     * otherwise.
     */
    private static long expiry(final Message message, final char tif) throws FieldNotFound
    {
        final boolean set = message.isSetField(ExpireTime.FIELD);
        if (set != (tif == '6'))
        {
            return INVALID_EXPIRY;
        }
        return set ? message.getUtcTimeStamp(ExpireTime.FIELD).toInstant(ZoneOffset.UTC).toEpochMilli() :
            Command.NO_TIME;
    }

    private static TimeInForce timeInForce(final char tif, final boolean postOnly)
    {
        switch (tif)
        {
            case '6':
                return postOnly ? null : TimeInForce.GTD;
            case '1':
                return postOnly ? TimeInForce.POST_ONLY : TimeInForce.GTC;
            case '3':
                return postOnly ? null : TimeInForce.IOC;
            case '4':
                return postOnly ? null : TimeInForce.FOK;
            default:
                return null;
        }
    }

    private static SelfTradePrevention selfTradePrevention(final Message message) throws FieldNotFound
    {
        if (!message.isSetField(FixTags.SELF_TRADE_PREVENTION))
        {
            return SelfTradePrevention.NONE;
        }
        switch (message.getString(FixTags.SELF_TRADE_PREVENTION))
        {
            case "0":
                return SelfTradePrevention.NONE;
            case "1":
                return SelfTradePrevention.CANCEL_TAKER;
            case "2":
                return SelfTradePrevention.CANCEL_MAKER;
            case "3":
                return SelfTradePrevention.CANCEL_BOTH;
            default:
                return null;
        }
    }
}
