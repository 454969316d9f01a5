package io.arbiter.bench.overload;

import io.arbiter.server.overload.AdaptiveMode;
import io.arbiter.server.overload.CircuitBreaker;
import io.arbiter.server.overload.DualModeBucket;
import io.arbiter.server.overload.OverloadContext;
import io.arbiter.server.overload.OverloadEvents;
import io.arbiter.server.overload.OverloadGate;
import io.arbiter.server.overload.OverloadMonitor;
import io.arbiter.server.overload.AdmissionDecision;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Per-order cost of admission and circuit breaking: Bucket4j's token bucket against {@link DualModeBucket} and
 * {@link OverloadGate}, and Resilience4j's circuit breaker against {@link CircuitBreaker} fed by
 * {@link OverloadMonitor}. Every contender reads the same hand-advanced {@link ManualTime}; each operation advances
 * it by 1 µs while budgets refill one token per 2 µs, so about half of the orders are admitted and half throttled.
 * Single-threaded (the gateway calls per I/O thread); run with {@code -prof gc} for bytes per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OverloadBenchmark
{
    private static final long STEP_NS = 1_000;
    private static final long REFILL_PER_SECOND = 500_000;
    private static final long BURST = 50;

    /** Bucket4j's synchronisation: NONE (single thread, cheapest) or LOCK_FREE (its default). */
    @Param({"NONE", "LOCK_FREE"})
    public String bucket4jSync;

    private final ManualTime time = new ManualTime();
    private Bucket bucket4j;
    private Bucket bucket4jDrain;
    private DualModeBucket dualModeBucket;
    private OverloadGate gate;
    private OverloadMonitor monitor;
    private CircuitBreaker breaker;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;

    /**
     * Build every contender with the same budget.
     */
    @Setup
    public void setUp()
    {
        final SynchronizationStrategy sync = "NONE".equals(bucket4jSync) ?
            SynchronizationStrategy.NONE : SynchronizationStrategy.LOCK_FREE;
        bucket4j = Bucket.builder()
            .addLimit((limit) -> limit.capacity(BURST).refillGreedy(REFILL_PER_SECOND, Duration.ofSeconds(1)))
            .withCustomTimePrecision(time)
            .withSynchronizationStrategy(sync)
            .build();
        bucket4jDrain = Bucket.builder()
            .addLimit((limit) -> limit.capacity(1).refillGreedy(2 * REFILL_PER_SECOND, Duration.ofSeconds(1)))
            .withCustomTimePrecision(time)
            .withSynchronizationStrategy(sync)
            .build();

        final OverloadContext context = new OverloadContext()
            .burstCapacity(BURST)
            .refillRatePerSecond(REFILL_PER_SECOND)
            .drainRatePerSecond(2 * REFILL_PER_SECOND)
            .maxQueueDelayNs(1_000_000)
            .transitionListener((line) -> { })
            .validate();
        final OverloadEvents events = new OverloadEvents(context.transitionListener());
        final AdaptiveMode adaptiveMode = new AdaptiveMode(context, events);
        breaker = new CircuitBreaker(context, events);
        monitor = new OverloadMonitor(context, adaptiveMode, breaker);
        gate = new OverloadGate(context, adaptiveMode, breaker);
        dualModeBucket = new DualModeBucket(context);
        monitor.onDutyCycle(time.nowNs(), 0, 1024, 1);

        resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench", CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(100)
            .failureRateThreshold(50)
            .slowCallDurationThreshold(Duration.ofMillis(50))
            .slowCallRateThreshold(95)
            .waitDurationInOpenState(Duration.ofSeconds(5))
            .permittedNumberOfCallsInHalfOpenState(10)
            .clock(time)
            .currentTimestampFunction((clock) -> time.nowNs(), TimeUnit.NANOSECONDS)
            .build());
    }

    /**
     * Bucket4j token bucket, yes/no answer only.
     *
     * @return whether admitted.
     */
    @Benchmark
    public boolean bucket4jTryConsume()
    {
        time.advance(STEP_NS);
        return bucket4j.tryConsume(1);
    }

    /**
     * Bucket4j token bucket with the retry-after hint (a {@link ConsumptionProbe} per call).
     *
     * @return nanoseconds to wait, 0 if admitted.
     */
    @Benchmark
    public long bucket4jTryConsumeWithHint()
    {
        time.advance(STEP_NS);
        final ConsumptionProbe probe = bucket4j.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill();
    }

    /**
     * Bucket4j emulating the dual mode: a token, then a drain slot reserved with
     * {@code consumeIgnoringRateLimits} (its wait is the release delay), undone when beyond the max queueing delay.
     *
     * @return release delay, or -1 if throttled.
     */
    @Benchmark
    public long bucket4jTokenPlusDrain()
    {
        time.advance(STEP_NS);
        if (!bucket4j.tryConsume(1))
        {
            return -1;
        }
        final long waitNs = bucket4jDrain.consumeIgnoringRateLimits(1);
        if (waitNs > 1_000_000)
        {
            bucket4jDrain.addTokens(1);
            bucket4j.addTokens(1);
            return -1;
        }
        return waitNs;
    }

    /**
     * Our token + leaky bucket alone.
     *
     * @return status, with the hint or release time read as the gateway would.
     */
    @Benchmark
    public long dualModeBucket()
    {
        final long nowNs = time.advance(STEP_NS);
        return AdmissionDecision.ADMITTED == dualModeBucket.tryAcquire(nowNs, false) ?
            dualModeBucket.releaseNs() : -dualModeBucket.retryAfterNs();
    }

    /**
     * Our gate as the gateway calls it: breaker state, adaptive mode, session budget, counters.
     *
     * @return status, with the hint or release delay.
     */
    @Benchmark
    public long overloadGate()
    {
        final long nowNs = time.advance(STEP_NS);
        return AdmissionDecision.ADMITTED == gate.tryAcquireNewOrder(dualModeBucket, null, nowNs) ?
            gate.releaseDelayNs() : -gate.retryAfterNs();
    }

    /**
     * Resilience4j's breaker per order: permission, then the outcome with its duration (fed to slow-call rate).
     *
     * @return whether permitted.
     */
    @Benchmark
    public boolean resilience4jAcquireAndOnResult()
    {
        time.advance(STEP_NS);
        if (resilience4j.tryAcquirePermission())
        {
            resilience4j.onResult(20_000, TimeUnit.NANOSECONDS, null);
            return true;
        }
        return false;
    }

    /**
     * Our breaker per order: the gateway's state read, and the matching thread's delay record and duty-cycle check
     * (which closes a window every 100 ms of injected time).
     *
     * @return whether permitted.
     */
    @Benchmark
    public boolean breakerAndMonitor()
    {
        final long nowNs = time.advance(STEP_NS);
        final boolean permitted = CircuitBreaker.OPEN != breaker.state();
        if (permitted)
        {
            monitor.onNewOrderTaken(nowNs - 20_000, nowNs);
        }
        monitor.onDutyCycle(nowNs, 16, 1024, 1_000);
        return permitted;
    }
}
