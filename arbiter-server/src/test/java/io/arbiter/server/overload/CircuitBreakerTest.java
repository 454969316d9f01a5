package io.arbiter.server.overload;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static io.arbiter.server.overload.CircuitBreaker.CLOSED;
import static io.arbiter.server.overload.CircuitBreaker.HALF_OPEN;
import static io.arbiter.server.overload.CircuitBreaker.OPEN;
import static io.arbiter.server.overload.OverloadFixture.MS;
import static io.arbiter.server.overload.OverloadFixture.SECOND;
import static io.arbiter.server.overload.AdmissionDecision.ADMITTED;
import static io.arbiter.server.overload.AdmissionDecision.MARKET_PROTECTION;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every circuit breaker transition, driven window by window with an injected clock, and its effect on the gate.
 */
class CircuitBreakerTest
{
    private static final long WINDOW = 100 * MS;
    private static final long HEALTHY_DELAY = MS;

    private final OverloadFixture fixture = new OverloadFixture(new OverloadContext()
        .windowNs(WINDOW)
        .exhaustionThresholdPermille(950)
        .ringHighWatermarkPermille(800)
        .sustainNs(5 * SECOND)
        .adaptiveDelayThresholdNs(5 * MS)
        .hardDelayLimitNs(50 * MS)
        .hardDelaySustainNs(SECOND)
        .coolDownNs(5 * SECOND)
        .halfOpenTricklePerSecond(10)
        .halfOpenHealthyWindows(3)
        .burstCapacity(1_000)
        .refillRatePerSecond(1_000)
        .drainRatePerSecond(1_000_000)
        .maxQueueDelayNs(10 * MS));

    private long now = 10 * SECOND;

    private void windows(final int count, final long delayNs, final int ringPermille, final int budgetPermille)
    {
        for (int i = 0; i < count; i++)
        {
            now += WINDOW;
            fixture.breaker.onWindow(now, delayNs, ringPermille, budgetPermille);
        }
    }

    private void assertState(final int expected)
    {
        assertEquals(CircuitBreaker.stateName(expected), CircuitBreaker.stateName(fixture.breaker.state()),
            "at " + now + ", log " + fixture.log);
    }

    private void assertOnlyTransitions(final OverloadTransition... expected)
    {
        assertEquals(expected.length, fixture.events.total(), fixture.log.toString());
        assertEquals(expected.length, fixture.log.size(), fixture.log.toString());
        for (final OverloadTransition transition : expected)
        {
            final long times = Arrays.stream(expected).filter((t) -> t == transition).count();
            assertEquals(times, fixture.events.count(transition), transition.name());
            assertEquals(times, fixture.logged(transition), transition + " logged " + fixture.log);
        }
    }

    @Test
    void shouldOpenWhenBudgetsStayExhaustedForFiveSeconds()
    {
        windows(49, HEALTHY_DELAY, 0, 960);
        assertState(CLOSED);
        windows(1, HEALTHY_DELAY, 0, 949);
        windows(49, HEALTHY_DELAY, 0, 1000);
        assertState(CLOSED);
        windows(1, HEALTHY_DELAY, 0, 1000);
        assertState(OPEN);
        windows(3, HEALTHY_DELAY, 0, 1000);
        assertOnlyTransitions(OverloadTransition.BREAKER_OPENED_EXHAUSTION);
    }

    @Test
    void shouldOpenWhenRingStaysAboveHighWatermarkForFiveSeconds()
    {
        windows(49, HEALTHY_DELAY, 800, 0);
        assertState(CLOSED);
        windows(1, HEALTHY_DELAY, 799, 0);
        windows(50, HEALTHY_DELAY, 900, 0);
        assertState(OPEN);
        assertOnlyTransitions(OverloadTransition.BREAKER_OPENED_RING);
    }

    @Test
    void shouldOpenWhenQueueingDelayStaysAboveHardLimit()
    {
        windows(9, 51 * MS, 0, 0);
        assertState(CLOSED);
        windows(1, 50 * MS, 0, 0);
        windows(9, 80 * MS, 0, 0);
        assertState(CLOSED);
        windows(1, 80 * MS, 0, 0);
        assertState(OPEN);
        assertOnlyTransitions(OverloadTransition.BREAKER_OPENED_DELAY);
    }

    @Test
    void shouldRejectNewOrdersWithMarketProtectionWhileOpen()
    {
        final DualModeBucket session = fixture.newBucket();
        assertEquals(ADMITTED, fixture.gate.tryAcquireNewOrder(session, null, now));
        windows(10, 100 * MS, 0, 0);
        assertState(OPEN);
        for (int i = 0; i < 100; i++)
        {
            assertEquals(MARKET_PROTECTION, fixture.gate.tryAcquireNewOrder(session, null, now + i * MS));
        }
        assertEquals(100, fixture.gate.breakerRejectCount());
        assertEquals(0, fixture.gate.throttledCount());
        assertEquals(5 * SECOND, fixture.gate.retryAfterNs() + 99 * MS, "hint is the rest of the cool-down");
    }

    @Test
    void shouldOfferNoAdmissionCallForCancelsOrLogouts()
    {
        final List<String> decisions = Arrays.stream(OverloadGate.class.getDeclaredMethods())
            .filter((m) -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == int.class)
            .map(Method::getName)
            .collect(Collectors.toList());
        assertEquals(List.of("tryAcquireNewOrder"), decisions, "only new orders are subject to admission");
    }

    @Test
    void shouldGoHalfOpenAfterCoolDown()
    {
        windows(10, 100 * MS, 0, 0);
        assertState(OPEN);
        windows(49, HEALTHY_DELAY, 0, 0);
        assertState(OPEN);
        windows(1, HEALTHY_DELAY, 0, 0);
        assertState(HALF_OPEN);
        assertOnlyTransitions(OverloadTransition.BREAKER_OPENED_DELAY, OverloadTransition.BREAKER_HALF_OPENED);
    }

    @Test
    void shouldAdmitOnlyATrickleWhileHalfOpen()
    {
        windows(10, 100 * MS, 0, 0);
        windows(50, HEALTHY_DELAY, 0, 0);
        assertState(HALF_OPEN);

        final DualModeBucket[] sessions = {fixture.newBucket(), fixture.newBucket(), fixture.newBucket()};
        int admitted = 0;
        int rejected = 0;
        for (long t = now; t < now + SECOND; t += MS)
        {
            for (final DualModeBucket session : sessions)
            {
                final int status = fixture.gate.tryAcquireNewOrder(session, null, t);
                if (ADMITTED == status)
                {
                    admitted++;
                }
                else
                {
                    assertEquals(MARKET_PROTECTION, status);
                    rejected++;
                }
            }
        }
        assertEquals(10, admitted, "10 per second over all sessions");
        assertEquals(3_000 - 10, rejected);
    }

    @Test
    void shouldCloseFromHalfOpenWhenHealthy()
    {
        windows(10, 100 * MS, 0, 0);
        windows(50, HEALTHY_DELAY, 0, 0);
        windows(2, 5 * MS, 799, 0);
        assertState(HALF_OPEN);
        windows(1, 5 * MS, 799, 0);
        assertState(CLOSED);
        windows(20, HEALTHY_DELAY, 0, 0);
        assertOnlyTransitions(OverloadTransition.BREAKER_OPENED_DELAY, OverloadTransition.BREAKER_HALF_OPENED,
            OverloadTransition.BREAKER_CLOSED);

        final DualModeBucket session = fixture.newBucket();
        for (int i = 0; i < 100; i++)
        {
            assertEquals(ADMITTED, fixture.gate.tryAcquireNewOrder(session, null, now), "closed: bursts pass");
        }
    }

    @Test
    void shouldReopenFromHalfOpenOnDelay()
    {
        windows(10, 100 * MS, 0, 0);
        windows(50, HEALTHY_DELAY, 0, 0);
        windows(2, HEALTHY_DELAY, 0, 0);
        windows(1, 5 * MS + 1, 0, 0);
        assertState(OPEN);
        assertOnlyTransitions(OverloadTransition.BREAKER_OPENED_DELAY, OverloadTransition.BREAKER_HALF_OPENED,
            OverloadTransition.BREAKER_REOPENED);

        windows(49, HEALTHY_DELAY, 0, 0);
        assertState(OPEN);
        windows(1, HEALTHY_DELAY, 0, 0);
        assertState(HALF_OPEN);
    }

    @Test
    void shouldReopenFromHalfOpenOnRingOccupancy()
    {
        windows(50, HEALTHY_DELAY, 900, 0);
        assertState(OPEN);
        windows(50, HEALTHY_DELAY, 0, 0);
        assertState(HALF_OPEN);
        windows(1, HEALTHY_DELAY, 800, 0);
        assertState(OPEN);
        assertOnlyTransitions(OverloadTransition.BREAKER_OPENED_RING, OverloadTransition.BREAKER_HALF_OPENED,
            OverloadTransition.BREAKER_REOPENED);
    }
}
