package io.arbiter.marketdata;

import io.arbiter.client.MarketDataClient;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.server.config.ServerContext;
import io.arbiter.testsupport.TestClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.cancel;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes allocated by the feed thread ("arbiter-marketdata": ring reads, book building, encoding, fan-out to every
 * subscriber) over a steady stream of book updates and top-of-book messages to several loopback subscribers
 * (ThreadMXBean per-thread allocation counter).
 */
@Tag("slow")
class MarketDataAllocationSystemTest
{
    private static final int SUBSCRIBERS = 8;
    private static final int WINDOWS = 8;
    private static final int ROUNDS = 10_000;
    private static final String BTC = "BTC-USD";

    @TempDir
    Path dataDir;

    @Test
    void shouldAllocateNothingOnTheFeedThreadPerMessageInSteadyState() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        // the largest subscriber buffer (a window is ~3 MB a subscriber): on a busy machine a subscriber that falls
        // behind is then neither conflated nor closed within a window, so every window measures the same steady path
        final ServerContext context = new ServerConfigLoader().loadDefaults().port(0).marketDataPort(0).adminPort(-1)
            .overloadEnabled(false).marketDataSubscriberBufferBytes(64 << 20).dataDir(dataDir.toString());
        final List<MarketDataClient> subscribers = new ArrayList<>();
        final AtomicLong received = new AtomicLong();
        try (ArbiterNode node = new ArbiterNode(context).start();
            TestClient trader = new TestClient(node.port()))
        {
            for (int i = 0; i < SUBSCRIBERS; i++)
            {
                final MarketDataClient subscriber = MarketDataClient.connect("127.0.0.1", node.marketDataPort(),
                    new MarketDataClient.Listener()
                    {
                        @Override
                        public void onTopOfBook(
                            final String symbol, final long bidPrice, final long bidQuantity, final long askPrice,
                            final long askQuantity)
                        {
                            received.incrementAndGet();
                        }
                    });
                subscribers.add(subscriber);
                subscriber.subscribe(List.of(BTC), 0, true);
            }
            assertTrue(trader.logon("demo1", "demo1-secret").hasLogonAck());
            final MarketDataAgent agent = node.marketData().agent();
            run(trader, 1, ROUNDS);

            final long feedId = threadId("arbiter-marketdata");
            // Steady state: a window in which the feed thread allocates not a single byte while it sends tens of
            // thousands of messages (a per-message allocation, even 1 B per thousand messages, shows in every
            // window). Up to WINDOWS tries absorb one-off events (a JIT deoptimization, a buffer that grows to the
            // largest batch once).
            final StringBuilder windows = new StringBuilder();
            long nextId = 1_000_000;
            boolean clean = false;
            for (int window = 0; window < WINDOWS && !clean; window++)
            {
                final long messagesBefore = agent.messagesSent();
                final long before = threads.getThreadAllocatedBytes(feedId);
                run(trader, nextId, ROUNDS);
                final long bytes = threads.getThreadAllocatedBytes(feedId) - before;
                final long messages = agent.messagesSent() - messagesBefore;
                nextId += ROUNDS;
                windows.append(String.format("window %d: feed thread %d B over %d messages (%.4f B/message)%n",
                    window, bytes, messages, bytes / (double)Math.max(1, messages)));
                clean = bytes == 0 && messages > ROUNDS;
            }
            System.out.print(windows);
            assertTrue(received.get() > 0, "the subscribers received top-of-book messages");
            assertTrue(clean, "no window with 0 B on the feed thread:\n" + windows);
        }
        finally
        {
            subscribers.forEach(MarketDataClient::close);
        }
    }

    /** Each round adds a bid above the others and cancels it: two BookUpdates and two TopOfBooks per subscriber. */
    private static void run(final TestClient trader, final long firstId, final int rounds) throws Exception
    {
        for (int i = 0; i < rounds; i++)
        {
            final long id = firstId + i;
            trader.sendNoFlush(limit(id, BTC, Side.BUY, TimeInForce.GTC, 100 * UNIT, 1));
            trader.sendNoFlush(cancel(id));
            if (i % 100 == 99)
            {
                trader.flush();
                int replies = 0;
                while (replies < 200)
                {
                    final ServerMessage reply = trader.receiveReusingBuffer();
                    assertNotNull(reply);
                    assertTrue(reply.hasAccepted() || reply.hasCanceled() || reply.hasHeartbeat(), reply.toString());
                    replies += reply.hasHeartbeat() ? 0 : 1;
                }
            }
        }
        trader.flush();
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
