package io.arbiter.marketdata;

import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.engine.Side;
import io.arbiter.engine.support.CommandGenerator;
import io.arbiter.protocol.proto.BookLevel;
import io.arbiter.protocol.proto.MarketDataMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property test of the feed without a network: an engine runs seeded random command streams through the
 * {@link MarketDataPublisher}; the {@link MarketDataAgent} reads them, held back by a randomly advancing durable
 * sequence; subscribers (embedded channels) join mid-stream and lose messages on purpose. After every batch made
 * durable, each subscriber's book, rebuilt only from its snapshot and the increments after it, equals the engine's
 * book; a subscriber that lost a message sees the gap in the sequence numbers and recovers with a fresh snapshot.
 */
class FeedPropertyTest
{
    private static final int STREAMS = 12;
    private static final int COMMANDS = 3_000;

    /** A subscriber as a client writer would build it: books from snapshots and increments, sequence checks. */
    private static final class Subscriber
    {
        private final EmbeddedChannel channel = new EmbeddedChannel();
        private final Map<Integer, LevelBook> books = new HashMap<>();
        private final Map<Integer, Long> sequences = new HashMap<>();
        private final Map<Integer, Boolean> synced = new HashMap<>();
        private final Map<Integer, Boolean> undetectedLoss = new HashMap<>();
        private final Map<Integer, String> symbols = new HashMap<>();
        private int resyncs;

        void receive(final MarketDataAgent agent, final SplittableRandom random, final double lossRate)
            throws IOException
        {
            channel.runPendingTasks();
            final List<MarketDataMessage> messages = new ArrayList<>();
            ByteBuf batch;
            while ((batch = channel.readOutbound()) != null)
            {
                try
                {
                    final ByteBufInputStream in = new ByteBufInputStream(batch);
                    while (batch.isReadable())
                    {
                        messages.add(MarketDataMessage.parseDelimitedFrom(in));
                    }
                }
                finally
                {
                    batch.release();
                }
            }
            for (final MarketDataMessage message : messages)
            {
                switch (message.getBodyCase())
                {
                    case BOOK_SNAPSHOT:
                    {
                        final int id = message.getBookSnapshot().getInstrumentId();
                        final LevelBook book = new LevelBook();
                        for (final BookLevel level : message.getBookSnapshot().getLevelsList())
                        {
                            book.set(side(level), level.getPrice(), level.getQuantity(), level.getOrderCount());
                        }
                        books.put(id, book);
                        symbols.put(id, message.getBookSnapshot().getSymbol());
                        sequences.put(id, message.getBookSnapshot().getSequence());
                        synced.put(id, true);
                        undetectedLoss.put(id, false);
                        break;
                    }
                    case BOOK_UPDATE:
                    {
                        final int id = message.getBookUpdate().getInstrumentId();
                        if (lost(random, lossRate, id) || !next(agent, id, message.getBookUpdate().getSequence()))
                        {
                            break;
                        }
                        for (final BookLevel level : message.getBookUpdate().getLevelsList())
                        {
                            books.get(id).set(side(level), level.getPrice(), level.getQuantity(),
                                level.getOrderCount());
                        }
                        break;
                    }
                    case PUBLIC_TRADE:
                    {
                        final int id = message.getPublicTrade().getInstrumentId();
                        if (!lost(random, lossRate, id))
                        {
                            next(agent, id, message.getPublicTrade().getSequence());
                        }
                        break;
                    }
                    default:
                        break;
                }
            }
        }

        private boolean lost(final SplittableRandom random, final double lossRate, final int id)
        {
            if (synced.getOrDefault(id, false) && random.nextDouble() < lossRate)
            {
                undetectedLoss.put(id, true);
                return true;
            }
            return false;
        }

        private boolean next(final MarketDataAgent agent, final int id, final long sequence)
        {
            if (!synced.getOrDefault(id, false) || sequence <= sequences.get(id))
            {
                return false;
            }
            if (sequence != sequences.get(id) + 1)
            {
                synced.put(id, false);
                resyncs++;
                assertTrue(agent.offer(new FeedRequest.Subscribe(
                    channel, 100 + resyncs, List.of(symbols.get(id)), 0, true, true, false)));
                return false;
            }
            sequences.put(id, sequence);
            return true;
        }

        private static Side side(final BookLevel level)
        {
            return level.getSide() == io.arbiter.protocol.proto.Side.BUY ? Side.BUY : Side.SELL;
        }
    }

    @Test
    void shouldRebuildTheEnginesBookFromSnapshotsAndIncrementsWithLateJoinersAndGaps() throws IOException
    {
        int resyncs = 0;
        int comparisons = 0;
        for (long seed = 1; seed <= STREAMS; seed++)
        {
            final int[] counts = runStream(seed);
            resyncs += counts[0];
            comparisons += counts[1];
        }
        assertTrue(resyncs > 0, "gaps were forced and detected");
        assertTrue(comparisons > 1000, "books compared: " + comparisons);
    }

    private static int[] runStream(final long seed) throws IOException
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final AtomicLong durable = new AtomicLong();
        final MarketDataFeed feed = new MarketDataFeed(1 << 20, durable::get, seed);
        final MarketDataAgent agent = feed.agent();
        final MatchingEngine engine = new MatchingEngine(new EngineContext().orderPoolSize(1024).levelPoolSize(256),
            new TradeTapListener(NoOpExecutionListener.INSTANCE, feed.publisher()), feed.publisher());
        for (final CommandGenerator.InstrumentSpec spec : CommandGenerator.STANDARD_INSTRUMENTS)
        {
            engine.addInstrument(spec.symbol(), spec.tickSizeUnits(), spec.lotSize());
        }
        final CommandGenerator generator = new CommandGenerator(seed, null, CommandGenerator.STANDARD_INSTRUMENTS,
            3, 2 + seed % 5, EngineContext.DEFAULT_MAX_QUANTITY, EngineContext.DEFAULT_MAX_PRICE_TICKS);
        for (int i = 0; i < 40; i++)
        {
            runCommand(engine, feed, generator);
        }
        feed.seed(engine);
        final List<Subscriber> subscribers = new ArrayList<>();
        int comparisons = 0;
        long applied = 0;
        for (int i = 0; i < COMMANDS; i++)
        {
            applied = runCommand(engine, feed, generator);
            if (random.nextInt(300) == 0 || subscribers.isEmpty())
            {
                final Subscriber subscriber = new Subscriber();
                subscribers.add(subscriber);
                assertTrue(agent.offer(new FeedRequest.Subscribe(subscriber.channel, i,
                    List.of(CommandGenerator.SYMBOLS), 0, true, true, random.nextBoolean())));
            }
            if (random.nextInt(4) == 0)
            {
                durable.set(durable.get() + random.nextLong(applied - durable.get() + 1));
                agent.doWork();
                deliver(subscribers, agent, random, 0.01);
            }
            if (random.nextInt(20) == 0)
            {
                durable.set(applied);
                while (agent.doWork() > 0)
                {
                    deliver(subscribers, agent, random, 0);
                }
                deliver(subscribers, agent, random, 0);
                while (agent.doWork() > 0)
                {
                    deliver(subscribers, agent, random, 0);
                }
                comparisons += compare(seed, i, engine, subscribers);
            }
        }
        int resyncs = 0;
        for (final Subscriber subscriber : subscribers)
        {
            resyncs += subscriber.resyncs;
            subscriber.channel.finishAndReleaseAll();
        }
        assertEquals(0, feed.publisher().dropped());
        return new int[] {resyncs, comparisons};
    }

    private static long runCommand(
        final MatchingEngine engine, final MarketDataFeed feed, final CommandGenerator generator)
    {
        final Command command = generator.next();
        feed.publisher().beginCommand(command.sequence(), command.timestampNs());
        engine.onCommand(command);
        return command.sequence();
    }

    private static void deliver(
        final List<Subscriber> subscribers, final MarketDataAgent agent, final SplittableRandom random,
        final double lossRate) throws IOException
    {
        for (final Subscriber subscriber : subscribers)
        {
            subscriber.receive(agent, random, lossRate);
        }
    }

    private static int compare(
        final long seed, final int command, final MatchingEngine engine, final List<Subscriber> subscribers)
    {
        final Map<Integer, LevelBook> expected = booksOf(engine);
        int comparisons = 0;
        for (final Subscriber subscriber : subscribers)
        {
            for (final Map.Entry<Integer, LevelBook> entry : subscriber.books.entrySet())
            {
                final int id = entry.getKey();
                if (!subscriber.synced.get(id) || subscriber.undetectedLoss.get(id))
                {
                    continue;
                }
                final LevelBook engineBook = expected.getOrDefault(id, new LevelBook());
                assertTrue(engineBook.sameLevels(entry.getValue()), () -> "seed " + seed + " after command " +
                    command + " instrument " + id + ": engine " + engineBook + " subscriber " + entry.getValue());
                comparisons++;
            }
        }
        return comparisons;
    }

    private static Map<Integer, LevelBook> booksOf(final MatchingEngine engine)
    {
        final Map<Integer, LevelBook> books = new HashMap<>();
        engine.snapshot(new SnapshotLevels((instrumentId, side, price, quantity, count) ->
            books.computeIfAbsent(instrumentId, id -> new LevelBook()).set(side, price, quantity, count)));
        return books;
    }
}
