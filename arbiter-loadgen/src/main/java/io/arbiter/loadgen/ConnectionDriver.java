package io.arbiter.loadgen;

import io.arbiter.client.ArbiterClient;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;
import org.agrona.collections.Long2LongHashMap;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives one connection's share of the open-loop schedule: decides each request from its seeded random stream, keeps
 * its open orders (to cancel and replace them) and its own latency histogram. Used only on the connection's event
 * loop once the run has started; read by other threads only after a hand-off through that loop.
 */
final class ConnectionDriver
{
    static final long GTC_FLAG = 1;
    static final long AGGRESSIVE_FLAG = 2;

    final int index;
    final ArbiterClient client;
    final AbstractHistogram ackLatency;
    /** Intended send time of each replace awaiting its answer, by client order id (with market-data subscribers). */
    private final Long2LongHashMap replaceIntendedNs = new Long2LongHashMap(-1);
    long sentNew;
    long sentCancel;
    long sentReplace;
    long sendFailures;
    long accepted;
    long rejectedNew;
    long fills;
    /** Written on the event loop, read by the main thread to know when the schedule is through. */
    volatile boolean done;

    private final LoadRun run;
    private final SplittableRandom random;
    private final OpenOrders open;
    private final int maxOpenOrders;
    private long nextSequence = 1;
    private long nextGlobalIndex;
    private long currentOrder;
    private long currentIntendedNs;
    private boolean awaitingFirstFill;
    private long replacedOrder;
    private long replacedIntendedNs;

    ConnectionDriver(final LoadRun run, final int index, final ArbiterClient client, final long seed)
    {
        this.run = run;
        this.index = index;
        this.client = client;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        this.ackLatency = new IntCountsHistogram(1_000, LoadRun.HIGHEST_TRACKABLE_NS, 2);
        this.maxOpenOrders = run.config.effectiveMaxOpenOrders();
        this.open = new OpenOrders(maxOpenOrders);
        this.nextGlobalIndex = index;
    }

    /**
     * Sends every request whose intended time has come, then flushes once.
     *
     * @param nowNs the tick's clock reading.
     */
    void sendDue(final long nowNs)
    {
        if (done)
        {
            return;
        }
        boolean sent = false;
        while (true)
        {
            final long globalIndex = nextGlobalIndex;
            if (globalIndex >= run.totalRequests)
            {
                done = true;
                break;
            }
            final long intendedNs = run.intendedNs(globalIndex);
            if (intendedNs > nowNs)
            {
                break;
            }
            sendOne(intendedNs);
            sent = true;
            nextGlobalIndex = globalIndex + run.activeConnections;
        }
        if (sent)
        {
            client.flush();
        }
    }

    private void sendOne(final long intendedNs)
    {
        final OrderMix mix = run.config.mix;
        final int roll = random.nextInt(100);
        final boolean full = open.size() >= maxOpenOrders;
        if (full || (roll < mix.cancel && !open.isEmpty()))
        {
            final long target = open.take();
            if (target != OpenOrders.NONE)
            {
                open.cancelSent(target);
                count(client.sendCancel(target, intendedNs), run.sentCancel);
                sentCancel++;
                return;
            }
        }
        else if (roll < mix.cancel + mix.replace && !open.isEmpty())
        {
            final long target = open.take();
            if (target != OpenOrders.NONE)
            {
                open.queue(target);
                if (run.tradeIntents != null)
                {
                    replaceIntendedNs.put(target, intendedNs);
                }
                final boolean buy = random.nextInt(100) < mix.buyPercent;
                count(client.sendReplace(target, passivePrice(intendedNs, buy), quantity(), intendedNs),
                    run.sentReplace);
                sentReplace++;
                return;
            }
        }
        sendNewOrder(intendedNs);
    }

    private void sendNewOrder(final long intendedNs)
    {
        final OrderMix mix = run.config.mix;
        final boolean buy = random.nextInt(100) < mix.buyPercent;
        final Side side = buy ? Side.BUY : Side.SELL;
        // drawn only when the mix has such orders, so that a plain run's random stream is what it always was
        final int typeRoll = mix.stopPercent + mix.icebergPercent + mix.gtdPercent > 0 ? random.nextInt(100) : 100;
        if (typeRoll < mix.stopPercent + mix.icebergPercent + mix.gtdPercent)
        {
            sendSpecialOrder(intendedNs, buy, typeRoll);
            return;
        }
        final int roll = random.nextInt(mix.passive + mix.crossing + mix.ioc + mix.market);
        final long sequence = nextSequence++;
        final boolean sent;
        if (roll < mix.passive)
        {
            sent = client.sendNewOrder((sequence << 2) | GTC_FLAG, run.config.symbol, side, OrderType.LIMIT,
                TimeInForce.GTC, passivePrice(intendedNs, buy), quantity(), SelfTradePrevention.STP_NONE, intendedNs);
        }
        else if (roll < mix.passive + mix.crossing)
        {
            sent = client.sendNewOrder((sequence << 2) | GTC_FLAG | AGGRESSIVE_FLAG, run.config.symbol, side,
                OrderType.LIMIT, TimeInForce.GTC, crossingPrice(intendedNs, buy), quantity(),
                SelfTradePrevention.STP_NONE, intendedNs);
        }
        else if (roll < mix.passive + mix.crossing + mix.ioc)
        {
            sent = client.sendNewOrder((sequence << 2) | AGGRESSIVE_FLAG, run.config.symbol, side, OrderType.LIMIT,
                TimeInForce.IOC, crossingPrice(intendedNs, buy), quantity(), SelfTradePrevention.STP_NONE, intendedNs);
        }
        else
        {
            sent = client.sendNewOrder((sequence << 2) | AGGRESSIVE_FLAG, run.config.symbol, side, OrderType.MARKET,
                TimeInForce.IOC, 0, quantity(), SelfTradePrevention.STP_NONE, intendedNs);
        }
        count(sent, run.sentNew);
        sentNew += sent ? 1 : 0;
    }

    /**
     * A stop (never tracked as open: it triggers and trades when the mid moves through its stop, or is cancelled at
     * disconnect), an iceberg or a GTD order (both rest and are tracked like other GTC orders).
     */
    private void sendSpecialOrder(final long intendedNs, final boolean buy, final int typeRoll)
    {
        final OrderMix mix = run.config.mix;
        final Side side = buy ? Side.BUY : Side.SELL;
        final long sequence = nextSequence++;
        final long quantity = quantity();
        final boolean sent;
        if (typeRoll < mix.stopPercent)
        {
            final long stopTicks = run.midTicks(intendedNs) + (buy ? 1 : -1) * (1 + random.nextInt(3));
            // not AGGRESSIVE: its fill comes when it triggers, which is not a taker-fill latency
            sent = client.sendNewOrder(sequence << 2, run.config.symbol, side, OrderType.STOP_MARKET,
                TimeInForce.IOC, 0, quantity, SelfTradePrevention.STP_NONE, intendedNs,
                Math.max(1, stopTicks) * run.config.tickSize, 0, 0);
        }
        else if (typeRoll < mix.stopPercent + mix.icebergPercent)
        {
            final long display = Math.max(run.config.lotSize, quantity / run.config.lotSize / 2 * run.config.lotSize);
            sent = client.sendNewOrder((sequence << 2) | GTC_FLAG, run.config.symbol, side, OrderType.LIMIT,
                TimeInForce.GTC, passivePrice(intendedNs, buy), quantity, SelfTradePrevention.STP_NONE, intendedNs,
                0, display, 0);
        }
        else
        {
            sent = client.sendNewOrder((sequence << 2) | GTC_FLAG, run.config.symbol, side, OrderType.LIMIT,
                TimeInForce.GTD, passivePrice(intendedNs, buy), quantity, SelfTradePrevention.STP_NONE, intendedNs,
                0, 0, System.currentTimeMillis() + OrderMix.GTD_LIFETIME_MS);
        }
        count(sent, run.sentNew);
        sentNew += sent ? 1 : 0;
    }

    private void count(final boolean sent, final LongAdder adder)
    {
        if (sent)
        {
            adder.increment();
        }
        else
        {
            sendFailures++;
            run.sendFailures.increment();
        }
    }

    private long passivePrice(final long intendedNs, final boolean buy)
    {
        final long offsetTicks = 1 + random.nextInt(run.config.mix.passiveDepthTicks);
        final long midTicks = run.midTicks(intendedNs);
        return (buy ? midTicks - offsetTicks : midTicks + offsetTicks) * run.config.tickSize;
    }

    private long crossingPrice(final long intendedNs, final boolean buy)
    {
        final long offsetTicks = random.nextInt(run.config.mix.crossingDepthTicks + 1);
        final long midTicks = run.midTicks(intendedNs);
        return (buy ? midTicks + offsetTicks : midTicks - offsetTicks) * run.config.tickSize;
    }

    private long quantity()
    {
        return (1 + random.nextInt(run.config.mix.maxLots)) * run.config.lotSize;
    }

    void onAccepted(final long clientOrderId, final long intendedNs, final long nowNs)
    {
        accepted++;
        if (intendedNs >= run.measureStartNs)
        {
            final long latencyNs = Math.min(Math.max(0, nowNs - intendedNs), LoadRun.HIGHEST_TRACKABLE_NS);
            run.ackRecorder.recordValue(latencyNs);
            ackLatency.recordValue(latencyNs);
        }
        if ((clientOrderId & GTC_FLAG) != 0)
        {
            open.add(clientOrderId, 0);
        }
        currentOrder = clientOrderId;
        awaitingFirstFill = (clientOrderId & AGGRESSIVE_FLAG) != 0 && intendedNs >= run.measureStartNs;
        currentIntendedNs = intendedNs;
    }

    void onFill(
        final long clientOrderId, final long tradeId, final long leavesQuantity, final boolean taker, final long nowNs)
    {
        fills++;
        if (taker && run.tradeIntents != null)
        {
            if (clientOrderId == currentOrder)
            {
                run.tradeIntents.put(tradeId, currentIntendedNs);
            }
            else if (clientOrderId == replacedOrder)
            {
                run.tradeIntents.put(tradeId, replacedIntendedNs);
            }
            else if (replaceIntendedNs.containsKey(clientOrderId))
            {
                run.tradeIntents.put(tradeId, replaceIntendedNs.get(clientOrderId));
            }
            else
            {
                run.unmappedTakerFills.increment();
            }
        }
        if (awaitingFirstFill && taker && clientOrderId == currentOrder)
        {
            awaitingFirstFill = false;
            run.fillRecorder.recordValue(
                Math.min(Math.max(0, nowNs - currentIntendedNs), LoadRun.HIGHEST_TRACKABLE_NS));
        }
        if (leavesQuantity == 0)
        {
            open.remove(clientOrderId);
            replaceIntendedNs.remove(clientOrderId);
        }
    }

    void onReplaced(final long clientOrderId)
    {
        final long intendedNs = replaceIntendedNs.remove(clientOrderId);
        if (intendedNs >= 0)
        {
            replacedOrder = clientOrderId;
            replacedIntendedNs = intendedNs;
        }
    }

    void onReplaceRejected(final long clientOrderId)
    {
        replaceIntendedNs.remove(clientOrderId);
    }

    /**
     * A cancel the node refused for a reason other than an unknown order (the ring full, throttled): the order left
     * the open orders when the cancel was sent, but it is still open on the node, so it opens again (unless a fill
     * finished it meanwhile).
     *
     * @param clientOrderId the order.
     */
    void onCancelRefused(final long clientOrderId)
    {
        open.cancelRefused(clientOrderId);
    }

    void onOrderFinished(final long clientOrderId)
    {
        open.remove(clientOrderId);
    }

    void onRejectedNew()
    {
        rejectedNew++;
    }
}
