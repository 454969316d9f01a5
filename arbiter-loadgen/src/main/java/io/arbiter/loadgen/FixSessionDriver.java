package io.arbiter.loadgen;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;
import org.agrona.collections.LongHashSet;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.field.ClOrdID;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives one FIX session's share of the open-loop schedule, as {@link ConnectionDriver} does for a binary connection:
 * the same seeded order mix, prices and quantities, sent as NewOrderSingle (D), OrderCancelRequest (F) and
 * OrderCancelReplaceRequest (G) through QuickFIX/J without waiting for answers, and the same latency definitions
 * (acknowledgement = ExecutionReport New, first fill of an aggressive order, both from the intended send time).
 * Every ClOrdID is {@code <run>.<key>} (a cancel adds {@code c}, a replace {@code r<n>}), where the key holds the
 * order's sequence and flags, so a report's ClOrdID leads back to the order and its intended send time without a map
 * of strings. The scheduler thread sends and the session's QuickFIX/J thread reports: both hold this object's
 * lock; the requests of one tick reach the socket in one write ({@link FixGatheringResponder}). Produces garbage
 * (QuickFIX/J messages).
 */
final class FixSessionDriver
{
    private static final long GTC_FLAG = 1;
    private static final long AGGRESSIVE_FLAG = 2;
    private static final long BUY_FLAG = 4;
    private static final int FLAG_BITS = 3;
    private static final int INTENDED_SLOTS = 1 << 16;

    final int index;
    final SessionID sessionId;
    final AbstractHistogram ackLatency = new IntCountsHistogram(1_000, LoadRun.HIGHEST_TRACKABLE_NS, 2);
    /** Refusals by OrdRejReason or CxlRejReason (guarded by this). */
    final Map<String, Long> rejects = new TreeMap<>();
    /** Cancels by Text (guarded by this). */
    final Map<String, Long> cancels = new TreeMap<>();
    /** Written by the scheduler thread, read by the main thread. */
    volatile boolean done;

    private final LoadRun run;
    private final String prefix;
    private final SplittableRandom random;
    private final int maxOpenOrders;
    /** Open GTC orders by key, with the quantity filled so far (a replace asks for a new total). */
    private final OpenOrders open;
    private final LongHashSet awaitingFirstFill = new LongHashSet();
    private final long[] intendedNs = new long[INTENDED_SLOTS];
    private final long[] intendedSequence = new long[INTENDED_SLOTS];
    private long nextSequence = 1;
    private long nextGlobalIndex;
    private int replaces;
    private Session session;
    private FixGatheringResponder responder;

    /**
     * @param run      the run (schedule, recorders, counters).
     * @param index    this session's index among the active sessions.
     * @param sessionId the QuickFIX/J session.
     * @param runId    distinguishes this run's ClOrdIDs from every earlier run's (the node refuses a reused one).
     * @param seed     seed of the order flow.
     */
    FixSessionDriver(final LoadRun run, final int index, final SessionID sessionId, final String runId,
        final long seed)
    {
        this.run = run;
        this.index = index;
        this.sessionId = sessionId;
        this.prefix = runId + ".";
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        this.maxOpenOrders = run.config.effectiveMaxOpenOrders();
        this.open = new OpenOrders(maxOpenOrders);
        this.nextGlobalIndex = index;
    }

    /**
     * Sends every request whose intended time has come (scheduler thread).
     *
     * @param nowNs        the tick's clock reading.
     * @param transactTime the tick's TransactTime (60) text.
     */
    synchronized void sendDue(final long nowNs, final String transactTime)
    {
        if (done)
        {
            return;
        }
        if (session == null)
        {
            session = Session.lookupSession(sessionId);
            if (session != null && session.getResponder() != null)
            {
                responder = new FixGatheringResponder(session.getResponder());
                session.setResponder(responder);
            }
        }
        if (responder != null)
        {
            responder.gather();
        }
        try
        {
            sendDueGathered(nowNs, transactTime);
        }
        finally
        {
            if (responder != null)
            {
                responder.flush();
            }
        }
    }

    private void sendDueGathered(final long nowNs, final String transactTime)
    {
        while (true)
        {
            final long globalIndex = nextGlobalIndex;
            if (globalIndex >= run.totalRequests)
            {
                done = true;
                break;
            }
            final long intended = run.intendedNs(globalIndex);
            if (intended > nowNs)
            {
                break;
            }
            sendOne(intended, transactTime);
            nextGlobalIndex = globalIndex + run.activeConnections;
        }
    }

    private void sendOne(final long intended, final String transactTime)
    {
        final OrderMix mix = run.config.mix;
        final int roll = random.nextInt(100);
        final boolean full = open.size() >= maxOpenOrders;
        if (full || roll < mix.cancel && !open.isEmpty())
        {
            final long target = open.take();
            if (target != OpenOrders.NONE)
            {
                open.cancelSent(target);
                final Message cancel = request(MsgType.ORDER_CANCEL_REQUEST, prefix + target + "c", target,
                    transactTime);
                count(send(cancel), run.sentCancel);
                return;
            }
        }
        else if (roll < mix.cancel + mix.replace && !open.isEmpty())
        {
            final long target = open.take();
            if (target != OpenOrders.NONE)
            {
                open.queue(target);
                final Message replace = request(MsgType.ORDER_CANCEL_REPLACE_REQUEST,
                    prefix + target + "r" + ++replaces, target, transactTime);
                replace.setChar(OrdType.FIELD, OrdType.LIMIT);
                replace.setString(Price.FIELD, price(passivePrice(intended, (target & BUY_FLAG) != 0)));
                replace.setString(OrderQty.FIELD, Long.toString(open.value(target) + quantity()));
                count(send(replace), run.sentReplace);
                return;
            }
        }
        sendNewOrder(intended, transactTime);
    }

    private void sendNewOrder(final long intended, final String transactTime)
    {
        final OrderMix mix = run.config.mix;
        final boolean buy = random.nextInt(100) < mix.buyPercent;
        final int roll = random.nextInt(mix.passive + mix.crossing + mix.ioc + mix.market);
        final long sequence = nextSequence++;
        long key = sequence << FLAG_BITS | (buy ? BUY_FLAG : 0);
        final Message order = new Message();
        order.getHeader().setString(MsgType.FIELD, MsgType.ORDER_SINGLE);
        order.setString(Symbol.FIELD, run.config.symbol);
        order.setChar(Side.FIELD, buy ? Side.BUY : Side.SELL);
        order.setString(TransactTime.FIELD, transactTime);
        if (roll < mix.passive + mix.crossing + mix.ioc)
        {
            final boolean passive = roll < mix.passive;
            final boolean gtc = roll < mix.passive + mix.crossing;
            key |= (gtc ? GTC_FLAG : 0) | (passive ? 0 : AGGRESSIVE_FLAG);
            order.setChar(OrdType.FIELD, OrdType.LIMIT);
            order.setChar(TimeInForce.FIELD, gtc ? TimeInForce.GOOD_TILL_CANCEL : TimeInForce.IMMEDIATE_OR_CANCEL);
            order.setString(Price.FIELD,
                price(passive ? passivePrice(intended, buy) : crossingPrice(intended, buy)));
        }
        else
        {
            key |= AGGRESSIVE_FLAG;
            order.setChar(OrdType.FIELD, OrdType.MARKET);
            order.setChar(TimeInForce.FIELD, TimeInForce.IMMEDIATE_OR_CANCEL);
        }
        order.setString(OrderQty.FIELD, Long.toString(quantity()));
        order.setString(ClOrdID.FIELD, prefix + key);
        final int slot = (int)(sequence & (INTENDED_SLOTS - 1));
        intendedNs[slot] = intended;
        intendedSequence[slot] = sequence;
        count(send(order), run.sentNew);
    }

    private Message request(final String msgType, final String clOrdId, final long target, final String transactTime)
    {
        final Message request = new Message();
        request.getHeader().setString(MsgType.FIELD, msgType);
        request.setString(ClOrdID.FIELD, clOrdId);
        request.setString(OrigClOrdID.FIELD, prefix + target);
        request.setString(Symbol.FIELD, run.config.symbol);
        request.setChar(Side.FIELD, (target & BUY_FLAG) != 0 ? Side.BUY : Side.SELL);
        request.setString(TransactTime.FIELD, transactTime);
        return request;
    }

    private boolean send(final Message message)
    {
        return session != null && session.send(message);
    }

    private void count(final boolean sent, final LongAdder adder)
    {
        if (sent)
        {
            adder.increment();
        }
        else
        {
            run.sendFailures.increment();
        }
    }

    private String price(final long units)
    {
        return FixLoadGenerator.decimal(units);
    }

    private long passivePrice(final long intended, final boolean buy)
    {
        final long offsetTicks = 1 + random.nextInt(run.config.mix.passiveDepthTicks);
        final long midTicks = run.midTicks(intended);
        return (buy ? midTicks - offsetTicks : midTicks + offsetTicks) * run.config.tickSize;
    }

    private long crossingPrice(final long intended, final boolean buy)
    {
        final long offsetTicks = random.nextInt(run.config.mix.crossingDepthTicks + 1);
        final long midTicks = run.midTicks(intended);
        return (buy ? midTicks + offsetTicks : midTicks - offsetTicks) * run.config.tickSize;
    }

    private long quantity()
    {
        return (1 + random.nextInt(run.config.mix.maxLots)) * run.config.lotSize;
    }

    /**
     * An application message from the venue (the session's QuickFIX/J thread).
     *
     * @param message the message.
     * @param nowNs   when it was handed over.
     * @throws FieldNotFound if a required field is missing.
     */
    synchronized void onMessage(final Message message, final long nowNs) throws FieldNotFound
    {
        final String type = message.getHeader().getString(MsgType.FIELD);
        if (MsgType.EXECUTION_REPORT.equals(type))
        {
            onExecutionReport(message, nowNs);
        }
        else if (MsgType.ORDER_CANCEL_REJECT.equals(type))
        {
            run.rejected.increment();
            rejects.merge("CxlRejReason=" + text(message, 102), 1L, Long::sum);
            final int reason = message.isSetField(102) ? message.getInt(102) : -1;
            final long key = key(message.getString(OrigClOrdID.FIELD));
            if (reason == 0 || reason == 1)
            {
                open.remove(key);
            }
            else if (message.isSetField(434) && message.getChar(434) == '1')
            {
                // a cancel refused for another reason (the node busy, throttled): the order is still open (unless a
                // fill finished it meanwhile), with the quantity filled so far (a later replace asks for a total above)
                open.cancelRefused(key);
            }
        }
        else
        {
            run.protocolErrors.increment();
            run.lastError.set("FIX message " + type + ": " + text(message, 58));
        }
    }

    private void onExecutionReport(final Message message, final long nowNs) throws FieldNotFound
    {
        final char execType = message.getChar(150);
        final long key = key(message.getString(ClOrdID.FIELD));
        switch (execType)
        {
            case '0':
                onAccepted(key, nowNs);
                break;
            case 'F':
                run.fills.increment();
                onFill(key, message, nowNs);
                break;
            case '4':
            case 'C':
                run.canceled.increment();
                cancels.merge(message.isSetField(58) ? message.getString(58) : "on request", 1L, Long::sum);
                open.remove(key);
                awaitingFirstFill.remove(key);
                break;
            case '5':
                run.replaced.increment();
                break;
            case '8':
                run.rejected.increment();
                run.rejectedNew.increment();
                rejects.merge("OrdRejReason=" + text(message, 103), 1L, Long::sum);
                break;
            default:
                break;
        }
    }

    private void onAccepted(final long key, final long nowNs)
    {
        run.accepted.increment();
        final long sequence = key >>> FLAG_BITS;
        final int slot = (int)(sequence & (INTENDED_SLOTS - 1));
        if (intendedSequence[slot] != sequence)
        {
            return;
        }
        final long intended = intendedNs[slot];
        final boolean measured = intended >= run.measureStartNs;
        if (measured)
        {
            final long latencyNs = Math.min(Math.max(0, nowNs - intended), LoadRun.HIGHEST_TRACKABLE_NS);
            run.ackRecorder.recordValue(latencyNs);
            ackLatency.recordValue(latencyNs);
        }
        if ((key & GTC_FLAG) != 0)
        {
            open.add(key, 0);
        }
        if ((key & AGGRESSIVE_FLAG) != 0 && measured)
        {
            awaitingFirstFill.add(key);
        }
    }

    private void onFill(final long key, final FieldMap report, final long nowNs) throws FieldNotFound
    {
        final long leaves = (long)Double.parseDouble(report.getString(151));
        final long lastQty = (long)Double.parseDouble(report.getString(32));
        final String execId = report.getString(17);
        final boolean taker = execId.endsWith("T");
        if (taker && awaitingFirstFill.remove(key))
        {
            final int slot = (int)((key >>> FLAG_BITS) & (INTENDED_SLOTS - 1));
            if (intendedSequence[slot] == key >>> FLAG_BITS)
            {
                run.fillRecorder.recordValue(
                    Math.min(Math.max(0, nowNs - intendedNs[slot]), LoadRun.HIGHEST_TRACKABLE_NS));
            }
        }
        if (leaves == 0)
        {
            open.remove(key);
            awaitingFirstFill.remove(key);
        }
        else
        {
            open.addToValue(key, lastQty);
        }
    }

    private long key(final String clOrdId)
    {
        long key = 0;
        for (int i = prefix.length(); i < clOrdId.length(); i++)
        {
            final char c = clOrdId.charAt(i);
            if (c < '0' || c > '9')
            {
                break;
            }
            key = key * 10 + (c - '0');
        }
        return key;
    }

    private static String text(final FieldMap message, final int tag) throws FieldNotFound
    {
        return message.isSetField(tag) ? message.getString(tag) : "?";
    }
}
