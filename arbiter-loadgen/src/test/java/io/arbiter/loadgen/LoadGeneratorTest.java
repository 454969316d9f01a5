package io.arbiter.loadgen;

import io.arbiter.testsupport.FakeArbiterServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadGeneratorTest
{
    private static final long STALL_MS = 400;

    @Test
    void shouldShowAServerStallInTheLatencyInsteadOfHidingIt() throws Exception
    {
        // 2,000 requests/s for 0.5 s warm-up + 2 s; about 72% are new orders, so new order 1,500 arrives ~1 s in.
        // Measured from the actual send time or sent only after replies (closed loop), the stall would vanish.
        try (FakeArbiterServer server = new FakeArbiterServer(new FakeArbiterServer.Options()
            .fillImmediateOrders(true).stall(1_500, STALL_MS)))
        {
            final LoadGeneratorConfig config = config(server.port(), 4, 2_000);
            final LoadResult result = new LoadGenerator(config, quietStream()).run();

            final long stallNs = TimeUnit.MILLISECONDS.toNanos(STALL_MS);
            assertTrue(result.ackLatency.getMaxValue() >= stallNs,
                "max " + result.ackLatency.getMaxValue() + " ns must include the " + STALL_MS + " ms stall");
            // ~576 new orders are due during the stall; each waits until it ends, so about half wait >= stall / 2.
            final long waitedHalfTheStall = result.ackLatency.getCountBetweenValues(stallNs / 2, Long.MAX_VALUE / 4);
            assertTrue(waitedHalfTheStall >= 200, "orders that waited >= half the stall: " + waitedHalfTheStall);
            assertTrue(result.ackLatency.getValueAtPercentile(99) >= stallNs / 2,
                "p99 " + result.ackLatency.getValueAtPercentile(99) + " ns must reflect the stall");
            assertEquals(5_000, result.count("sent_new_orders") + result.count("sent_cancels") +
                result.count("sent_replaces"), "the schedule kept the offered rate through the stall");
            assertEquals(0, result.errors(), result.summaryTable());
        }
    }

    @Test
    void shouldMeasureLowLatencyWithoutAStall() throws Exception
    {
        try (FakeArbiterServer server = new FakeArbiterServer(new FakeArbiterServer.Options()
            .fillImmediateOrders(true)))
        {
            final long startNs = System.nanoTime();
            final LoadResult result = new LoadGenerator(config(server.port(), 4, 2_000), quietStream()).run();
            final long elapsedNs = System.nanoTime() - startNs;

            // Not a speed bound, and true however busy the machine is: every request is due and answered within
            // run(), so no latency can exceed its wall time, and a loopback round trip takes at least a microsecond.
            // A unit or clock mistake (nanoseconds read as micros, a wrong epoch) breaks one of the two.
            assertTrue(result.ackLatency.getMaxValue() <= elapsedNs,
                "max " + result.ackLatency.getMaxValue() + " ns within the run's " + elapsedNs + " ns");
            assertTrue(result.ackLatency.getMinValue() >= TimeUnit.MICROSECONDS.toNanos(1),
                "min " + result.ackLatency.getMinValue() + " ns");
            assertEquals(result.count("accepted"), result.count("sent_new_orders"));
            assertTrue(result.firstFillLatency.getTotalCount() > 0, "IOC orders fill as taker");
            assertEquals(result.count("sent_new_orders"), server.newOrders());
        }
    }

    @Test
    void shouldCallTheMeasureStartListenerOnceWhenTheWarmupIsOverAndBeforeTheRunEnds() throws Exception
    {
        try (FakeArbiterServer server = new FakeArbiterServer(new FakeArbiterServer.Options()
            .fillImmediateOrders(true)))
        {
            final AtomicInteger calls = new AtomicInteger();
            final AtomicLong calledAtNs = new AtomicLong();
            final AtomicLong newOrdersThen = new AtomicLong();
            final LoadGeneratorConfig config = config(server.port(), 4, 2_000).measureStartListener(() ->
            {
                calls.incrementAndGet();
                calledAtNs.set(System.nanoTime());
                newOrdersThen.set(server.newOrders());
            });
            final long runNs = System.nanoTime();
            final LoadResult result = new LoadGenerator(config, quietStream()).run();

            assertEquals(1, calls.get(), "called once");
            // the schedule starts after run() is called, and the measured period 500 ms of warm-up later
            assertTrue(calledAtNs.get() - runNs >= TimeUnit.MILLISECONDS.toNanos(500),
                "called " + (calledAtNs.get() - runNs) + " ns after run(), before the 500 ms warm-up was over");
            assertTrue(newOrdersThen.get() < result.count("sent_new_orders"),
                "called during the run: " + newOrdersThen.get() + " of " + result.count("sent_new_orders"));
        }
    }

    @Test
    void shouldSendEveryScheduledRequestOnItsOwnConnectionOverManyConnectionsAndLoops() throws Exception
    {
        // 40 connections on 2 event loops, 2,000 requests/s for 0.5 s + 2 s: request g goes to connection g % 40,
        // so each connection sends exactly 125; the tick walks the schedule, not the connections
        try (FakeArbiterServer server = new FakeArbiterServer(new FakeArbiterServer.Options()
            .fillImmediateOrders(true)))
        {
            final LoadResult result = new LoadGenerator(config(server.port(), 40, 2_000).ioThreads(2),
                quietStream()).run();

            assertEquals(5_000, result.count("sent_new_orders") + result.count("sent_cancels") +
                result.count("sent_replaces"), result.summaryTable());
            assertEquals(0, result.count("unsent_requests"));
            assertEquals(40, result.perConnectionAcks.length);
            for (int i = 0; i < 40; i++)
            {
                assertTrue(result.perConnectionAcks[i] > 0, "connection " + i + " sent no new order");
            }
            assertEquals(result.count("sent_new_orders"), server.newOrders());
            assertEquals(0, result.errors(), result.summaryTable());
        }
    }

    @Test
    void shouldReportTheOfferedRateAsSentWhenARampSentEveryScheduledRequest() throws Exception
    {
        // 2,000 requests/s, the first 400 ms of the 500 ms warm-up ramping up from 0: the ramp's slow start must not
        // read as a generator that fell behind (over the whole schedule it sends 8 % less per second than offered)
        try (FakeArbiterServer server = new FakeArbiterServer(new FakeArbiterServer.Options()
            .fillImmediateOrders(true)))
        {
            final LoadResult result = new LoadGenerator(
                config(server.port(), 4, 2_000).rampNs(TimeUnit.MILLISECONDS.toNanos(400)), quietStream()).run();

            assertEquals(0, result.count("unsent_requests"), result.summaryTable());
            assertEquals(2_000.0, result.sentRatePerS, 1e-6, result.summaryTable());
            assertTrue(result.summaryTable().contains("2000 / 2000 requests per s"), result.summaryTable());
        }
    }

    @Test
    @Timeout(60)
    void shouldFinishWhenSomeConnectionsHaveNoRequestAtAll() throws Exception
    {
        // 7 requests over 20 connections: 13 connections are never due and must still count as done, else the run
        // waits out the 120 s drain timeout. Liveness only: a quiet run needs about 1 s, the bound is 60x that.
        try (FakeArbiterServer server = new FakeArbiterServer(new FakeArbiterServer.Options()
            .fillImmediateOrders(true)))
        {
            final LoadResult result = new LoadGenerator(config(server.port(), 20, 2_000).maxOrders(7)
                .drainTimeoutNs(TimeUnit.SECONDS.toNanos(120)),
                quietStream()).run();

            assertEquals(7, result.count("sent_new_orders") + result.count("sent_cancels") +
                result.count("sent_replaces"), result.summaryTable());
            assertEquals(0, result.count("unsent_requests"));
            assertEquals(0, result.errors(), result.summaryTable());
        }
    }

    static LoadGeneratorConfig config(final int port, final int connections, final long rate)
    {
        return new LoadGeneratorConfig()
            .host("127.0.0.1")
            .port(port)
            .connections(connections)
            .rate(rate)
            .warmupNs(TimeUnit.MILLISECONDS.toNanos(500))
            .durationNs(TimeUnit.SECONDS.toNanos(2))
            .ioThreads(1)
            .batch(4)
            .seed(7)
            .progress(false);
    }

    static PrintStream quietStream()
    {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
