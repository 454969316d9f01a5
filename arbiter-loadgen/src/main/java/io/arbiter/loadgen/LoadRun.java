package io.arbiter.loadgen;

import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientListener;
import io.arbiter.protocol.proto.CancelReason;
import io.arbiter.protocol.proto.Liquidity;
import io.arbiter.protocol.proto.ProtocolErrorCode;
import io.arbiter.protocol.proto.RejectReason;
import io.arbiter.protocol.proto.RequestType;
import io.arbiter.protocol.proto.Side;
import org.HdrHistogram.Recorder;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * State shared by all connections of one run: the schedule (intended send times), the moving mid price, the latency
 * recorders and the counters. The schedule fields are written before the run starts; counters and recorders are
 * thread-safe. Also the {@link ClientListener} of every connection, dispatching to its {@link ConnectionDriver}.
 */
final class LoadRun implements ClientListener
{
    static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(2);
    static final int REASON_SLOTS = 64;
    private static final long MID_STEP_NS = TimeUnit.MILLISECONDS.toNanos(100);

    final LoadGeneratorConfig config;
    final Recorder ackRecorder = new Recorder(HIGHEST_TRACKABLE_NS, 3);
    final Recorder fillRecorder = new Recorder(HIGHEST_TRACKABLE_NS, 3);
    /** Trade to market-data subscriber latency, from the aggressor order's intended send time. */
    final Recorder marketDataRecorder = new Recorder(HIGHEST_TRACKABLE_NS, 3);
    /** Aggressor intended send time by trade id; null without market-data subscribers. */
    final TradeIntents tradeIntents;
    /** Taker fills of an order that is neither the connection's last accepted nor its last replaced one. */
    final LongAdder unmappedTakerFills = new LongAdder();
    final LongAdder sentNew = new LongAdder();
    final LongAdder sentCancel = new LongAdder();
    final LongAdder sentReplace = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder schedulerFailures = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder fills = new LongAdder();
    final LongAdder canceled = new LongAdder();
    final LongAdder replaced = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder rejectedNew = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final AtomicLongArray rejectsByReason = new AtomicLongArray(REASON_SLOTS);
    final AtomicLongArray cancelsByReason = new AtomicLongArray(REASON_SLOTS);
    final AtomicReference<String> lastError = new AtomicReference<>();
    volatile boolean stopping;
    /** Set before the market-data subscribers are closed, so their disconnects are not counted as errors. */
    volatile boolean stoppingFeed;

    long startNs;
    long measureStartNs;
    long endNs;
    long totalRequests;
    int activeConnections;
    private long rampNs;
    private long rampRequests;
    private long[] midTicksPath = new long[1];

    LoadRun(final LoadGeneratorConfig config)
    {
        this.config = config;
        this.tradeIntents = config.marketDataSubscribers > 0 ? new TradeIntents() : null;
    }

    /**
     * Fixes the schedule: request g of the run is due at {@code startNs + g / rate}; with a ramp of T nanoseconds the
     * rate rises linearly from 0 over T, so the first {@code rate * T / 2} requests are due at
     * {@code startNs + T * sqrt(g / (rate * T / 2))} and the others {@code (g - rate * T / 2) / rate} after T.
     *
     * @param startNs           when request 0 is due.
     * @param activeConnections connections sharing the rate.
     */
    void schedule(final long startNs, final int activeConnections)
    {
        this.startNs = startNs;
        this.activeConnections = activeConnections;
        this.measureStartNs = startNs + config.warmupNs;
        rampNs = config.rampNs;
        rampRequests = multiplyDivide(rampNs, config.ratePerSecond, 2_000_000_000L);
        final long byDuration = rampRequests + multiplyDivide(config.warmupNs + config.durationNs - rampNs,
            config.ratePerSecond, 1_000_000_000L);
        totalRequests = config.durationNs > 0 ? byDuration : Long.MAX_VALUE;
        if (config.maxOrders > 0)
        {
            totalRequests = Math.min(totalRequests, config.maxOrders);
        }
        endNs = intendedNs(Math.max(0, totalRequests - 1));
        final int steps = (int)Math.min(10_000_000, (endNs - startNs) / MID_STEP_NS + 2);
        midTicksPath = new long[steps];
        final SplittableRandom random = new SplittableRandom(config.seed);
        final long startTicks = config.midPrice / config.tickSize;
        final long band = Math.max(1, startTicks / 20);
        long ticks = startTicks;
        for (int i = 0; i < steps; i++)
        {
            midTicksPath[i] = ticks;
            final int step = random.nextInt(3) - 1;
            final long next = ticks + step;
            ticks = Math.abs(next - startTicks) > band ? ticks - step : next;
        }
    }

    long intendedNs(final long globalIndex)
    {
        if (globalIndex < rampRequests)
        {
            return startNs + (long)(rampNs * Math.sqrt((double)globalIndex / rampRequests));
        }
        return startNs + rampNs + multiplyDivide(globalIndex - rampRequests, 1_000_000_000L, config.ratePerSecond);
    }

    /**
     * Requests due (all connections) by the given time.
     *
     * @param nowNs the time.
     * @return how many requests the schedule had made due by then.
     */
    long dueBy(final long nowNs)
    {
        if (nowNs < startNs)
        {
            return 0;
        }
        final long elapsedNs = nowNs - startNs;
        if (elapsedNs < rampNs)
        {
            // invert intendedNs, then step over its rounding so that both agree to the request
            final double share = (double)elapsedNs / rampNs;
            long last = Math.min(rampRequests - 1, (long)(rampRequests * share * share));
            while (last + 1 < rampRequests && intendedNs(last + 1) <= nowNs)
            {
                last++;
            }
            while (last >= 0 && intendedNs(last) > nowNs)
            {
                last--;
            }
            return Math.min(totalRequests, last + 1);
        }
        return Math.min(totalRequests,
            rampRequests + multiplyDivide(elapsedNs - rampNs, config.ratePerSecond, 1_000_000_000L) + 1);
    }

    long midTicks(final long intendedNs)
    {
        final long step = Math.max(0, (intendedNs - startNs) / MID_STEP_NS);
        return midTicksPath[(int)Math.min(step, midTicksPath.length - 1)];
    }

    private static long multiplyDivide(final long a, final long b, final long divisor)
    {
        final long high = Math.multiplyHigh(a, b);
        if (high == 0 && a * b >= 0)
        {
            return a * b / divisor;
        }
        return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
            .divide(java.math.BigInteger.valueOf(divisor)).longValueExact();
    }

    private static ConnectionDriver driver(final ArbiterClient client)
    {
        return (ConnectionDriver)client.attachment();
    }

    @Override
    public void onAccepted(
        final ArbiterClient client,
        final long clientOrderId,
        final long orderId,
        final long clientTimestampNs,
        final int instrumentId,
        final long timestampNs)
    {
        final long nowNs = System.nanoTime();
        accepted.increment();
        final ConnectionDriver driver = driver(client);
        if (driver != null)
        {
            driver.onAccepted(clientOrderId, clientTimestampNs, nowNs);
        }
    }

    @Override
    public void onFill(
        final ArbiterClient client,
        final long clientOrderId,
        final long orderId,
        final long tradeId,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final Liquidity liquidity,
        final int instrumentId,
        final Side side,
        final long timestampNs)
    {
        final long nowNs = System.nanoTime();
        fills.increment();
        final ConnectionDriver driver = driver(client);
        if (driver != null)
        {
            driver.onFill(clientOrderId, tradeId, leavesQuantity, liquidity == Liquidity.TAKER, nowNs);
        }
    }

    @Override
    public void onCanceled(
        final ArbiterClient client,
        final long clientOrderId,
        final long orderId,
        final long canceledQuantity,
        final CancelReason reason,
        final long timestampNs)
    {
        canceled.increment();
        cancelsByReason.incrementAndGet(slot(reason == CancelReason.UNRECOGNIZED ? REASON_SLOTS - 1 :
            reason.getNumber()));
        final ConnectionDriver driver = driver(client);
        if (driver != null)
        {
            driver.onOrderFinished(clientOrderId);
        }
    }

    @Override
    public void onReplaced(
        final ArbiterClient client,
        final long clientOrderId,
        final long orderId,
        final long price,
        final long quantity,
        final long timestampNs)
    {
        replaced.increment();
        final ConnectionDriver driver = driver(client);
        if (driver != null)
        {
            driver.onReplaced(clientOrderId);
        }
    }

    @Override
    public void onRejected(
        final ArbiterClient client,
        final long clientOrderId,
        final RejectReason reason,
        final RequestType requestType,
        final long clientTimestampNs,
        final long timestampNs,
        final CharSequence text)
    {
        rejected.increment();
        rejectsByReason.incrementAndGet(slot(reason == RejectReason.UNRECOGNIZED ? REASON_SLOTS - 1 :
            reason.getNumber()));
        final ConnectionDriver driver = driver(client);
        if (requestType == RequestType.REQUEST_NEW_ORDER)
        {
            rejectedNew.increment();
            if (driver != null)
            {
                driver.onRejectedNew();
            }
        }
        else if (driver != null && (reason == RejectReason.UNKNOWN_ORDER
            || reason == RejectReason.UNKNOWN_CLIENT_ORDER_ID))
        {
            driver.onOrderFinished(clientOrderId);
        }
        else if (driver != null && requestType == RequestType.REQUEST_CANCEL)
        {
            // refused for another reason (BUSY, THROTTLED, ...): the order is still open
            driver.onCancelRefused(clientOrderId);
        }
        if (driver != null && requestType == RequestType.REQUEST_REPLACE)
        {
            driver.onReplaceRejected(clientOrderId);
        }
    }

    @Override
    public void onProtocolError(final ArbiterClient client, final ProtocolErrorCode code, final CharSequence text)
    {
        protocolErrors.increment();
        lastError.set("protocol error " + code + ": " + text);
    }

    @Override
    public void onDisconnected(final ArbiterClient client, final Throwable cause)
    {
        final ConnectionDriver driver = driver(client);
        if (driver == null)
        {
            // Not logged on (yet): a failed logon is counted by the logon phase, not as a disconnect.
            return;
        }
        driver.done = true;
        if (!stopping)
        {
            disconnects.increment();
            lastError.set("disconnected" + (cause == null ? "" : ": " + cause));
        }
    }

    private static int slot(final int number)
    {
        return Math.max(0, Math.min(REASON_SLOTS - 1, number));
    }
}
