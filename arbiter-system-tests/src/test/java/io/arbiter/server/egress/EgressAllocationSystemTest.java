package io.arbiter.server.egress;

import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.sequencer.WaitStrategyKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures bytes allocated by the server's matching thread and event loop thread over a steady stream of orders sent
 * over loopback (ThreadMXBean per-thread allocation counters).
 */
@Tag("slow")
class EgressAllocationSystemTest
{
    private static final long UNIT = 100_000_000L;
    private static final int WINDOWS = 8;
    private static long received;

    @Test
    void shouldAllocateNothingOnMatchingThreadOrEventLoopInSteadyState(
        @org.junit.jupiter.api.io.TempDir final java.nio.file.Path dataDir) throws Exception
    {
        allocateNothing(WaitStrategyKind.LITE_BLOCKING, dataDir);
    }

    @Test
    void shouldAllocateNothingOnMatchingThreadOrEventLoopInSteadyStateWithParkWait(
        @org.junit.jupiter.api.io.TempDir final java.nio.file.Path dataDir) throws Exception
    {
        // park: drains queued on the event loop without a wake-up and nudged by the matching thread
        allocateNothing(WaitStrategyKind.PARK, dataDir);
    }

    private static void allocateNothing(final WaitStrategyKind waitStrategy, final java.nio.file.Path dataDir)
        throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ServerContext context = new ServerConfigLoader().loadDefaults().port(0).marketDataPort(0).adminPort(-1)
            .dataDir(dataDir.toString())
            // This client sends nothing while it waits for a round's replies, which a force slowed by other builds
            // on the same disk can hold for seconds: the default 5 s idle timeout closed it as HEARTBEAT_TIMEOUT
            // (busy run on 186a3d1). Idle sessions are not what this test is about.
            .idleTimeoutMs(120_000)
            .waitStrategy(waitStrategy);
        // limiter on (its matching-thread side is part of what must not allocate) but generous: bursts of 100 orders
        context.overload().burstCapacity(1_000_000).refillRatePerSecond(10_000_000).drainRatePerSecond(10_000_000);
        // a queueing delay from a slow fsync on a shared machine must not switch modes inside the measured window:
        // a mode transition is control plane and logs (allocates) by design
        context.overload().adaptiveDelayThresholdNs(60_000_000_000L).maxQueueDelayNs(60_000_000_000L)
            .hardDelayLimitNs(120_000_000_000L);
        try (ArbiterNode node = new ArbiterNode(context).start();
            Socket socket = new Socket("127.0.0.1", node.port()))
        {
            // liveness only: a quiet round trip takes well under a millisecond; 60 s is far beyond 10x that
            socket.setSoTimeout(60_000);
            final OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            io.arbiter.protocol.proto.ClientMessage.newBuilder().setLogon(io.arbiter.protocol.proto.Logon.newBuilder()
                .setAccount("demo1").setSecret(com.google.protobuf.ByteString.copyFromUtf8("demo1-secret")))
                .build().writeDelimitedTo(out);
            out.flush();
            ServerMessage.parseDelimitedFrom(in);

            final int rounds = 20_000;
            try
            {
                run(out, in, 1, rounds);
            }
            catch (final java.net.SocketTimeoutException ex)
            {
                throw new AssertionError("timeout: processed " + node.processedCount() + " received " + received, ex);
            }
            final long matchingId = threadId("arbiter-matching");
            final long ioId = threadId("arbiter-io");
            // Steady state: for each thread, a window of 4 x rounds commands in which it allocates not a single byte
            // (a per-message allocation, even 1 B per thousand messages, shows in every window). Up to WINDOWS tries
            // absorb one-off events of the JVM: a JIT deoptimization re-materialising scalar-replaced objects, a
            // class loaded by an uncommon trap after a recompilation (about 40 KB once on the event loop), and a few
            // hundred bytes in some windows that JFR attributes to no allocation site of ours (docs/benchmarks.md).
            final double commands = 4.0 * rounds;
            final StringBuilder windows = new StringBuilder();
            long nextId = 1_000_000;
            boolean matchingClean = false;
            boolean eventLoopClean = false;
            for (int window = 0; window < WINDOWS && !(matchingClean && eventLoopClean); window++)
            {
                final long matchingBefore = threads.getThreadAllocatedBytes(matchingId);
                final long ioBefore = threads.getThreadAllocatedBytes(ioId);
                run(out, in, nextId, 2 * rounds);
                final long matchingBytes = threads.getThreadAllocatedBytes(matchingId) - matchingBefore;
                final long ioBytes = threads.getThreadAllocatedBytes(ioId) - ioBefore;
                nextId += 2 * rounds;
                windows.append(String.format("window %d: matching thread %d B (%.4f B/command), event loop %d B " +
                    "(%.4f B/command)%n", window, matchingBytes, matchingBytes / commands, ioBytes,
                    ioBytes / commands));
                matchingClean |= matchingBytes == 0;
                eventLoopClean |= ioBytes == 0;
            }
            System.out.print(windows);
            assertTrue(matchingClean, "no window of " + commands + " commands with 0 B on the matching thread:\n" +
                windows);
            assertTrue(eventLoopClean, "no window of " + commands + " commands with 0 B on the event loop:\n" +
                windows);
        }
    }

    private static void run(final OutputStream out, final InputStream in, final long firstId, final int rounds)
        throws Exception
    {
        for (int i = 0; i < rounds; i++)
        {
            final long id = firstId + i;
            io.arbiter.protocol.proto.ClientMessage.newBuilder().setNewOrder(io.arbiter.protocol.proto.NewOrder
                .newBuilder().setClientOrderId(id).setSymbol("BTC-USD").setSide(Side.BUY)
                .setType(io.arbiter.protocol.proto.OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
                .setPrice(100 * UNIT).setQuantity(1)).build().writeDelimitedTo(out);
            io.arbiter.protocol.proto.ClientMessage.newBuilder().setCancel(io.arbiter.protocol.proto.Cancel
                .newBuilder().setClientOrderId(id)).build().writeDelimitedTo(out);
            if (i % 100 == 99)
            {
                out.flush();
                for (int r = 0; r < 200; r++)
                {
                    ServerMessage m = ServerMessage.parseDelimitedFrom(in);
                    while (m != null && m.hasHeartbeat())
                    {
                        m = ServerMessage.parseDelimitedFrom(in);
                    }
                    assertTrue(m != null && (m.hasAccepted() || m.hasCanceled()), "unexpected reply " + m);
                    received++;
                }
            }
        }
        out.flush();
    }

    private static long threadId(final String prefix)
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith(prefix))
            {
                return thread.getId();
            }
        }
        throw new IllegalStateException("no thread " + prefix);
    }
}
