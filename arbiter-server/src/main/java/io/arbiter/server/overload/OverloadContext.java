package io.arbiter.server.overload;

import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Configuration of the overload protection: limiter budgets, the adaptive mode, and the circuit breaker's thresholds
 * and windows, each with a default that suits a small node (documented per field and in {@code docs/overload.md}).
 * Filled on the control plane, checked by {@link #validate()}, then only read; not thread safe while being filled.
 */
public final class OverloadContext
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private LimitScope limitScope = LimitScope.SESSION;
    private long burstCapacity = 50;
    private long refillRatePerSecond = 1_000;
    private long drainRatePerSecond = 2_000;
    private long maxQueueDelayNs = 25 * MS;
    private long windowNs = 100 * MS;
    private long adaptiveDelayThresholdNs = 5 * MS;
    private int adaptiveBadWindows = 3;
    private int adaptiveHealthyWindows = 3;
    private int adaptiveSlowPermille = 500;
    private int exhaustionThresholdPermille = 950;
    private int ringHighWatermarkPermille = 800;
    private long sustainNs = 5 * SECOND;
    private long hardDelayLimitNs = 50 * MS;
    private long hardDelaySustainNs = SECOND;
    private long coolDownNs = 5 * SECOND;
    private long halfOpenTricklePerSecond = 100;
    private int halfOpenHealthyWindows = 3;
    private Consumer<String> transitionListener = OverloadContext::logTransition;

    /**
     * @return which budgets an order is charged to. Default {@link LimitScope#SESSION}.
     */
    public LimitScope limitScope()
    {
        return limitScope;
    }

    /**
     * @param limitScope which budgets an order is charged to.
     * @return this.
     */
    public OverloadContext limitScope(final LimitScope limitScope)
    {
        this.limitScope = Objects.requireNonNull(limitScope, "limitScope");
        return this;
    }

    /**
     * @return token bucket capacity: new orders a budget may send at once after being idle. Default 50.
     */
    public long burstCapacity()
    {
        return burstCapacity;
    }

    /**
     * @param burstCapacity token bucket capacity, at least 1.
     * @return this.
     */
    public OverloadContext burstCapacity(final long burstCapacity)
    {
        this.burstCapacity = burstCapacity;
        return this;
    }

    /**
     * @return sustained new orders per second per budget (token refill rate; also the drain rate in leaky-only
     * mode). Default 1000.
     */
    public long refillRatePerSecond()
    {
        return refillRatePerSecond;
    }

    /**
     * @param refillRatePerSecond tokens added per second, 1 to 1,000,000,000.
     * @return this.
     */
    public OverloadContext refillRatePerSecond(final long refillRatePerSecond)
    {
        this.refillRatePerSecond = refillRatePerSecond;
        return this;
    }

    /**
     * @return highest rate at which one budget's admitted orders are released into the matching ring (leaky bucket),
     * so a burst is spread out instead of landing in the ring at once. Default 2000 per second.
     */
    public long drainRatePerSecond()
    {
        return drainRatePerSecond;
    }

    /**
     * @param drainRatePerSecond releases per second, at least {@link #refillRatePerSecond()}.
     * @return this.
     */
    public OverloadContext drainRatePerSecond(final long drainRatePerSecond)
    {
        this.drainRatePerSecond = drainRatePerSecond;
        return this;
    }

    /**
     * @return longest an admitted order may wait for its release slot; an order whose slot is further ahead is
     * THROTTLED. 0 disables holding (pure pacing: only orders releasable now are admitted). Default 25 ms, enough
     * for a full burst at the default drain rate.
     */
    public long maxQueueDelayNs()
    {
        return maxQueueDelayNs;
    }

    /**
     * @param maxQueueDelayNs longest release delay, 0 or more.
     * @return this.
     */
    public OverloadContext maxQueueDelayNs(final long maxQueueDelayNs)
    {
        this.maxQueueDelayNs = maxQueueDelayNs;
        return this;
    }

    /**
     * @return length of the matching thread's measurement window (queueing delay, ring occupancy, budget use).
     * Default 100 ms.
     */
    public long windowNs()
    {
        return windowNs;
    }

    /**
     * @param windowNs measurement window, positive.
     * @return this.
     */
    public OverloadContext windowNs(final long windowNs)
    {
        this.windowNs = windowNs;
        return this;
    }

    /**
     * @return a window whose largest queueing delay (gateway receive to matching take) is above this is "bad" for
     * the adaptive mode; the breaker also uses it as the healthy bound in HALF_OPEN. Default 5 ms.
     */
    public long adaptiveDelayThresholdNs()
    {
        return adaptiveDelayThresholdNs;
    }

    /**
     * @param adaptiveDelayThresholdNs soft queueing-delay threshold, positive.
     * @return this.
     */
    public OverloadContext adaptiveDelayThresholdNs(final long adaptiveDelayThresholdNs)
    {
        this.adaptiveDelayThresholdNs = adaptiveDelayThresholdNs;
        return this;
    }

    /**
     * @return consecutive bad windows that switch the limiters to leaky-only mode. Default 3.
     */
    public int adaptiveBadWindows()
    {
        return adaptiveBadWindows;
    }

    /**
     * @param adaptiveBadWindows consecutive bad windows, at least 1.
     * @return this.
     */
    public OverloadContext adaptiveBadWindows(final int adaptiveBadWindows)
    {
        this.adaptiveBadWindows = adaptiveBadWindows;
        return this;
    }

    /**
     * @return consecutive healthy windows that switch leaky-only mode off again. Default 3.
     */
    public int adaptiveHealthyWindows()
    {
        return adaptiveHealthyWindows;
    }

    /**
     * @param adaptiveHealthyWindows consecutive healthy windows, at least 1.
     * @return this.
     */
    public OverloadContext adaptiveHealthyWindows(final int adaptiveHealthyWindows)
    {
        this.adaptiveHealthyWindows = adaptiveHealthyWindows;
        return this;
    }

    /**
     * @return share of a window's new orders, in permille, that must have waited longer than
     * {@link #adaptiveDelayThresholdNs()} for the window to count as bad. Default 500: the window's median delay is
     * above the threshold, so a stall that delays a few orders (a JIT compilation, a GC pause, a late wake-up of the
     * matching thread) does not make a window bad, while a backlog that delays every order does.
     */
    public int adaptiveSlowPermille()
    {
        return adaptiveSlowPermille;
    }

    /**
     * @param adaptiveSlowPermille share of a window's new orders, permille, 1..1000.
     * @return this.
     */
    public OverloadContext adaptiveSlowPermille(final int adaptiveSlowPermille)
    {
        this.adaptiveSlowPermille = adaptiveSlowPermille;
        return this;
    }

    /**
     * @return budget use, in permille of all active budgets' refill in a window, at or above which budgets count as
     * exhausted. Default 950 (95 %).
     */
    public int exhaustionThresholdPermille()
    {
        return exhaustionThresholdPermille;
    }

    /**
     * @param exhaustionThresholdPermille 1 or more; above 1000 only bursts can reach it.
     * @return this.
     */
    public OverloadContext exhaustionThresholdPermille(final int exhaustionThresholdPermille)
    {
        this.exhaustionThresholdPermille = exhaustionThresholdPermille;
        return this;
    }

    /**
     * @return ring occupancy, in permille of its capacity, at or above which the ring is "high". Default 800.
     */
    public int ringHighWatermarkPermille()
    {
        return ringHighWatermarkPermille;
    }

    /**
     * @param ringHighWatermarkPermille 1 to 1000.
     * @return this.
     */
    public OverloadContext ringHighWatermarkPermille(final int ringHighWatermarkPermille)
    {
        this.ringHighWatermarkPermille = ringHighWatermarkPermille;
        return this;
    }

    /**
     * @return how long budget exhaustion or a high ring must last before the breaker opens. Default 5 s.
     */
    public long sustainNs()
    {
        return sustainNs;
    }

    /**
     * @param sustainNs duration, positive.
     * @return this.
     */
    public OverloadContext sustainNs(final long sustainNs)
    {
        this.sustainNs = sustainNs;
        return this;
    }

    /**
     * @return queueing delay above which the node is in trouble whatever the budgets say. Default 50 ms.
     */
    public long hardDelayLimitNs()
    {
        return hardDelayLimitNs;
    }

    /**
     * @param hardDelayLimitNs hard limit, above {@link #adaptiveDelayThresholdNs()}.
     * @return this.
     */
    public OverloadContext hardDelayLimitNs(final long hardDelayLimitNs)
    {
        this.hardDelayLimitNs = hardDelayLimitNs;
        return this;
    }

    /**
     * @return how long the queueing delay must stay above the hard limit before the breaker opens; one window or
     * less means a single bad window opens it. Default 1 s.
     */
    public long hardDelaySustainNs()
    {
        return hardDelaySustainNs;
    }

    /**
     * @param hardDelaySustainNs duration, positive.
     * @return this.
     */
    public OverloadContext hardDelaySustainNs(final long hardDelaySustainNs)
    {
        this.hardDelaySustainNs = hardDelaySustainNs;
        return this;
    }

    /**
     * @return how long the breaker stays OPEN before probing in HALF_OPEN. Default 5 s.
     */
    public long coolDownNs()
    {
        return coolDownNs;
    }

    /**
     * @param coolDownNs duration, positive.
     * @return this.
     */
    public OverloadContext coolDownNs(final long coolDownNs)
    {
        this.coolDownNs = coolDownNs;
        return this;
    }

    /**
     * @return new orders per second admitted over the whole node while HALF_OPEN (no burst). Default 100.
     */
    public long halfOpenTricklePerSecond()
    {
        return halfOpenTricklePerSecond;
    }

    /**
     * @param halfOpenTricklePerSecond 1 to 1,000,000,000.
     * @return this.
     */
    public OverloadContext halfOpenTricklePerSecond(final long halfOpenTricklePerSecond)
    {
        this.halfOpenTricklePerSecond = halfOpenTricklePerSecond;
        return this;
    }

    /**
     * @return consecutive healthy windows (delay at most the adaptive threshold, ring below the watermark) that close
     * a HALF_OPEN breaker. Default 3.
     */
    public int halfOpenHealthyWindows()
    {
        return halfOpenHealthyWindows;
    }

    /**
     * @param halfOpenHealthyWindows consecutive healthy windows, at least 1.
     * @return this.
     */
    public OverloadContext halfOpenHealthyWindows(final int halfOpenHealthyWindows)
    {
        this.halfOpenHealthyWindows = halfOpenHealthyWindows;
        return this;
    }

    /**
     * @return receives one line per state change, on the matching thread. Default: the SLF4J logger
     *     {@code io.arbiter.server.overload} at INFO.
     */
    public Consumer<String> transitionListener()
    {
        return transitionListener;
    }

    /**
     * @param transitionListener receives one line per state change, on the matching thread; must not block.
     * @return this.
     */
    public OverloadContext transitionListener(final Consumer<String> transitionListener)
    {
        this.transitionListener = Objects.requireNonNull(transitionListener, "transitionListener");
        return this;
    }

    /**
     * @return nanoseconds between two tokens (refill interval).
     */
    public long refillIntervalNs()
    {
        return SECOND / refillRatePerSecond;
    }

    /**
     * @return nanoseconds between two releases of one budget (drain interval).
     */
    public long drainIntervalNs()
    {
        return SECOND / drainRatePerSecond;
    }

    /**
     * @return nanoseconds between two HALF_OPEN trickle orders.
     */
    public long trickleIntervalNs()
    {
        return SECOND / halfOpenTricklePerSecond;
    }

    /**
     * Check every setting and their relations.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first setting that is out of range.
     */
    public OverloadContext validate()
    {
        require(burstCapacity >= 1, "burstCapacity must be at least 1: " + burstCapacity);
        require(refillRatePerSecond >= 1 && refillRatePerSecond <= SECOND,
            "refillRatePerSecond must be 1..1e9: " + refillRatePerSecond);
        require(drainRatePerSecond >= refillRatePerSecond && drainRatePerSecond <= SECOND,
            "drainRatePerSecond must be refillRatePerSecond..1e9: " + drainRatePerSecond);
        require(maxQueueDelayNs >= 0, "maxQueueDelayNs must not be negative: " + maxQueueDelayNs);
        require(windowNs > 0, "windowNs must be positive: " + windowNs);
        require(adaptiveDelayThresholdNs > 0, "adaptiveDelayThresholdNs must be positive: " + adaptiveDelayThresholdNs);
        require(adaptiveBadWindows >= 1, "adaptiveBadWindows must be at least 1: " + adaptiveBadWindows);
        require(adaptiveHealthyWindows >= 1, "adaptiveHealthyWindows must be at least 1: " + adaptiveHealthyWindows);
        require(adaptiveSlowPermille >= 1 && adaptiveSlowPermille <= 1000,
            "adaptiveSlowPermille must be 1..1000: " + adaptiveSlowPermille);
        require(exhaustionThresholdPermille >= 1,
            "exhaustionThresholdPermille must be at least 1: " + exhaustionThresholdPermille);
        require(ringHighWatermarkPermille >= 1 && ringHighWatermarkPermille <= 1000,
            "ringHighWatermarkPermille must be 1..1000: " + ringHighWatermarkPermille);
        require(sustainNs > 0, "sustainNs must be positive: " + sustainNs);
        require(hardDelayLimitNs > adaptiveDelayThresholdNs,
            "hardDelayLimitNs must be above adaptiveDelayThresholdNs: " + hardDelayLimitNs);
        require(hardDelaySustainNs > 0, "hardDelaySustainNs must be positive: " + hardDelaySustainNs);
        require(coolDownNs > 0, "coolDownNs must be positive: " + coolDownNs);
        require(halfOpenTricklePerSecond >= 1 && halfOpenTricklePerSecond <= SECOND,
            "halfOpenTricklePerSecond must be 1..1e9: " + halfOpenTricklePerSecond);
        require(halfOpenHealthyWindows >= 1, "halfOpenHealthyWindows must be at least 1: " + halfOpenHealthyWindows);
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    private static void logTransition(final String line)
    {
        LoggerFactory.getLogger("io.arbiter.server.overload").info(line);
    }
}
